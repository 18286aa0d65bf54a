import Fluent
import SQLKit

/// What a secondary claim carries is read by claim (the balances and the outstanding report): an
/// index so that read does not scan every patient-responsibility row.
struct IndexPatientResponsibilityClaims: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.sql().create(index: "patient_responsibilities_claim")
            .on("patient_responsibilities").column("claim_id").column("claim_payment_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql().drop(index: "patient_responsibilities_claim").run()
    }
}
