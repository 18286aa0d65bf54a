import Fluent
import Foundation
import RapportCore
import SQLKit
import Vapor

/// Month-end automatic claims: `clients` insured clients with `sessionsPerClient` sessions each
/// last month, claimed by ``ClaimRun`` (one claim per client for the month) — beside its floor, the
/// same claim and line rows written with multi-row inserts — then every claim built, checked and
/// written as one 837 by ``ClaimBatches``, and the payer's 835 for all of them previewed and posted
/// (``RemittanceBench``).
struct ClaimsBench {
    let database: any Database
    let logger: Logger
    let passwords: PasswordPolicy

    func run(clients: Int, sessionsPerClient: Int) async throws -> [BenchMeasurement] {
        let bench = try await BenchPractice.create(clients: clients, on: database, passwords: passwords) {
            client, today in
            let lastMonth = InvoiceRunBench.lastMonth(today)
            return (0..<sessionsPerClient).compactMap { k in
                LocalTime(hour: 8 + (client + k) % 9, minute: 0).map {
                    (LocalDateTime(date: lastMonth.lowerBound.adding(days: (k * 7 + client) % 28), time: $0), .show)
                }
            }
        }
        let lastMonth = InvoiceRunBench.lastMonth(bench.practice.today)
        try await insure(bench, from: lastMonth.lowerBound)
        _ = try await PracticeSettings(database: database, actor: bench.actor).update(
            .init(claimGrouping: ClaimGrouping.month.rawValue, claimMode: InvoiceMode.monthly.rawValue))
        _ = try await PracticeSettings(database: database, actor: bench.actor).update(
            .init(claimModeSince: lastMonth.lowerBound))
        guard let practice = try await Practice.find(bench.practice.id, on: database) else {
            throw BenchError("the benchmark practice is missing")
        }
        let (claims, seconds) = try await timed {
            try await ClaimRun(database: database, logger: logger).run(practice, through: lastMonth.upperBound)
        }
        guard claims == clients else { throw BenchError("the run made \(claims) claims for \(clients) clients") }
        let (rows, floor) = try await floorInsert(bench.practice)
        let (batches, written) = try await timed {
            try await ClaimBatches(database: database, actor: bench.actor).create(ClaimBatchInput())
        }
        guard batches.first?.claimCount == clients else {
            throw BenchError("the batch holds \(batches.first?.claimCount ?? 0) claims, not \(clients): some were not ready")
        }
        return [
            BenchMeasurement(
                workload: "claim run: \(clients) clients × \(sessionsPerClient) sessions", seconds: seconds,
                floorSeconds: floor, detail: "\(claims) claims; floor wrote \(rows) claim and line rows"),
            BenchMeasurement(
                workload: "837 for \(clients) claims of \(sessionsPerClient) lines", seconds: written,
                detail: "built, checked and written in \(batches.count) batch; the claims marked sent"),
        ] + (try await RemittanceBench(database: database, actor: bench.actor).run())
    }

    /// Everything a claim needs: billing provider, clinician NPI, payer, clearinghouse, and for each
    /// client demographics, diagnoses and a primary policy — written with multi-row inserts.
    private func insure(_ bench: BenchPractice, from: LocalDate) async throws {
        let actor = bench.actor
        _ = try await BillingProviderSettings(database: database, actor: actor).set(
            BillingProviderInput(
                entity: "organization", organizationName: "Benchmark Practice", npi: "1245319599",
                taxId: "12-3456789", taxIdKind: "ein", taxonomy: "101YP2500X",
                address: AddressInput(line1: "1 Main St", city: "Springfield", state: "IL", zip: "62701-1234"),
                placeOfService: "11"))
        for clinician in try await Clinician.query(on: database).filter(\.$practiceID == actor.practiceID).all() {
            _ = try await ClinicianDirectory(database: database, actor: actor).update(
                try clinician.requireID(),
                ClinicianInput(
                    npi: "1234567893", taxonomy: "101YP2500X", claimLastName: "Owner", claimFirstName: "Bench"))
        }
        let payer = try await PayerDirectory(database: database, actor: actor).create(
            PayerInput(name: "Aetna", payerId: "60054", filingIndicator: "CI"))
        _ = try await ClearinghouseSettings(database: database, actor: actor).set(
            ClearinghouseInput(
                name: "Availity", receiverId: "030240928", submitterId: "BENCH01", submitterName: "Benchmark Practice",
                contactName: "Bench Owner", contactPhone: "2175550100"))
        let clients = try await database.sql().select().column("id").from(Client.schema)
            .where("practice_id", .equal, actor.practiceID).all().map { try $0.decode(column: "id", as: UUID.self) }
        var policies = BulkRows(
            Policy.schema,
            columns: ["id", "practice_id", "client_id", "payer_id", "rank", "member_id", "effective_from", "relationship", "copay"])
        var diagnoses = BulkRows(
            ClientDiagnosis.schema, columns: ["id", "practice_id", "client_id", "effective_from", "position", "code"])
        for (index, client) in clients.enumerated() {
            policies.add([
                UUID(), actor.practiceID, client, payer.id, PayerRank.primary.rawValue, "W\(100_000 + index)",
                from.description, SubscriberRelationship.subscriber.rawValue, Int64(2000),
            ])
            diagnoses.add([UUID(), actor.practiceID, client, LocalDate.distantPast.description, 1, "F41.1"])
        }
        let rows = (policies, diagnoses)
        try await database.writeTransaction(practice: actor.practiceID) { db in
            var (policies, diagnoses) = rows
            try await policies.flush(on: db)
            try await diagnoses.flush(on: db)
            try await db.sql().update(Client.schema).set("date_of_birth", to: "1985-03-04").set("sex", to: "female")
                .set("address_line1", to: "12 Oak Ave").set("address_city", to: "Springfield")
                .set("address_state", to: "IL").set("address_zip", to: "62704")
                .where("practice_id", .equal, actor.practiceID).run()
        }
    }

    /// Writes rows like the ones the run made (a claim per client, its lines) in one transaction with
    /// multi-row inserts, then removes them; returns the row count and the seconds the writing took.
    private func floorInsert(_ practice: PracticeContext) async throws -> (Int, Double) {
        let sql = try database.sql()
        let claims = try await sql.select().columns(ClaimWriter.claimColumns).from(ClaimRow.schema)
            .where("practice_id", .equal, practice.id).all()
        let lines = try await sql.select().columns(ClaimWriter.lineColumns).from(ClaimLineRow.schema)
            .where("practice_id", .equal, practice.id).all()
        var claimRows = BulkRows(ClaimRow.schema, columns: ClaimWriter.claimColumns)
        var lineRows = BulkRows(ClaimLineRow.schema, columns: ClaimWriter.lineColumns)
        var copies: [UUID: UUID] = [:]
        for claim in claims {
            let copy = UUID()
            copies[try claim.decode(column: "id", as: UUID.self)] = copy
            let from = try LocalDate(stored: claim.decode(column: "date_from", as: String.self), column: "date_from")
            let to = try LocalDate(stored: claim.decode(column: "date_to", as: String.self), column: "date_to")
            claimRows.add(
                ClaimWriter.claimRow(
                    id: copy, practiceID: practice.id, number: 1_000_000 + (try claim.decode(column: "number", as: Int.self)),
                    clientID: try claim.decode(column: "client_id", as: UUID.self),
                    policyID: try claim.decode(column: "policy_id", as: UUID.self),
                    payerID: try claim.decode(column: "payer_id", as: UUID.self),
                    rank: try claim.decode(column: "rank", as: String.self),
                    clinicianID: try claim.decode(column: "clinician_id", as: UUID.self), status: "floor",
                    dates: from...to, total: try claim.decode(column: "total", as: Int64.self),
                    placeOfService: try claim.decode(column: "place_of_service", as: String.self),
                    diagnoses: try claim.decode(column: "diagnoses", as: String.self), createdBy: "Floor", at: Date()))
        }
        for line in lines {
            // Not live, so the copies do not collide with the run's lines on the one-live-line index.
            lineRows.add([
                UUID(), practice.id, copies[try line.decode(column: "claim_id", as: UUID.self)],
                try line.decode(column: "session_id", as: UUID.self), try line.decode(column: "line_number", as: Int.self),
                try line.decode(column: "date_of_service", as: String.self),
                try line.decode(column: "place_of_service", as: String.self),
                try line.decode(column: "procedure", as: String.self), try line.decode(column: "modifiers", as: String.self),
                try line.decode(column: "units", as: Int.self), try line.decode(column: "charge", as: Int64.self),
                try line.decode(column: "diagnosis_pointers", as: String.self),
                try line.decode(column: "rank", as: String.self), false,
            ])
        }
        let written = (claimRows, lineRows)
        let (_, seconds) = try await timed {
            try await database.writeTransaction(practice: practice.id) { db in
                var (claimRows, lineRows) = written
                try await claimRows.flush(on: db)
                try await lineRows.flush(on: db)
            }
        }
        let copied = Array(copies.values)
        try await database.writeTransaction(practice: practice.id) { db in
            let sql = try db.sql()
            for chunk in copied.chunks(of: IDsPerStatement.limit) {
                try await sql.delete(from: ClaimLineRow.schema).where("claim_id", .in, Array(chunk)).run()
                try await sql.delete(from: ClaimRow.schema).where("id", .in, Array(chunk)).run()
            }
        }
        return (claims.count + lines.count, seconds)
    }
}
