import Fluent
import Foundation
import RapportCore
import SQLKit

/// A client's superbill for a date range: every service billed to them in it, with what an insurer
/// needs to reimburse it out of network — the practice and each clinician as registered, the
/// client, and per service the place, code, modifiers, units, diagnoses, fee and payment. Built as
/// Core's ``SuperbillDocument`` and checked by ``SuperbillCheck``: an incomplete one is not made,
/// and each missing piece is named with where to add it.
struct Superbills {
    let database: any Database
    let actor: Actor

    /// The superbill, or what it lacks.
    func superbill(_ clientID: UUID, from: LocalDate, to: LocalDate) async throws -> SuperbillResult {
        guard let practiceRow = try await Practice.find(actor.practiceID, on: database) else {
            throw UseCaseError.notFound("practice")
        }
        let practice = try PracticeContext(practiceRow)
        let client = try await Lookup(database: database, actor: actor).client(clientID)
        let provider = try await BillingProviderRow.query(on: database).filter(\.$practiceID == practice.id).first()
        let billed = try await lines(clientID, from: from, to: to, practice: practice)
        let sessions = try await sessionDetails(billed.compactMap(\.line.sessionID))
        let versions = ClientDiagnosisList.versions(try await ClientDiagnosis.read(clients: [clientID], on: database))
        let clinicianIDs = billed.map(\.line.clinicianID).reduce(into: [UUID]()) { if !$0.contains($1) { $0.append($1) } }
        let clinicians = try await Clinician.query(on: database).filter(\.$id ~~ clinicianIDs).all()
        let byID = Dictionary(uniqueKeysWithValues: clinicians.compactMap { row in row.id.map { ($0, row) } })
        let coded = ClaimDiagnoses(
            lines: billed.map { item in
                item.line.sessionID.flatMap { sessions[$0]?.diagnoses }
                    ?? versions.last { $0.from <= item.line.dateOfService }?.codes ?? []
            })
        let patient = try await ClaimPatient.read([clientID], on: database)[clientID]?.person
        let document = SuperbillDocument(
            practice: .init(
                name: practiceRow.name, groupNPI: provider?.entity == .organization ? provider?.npi.description : nil,
                taxID: provider.flatMap { TaxID($0.taxID, kind: $0.taxIDKind) }?.digits,
                address: provider.map {
                    PostalAddress(
                        line1: $0.addressLine1, line2: $0.addressLine2, city: $0.addressCity, state: $0.addressState,
                        zip: $0.addressZIP)
                }, phone: provider?.phone),
            clinicians: clinicianIDs.map { id in
                let row = byID[id]
                return .init(
                    name: Self.name(row), credentials: row?.credentials, npi: row?.npi?.description,
                    licenseNumber: row?.licenseNumber, licenseState: row?.licenseState)
            },
            client: .init(
                name: "\(client.firstName) \(client.lastName)", dateOfBirth: client.dateOfBirth,
                address: patient?.address, memberID: try await memberID(clientID)),
            diagnoses: coded.codes.map(\.description),
            lines: billed.enumerated().map { index, item in
                let place = item.line.sessionID.flatMap { sessions[$0]?.place } ?? provider?.placeOfService ?? .office
                return SuperbillDocument.Line(
                    dateOfService: item.line.dateOfService, placeOfService: place, procedure: item.line.serviceCode,
                    modifiers: place.isTelehealth ? ["95"] : [], units: 1, diagnosisPointers: coded.pointers[index],
                    clinician: clinicianIDs.firstIndex(of: item.line.clinicianID) ?? 0,
                    fee: practice.money(item.line.fee), charged: practice.money(item.line.amount),
                    paid: practice.money(item.paid))
            })
        var problems = SuperbillCheck.problems(document).map { problem in
            Self.problem(problem, document: document, clinicianIDs: clinicianIDs, clientID: clientID)
        }
        if provider == nil {
            problems.insert(
                ClaimProblem(
                    field: "practice.billingProvider",
                    message: "The practice's NPI, tax ID and address are not set: Settings → Billing provider",
                    fixAt: "/settings/billing-provider"), at: 0)
            problems.removeAll { $0.field.hasPrefix("practice.") && $0.field != "practice.billingProvider" }
        }
        let descriptions = Dictionary(
            billed.map { ($0.line.serviceCode, $0.line.serviceDescription) }, uniquingKeysWith: { first, _ in first })
        guard problems.isEmpty,
            let details = SuperbillDetails(document, descriptions: descriptions, from: from, to: to)
        else { return SuperbillResult(superbill: nil, missing: problems) }
        return SuperbillResult(superbill: details, missing: [])
    }

    /// The live invoice lines of the client's services in the range, each with what was paid on
    /// it: an invoice's payments are spread over its lines in the order it shows them
    /// (``InvoiceLine/inShownOrder(_:)``).
    private func lines(
        _ clientID: UUID, from: LocalDate, to: LocalDate, practice: PracticeContext
    ) async throws -> [(line: InvoiceLine, paid: Int64)] {
        let invoices = try await Invoice.query(on: database).filter(\.$clientID == clientID).filter(\.$deletedAt == nil)
            .all()
        let lines = InvoiceLine.inShownOrder(
            try await InvoiceLine.query(on: database).filter(\.$invoiceID ~~ invoices.compactMap(\.id))
                .filter(\.$live == true).all())
        var unspent = Dictionary(
            uniqueKeysWithValues: invoices.compactMap { invoice in invoice.id.map { ($0, invoice.paid) } })
        var billed: [(line: InvoiceLine, paid: Int64)] = []
        for line in lines {
            let paid = min(line.amount, unspent[line.invoiceID] ?? 0)
            unspent[line.invoiceID, default: 0] -= paid
            if line.dateOfService >= from, line.dateOfService <= to { billed.append((line, paid)) }
        }
        return billed
    }

    /// Each session's own place of service and diagnoses, where it has them.
    private func sessionDetails(_ ids: [UUID]) async throws -> [UUID: (place: PlaceOfService?, diagnoses: [DiagnosisCode]?)] {
        var found: [UUID: (place: PlaceOfService?, diagnoses: [DiagnosisCode]?)] = [:]
        for chunk in ids.chunks(of: IDsPerStatement.limit) {
            for session in try await SessionRecord.select(practiceID: actor.practiceID, on: try database.sql())
                .where("id", .in, Array(chunk)).rows(SessionRecord.self, on: database)
            {
                found[session.id] = (session.placeOfService, session.diagnoses)
            }
        }
        return found
    }

    /// The member ID of the client's primary policy, when they have one: the insurer knows them by it.
    private func memberID(_ clientID: UUID) async throws -> String? {
        let policies = try await Policy.query(on: database).filter(\.$clientID == clientID).all()
        let primary = policies.filter { $0.rank == .primary }.max { (first: Policy, second: Policy) in
            first.effectiveFrom < second.effectiveFrom
        }
        return primary?.memberID.description
    }

    /// A clinician's name as licensed: the name claims carry, else the name in Rapport.
    private static func name(_ clinician: Clinician?) -> String {
        guard let clinician else { return "" }
        if let first = clinician.claimFirstName, let last = clinician.claimLastName { return "\(first) \(last)" }
        return clinician.name
    }

    /// A problem in the words a person acts on, with where to put it right.
    private static func problem(
        _ problem: SuperbillCheck.Problem, document: SuperbillDocument, clinicianIDs: [UUID], clientID: UUID
    ) -> ClaimProblem {
        let parts = problem.field.split(separator: ".").map(String.init)
        let what = parts.last.map(Self.words) ?? problem.field
        switch parts.first ?? "" {
        case let head where head.hasPrefix("clinicians["):
            let index = Int(head.dropFirst("clinicians[".count).dropLast()) ?? 0
            let name = document.clinicians.indices.contains(index) ? document.clinicians[index].name : "A clinician"
            return ClaimProblem(
                field: problem.field, message: "\(name): \(what) \(problem.message): Settings → Clinicians",
                fixAt: clinicianIDs.indices.contains(index) ? "/settings/clinicians/\(clinicianIDs[index])" : "/settings")
        case "practice":
            return ClaimProblem(
                field: problem.field, message: "The practice's \(what) \(problem.message): Settings → Billing provider",
                fixAt: "/settings/billing-provider")
        case "client":
            return ClaimProblem(
                field: problem.field, message: "The client's \(what) \(problem.message): edit the client",
                fixAt: "/clients/\(clientID)/edit")
        case "diagnoses":
            return ClaimProblem(
                field: problem.field, message: "The client has no diagnosis: add one on their Billing tab",
                fixAt: "/clients/\(clientID)/edit?tab=billing")
        default:
            return ClaimProblem(
                field: problem.field, message: "A service's \(what) \(problem.message): Settings → Services",
                fixAt: "/settings")
        }
    }

    private static func words(_ key: String) -> String {
        switch key {
        case "npi": "NPI"
        case "groupNpi": "group NPI"
        case "taxId": "tax ID"
        case "licenseNumber": "licence number"
        case "licenseState": "licence state"
        case "dateOfBirth": "date of birth"
        case "diagnosisPointers": "diagnoses"
        default: key
        }
    }
}
