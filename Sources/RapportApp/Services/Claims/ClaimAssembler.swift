import Fluent
import Foundation
import RapportCore
import SQLKit

/// Builds Core ``Claim``s from stored claims: the frozen lines, and — until a claim is sent — the
/// billing provider, clinician, payer, policy, client and diagnoses as their records say now, so
/// fixing any of them makes the claim ready at once. Everything is read in a few queries for
/// however many claims, so a batch of thousands is assembled in memory.
struct ClaimAssembler {
    let practice: PracticeContext
    let provider: BillingProviderRow?
    let clinicians: [UUID: Clinician]
    let payers: [UUID: Payer]
    let policies: [UUID: ClaimPolicy]
    let patients: [UUID: ClaimPatient]
    private let authorizations: [UUID: [PriorAuthorization]]
    private let diagnoses: [UUID: [(from: LocalDate, codes: [DiagnosisCode])]]
    private let lines: [UUID: [ClaimLineRow]]
    /// The sessions' own diagnoses, where they have them.
    private let sessionDiagnoses: [UUID: [DiagnosisCode]]
    /// The primaries' adjudications secondary claims carry.
    private let priors: PriorAdjudications

    static func load(for claims: [ClaimRow], practice: PracticeContext, on db: any Database) async throws
        -> ClaimAssembler
    {
        let ids = try claims.map { try $0.requireID() }
        func byID<Row: Model>(_ rows: [Row]) throws -> [UUID: Row] where Row.IDValue == UUID {
            Dictionary(uniqueKeysWithValues: try rows.map { (try $0.requireID(), $0) })
        }
        let lineRows = try await ClaimLineRow.read(claims: ids, on: db)
        let clientIDs = Array(Set(claims.map(\.clientID)))
        let priors = try await PriorAdjudications.load(for: claims, practice: practice, on: db)
        let policyIDs = Array(Set(claims.map(\.policyID) + priors.policyIDs))
        let diagnosisRows = try await ClientDiagnosis.read(clients: clientIDs, on: db)
        var sessionDiagnoses: [UUID: [DiagnosisCode]] = [:]
        for chunk in lineRows.compactMap(\.sessionID).chunks(of: IDsPerStatement.limit) {
            for row in try await db.sql().select().columns("id", "diagnoses").from(Session.schema)
                .where("id", .in, Array(chunk)).where("diagnoses", .isNot, SQLLiteral.null).all()
            {
                sessionDiagnoses[try row.decode(column: "id", as: UUID.self)] = try SessionRecord.diagnoses(
                    try row.decode(column: "diagnoses", as: String?.self))
            }
        }
        var authorizationRows: [PriorAuthorization] = []
        for chunk in policyIDs.chunks(of: IDsPerStatement.limit) {
            authorizationRows += try await PriorAuthorization.query(on: db).filter(\.$policyID ~~ Array(chunk)).all()
        }
        return ClaimAssembler(
            practice: practice,
            provider: try await BillingProviderRow.query(on: db).filter(\.$practiceID == practice.id).first(),
            clinicians: try byID(try await Clinician.query(on: db).filter(\.$practiceID == practice.id).all()),
            payers: try byID(try await Payer.query(on: db).filter(\.$practiceID == practice.id).all()),
            policies: try await ClaimPolicy.read(policyIDs, on: db),
            patients: try await ClaimPatient.read(clientIDs, on: db),
            authorizations: Dictionary(grouping: authorizationRows, by: \.policyID),
            diagnoses: Dictionary(grouping: diagnosisRows, by: \.clientID).mapValues(ClientDiagnosisList.versions),
            lines: Dictionary(grouping: lineRows, by: \.claimID).mapValues { $0.sorted { $0.lineNumber < $1.lineNumber } },
            sessionDiagnoses: sessionDiagnoses, priors: priors)
    }

    /// The claim's lines in order.
    func lines(of claim: ClaimRow) -> [ClaimLineRow] { claim.id.flatMap { lines[$0] } ?? [] }

    /// The diagnoses and pointers a claim carries: frozen once sent; while open, each line's
    /// session's own, or the client's in force on its date of service.
    func diagnoses(of claim: ClaimRow) throws -> ClaimDiagnoses {
        let rows = lines(of: claim)
        if claim.status != .open {
            let codes = try claim.diagnosisCodes()
            return ClaimDiagnoses(
                lines: rows.map { row in
                    row.diagnosisPointers.split(separator: ",").compactMap { Int($0) }.compactMap {
                        codes.indices.contains($0 - 1) ? codes[$0 - 1] : nil
                    }
                })
        }
        let versions = diagnoses[claim.clientID] ?? []
        return ClaimDiagnoses(
            lines: rows.map { row in
                row.sessionID.flatMap { sessionDiagnoses[$0] }
                    ?? versions.last { $0.from <= row.dateOfService }?.codes ?? []
            })
    }

    /// The prior authorization of the claim's policy whose dates hold all of the claim's.
    func authorization(of claim: ClaimRow) -> PriorAuthorization? {
        (authorizations[claim.policyID] ?? []).first { $0.startsOn <= claim.dateFrom && claim.dateTo <= $0.endsOn }
    }

    /// The claim as the payer will read it, and what stops it being sent.
    func assemble(_ claim: ClaimRow) throws -> (claim: Claim, problems: [ClaimProblem]) {
        let (subscriber, patient, relationship) = parties(claim.policyID, client: claim.clientID, rank: claim.rank)
        let isSelf = relationship == .subscriber
        let clinician = clinicians[claim.clinicianID]
        let coded = try diagnoses(of: claim)
        let rows = lines(of: claim)
        let built = Claim(
            patientControlNumber: claim.patientControlNumber, frequency: claim.frequency,
            payerClaimNumber: claim.payerClaimNumber, priorAuthorization: authorization(of: claim)?.number.description,
            placeOfService: claim.placeOfService, billingProvider: billingProvider,
            rendering: rendering(clinician), payer: payer(claim.payerID), subscriber: subscriber,
            patient: isSelf ? nil : Claim.Dependent(person: patient, relationship: relationship),
            diagnoses: coded.codes.map(\.description),
            lines: zip(rows, coded.pointers).map { row, pointers in
                Claim.Line(
                    lineID: row.lineID, dateOfService: row.dateOfService,
                    placeOfService: row.placeOfService == claim.placeOfService ? nil : row.placeOfService,
                    procedure: row.procedure.description, modifiers: Self.list(row.modifiers), units: row.units,
                    charge: practice.money(row.charge), diagnosisPointers: pointers)
            },
            otherPayers: otherPayers(of: claim, lines: rows))
        let problems = ClaimCheck.problems(built).map {
            ClaimProblem(field: $0.field, message: $0.message, fixAt: fixAt($0.field, claim: claim, isSelf: isSelf))
        }
        return (built, problems)
    }

    private func payer(_ id: UUID) -> Claim.Payer {
        let payer = payers[id]
        return Claim.Payer(
            name: payer?.name ?? "", payerID: payer?.payerID ?? "", filingIndicator: payer?.filingIndicator ?? .commercial)
    }

    /// The subscriber of a policy at `rank`, the patient, and how the patient is related to the
    /// subscriber; a subscriber with no address of their own has the patient's.
    private func parties(_ policyID: UUID, client: UUID, rank: PayerRank)
        -> (Claim.Subscriber, Claim.Person, SubscriberRelationship)
    {
        let policy = policies[policyID]
        let patient =
            patients[client]?.person ?? Claim.Person(last: "", first: "", dateOfBirth: nil, sex: nil, address: nil)
        let relationship = policy?.relationship ?? .subscriber
        var person = relationship == .subscriber ? patient : policy?.subscriber ?? patient
        if relationship != .subscriber, person.address == nil { person.address = patient.address }
        let subscriber = Claim.Subscriber(
            person: person, memberID: policy?.memberID ?? "", groupNumber: policy?.groupNumber, rank: rank)
        return (subscriber, patient, relationship)
    }

    /// On a secondary claim, its primary's adjudication: the claim's adjustments and payment, and
    /// each line's (what it paid is its charge less its adjustments), when the payer named lines.
    private func otherPayers(of claim: ClaimRow, lines rows: [ClaimLineRow]) -> [Claim.OtherPayer] {
        guard let prior = priors.prior(of: claim) else { return [] }
        let (subscriber, _, relationship) = parties(prior.claim.policyID, client: prior.claim.clientID, rank: prior.claim.rank)
        let lines: [Claim.LineAdjudication] =
            prior.lineAdjustments.isEmpty
            ? []
            : rows.map { row in
                let adjustments = prior.lineAdjustments[row.lineNumber] ?? []
                return Claim.LineAdjudication(
                    lineID: row.lineID,
                    paid: practice.money(row.charge - adjustments.reduce(0) { $0 + $1.amount.amount }),
                    adjustments: adjustments)
            }
        return [
            Claim.OtherPayer(
                payer: payer(prior.claim.payerID), subscriber: subscriber, relationship: relationship,
                paid: practice.money(prior.paid), adjustments: prior.claimAdjustments, adjudicated: prior.adjudicated,
                lines: lines)
        ]
    }

    private var billingProvider: Claim.BillingProvider {
        guard let provider else {
            return Claim.BillingProvider(
                entity: .organization(name: ""), npi: "", taxID: nil, taxonomy: "", address: nil)
        }
        let entity: Claim.BillingProvider.Entity =
            switch provider.entity {
            case .organization: .organization(name: provider.organizationName ?? "")
            case .person: .person(last: provider.lastName ?? "", first: provider.firstName ?? "")
            }
        return Claim.BillingProvider(
            entity: entity, npi: provider.npi.description, taxID: TaxID(provider.taxID, kind: provider.taxIDKind),
            taxonomy: provider.taxonomy.description,
            address: PostalAddress(
                line1: provider.addressLine1, line2: provider.addressLine2, city: provider.addressCity,
                state: provider.addressState, zip: provider.addressZIP))
    }

    /// The clinician who saw the client, unless the billing provider is that clinician.
    private func rendering(_ clinician: Clinician?) -> Claim.RenderingProvider? {
        if let provider, provider.entity == .person, let npi = clinician?.npi, npi == provider.npi { return nil }
        let names = (clinician?.name ?? "").split(separator: " ").map(String.init)
        return Claim.RenderingProvider(
            last: clinician?.claimLastName ?? names.last ?? "",
            first: clinician?.claimFirstName ?? names.dropLast().joined(separator: " "),
            npi: clinician?.npi?.description ?? "", taxonomy: clinician?.taxonomy?.description ?? "")
    }

    /// Where a problem with `field` is put right.
    private func fixAt(_ field: String, claim: ClaimRow, isSelf: Bool) -> String? {
        let client = "/clients/\(claim.clientID)"
        let head = field.split(separator: ".").first.map(String.init) ?? field
        switch head {
        case "billingProvider": return "/settings/billing-provider"
        case "rendering": return "/settings/clinicians/\(claim.clinicianID)"
        case "payer": return "/settings/payers/\(claim.payerID)"
        case "subscriber":
            return field == "subscriber.memberId" || !isSelf
                ? "\(client)/policies/\(claim.policyID)" : "\(client)/edit"
        case "patient": return "\(client)/edit"
        default:
            if head.hasPrefix("diagnoses") || field.hasSuffix("diagnosisPointers") {
                return "\(client)/edit?tab=billing"
            }
            if field.hasSuffix("procedure") { return "/settings" }
            return nil
        }
    }

    static func list(_ text: String) -> [String] { text.split(separator: ",").map(String.init) }
}
