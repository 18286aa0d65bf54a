import FluentKit
import FluentSQL
import Foundation
import NIOConcurrencyHelpers
import SQLKit

/// One of a practice's rows read into its Fluent model by id, with SQL written once per model and
/// run as a named statement (``SQLQueryFetcher/firstPrepared()``).
///
/// Fluent builds each query afresh: every column qualified and aliased (`"clients"."id" AS
/// "clients_id"`), each of the three names quoted by SQLKit (a dynamic cast to the dialect's quote
/// and a search for quotes to double), then planned by PostgreSQL as an unnamed statement. A
/// profile of bookings found a fourteenth of the server's time in SQLKit's quoting, most of it for
/// the look-ups of a write (the client, the clinician, the session). The model reads the row as it
/// reads Fluent's own, through `decode(fluentModel:)`, and is marked as stored, so it saves as an
/// update.
enum ModelRows {
    private static let columnLists = NIOLockedValueBox([ObjectIdentifier: String]())

    /// The model's columns, quoted and comma-separated, from the properties it lists.
    static func columns<M: Model>(of model: M.Type) -> String {
        let key = ObjectIdentifier(model)
        if let list = columnLists.withLockedValue({ $0[key] }) { return list }
        let list = M().properties.compactMap { $0 as? any AnyDatabaseProperty }.flatMap(\.keys)
            .map { "\"\($0.description)\"" }.joined(separator: ", ")
        columnLists.withLockedValue { $0[key] = list }
        return list
    }

    /// The practice's row of `model` with that id, or nil.
    static func find<M: Model>(_ model: M.Type, id: UUID, practiceID: UUID, on database: any Database) async throws
        -> M? where M.IDValue == UUID
    {
        let sql = try database.sql()
        let query: SQLQueryString =
            "SELECT \(unsafeRaw: columns(of: model)) FROM \(unsafeRaw: M.schema)"
            + " WHERE id = \(bind: id) AND practice_id = \(bind: practiceID)"
        return try await sql.raw(query).firstPrepared().map { try $0.decode(fluentModel: model) }
    }
}
