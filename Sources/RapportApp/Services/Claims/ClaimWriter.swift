import Fluent
import Foundation
import RapportCore
import SQLKit

/// Puts sessions that bill an insurer on new claims, freezing each line: one claim per client,
/// policy, clinician and date of service (or month, as the practice groups them), at most 50 lines.
/// Shared by claims made by hand and the automatic run; runs inside the caller's transaction and
/// writes set-based, as ``InvoiceWriter`` does.
struct ClaimWriter {
    let database: any Database
    let practice: PracticeContext
    let actor: Actor

    /// Raised when another claim or invoice took one of the sessions first; the transaction rolls back.
    struct AlreadyClaimed: Error {}

    /// A session to claim, with the policy its route names.
    struct Item: Sendable {
        let session: SessionRecord
        let policyID: UUID
        let payerID: UUID
        let rank: PayerRank
    }

    /// Why a session cannot go on a claim although it bills an insurer, in words; nil when it can.
    struct Refusal: Error {
        let sessionID: UUID
        let reason: String
    }

    static let claimColumns = [
        "id", "practice_id", "number", "client_id", "policy_id", "payer_id", "rank", "clinician_id", "status",
        "frequency", "date_from", "date_to", "total", "place_of_service", "diagnoses", "created_by_name", "created_at",
        "prior_claim_id",
    ]

    /// A claim row in ``claimColumns`` order. Every writer of claim rows (this one, secondary
    /// claims, the benchmark's floor) builds it here, so a new column is added in one place.
    static func claimRow(
        id: UUID, practiceID: UUID, number: Int, clientID: UUID, policyID: UUID, payerID: UUID, rank: String,
        clinicianID: UUID, status: String, frequency: String = ClaimFrequency.original.rawValue,
        dates: ClosedRange<LocalDate>, total: Int64, placeOfService: String, diagnoses: String, createdBy: String,
        at: Date, priorClaimID: UUID? = nil
    ) -> [any Encodable & Sendable] {
        [
            id, practiceID, number, clientID, policyID, payerID, rank, clinicianID, status, frequency,
            dates.lowerBound.description, dates.upperBound.description, total, placeOfService, diagnoses, createdBy, at,
            priorClaimID,
        ]
    }
    static let lineColumns = [
        "id", "practice_id", "claim_id", "session_id", "line_number", "date_of_service", "place_of_service",
        "procedure", "modifiers", "units", "charge", "diagnosis_pointers", "rank", "live",
    ]

    /// Writes the claims and returns their ids, in date order. Throws ``Refusal`` for a session
    /// whose service has no CPT/HCPCS code, and `conflict` when the practice has no billing provider.
    func write(_ items: [Item]) async throws -> [UUID] {
        guard !items.isEmpty else { return [] }
        guard let provider = try await BillingProviderRow.query(on: database).filter(\.$practiceID == practice.id)
            .first()
        else {
            throw UseCaseError.conflict(
                "no_billing_provider", "claims need the practice's billing provider: set it in Settings → Billing provider")
        }
        let grouping = try await Practice.find(practice.id, on: database)?.claimGrouping ?? .dateOfService
        let services = try await Lookup(database: database, practiceID: practice.id).servicesByID()
        let payers = Dictionary(
            uniqueKeysWithValues: try await Payer.query(on: database).filter(\.$practiceID == practice.id).all().map {
                (try $0.requireID(), $0)
            })
        let versions = try await diagnosisVersions(Set(items.map(\.session.clientID)))
        struct Line {
            let item: Item
            let date: LocalDate
            let place: PlaceOfService
            let procedure: ProcedureCode
            let modifiers: [String]
            let codes: [DiagnosisCode]
        }
        let drafted = try items.map { item -> Line in
            let service = services[item.session.serviceID]
            guard let procedure = service.flatMap({ ProcedureCode($0.code) }) else {
                throw Refusal(
                    sessionID: item.session.id,
                    reason:
                        "bills service \(service?.code ?? "?"), which is not a CPT or HCPCS code: change the code in Settings → Services"
                )
            }
            let date = practice.date(of: item.session.startsAt)
            let place = item.session.placeOfService ?? provider.placeOfService
            let telehealth = place.isTelehealth && payers[item.payerID]?.telehealthModifier == true
            return Line(
                item: item, date: date, place: place, procedure: procedure, modifiers: telehealth ? ["95"] : [],
                codes: item.session.diagnoses ?? versions[item.session.clientID]?.last { $0.from <= date }?.codes ?? [])
        }
        struct Key: Hashable {
            let client: UUID
            let policy: UUID
            let clinician: UUID
        }
        let claims = grouping.claims(
            drafted, key: { Key(client: $0.item.session.clientID, policy: $0.item.policyID, clinician: $0.item.session.clinicianID) },
            date: \.date)
        let firstNumber = try await PracticeCounters.reserve(
            .claim, count: claims.count, practiceID: practice.id, on: database)
        let now = Date()
        var claimRows = BulkRows(ClaimRow.schema, columns: Self.claimColumns)
        var lineRows = BulkRows(ClaimLineRow.schema, columns: Self.lineColumns)
        var claimed: [(session: UUID, claim: UUID)] = []
        var audit: [AuditLog.Entry] = []
        for (offset, lines) in claims.enumerated() {
            guard let first = lines.first, let last = lines.last else { continue }
            let id = UUID()
            let coded = ClaimDiagnoses(lines: lines.map(\.codes))
            let total = lines.reduce(Int64(0)) { $0 + $1.item.session.feeAmount }
            claimRows.add(
                Self.claimRow(
                    id: id, practiceID: practice.id, number: firstNumber + offset, clientID: first.item.session.clientID,
                    policyID: first.item.policyID, payerID: first.item.payerID, rank: first.item.rank.rawValue,
                    clinicianID: first.item.session.clinicianID, status: ClaimStatus.open.rawValue,
                    dates: first.date...last.date, total: total, placeOfService: first.place.description,
                    diagnoses: coded.codes.map(\.description).joined(separator: ","), createdBy: actor.name, at: now))
            for (index, line) in lines.enumerated() {
                lineRows.add([
                    UUID(), practice.id, id, line.item.session.id, index + 1, line.date.description,
                    line.place.description, line.procedure.description, line.modifiers.joined(separator: ","), 1,
                    line.item.session.feeAmount, coded.pointers[index].map(String.init).joined(separator: ","),
                    line.item.rank.rawValue, true,
                ])
                claimed.append((line.item.session.id, id))
            }
            audit.append(
                AuditLog.Entry(
                    action: "create", entityType: "claim", id: id,
                    after: [
                        "number": "\(firstNumber + offset)", "total": "\(total)", "lines": "\(lines.count)",
                        "payerId": first.item.payerID.uuidString,
                    ]))
        }
        try await claimRows.flush(on: database)
        // The unique index on live lines refuses a session another claim of the same rank holds.
        try await lineRows.flush(on: database)
        try await markClaimed(claimed)
        try await AuditLog(database: database, actor: actor).record(audit)
        return audit.map(\.id)
    }

    private func diagnosisVersions(_ clients: Set<UUID>) async throws
        -> [UUID: [(from: LocalDate, codes: [DiagnosisCode])]]
    {
        let rows = try await ClientDiagnosis.read(clients: Array(clients), on: database)
        return Dictionary(grouping: rows, by: \.clientID).mapValues(ClientDiagnosisList.versions)
    }

    /// Points the sessions at their claims; one billed or claimed since it was read rolls the whole
    /// transaction back with ``AlreadyClaimed``.
    private func markClaimed(_ claimed: [(session: UUID, claim: UUID)]) async throws {
        guard try await SessionMarks.mark(.claim, claimed.map { ($0.session, $0.claim) }, on: database) else {
            throw AlreadyClaimed()
        }
    }

    /// Whether `error` means another claim or invoice took a session first.
    static func isLostRace(_ error: any Error) -> Bool {
        if error is AlreadyClaimed || error is InvoiceWriter.AlreadyBilled { return true }
        return (error as? any DatabaseError)?.isConstraintFailure ?? false
    }
}
