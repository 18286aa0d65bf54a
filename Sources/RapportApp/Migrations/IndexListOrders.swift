import Fluent
import SQLKit

/// Indexes in the order of the lists a page at a time: the practice's payments newest first (the
/// Payments list scanned and sorted every payment of the practice for each page: 100,000 in the
/// benchmark's practice, about 20 ms a page) and its clients by name.
struct IndexListOrders: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        try await sql.create(index: "payments_practice_received").on("payments")
            .column("practice_id").column("received_on").run()
        try await sql.create(index: "clients_practice_last_name").on("clients")
            .column("practice_id").column("last_name").column("first_name").run()
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        try await sql.drop(index: "clients_practice_last_name").run()
        try await sql.drop(index: "payments_practice_received").run()
    }
}
