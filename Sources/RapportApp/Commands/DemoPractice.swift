import Fluent
import RapportCore
import Vapor

/// A demo practice built through the same use cases the API calls, so it obeys every rule.
struct DemoPractice {
    static let practiceName = "Riverside Counseling"
    static let ownerEmail = "owner@riverside.example"

    let database: any Database
    let settings: Settings
    let passwords: PasswordPolicy

    struct Result {
        let token: String
        let clients: Int
        let sessions: Int
        let invoices: Int
    }

    func create(password: String) async throws -> Result {
        var random = SplitMix64(seed: 2026)
        let setup = try await PracticeSetup(database: database, passwords: passwords).run(
            .init(
                practiceName: Self.practiceName, timeZone: "America/New_York", currency: "USD",
                ownerName: "Dr. Maya Chen",
                email: Self.ownerEmail, password: password, ownerIsClinician: true))
        let actor = Actor(userID: setup.userId, practiceID: setup.practiceId, name: "Dr. Maya Chen", role: .owner)
        let usd = Currency.usd
        let services = Dictionary(
            uniqueKeysWithValues: try await DemoCatalog.createServices(actor: actor, on: database).map {
                ($0.code, $0.id)
            })
        _ = try await PracticeSettings(database: database, actor: actor).update(
            .init(
                lateCancel: .init(.percent(50)), noShow: .init(.fixed(Money(amount: 7500, currency: usd)))))

        var clinicians = [setup.clinicianId].compactMap { $0 }
        for (name, email) in [
            ("Jordan Alvarez, LCSW", "jordan@riverside.example"), ("Sam Okafor, LMFT", "sam@riverside.example"),
        ] {
            clinicians.append(
                try await ClinicianDirectory(database: database, actor: actor).create(.init(name: name, email: email))
                    .id)
        }

        let firstNames = DemoCatalog.firstNames
        let lastNames = DemoCatalog.lastNames
        let zone = TimeZone(iana: "America/New_York") ?? .current
        let today = zone.localDate(Date())
        let directory = ClientDirectory(database: database, actor: actor)
        let scheduling = SeriesScheduling(database: database, actor: actor, settings: settings)
        var sessionCount = 0
        for index in 0..<40 {
            let clinician = clinicians[index % clinicians.count]
            let client = try await directory.create(
                .init(
                    firstName: firstNames[index % firstNames.count], lastName: lastNames[(index * 7) % lastNames.count],
                    email: .set("client\(index + 1)@mail.example"),
                    phone: .set("555-01\(String(format: "%02d", index))"),
                    status: index < 36 ? "active" : "inactive", primaryClinicianId: .set(clinician),
                    defaultServiceId: index % 5 == 0 ? services["90837"] : nil))
            if index % 4 == 1, let therapy = services["90834"] {
                _ = try await ClientBillingRules(database: database, actor: actor).update(
                    client.id,
                    .init(
                        fees: [.init(serviceId: therapy, amount: Money(amount: 12000, currency: usd))]))
            }
            guard index < 36 else { continue }
            // Weekly or every-other-week series that started some weeks ago, on a weekday at a round
            // hour: each of a clinician's clients has a slot of their own (weekday, hour), so the
            // demo calendar has no double bookings.
            let weeksAgo = Int.random(in: 4...16, using: &random)
            let slot = index / clinicians.count
            let start = today.adding(days: -today.weekday.mondayIndex - 7 * weeksAgo + slot % 5)
            let hour = 9 + (slot / 5) * 3 + slot % 2
            guard let time = LocalTime(hour: hour, minute: 0) else { continue }
            let series = try await scheduling.create(
                .init(
                    clientId: client.id, clinicianId: clinician, start: LocalDateTime(date: start, time: time),
                    location: index % 3 == 0 ? "Telehealth" : "Office 2",
                    rule: index % 3 == 2 ? "FREQ=WEEKLY;INTERVAL=2" : "FREQ=WEEKLY"))
            sessionCount += series.occurrences.count
            try await recordAttendance(series.occurrences, actor: actor, random: &random)
        }
        let invoices = try await bill(actor: actor, today: today, random: &random)
        return Result(token: setup.token, clients: 40, sessions: sessionCount, invoices: invoices)
    }

    /// Monthly invoicing for the past months, and payments for most of those invoices.
    private func bill(actor: Actor, today: LocalDate, random: inout SplitMix64) async throws -> Int {
        let since = InvoiceMode.monthly.period(containing: today.adding(days: -120)).lowerBound
        _ = try await PracticeSettings(database: database, actor: actor).update(
            .init(invoiceMode: InvoiceMode.monthly.rawValue, invoiceModeSince: since))
        guard let practice = try await Practice.find(actor.practiceID, on: database) else { return 0 }
        let made = try await InvoiceRun(database: database, logger: Logger(label: "rapport.demo")).run(
            practice, through: today)
        let payments = Payments(database: database, actor: actor)
        for invoice in try await Invoice.query(on: database).filter(\.$practiceID == actor.practiceID).sort(\.$number)
            .all()
        {
            let roll = Int.random(in: 0..<10, using: &random)
            guard roll < 8 else { continue }
            let issued = invoice.issueDate
            let amount = roll < 7 ? invoice.total : invoice.total / 2
            _ = try await payments.record(
                PaymentInput(
                    clientId: invoice.clientID, amount: Money(amount: amount, currency: .usd),
                    method: ["card", "card", "check", "cash"][roll % 4],
                    receivedOn: min(issued.adding(days: 3 + roll), today),
                    reference: roll % 4 == 2 ? "Check \(1000 + invoice.number)" : nil, apply: .auto))
        }
        return made
    }

    /// Past sessions get mostly "show", with the occasional cancellation, late cancel or no-show.
    private func recordAttendance(_ sessions: [SessionDetails], actor: Actor, random: inout SplitMix64) async throws {
        let scheduling = SessionScheduling(database: database, actor: actor, settings: settings)
        for session in sessions where session.start < Date() {
            let roll = Int.random(in: 0..<20, using: &random)
            let attendance: Attendance =
                roll < 16 ? .show : roll < 18 ? .cancelled : roll < 19 ? .lateCancelled : .noShow
            _ = try await scheduling.update(session.id, SessionInput(attendance: attendance.rawValue), scope: .thisOnly)
        }
    }
}
