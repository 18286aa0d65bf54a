import Fluent
import Foundation
import RapportCore
import SQLKit

/// The database's plan for each hot query, built by the same functions the app uses, against the
/// large practice: `EXPLAIN QUERY PLAN` on SQLite, `EXPLAIN` on PostgreSQL; and the query's floor,
/// the median time of running it and reading every row inside the process, which scripts/bench
/// shows beside the endpoint that asks it.
struct QueryPlans {
    let database: any Database

    struct Plan: Encodable {
        let query: String
        let plan: [String]
        /// The median of ``runs`` runs, in milliseconds.
        let milliseconds: Double
    }

    static let runs = 21

    func explain() async throws -> [Plan] {
        let sql = try database.sql()
        guard let practice = try await Practice.query(on: database).first(), let practiceID = practice.id else {
            throw BenchError("no practice: run rapport demo --size large first")
        }
        let context = try PracticeContext(practice)
        let owner = Actor(userID: nil, practiceID: practiceID, name: "Bench", role: .owner)
        guard
            let busiest = try await sql.raw(
                """
                SELECT client_id, clinician_id, COUNT(*) AS sessions FROM sessions
                WHERE practice_id = \(bind: practiceID) GROUP BY client_id, clinician_id ORDER BY sessions DESC LIMIT 1
                """
            ).first()
        else { throw BenchError("the practice has no sessions") }
        let client = try busiest.decode(column: "client_id", as: UUID.self)
        let clinician = try busiest.decode(column: "clinician_id", as: UUID.self)
        let week =
            context.timeZone.startOfDay(context.today)...context.timeZone.startOfDay(context.today.adding(days: 7))
        // The outstanding report's first page: the hundred largest balances.
        let owing = Balances.owingClients(practiceID: practiceID, visible: nil)
        let ranked = Balances.ranked(try Page(limit: 100, offset: 0))
        let firstPage: SQLQueryString = "SELECT client_id \(owing) \(ranked)"
        let year = Date().addingTimeInterval(-400 * 86_400)...Date()
        let weeksClients = try await sql.raw(
            """
            SELECT DISTINCT client_id FROM sessions WHERE practice_id = \(bind: practiceID)
            AND clinician_id = \(bind: clinician) AND starts_at >= \(bind: week.lowerBound)
            AND starts_at < \(bind: week.upperBound)
            """
        ).all().map { try $0.decode(column: "client_id", as: UUID.self) }
        var queries: [(String, any SQLExpression)] = [
            (
                "calendar week, one clinician",
                SessionScheduling.query(
                    .init(from: week.lowerBound, to: week.upperBound, clinicianIDs: [clinician], limit: 5000),
                    actor: owner, on: sql
                ).query
            ),
            (
                "calendar week, whole practice",
                SessionScheduling.query(
                    .init(from: week.lowerBound, to: week.upperBound, clinicianIDs: [], limit: 5000), actor: owner,
                    on: sql
                ).query
            ),
            (
                "client overview: latest sessions",
                SessionScheduling.query(
                    .init(
                        from: year.lowerBound, to: year.upperBound, clinicianIDs: [], clientID: client, limit: 25,
                        newestFirst: true), actor: owner, on: sql
                ).query
            ),
            (
                "coverage, kept while the billing inputs stand: the calendar week's clients",
                CoverageBook.clientsAndPolicies(practiceID: practiceID, clientIDs: weeksClients)
            ),
            (
                "coverage, kept while the billing inputs stand: the heavy client",
                CoverageBook.clientsAndPolicies(practiceID: practiceID, clientIDs: [client])
            ),
            (
                "client overview: billed lines against the rules",
                BillingComparison.billedLines(practiceID: practiceID, clientIDs: [client], from: nil)
            ),
            (
                "client overview: claim lines against the rules",
                BillingComparison.claimedLines(practiceID: practiceID, clientIDs: [client])
            ),
            ("client overview: unbilled work", Balances.unbilled(practiceID: practiceID, clientID: client)),
            (
                "client overview: the client's invoices, newest first (as Invoicing.list asks through Lookup.page)",
                SQLQueryString(
                    """
                    SELECT * FROM invoices WHERE practice_id = \(bind: practiceID) AND client_id = \(bind: client)
                    ORDER BY number DESC, id LIMIT 50
                    """)
            ),
            (
                "outstanding report: the first page of clients by balance",
                SQLQueryString("SELECT client_id, open_invoiced, responsibility, credit, sort_name \(owing) \(ranked)")
            ),
            (
                "outstanding report: clients who owe or hold credit",
                SQLQueryString("SELECT COUNT(*) AS clients \(owing)")
            ),
            ("outstanding report: the open amount per day", Balances.openDays(practiceID: practiceID)),
            (
                "outstanding report: the first page's open invoices by age",
                Balances.openInvoices(practiceID: practiceID, clients: firstPage, today: context.today)
            ),
            (
                "outstanding report: the first page's patient responsibility by age",
                Balances.openPatientResponsibility(
                    practiceID: practiceID, clients: firstPage, today: context.today)
            ),
            ("outstanding report: claims awaiting payment", Balances.awaitingClaims(practiceID: practiceID)),
            ("API token and its owner", BearerAuthenticator.tokenAndOwner(hash: String(repeating: "0", count: 64))),
        ]
        // The payers' terms are read only when a client of the read has a policy. Coverage is not
        // among the endpoints' floors: what they compute afresh after a booking finds it kept.
        if try await sql.raw("SELECT 1 AS one FROM policies WHERE practice_id = \(bind: practiceID) LIMIT 1").first()
            != nil
        {
            queries.append(
                (
                    "coverage, kept while the billing inputs stand: the payers' terms",
                    CoverageBook.terms(practiceID: practiceID)
                ))
        }
        let prefix = sql.dialect.name == "sqlite" ? "EXPLAIN QUERY PLAN" : "EXPLAIN"
        var plans: [Plan] = []
        for (name, query) in queries {
            let rows = try await sql.raw("\(unsafeRaw: prefix) \(query)").all()
            let lines = try rows.map { row in
                row.allColumns.contains("detail")
                    ? try row.decode(column: "detail", as: String.self)
                    : try row.decode(column: "QUERY PLAN", as: String.self)
            }
            var times: [Double] = []
            for _ in 0..<Self.runs {
                times.append(try await timed { try await sql.raw("\(query)").all() }.1 * 1000)
            }
            plans.append(Plan(query: name, plan: lines, milliseconds: times.sorted()[Self.runs / 2]))
        }
        return plans
    }
}
