import Fluent
import Foundation
import RapportCore
import SQLKit

/// Imports a payer's 835: first a preview (what will be posted to which claim and client, and every
/// exception with its reason), then the posting, in one transaction, exactly as previewed. The rules
/// are Core's (``RemittancePosting``); this reads the claims they need and writes what they decide.
/// A payer's payment posts once: a second upload of it is refused with when it was posted.
struct RemittanceImport {
    let database: any Database
    let actor: Actor

    /// What posting would do; nothing is written.
    func preview(_ input: RemittanceInput) async throws -> RemittanceDetails {
        let reading = try await read(input, on: database)
        return try await details(reading, posted: nil, on: database)
    }

    /// Posts the remittance: the claim payments, write-offs, what clients owe, provider adjustments
    /// and the exceptions, all or nothing.
    func post(_ input: RemittanceInput) async throws -> RemittanceDetails {
        do {
            return try await database.writeTransaction(practice: actor.practiceID) { db in
                let reading = try await read(input, on: db)
                // Money paid to someone else is not this practice's to post: the preview says so.
                if let other = reading.plan.exceptions.first(where: { $0.kind == .payeeNotThisPractice }) {
                    throw UseCaseError.invalid("x12", other.description)
                }
                let posted = try await write(reading, file: input.x12, on: db)
                return try await details(reading, posted: posted, on: db)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Another upload of the same payment won the race for its unique index.
            let reading = try await read(input, on: database)
            throw UseCaseError.conflict(
                "already_posted", "this payment (\(reading.remittance.traceNumber)) is being posted by another upload")
        }
    }

    /// The practice a remittance pays, for an import with no one signed in (`rapport remittances`):
    /// the one whose billing provider or clinician has the payee's NPI.
    static func practice(paidBy text: String, on db: any Database) async throws -> UUID {
        let remittances: [Remittance]
        do {
            remittances = try Remittance835Parser.parse(text)
        } catch {
            throw UseCaseError.invalid("x12", error.description)
        }
        guard let payee = remittances.first?.payee, let npi = payee.npi else {
            throw UseCaseError.invalid("x12", "the remittance names its payee by no NPI (N1*PE*…*XX)")
        }
        var practices = Set(
            try await BillingProviderRow.query(on: db).all().filter { $0.npi.description == npi }.map(\.practiceID))
        if practices.isEmpty {
            practices = Set(try await Clinician.query(on: db).all().filter { $0.npi?.description == npi }.map(\.practiceID))
        }
        guard practices.count == 1, let practice = practices.first else {
            throw UseCaseError.invalid(
                "x12",
                practices.isEmpty
                    ? "no practice here is paid under NPI \(npi) (\(payee.name)): the file is for another practice"
                    : "more than one practice here is paid under NPI \(npi): import it signed in to the right one")
        }
        return practice
    }

    /// A remittance read and planned against the practice's claims.
    struct Reading: Sendable {
        let remittance: Remittance
        let plan: RemittancePosting.Plan
        /// The claims it names, by patient control number (upper-case).
        let claims: [String: ClaimRow]
        let payerID: UUID?
        let payerKey: String
    }

    private func read(_ input: RemittanceInput, on db: any Database) async throws -> Reading {
        try Self.requireEveryClient(actor)
        let remittances: [Remittance]
        do {
            remittances = try Remittance835Parser.parse(input.x12)
        } catch {
            throw UseCaseError.invalid("x12", error.description)
        }
        guard remittances.count == 1, let remittance = remittances.first else {
            throw UseCaseError.invalid(
                "x12", "the file holds \(remittances.count) payments (835 transactions): upload each payment's file on its own")
        }
        if let problem = RemittanceBalance.problem(remittance) { throw UseCaseError.invalid("x12", problem.description) }
        let payerKey = remittance.originatorID.isEmpty ? remittance.payer.name.uppercased() : remittance.originatorID
        if let earlier = try await RemittanceRow.query(on: db).filter(\.$practiceID == actor.practiceID)
            .filter(\.$payerKey == payerKey).filter(\.$traceNumber == remittance.traceNumber).first()
        {
            let practice = try await PracticeContext.of(actor, on: db)
            let when = earlier.postedAt.map { practice.date(of: $0).description } ?? "earlier"
            throw UseCaseError.conflict(
                "already_posted",
                "this payment (\(remittance.traceNumber) from \(remittance.payer.name)) was already posted on \(when) by \(earlier.postedByName)"
            )
        }
        let ids = remittance.claims.compactMap { ClaimRow.id(patientControlNumber: $0.patientControlNumber) }
        var rows: [ClaimRow] = []
        for chunk in Array(Set(ids)).chunks(of: IDsPerStatement.limit) {
            rows += try await ClaimRow.read(on: db) {
                $0.where("practice_id", .equal, actor.practiceID).where("id", .in, Array(chunk))
            }
        }
        let lines = Dictionary(grouping: try await ClaimLineRow.read(claims: try rows.map { try $0.requireID() }, on: db), by: \.claimID)
        var onFile: [String: RemittancePosting.ClaimOnFile] = [:]
        var claims: [String: ClaimRow] = [:]
        for row in rows {
            let key = row.patientControlNumber.uppercased()
            claims[key] = row
            onFile[key] = Self.onFile(row, lines: lines[try row.requireID()] ?? [])
        }
        let plan = RemittancePosting.plan(remittance, practiceNPIs: try await practiceNPIs(on: db), claims: onFile)
        return Reading(
            remittance: remittance, plan: plan, claims: claims, payerID: try await payer(of: remittance, on: db),
            payerKey: payerKey)
    }

    /// A claim as the posting rules read it: where it stands, its charge, and its lines as sent.
    static func onFile(_ claim: ClaimRow, lines: [ClaimLineRow]) -> RemittancePosting.ClaimOnFile {
        RemittancePosting.ClaimOnFile(
            patientControlNumber: claim.patientControlNumber.uppercased(), standing: standing(claim.status),
            charge: Money(amount: claim.total, currency: .usd),
            lines: lines.map {
                .init(
                    lineID: $0.lineID, dateOfService: $0.dateOfService, procedure: $0.procedure.description,
                    charge: Money(amount: $0.charge, currency: .usd))
            })
    }

    /// The NPIs the practice is paid under: its billing provider's and its clinicians'.
    func practiceNPIs(on db: any Database) async throws -> Set<String> {
        var npis = Set(try await Clinician.query(on: db).filter(\.$practiceID == actor.practiceID).all().compactMap { $0.npi?.description })
        if let provider = try await BillingProviderRow.query(on: db).filter(\.$practiceID == actor.practiceID).first() {
            npis.insert(provider.npi.description)
        }
        return npis
    }

    /// The practice's payer the remittance comes from: by payer ID (REF*2U), else by name.
    private func payer(of remittance: Remittance, on db: any Database) async throws -> UUID? {
        let payers = try await Payer.query(on: db).filter(\.$practiceID == actor.practiceID).all()
        let id = remittance.payer.references["2U"]?.uppercased()
        let found = payers.first { id != nil && $0.payerID == id }
            ?? payers.first { $0.name.uppercased() == remittance.payer.name.uppercased() }
        return found?.id
    }

    private func details(_ reading: Reading, posted: Posted?, on db: any Database) async throws -> RemittanceDetails {
        let remittance = reading.remittance
        let patients = try await ClaimPatient.read(Array(Set(reading.claims.values.map(\.clientID))), on: db)
        let claims = reading.plan.claims.compactMap { posting -> RemittanceDetails.ClaimPosted? in
            guard let claim = reading.claims[posting.patientControlNumber.uppercased()], let id = claim.id else { return nil }
            let person = patients[claim.clientID]?.person
            return RemittanceDetails.ClaimPosted(
                claimId: id, claimNumber: claim.number, clientId: claim.clientID,
                clientName: person.map { "\($0.first) \($0.last)" } ?? "", payerStatus: posting.payment.status.words,
                charge: posting.payment.charge, paid: posting.paid, writtenOff: posting.writtenOff,
                patientResponsibility: posting.patientResponsibility, otherAdjustments: posting.otherAdjustments,
                status: Self.status(posting.standing).rawValue,
                adjustments: posting.payment.allAdjustments.map(AdjustmentReasons.describe),
                linesMatchedByDateCodeAndCharge: posting.lines.filter(\.matchedByDateCodeAndCharge).count)
        }
        let exceptions = reading.plan.exceptions.enumerated().map { index, exception in
            RemittanceDetails.ExceptionDetails(
                id: posted.map { $0.exceptionIDs[index] }, kind: exception.kind.rawValue,
                patientControlNumber: exception.patientControlNumber,
                claimId: exception.patientControlNumber.flatMap { reading.claims[$0.uppercased()]?.id },
                amount: exception.amount, segment: exception.segment, description: exception.description, resolved: false)
        }
        return RemittanceDetails(
            id: posted?.id, posted: posted != nil, payerName: remittance.payer.name, traceNumber: remittance.traceNumber,
            payment: remittance.payment, paymentMethod: remittance.paymentMethod, paidOn: remittance.paymentDate,
            claims: claims,
            providerAdjustments: reading.plan.providerAdjustments.map {
                .init(reason: $0.reason, reference: $0.reference, amount: $0.amount)
            },
            exceptions: exceptions, postedAt: posted?.postedAt, postedBy: posted == nil ? nil : actor.name)
    }

    /// Remittances hold many clients' claims: only a caller who sees every client may import them.
    static func requireEveryClient(_ actor: Actor) throws {
        guard actor.seesEveryClient else {
            throw UseCaseError.forbidden("remittances hold every client's claims: ask the practice's biller or owner")
        }
    }

    static func standing(_ status: ClaimStatus) -> RemittancePosting.Standing {
        switch status {
        case .open: .unsent
        case .submitted: .awaitingPayment
        case .paid: .paid
        case .partiallyPaid: .partiallyPaid
        case .denied: .denied
        case .closed, .voided, .replaced: .closed
        }
    }

    static func status(_ standing: RemittancePosting.Standing) -> ClaimStatus {
        switch standing {
        case .unsent: .open
        case .awaitingPayment: .submitted
        case .paid: .paid
        case .partiallyPaid: .partiallyPaid
        case .denied: .denied
        case .closed: .closed
        }
    }
}
