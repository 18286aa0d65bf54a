import Foundation
import RapportCore

/// A superbill, or what it lacks before an insurer would accept it.
struct SuperbillResult: Sendable {
    let superbill: SuperbillDetails?
    /// Each missing piece, in words, with where to add it; empty when the superbill is complete.
    let missing: [ClaimProblem]
}

/// A superbill as printed and as `GET /clients/{id}/superbill` returns it.
struct SuperbillDetails: Codable, Sendable {
    struct Practice: Codable, Sendable {
        let name: String
        /// The organisation's NPI, when the practice bills as one.
        let groupNpi: String?
        let taxId: String
        let address: AddressDetails
        let phone: String
    }

    struct Clinician: Codable, Sendable {
        let name: String
        let credentials: String
        let npi: String
        let licenseNumber: String
        let licenseState: String
    }

    struct Client: Codable, Sendable {
        let name: String
        let dateOfBirth: LocalDate
        let address: AddressDetails
        let memberId: String?
    }

    struct Diagnosis: Codable, Sendable {
        /// A to L, as lines point to it.
        let letter: String
        let code: String
        let description: String?
    }

    struct Line: Codable, Sendable {
        let dateOfService: LocalDate
        let placeOfService: String
        let serviceCode: String
        let modifiers: [String]
        let units: Int
        let description: String
        /// The letters of its diagnoses.
        let diagnoses: [String]
        let clinician: String
        let fee: Money
        let charged: Money
        let paid: Money
        let paidInFull: Bool
    }

    let practice: Practice
    let clinicians: [Clinician]
    let client: Client
    let from: LocalDate
    let to: LocalDate
    let diagnoses: [Diagnosis]
    let lines: [Line]
    let totalCharged: Money
    let totalPaid: Money
    /// The provider's signature: on file with the practice.
    let signature: String

    /// The document as the API and the page show it; nil when it lacks an address or a date of
    /// birth (``SuperbillCheck`` says so first).
    init?(_ document: SuperbillDocument, descriptions: [String: String], from: LocalDate, to: LocalDate) {
        let letters = (0..<document.diagnoses.count).map { ClaimForm.letter($0 + 1) }
        let practice = document.practice
        guard let practiceAddress = practice.address, let clientAddress = document.client.address,
            let birth = document.client.dateOfBirth
        else { return nil }
        self.practice = Practice(
            name: practice.name, groupNpi: practice.groupNPI, taxId: practice.taxID ?? "",
            address: AddressDetails(practiceAddress), phone: PhoneNumber.shown(practice.phone ?? ""))
        clinicians = document.clinicians.map {
            Clinician(
                name: $0.name, credentials: $0.credentials ?? "", npi: $0.npi ?? "", licenseNumber: $0.licenseNumber ?? "",
                licenseState: $0.licenseState ?? "")
        }
        client = Client(
            name: document.client.name, dateOfBirth: birth, address: AddressDetails(clientAddress),
            memberId: document.client.memberID)
        (self.from, self.to) = (from, to)
        diagnoses = document.diagnoses.enumerated().map { index, code in
            Diagnosis(
                letter: letters[index], code: code, description: DiagnosisCode(code).flatMap { DiagnosisCatalog.description(of: $0) })
        }
        lines = document.lines.map { line in
            Line(
                dateOfService: line.dateOfService, placeOfService: line.placeOfService.description,
                serviceCode: line.procedure, modifiers: line.modifiers, units: line.units,
                description: descriptions[line.procedure] ?? "",
                diagnoses: line.diagnosisPointers.compactMap { letters.indices.contains($0 - 1) ? letters[$0 - 1] : nil },
                clinician: document.clinicians.indices.contains(line.clinician) ? document.clinicians[line.clinician].name : "",
                fee: line.fee, charged: line.charged, paid: line.paid, paidInFull: line.paidInFull)
        }
        let currency = document.lines.first?.charged.currency ?? .usd
        totalCharged = Money(amount: document.lines.reduce(0) { $0 + $1.charged.amount }, currency: currency)
        totalPaid = Money(amount: document.lines.reduce(0) { $0 + $1.paid.amount }, currency: currency)
        signature = "Signature on file"
    }
}
