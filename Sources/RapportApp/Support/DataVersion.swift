import Fluent
import Foundation
import SQLKit

/// A number per practice that every committed change to the practice's data moves forward, so a
/// kept answer can tell whether it is still true (``ReadCache``).
///
/// Every writing transaction (``Fluent/Database/writeTransaction(practice:_:)``) adds one to its
/// practice's number as its first statement, so the new number commits with the change or not at
/// all, and on PostgreSQL the practice's writes take turns on the row from there. A request reads
/// its practice's number with its sign-in (the token or browser-session query), before it reads
/// anything else; whatever it reads afterwards is at least as new as that
/// number, so its answer may be kept under it and given again while the number stands. Several
/// servers share the rows, so a change made through one retires every other server's kept answers
/// for that practice at their next request.
///
/// One row per practice: one practice's writes neither take turns with another's on PostgreSQL
/// (a transaction takes the row's lock before any other, so it waits holding nothing and cannot
/// be part of a deadlock) nor retire another's kept answers. A practice's first change (its
/// setup) makes the row as its last statement, after the practice it refers to.
enum DataVersion {
    static let table = "practice_versions"

    /// Moves the practice's number on; the first statement of a writing transaction. Returns the
    /// practice's billing number as it stands, or nil when the practice has no number yet — its
    /// first change, which may make the practice itself, so the row must come after it:
    /// ``start(practiceID:on:)``, at the transaction's end.
    static func advance(practiceID: UUID, on sql: any SQLDatabase) async throws -> Int64? {
        try await sql.raw(
            """
            UPDATE practice_versions SET version = version + 1 WHERE practice_id = \(bind: practiceID)
            RETURNING billing_version
            """
        ).firstPrepared()?.decode(column: "billing_version", as: Int64.self)
    }

    /// Makes the practice's number, or moves it on if another transaction made it meanwhile. The
    /// triggers that mark what a change touched found no row to mark until now, so everything is
    /// marked changed at this number.
    static func start(practiceID: UUID, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            INSERT INTO practice_versions
              (practice_id, version, billing_version, shared_version, calendar_version, access_version)
            VALUES (\(bind: practiceID), 1, 1, 1, 1, 1)
            ON CONFLICT (practice_id) DO UPDATE SET version = practice_versions.version + 1,
              billing_version = practice_versions.version + 1, shared_version = practice_versions.version + 1,
              calendar_version = practice_versions.version + 1, access_version = practice_versions.version + 1
            """
        ).run()
    }

    /// The practice's numbers a request goes on at.
    struct SignedIn: Sendable, Equatable {
        /// The practice's number.
        let data: Int64
        /// The number at which what an API sign-in reads last changed (``AddAccessVersion``).
        let access: Int64
        /// The number at which the billing inputs last changed (``billing(practiceID:on:)``).
        let billing: Int64
    }

    /// The practice's number, its access number and its billing number, in one statement: a
    /// sign-in read at that access number stands, and the request goes on at the data and billing
    /// numbers. Nil when the practice has no numbers yet.
    static func signIn(practiceID: UUID, on sql: any SQLDatabase) async throws -> SignedIn? {
        guard
            let row = try await sql.raw(
                """
                SELECT version, access_version, billing_version FROM practice_versions
                WHERE practice_id = \(bind: practiceID)
                """
            ).firstPrepared()
        else { return nil }
        return SignedIn(
            data: try row.decode(column: "version", as: Int64.self),
            access: try row.decode(column: "access_version", as: Int64.self),
            billing: try row.decode(column: "billing_version", as: Int64.self))
    }

    /// The number at which the practice's billing inputs last changed (``AddBillingVersion``):
    /// what is worked out from them alone may be kept while it stands. Read before them, as
    /// ``signIn(practiceID:on:)`` is read before the rest.
    static func billing(practiceID: UUID, on sql: any SQLDatabase) async throws -> Int64 {
        try await sql.raw("SELECT billing_version FROM practice_versions WHERE practice_id = \(bind: practiceID)")
            .firstPrepared()?.decode(column: "billing_version", as: Int64.self) ?? 0
    }

    /// A kept answer's own number and, read in the same statement, the billing number: what the
    /// answer is made from afterwards is at least as new as both (``BillingShelf/billingVersion``).
    struct ShelfNumbers: Sendable, Equatable {
        let number: Int64
        let billing: Int64
    }

    /// The number at which something a screen of the client shows last changed (``AddClientVersions``):
    /// the client's own rows, or rows every client's screen may show — and, read in the same
    /// statement, the practice's billing number. A screen worked out after reading them may be kept
    /// while the first stands, whatever else of the practice changes. Nil when the practice has no
    /// number yet.
    static func clientScreen(
        practiceID: UUID, clientID: UUID, on sql: any SQLDatabase
    ) async throws -> ShelfNumbers? {
        guard
            let row = try await sql.raw(
                """
                SELECT p.shared_version, p.billing_version,
                  (SELECT c.version FROM client_versions c WHERE c.client_id = \(bind: clientID)
                   AND c.practice_id = p.practice_id) AS own
                FROM practice_versions p WHERE p.practice_id = \(bind: practiceID)
                """
            ).firstPrepared()
        else { return nil }
        return try numbers(row, shared: "shared_version")
    }

    /// The number at which something a calendar of `clinicianIDs` (nil: of all the practice's
    /// clinicians) shows last changed (``AddCalendarVersions``): those clinicians' sessions, or
    /// rows any calendar may show — and, read in the same statement, the practice's billing number. A
    /// calendar worked out after reading them may be kept while the first stands, whatever else of
    /// the practice changes. Nil when the practice has no number yet.
    static func calendar(
        practiceID: UUID, clinicianIDs: [UUID]?, on sql: any SQLDatabase
    ) async throws -> ShelfNumbers? {
        let theirs: SQLQueryString = clinicianIDs.map { " AND " + .column("c.clinician_id", in: $0) } ?? ""
        let query: SQLQueryString =
            "SELECT p.calendar_version, p.billing_version, (SELECT max(c.version) FROM clinician_versions c"
            + " WHERE c.practice_id = p.practice_id" + theirs
            + ") AS own FROM practice_versions p WHERE p.practice_id = \(bind: practiceID)"
        guard let row = try await sql.raw(query).firstPrepared() else { return nil }
        return try numbers(row, shared: "calendar_version")
    }

    /// The later of the shared and the own number, and the billing number.
    private static func numbers(_ row: any SQLRow, shared: String) throws -> ShelfNumbers {
        let shared = try row.decode(column: shared, as: Int64.self)
        return ShelfNumbers(
            number: max(shared, try row.decode(column: "own", as: Int64?.self) ?? 0),
            billing: try row.decode(column: "billing_version", as: Int64.self))
    }

    /// The number as a column of a sign-in query that has its practice as `p`, named `data_version`.
    static let column = SQLRaw(
        "COALESCE((SELECT version FROM practice_versions WHERE practice_id = p.id), 0) AS data_version")

    /// The billing number (``billing(practiceID:on:)``) as a column of a sign-in query that has its
    /// practice as `p`, named `billing_version`.
    static let billingColumn = SQLRaw(
        "COALESCE((SELECT billing_version FROM practice_versions WHERE practice_id = p.id), 0) AS billing_version")

    /// The access number (``signIn(practiceID:on:)``) as a column of a sign-in query that has its
    /// practice as `p`, named `access_version`.
    static let accessColumn = SQLRaw(
        "COALESCE((SELECT access_version FROM practice_versions WHERE practice_id = p.id), 0) AS access_version")
}
