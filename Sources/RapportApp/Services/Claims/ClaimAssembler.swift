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

    static func load(for claims: [ClaimRow], practice: PracticeContext, on db: any Database) async throws
        -> ClaimAssembler
    {
        let ids = try claims.map { try $0.requireID() }
        func byID<Row: Model>(_ rows: [Row]) throws -> [UUID: Row] where Row.IDValue == UUID {
            Dictionary(uniqueKeysWithValues: try rows.map { (try $0.requireID(), $0) })
        }
        let lineRows = try await ClaimLineRow.read(claims: ids, on: db)
        let clientIDs = Array(Set(claims.map(\.clientID)))
        let policyIDs = Array(Set(claims.map(\.policyID)))
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
            sessionDiagnoses: sessionDiagnoses)
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
        let policy = policies[claim.policyID]
        let payer = payers[claim.payerID]
        let clinician = clinicians[claim.clinicianID]
        let patient =
            patients[claim.clientID]?.person
            ?? Claim.Person(last: "", first: "", dateOfBirth: nil, sex: nil, address: nil)
        let isSelf = policy?.relationship ?? .subscriber == .subscriber
        var subscriberPerson = isSelf ? patient : policy?.subscriber ?? patient
        if !isSelf, subscriberPerson.address == nil { subscriberPerson.address = patient.address }
        let coded = try diagnoses(of: claim)
        let rows = lines(of: claim)
        let built = Claim(
            patientControlNumber: claim.patientControlNumber, frequency: claim.frequency,
            payerClaimNumber: claim.payerClaimNumber, priorAuthorization: authorization(of: claim)?.number.description,
            placeOfService: claim.placeOfService, billingProvider: billingProvider,
            rendering: rendering(clinician),
            payer: Claim.Payer(
                name: payer?.name ?? "", payerID: payer?.payerID ?? "",
                filingIndicator: payer?.filingIndicator ?? .commercial),
            subscriber: Claim.Subscriber(
                person: subscriberPerson, memberID: policy?.memberID ?? "", groupNumber: policy?.groupNumber,
                rank: claim.rank),
            patient: isSelf ? nil : Claim.Dependent(person: patient, relationship: policy?.relationship ?? .other),
            diagnoses: coded.codes.map(\.description),
            lines: zip(rows, coded.pointers).map { row, pointers in
                Claim.Line(
                    lineID: row.lineID, dateOfService: row.dateOfService,
                    placeOfService: row.placeOfService == claim.placeOfService ? nil : row.placeOfService,
                    procedure: row.procedure.description, modifiers: Self.list(row.modifiers), units: row.units,
                    charge: practice.money(row.charge), diagnosisPointers: pointers)
            })
        let problems = ClaimCheck.problems(built).map {
            ClaimProblem(field: $0.field, message: $0.message, fixAt: fixAt($0.field, claim: claim, isSelf: isSelf))
        }
        return (built, problems)
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
