import Fluent

/// How many days a sent claim may wait for its remittance before it is on the follow-up list.
struct AddClaimFollowUp: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("practices").field("claim_follow_up_days", .int, .required, .sql(.default(30)))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("practices").deleteField("claim_follow_up_days").update()
    }
}
