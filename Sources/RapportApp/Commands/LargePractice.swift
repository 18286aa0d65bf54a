import Fluent
import Foundation
import RapportCore
import Vapor

/// A large practice for benchmarks and load: clinicians, clients with their own rules, years of
/// weekly and every-other-week series with attendance, monthly invoices and payments. Prices come
/// from the same Core rules as always; rows are written with multi-row inserts in one transaction.
struct LargePractice {
    struct Size: Sendable {
        var clinicians: Int
        var clients: Int
        var years: Int

        /// 50 clinicians, 2,000 clients, 5 years: about 500,000 sessions.
        static let large = Size(clinicians: 50, clients: 2000, years: 5)
    }

    struct Result: Sendable {
        let token: String
        let sessions: Int
        let invoices: Int
        let payments: Int
        /// The client with the most sessions and invoices, for the benchmark's client overview.
        let heavyClientID: UUID?
        let heavyClientSessions: Int
        let heavyClientInvoices: Int
    }

    let database: any Database
    let settings: Settings
    let passwords: PasswordPolicy
    let progress: @Sendable (String) -> Void

    /// The owner's email of the `number`th practice generated into one database (from 1).
    static func ownerEmail(_ number: Int) -> String {
        number == 1 ? "owner@lakeside.example" : "owner\(number)@lakeside.example"
    }

    /// Generates the `number`th practice of the database (from 1; the first through first-run setup,
    /// the others as a hosting operator adds them).
    func create(_ size: Size, password: String, number: Int = 1) async throws -> Result {
        let input = PracticeSetup.Input(
            practiceName: "Lakeside Behavioral Health" + (number == 1 ? "" : " \(number)"),
            timeZone: "America/Chicago", currency: "USD", ownerName: "Dr. Ana Ruiz",
            email: Self.ownerEmail(number), password: password, ownerIsClinician: true)
        let practices = PracticeSetup(database: database, passwords: passwords)
        let setup = number == 1 ? try await practices.run(input) : try await practices.createAnother(input, by: nil)
        let actor = Actor(userID: setup.userId, practiceID: setup.practiceId, name: "Dr. Ana Ruiz", role: .owner)
        var services: [(id: UUID, code: String, description: String, minutes: Int)] = []
        for (code, description, minutes, rate) in DemoCatalog.services {
            let service = try await ServiceCatalog(database: database, actor: actor).create(
                .init(
                    code: code, description: description, durationMinutes: minutes,
                    rate: Money(amount: rate, currency: .usd)))
            services.append((service.id, code, description, minutes))
        }
        let context = try await PracticeContext.of(actor, on: database)
        let since = context.today.adding(days: -365 * size.years)
        _ = try await PracticeSettings(database: database, actor: actor).update(
            .init(
                lateCancel: .init(.percent(50)), noShow: .init(.fixed(Money(amount: 7500, currency: .usd))),
                invoiceMode: InvoiceMode.monthly.rawValue, invoiceModeSince: since))
        let practice = try await PracticeContext.of(actor, on: database)
        let writer = Writer(
            practice: practice, services: services, size: size, since: since, ownerClinician: setup.clinicianId,
            horizon: SeriesMaterializer.horizon(settings), progress: progress)
        let counts = try await database.writeTransaction(practice: actor.practiceID) { db in
            let sql = try db.sql()
            // Half a million random-UUID index inserts: keep the B-trees' pages in memory (256 MB)
            // instead of spilling them to the write-ahead log and reading them back.
            if sql.dialect.name == "sqlite" { try await sql.raw("PRAGMA cache_size = -262144").run() }
            let tables = [
                "clients", "series", "sessions", "invoices", "invoice_lines", "payments", "payment_applications",
            ]
            let deferred = try await DeferredIndexes.drop(on: tables, in: db)
            let marks = try await DeferredMarks.drop(on: tables, in: db)
            let counts = try await writer.write(on: db)
            progress("building indexes")
            try await deferred.rebuild(in: db)
            try await marks.rebuild(practiceID: actor.practiceID, in: db)
            return counts
        }
        // Planner statistics for the new rows, as autovacuum (PostgreSQL) or `PRAGMA optimize`
        // (SQLite) would gather over time: without them the first queries are planned blind.
        try await database.sql().raw("ANALYZE").run()
        return Result(
            token: setup.token, sessions: counts.sessions, invoices: counts.invoices, payments: counts.payments,
            heavyClientID: counts.heavyClient, heavyClientSessions: counts.heavySessions,
            heavyClientInvoices: counts.heavyInvoices)
    }
}
