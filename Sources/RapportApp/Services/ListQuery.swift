import Fluent
import Foundation
import SQLKit

/// The one shape of a list endpoint: this practice's rows, narrowed to the clients the caller may
/// see (a clinician only their own), then the endpoint's own filters, its order and one page.
/// The scope is applied here, once, so no list can forget it.
extension Lookup {
    /// A page of rows that belong to a client, scoped by the row's client column.
    func page<Row: Model, ClientColumn: QueryableProperty>(
        of type: Row.Type, practice: KeyPath<Row, FieldProperty<Row, UUID>>, client: KeyPath<Row, ClientColumn>,
        _ page: Page, filter: (QueryBuilder<Row>) -> Void = { _ in },
        order: (QueryBuilder<Row>) -> QueryBuilder<Row>
    ) async throws -> [Row] where ClientColumn.Model == Row, ClientColumn.Value == UUID {
        let visible = try await visibleClientIDs()
        return try await self.page(
            of: type, practice: practice, page,
            filter: { query in
                if let visible { query.filter(client ~~ visible) }
                filter(query)
            }, order: order)
    }

    /// A page of the practice's rows that no client scope narrows (the audit log: owner only).
    func page<Row: Model>(
        of type: Row.Type, practice: KeyPath<Row, FieldProperty<Row, UUID>>, _ page: Page,
        filter: (QueryBuilder<Row>) -> Void = { _ in }, order: (QueryBuilder<Row>) -> QueryBuilder<Row>
    ) async throws -> [Row] {
        let query = Row.query(on: database).filter(practice == practiceID)
        filter(query)
        // The id breaks ties of the list's own order (payments of one day, clients of one name),
        // so pages neither repeat nor skip a row.
        return try await order(query).sort(\._$id).page(page).all()
    }

    /// A page of rows read by column (``RowReadable``; no Fluent model is made): `columns` of the
    /// practice's rows of `table`, narrowed to the clients the caller may see by `clientColumn`
    /// (in the same statement), then `filter`'s conditions, `order` with the id breaking its ties,
    /// and one page.
    func page<Row: RowReadable>(
        _ type: Row.Type, columns: String, from table: String, clientColumn: String, _ page: Page,
        filter: (SQLSelectBuilder) -> Void = { _ in }, order: [(column: String, direction: SQLDirection)]
    ) async throws -> [Row] {
        let query = try database.sql().select().column(SQLRaw(columns)).from(table)
            .where("practice_id", .equal, practiceID)
        if let visibleClients {
            query.where(SQLIdentifier(clientColumn), .in, SQLGroupExpression(visibleClients))
        }
        filter(query)
        for (column, direction) in order { query.orderBy(column, direction) }
        return try await query.orderBy("id").limit(page.limit).offset(page.offset).rows(Row.self, on: database)
    }
}
