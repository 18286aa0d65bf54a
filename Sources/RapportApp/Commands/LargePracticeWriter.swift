import Fluent
import Foundation
import RapportCore
import SQLKit

extension LargePractice {
    /// Generates and writes the rows, client by client, inside the caller's transaction.
    struct Writer: Sendable {
        let practice: PracticeContext
        let services: [(id: UUID, code: String, description: String, minutes: Int)]
        let size: Size
        let since: LocalDate
        let ownerClinician: UUID?
        let horizon: Date
        let progress: @Sendable (String) -> Void

        struct Counts {
            var sessions = 0, invoices = 0, payments = 0
            /// The heavy client the benchmark opens, with its sessions and invoices.
            var heavyClient: UUID?
            var heavySessions = 0, heavyInvoices = 0
        }

        func write(on db: any Database) async throws -> Counts {
            var random = SplitMix64(seed: 500)
            let now = Date()
            let today = practice.today
            let pid = practice.id
            var tables = Tables()
            var clinicians = [ownerClinician].compactMap { $0 }
            var clinicianNames = [UUID: String]()
            if let owner = ownerClinician { clinicianNames[owner] = "Dr. Ana Ruiz" }
            for index in 1..<max(1, size.clinicians) {
                let id = UUID()
                let name = "\(DemoCatalog.firstNames[index % 24]) \(DemoCatalog.lastNames[(index * 5) % 24]), LCSW"
                clinicians.append(id)
                clinicianNames[id] = name
                let color = ClinicianColor.allCases[index % ClinicianColor.allCases.count].rawValue
                tables.clinicians.add([id, pid, name, "clinician\(index)@lakeside.example", true, color, now])
            }
            try await tables.clinicians.flush(on: db)
            let rates = Dictionary(
                uniqueKeysWithValues: zip(
                    services.map(\.id),
                    DemoCatalog.services.map {
                        EffectiveHistory([.init(effectiveFrom: .distantPast, value: practice.money($0.3))])
                    }))
            let therapy45 = services[0].id, therapy60 = services[2].id
            var counts = Counts()
            var invoiceNumber = 0
            for index in 0..<size.clients {
                let client = UUID()
                if index == 0 { counts.heavyClient = client }
                let clinician = clinicians[index % clinicians.count]
                let first = DemoCatalog.firstNames[index % 24],
                    last = DemoCatalog.lastNames[(index / 24 + index * 7) % 24]
                tables.clients.add([
                    client, pid, first, last, "\(first) \(last)".lowercased(), "client\(index)@mail.example",
                    "555-\(1000 + index % 9000)", nil as String?, "active", clinician, now,
                ])
                var rules = PricingRules(practiceDefaultServiceID: practice.defaultServiceID, serviceRates: rates)
                if index % 5 == 0 {
                    tables.defaults.add([UUID(), pid, client, therapy60, LocalDate.distantPast.description, now])
                    rules.clientDefaultService = EffectiveHistory([.init(effectiveFrom: .distantPast, value: therapy60)]
                    )
                }
                if index % 4 == 1 {
                    let fee = Int64(12000 + 500 * Int.random(in: 0...4, using: &random))
                    tables.fees.add([UUID(), pid, client, therapy45, fee, LocalDate.distantPast.description, now])
                    rules.clientFees[therapy45] = EffectiveHistory([
                        .init(effectiveFrom: .distantPast, value: practice.money(fee))
                    ])
                }
                try writeSeries(
                    client: client, clinician: clinician, clinicianName: clinicianNames[clinician] ?? "", rules: rules,
                    index: index, today: today, now: now, invoiceNumber: &invoiceNumber, counts: &counts,
                    tables: &tables, random: &random)
                if tables.sessions.isFull || tables.lines.isFull { try await tables.flush(on: db) }
                if (index + 1) % 100 == 0 || index + 1 == size.clients {
                    progress(
                        "clients \(index + 1)/\(size.clients) · sessions \(counts.sessions) · invoices \(counts.invoices)"
                    )
                }
            }
            try await tables.flush(on: db)
            // The next invoice, by hand or by a run, continues the numbering.
            try await db.sql().delete(from: InvoiceCounter.schema).where("practice_id", .equal, SQLBind(pid)).run()
            try await db.sql().insert(into: InvoiceCounter.schema).columns("practice_id", "last_number")
                .values(SQLBind(pid), SQLBind(invoiceNumber)).run()
            return counts
        }

        /// One client's series: its sessions with attendance, monthly invoices for past months, payments.
        private func writeSeries(
            client: UUID, clinician: UUID, clinicianName: String, rules: PricingRules, index: Int, today: LocalDate,
            now: Date,
            invoiceNumber: inout Int, counts: inout Counts, tables: inout Tables, random: inout SplitMix64
        ) throws {
            // The first client is the benchmark's heavy one: three sessions a week for the whole span,
            // billed by hand twice a month (about 900 sessions and 120 invoices over five years).
            let heavy = index == 0
            var first = heavy ? since : since.adding(days: Int.random(in: 0..<90, using: &random))
            while heavy ? first.weekday != .monday : [.saturday, .sunday].contains(first.weekday) {
                first = first.adding(days: 1)
            }
            guard
                let time = LocalTime(hour: 8 + Int.random(in: 0...9, using: &random), minute: index % 2 == 0 ? 0 : 30),
                let rule = try? RecurrenceRule(
                    frequency: .weekly, interval: index % 3 == 2 ? 2 : 1,
                    byDay: heavy ? [.init(.monday), .init(.wednesday), .init(.friday)] : [.init(first.weekday)])
            else { return }
            let start = LocalDateTime(date: first, time: time)
            let series = UUID()
            let minutes = (rules.clientDefaultService.value(on: today) ?? nil) == services[2].id ? 60 : 45
            tables.series.add([
                series, practice.id, client, clinician, rule.description, start.description,
                practice.timeZone.identifier,
                minutes, index % 3 == 0 ? "Telehealth" : "Office \(index % 6 + 1)", nil as UUID?, nil as Int64?,
                horizon,
                nil as Date?, now,
            ])
            var periods:
                [ClosedRange<LocalDate>: [(
                    session: UUID, start: Date, date: LocalDate, attendance: Attendance, price: Price, charge: Money
                )]] = [:]
            let recurrence = Recurrence(rule: rule, start: start, timeZone: practice.timeZone)
            var sessionRows: [(UUID, [any Encodable & Sendable])] = []
            for occurrence in recurrence.occurrences(from: .distantPast, to: horizon) {
                let date = occurrence.originalStart.date
                guard let price = try? Pricing.price(PricingRequest(date: date), rules: rules) else { continue }
                let attendance: Attendance
                if occurrence.start >= now {
                    attendance = .scheduled
                } else {
                    let roll = Int.random(in: 0..<100, using: &random)
                    attendance = roll < 85 ? .show : roll < 91 ? .cancelled : roll < 95 ? .lateCancelled : .noShow
                }
                let id = UUID()
                sessionRows.append(
                    (
                        id,
                        [
                            id, practice.id, client, clinician, series, occurrence.originalStart.description,
                            occurrence.start,
                            minutes, nil as String?, attendance.rawValue, nil as UUID?, nil as Int64?, price.serviceID,
                            price.serviceSource.rawValue, price.fee.amount, price.feeSource.rawValue, false,
                        ]
                    ))
                let period = LargePractice.invoicePeriod(containing: date, halfMonthly: heavy)
                if period.upperBound < today,
                    let charge = practice.attendancePolicy.charge(for: attendance, fee: price.fee), charge.amount > 0
                {
                    periods[period, default: []].append((id, occurrence.start, date, attendance, price, charge))
                }
            }
            var invoiceOf: [UUID: UUID] = [:]
            for (period, billed) in periods.sorted(by: { $0.key.lowerBound < $1.key.lowerBound }) {
                invoiceNumber += 1
                let invoice = UUID()
                let total = billed.reduce(Int64(0)) { $0 + $1.charge.amount }
                let paidOn = period.upperBound.adding(days: 3 + Int.random(in: 0...20, using: &random))
                let paid = paidOn < today && Int.random(in: 0..<10, using: &random) < 9
                tables.invoices.add(
                    InvoiceWriter.invoiceRow(
                        id: invoice, practiceID: practice.id, clientID: client, number: invoiceNumber,
                        issueDate: period.upperBound, period: period,
                        origin: heavy ? "manual" : InvoiceMode.monthly.rawValue, total: total, paid: paid ? total : 0,
                        createdBy: "Automatic invoicing", at: now))
                for line in billed {
                    invoiceOf[line.session] = invoice
                    let service = services.first { $0.id == line.price.serviceID }
                    tables.lines.add(
                        InvoiceWriter.lineRow(
                            practiceID: practice.id, invoiceID: invoice, sessionID: line.session,
                            dateOfService: line.date, serviceID: line.price.serviceID, serviceCode: service?.code ?? "",
                            serviceDescription: service?.description ?? "", clinicianID: clinician,
                            clinicianName: clinicianName, attendance: line.attendance, fee: line.price.fee.amount,
                            amount: line.charge.amount,
                            pricedFrom: PricingInputs(startsAt: line.start)))
                }
                counts.invoices += 1
                if paid {
                    let payment = UUID()
                    tables.payments.add([
                        payment, practice.id, client, paidOn.description, total,
                        ["card", "card", "check", "cash"][invoiceNumber % 4],
                        nil as String?, total, "Dr. Ana Ruiz", now,
                    ])
                    tables.applications.add([UUID(), practice.id, payment, invoice, total, now])
                    counts.payments += 1
                }
            }
            for (id, row) in sessionRows { tables.sessions.add(row + [invoiceOf[id], now, now]) }
            if heavy { (counts.heavySessions, counts.heavyInvoices) = (sessionRows.count, periods.count) }
            counts.sessions += sessionRows.count
        }
    }

    /// The calendar month of `date`, or its half (1st–15th, 16th–end) for a client billed twice a month.
    static func invoicePeriod(containing date: LocalDate, halfMonthly: Bool) -> ClosedRange<LocalDate> {
        let month = InvoiceMode.monthly.period(containing: date)
        guard halfMonthly else { return month }
        let middle = month.lowerBound.adding(days: 14)
        return date <= middle ? month.lowerBound...middle : middle.adding(days: 1)...month.upperBound
    }

    /// The row buffers, flushed parents first so every foreign key already exists.
    struct Tables {
        var clinicians = BulkRows(
            "clinicians", columns: ["id", "practice_id", "name", "email", "active", "color", "created_at"])
        var clients = BulkRows(
            "clients",
            columns: [
                "id", "practice_id", "first_name", "last_name", "search_name", "email", "phone",
                "date_of_birth", "status", "primary_clinician_id", "created_at",
            ])
        var defaults = BulkRows(
            "client_default_services",
            columns: ["id", "practice_id", "client_id", "service_id", "effective_from", "created_at"])
        var fees = BulkRows(
            "client_fees",
            columns: ["id", "practice_id", "client_id", "service_id", "amount", "effective_from", "created_at"])
        var series = BulkRows(
            "series",
            columns: [
                "id", "practice_id", "client_id", "clinician_id", "rule", "start_local", "time_zone",
                "duration_minutes", "location", "chosen_service_id", "fee_override", "generated_through",
                "ended_at", "created_at",
            ])
        var sessions = BulkRows(
            "sessions",
            columns: [
                "id", "practice_id", "client_id", "clinician_id", "series_id", "original_start_local",
                "starts_at", "duration_minutes", "location", "attendance", "chosen_service_id",
                "fee_override", "service_id", "service_source", "fee_amount", "fee_source",
                "is_exception", "invoice_id", "created_at", "updated_at",
            ])
        var invoices = BulkRows(Invoice.schema, columns: InvoiceWriter.invoiceColumns)
        var lines = BulkRows(InvoiceLine.schema, columns: InvoiceWriter.lineColumns)
        var payments = BulkRows(
            "payments",
            columns: [
                "id", "practice_id", "client_id", "received_on", "amount", "method", "reference",
                "applied", "created_by_name", "created_at",
            ])
        var applications = BulkRows(
            "payment_applications", columns: ["id", "practice_id", "payment_id", "invoice_id", "amount", "created_at"])

        mutating func flush(on db: any Database) async throws {
            try await clients.flush(on: db)
            try await defaults.flush(on: db)
            try await fees.flush(on: db)
            try await series.flush(on: db)
            try await sessions.flush(on: db)
            try await invoices.flush(on: db)
            try await lines.flush(on: db)
            try await payments.flush(on: db)
            try await applications.flush(on: db)
        }
    }
}
