import Fluent

/// The choice to pay for sessions oneself although insured: per client (every session), and per
/// session (null follows the client's choice).
struct AddSelfPay: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("clients").field("self_pay", .bool, .required, .sql(.default(false))).update()
        try await database.schema("sessions").field("self_pay", .bool).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sessions").deleteField("self_pay").update()
        try await database.schema("clients").deleteField("self_pay").update()
    }
}
