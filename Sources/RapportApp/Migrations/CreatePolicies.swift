import Fluent
import SQLKit

/// A client's insurance policies and their prior authorizations. A payer with policies cannot be
/// removed from under them; a client's policies go with the client.
struct CreatePolicies: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("policies")
            .id()
            .field("practice_id", .uuid, .required, .references("practices", "id", onDelete: .cascade))
            .field("client_id", .uuid, .required, .references("clients", "id", onDelete: .cascade))
            .field("payer_id", .uuid, .required, .references("payers", "id", onDelete: .restrict))
            .field("rank", .string, .required)
            .field("member_id", .string, .required)
            .field("group_number", .string)
            .field("effective_from", .string, .required)
            .field("effective_to", .string)
            .field("relationship", .string, .required)
            .field("subscriber_last_name", .string)
            .field("subscriber_first_name", .string)
            .field("subscriber_birth_date", .string)
            .field("subscriber_sex", .string)
            .field("address_line1", .string)
            .field("address_line2", .string)
            .field("address_city", .string)
            .field("address_state", .string)
            .field("address_zip", .string)
            .field("copay", .int64)
            .field("coinsurance_percent", .int)
            .field("deductible_remaining", .int64)
            .field("created_at", .datetime)
            .create()
        try await database.sql().create(index: "policies_client").on("policies").column("client_id").run()
        try await database.schema("prior_authorizations")
            .id()
            .field("practice_id", .uuid, .required, .references("practices", "id", onDelete: .cascade))
            .field("policy_id", .uuid, .required, .references("policies", "id", onDelete: .cascade))
            .field("number", .string, .required)
            .field("visits", .int, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.sql().create(index: "prior_authorizations_policy").on("prior_authorizations")
            .column("policy_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("prior_authorizations").delete()
        try await database.schema("policies").delete()
    }
}
