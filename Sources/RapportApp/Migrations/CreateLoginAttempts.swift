import Fluent
import SQLKit

struct CreateLoginAttempts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("login_attempts")
            .id()
            .field("email", .string, .required)
            .field("address", .string, .required)
            .field("succeeded", .bool, .required)
            .field("at", .datetime, .required)
            .create()
        let sql = try database.sql()
        try await sql.create(index: "login_attempts_email").on("login_attempts").column("email").column("at").run()
        try await sql.create(index: "login_attempts_address").on("login_attempts").column("address").column("at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("login_attempts").delete()
    }
}
