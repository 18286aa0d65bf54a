import Fluent
import Foundation
import RapportCore

/// Posted remittances, read back: the list, one remittance as it was posted, and the exceptions no
/// one has resolved yet (Needs attention). A remittance holds every client's claims, so only a
/// caller who sees every client reads them, and each read of one is audited as a look at each
/// client on it.
struct Remittances {
    let database: any Database
    let actor: Actor

    func list(_ page: Page) async throws -> [RemittanceSummary] {
        guard actor.seesEveryClient else { return [] }
        let rows = try await Lookup(database: database, actor: actor).page(
            of: RemittanceRow.self, practice: \.$practiceID, page,
            order: { $0.sort(\.$postedAt, .descending).sort(\.$traceNumber) })
        let ids = try rows.map { try $0.requireID() }
        let practice = try await PracticeContext.of(actor, on: database)
        let open = Dictionary(
            grouping: try await RemittanceExceptionRow.query(on: database).filter(\.$remittanceID ~~ ids)
                .filter(\.$resolvedAt == nil).all(), by: \.remittanceID)
        return try rows.map { row in
            RemittanceSummary(
                id: try row.requireID(), payerName: row.payerName, traceNumber: row.traceNumber,
                payment: Money(amount: row.payment, currency: .usd), paymentMethod: row.paymentMethod, paidOn: row.paidOn,
                claimsPosted: row.claimsPosted, openExceptions: open[try row.requireID()]?.count ?? 0,
                postedAt: row.postedAt, postedOn: row.postedAt.map(practice.date(of:)), postedBy: row.postedByName)
        }
    }

    /// One remittance as it was posted: each claim payment with its adjustments in words, the
    /// provider adjustments and the exceptions.
    func get(_ id: UUID) async throws -> RemittanceDetails {
        guard actor.seesEveryClient,
            let row = try await RemittanceRow.query(on: database).filter(\.$id == id)
                .filter(\.$practiceID == actor.practiceID).first()
        else { throw UseCaseError.notFound("remittance") }
        let payments = try await ClaimPaymentRow.query(on: database).filter(\.$remittanceID == id).all()
        let claims = try await Self.claims(Array(Set(payments.map(\.claimID))), on: database)
        let adjustments = Dictionary(
            grouping: try await ClaimAdjustmentRow.query(on: database)
                .filter(\.$claimPaymentID ~~ (try payments.map { try $0.requireID() })).sort(\.$position).all(),
            by: \.claimPaymentID)
        let clients = Array(Set(claims.values.map(\.clientID)))
        let patients = try await ClaimPatient.read(clients, on: database)
        try await AuditLog.recordReads("remittance \(row.traceNumber)", clients: clients, actor: actor, on: database)
        let usd = { (cents: Int64) in Money(amount: cents, currency: .usd) }
        // By claim, a reversal before the re-adjudication that follows it.
        let ordered = payments.sorted {
            (claims[$0.claimID]?.number ?? 0, $0.statusCode == ClaimPaymentStatus.reversal.rawValue ? 0 : 1)
                < (claims[$1.claimID]?.number ?? 0, $1.statusCode == ClaimPaymentStatus.reversal.rawValue ? 0 : 1)
        }
        let posted = try ordered.map { payment -> RemittanceDetails.ClaimPosted in
            let claim = claims[payment.claimID]
            let person = claim.flatMap { patients[$0.clientID]?.person }
            return RemittanceDetails.ClaimPosted(
                claimId: payment.claimID, claimNumber: claim?.number ?? 0, clientId: claim?.clientID ?? UUID(),
                clientName: person.map { "\($0.first) \($0.last)" } ?? "",
                payerStatus: ClaimPaymentStatus(rawValue: payment.statusCode)?.words ?? "status \(payment.statusCode)",
                charge: usd(payment.charge), paid: usd(payment.paid), writtenOff: usd(payment.writtenOff),
                patientResponsibility: usd(payment.patientResponsibility), otherAdjustments: usd(payment.otherAdjustments),
                status: payment.standing,
                adjustments: (adjustments[try payment.requireID()] ?? []).map {
                    "\($0.groupCode)-\($0.reason): \(AdjustmentReasons.words($0.reason))"
                },
                linesMatchedByDateCodeAndCharge: payment.linesMatchedByDate)
        }
        let providerAdjustments = try await ProviderAdjustmentRow.query(on: database).filter(\.$remittanceID == id).all()
        let exceptions = try await RemittanceExceptionRow.query(on: database).filter(\.$remittanceID == id)
            .sort(\.$segment).all()
        return RemittanceDetails(
            id: id, posted: true, payerName: row.payerName, traceNumber: row.traceNumber, payment: usd(row.payment),
            paymentMethod: row.paymentMethod, paidOn: row.paidOn, claims: posted,
            providerAdjustments: providerAdjustments.map {
                .init(reason: $0.reason, reference: $0.reference, amount: usd($0.amount))
            },
            exceptions: exceptions.map {
                .init(
                    id: $0.id, kind: $0.kind, patientControlNumber: $0.patientControlNumber, claimId: $0.claimID,
                    amount: usd($0.amount), segment: $0.segment, description: $0.description, resolved: $0.resolvedAt != nil)
            },
            postedAt: row.postedAt, postedBy: row.postedByName)
    }

    /// What no one has decided on yet, newest payment first.
    func openExceptions() async throws -> [RemittanceExceptionEntry] {
        guard actor.seesEveryClient else { return [] }
        let rows = try await RemittanceExceptionRow.query(on: database).filter(\.$practiceID == actor.practiceID)
            .filter(\.$resolvedAt == nil).all()
        let entries = try await self.entries(rows)
        return entries.sorted {
            ($0.postedAt ?? .distantPast, -$0.segment) > ($1.postedAt ?? .distantPast, -$1.segment)
        }
    }

    /// One exception as the list shows it.
    func entry(_ row: RemittanceExceptionRow) async throws -> RemittanceExceptionEntry {
        guard let entry = try await entries([row]).first else { throw UseCaseError.notFound("remittance exception") }
        return entry
    }

    private func entries(_ rows: [RemittanceExceptionRow]) async throws -> [RemittanceExceptionEntry] {
        guard !rows.isEmpty else { return [] }
        let remittances = Dictionary(
            uniqueKeysWithValues: try await RemittanceRow.query(on: database)
                .filter(\.$id ~~ Array(Set(rows.map(\.remittanceID)))).all().map { (try $0.requireID(), $0) })
        let numbers = try await Self.claims(Array(Set(rows.compactMap(\.claimID))), on: database).mapValues(\.number)
        return try rows.map { row in
            let remittance = remittances[row.remittanceID]
            return RemittanceExceptionEntry(
                id: try row.requireID(), remittanceId: row.remittanceID, payerName: remittance?.payerName ?? "",
                traceNumber: remittance?.traceNumber ?? "", kind: row.kind, patientControlNumber: row.patientControlNumber,
                claimId: row.claimID, claimNumber: row.claimID.flatMap { numbers[$0] },
                amount: Money(amount: row.amount, currency: .usd), segment: row.segment, description: row.description,
                postedAt: remittance?.postedAt, resolution: row.resolution, resolvedBy: row.resolvedByName,
                resolvedAt: row.resolvedAt)
        }
    }

    private static func claims(_ ids: [UUID], on db: any Database) async throws -> [UUID: ClaimRow] {
        guard !ids.isEmpty else { return [:] }
        var claims: [UUID: ClaimRow] = [:]
        for chunk in ids.chunks(of: IDsPerStatement.limit) {
            for claim in try await ClaimRow.read(on: db, { $0.where("id", .in, Array(chunk)) }) {
                claims[try claim.requireID()] = claim
            }
        }
        return claims
    }
}
