/// Every check a claim must pass before it can be sent, each problem in words with the field to
/// fix, so a biller can mend a claim before the payer refuses it weeks later.
public enum ClaimCheck {
    /// A problem with one field of a claim (`billingProvider.npi`, `lines[2].diagnosisPointers`).
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public let field: String
        public let message: String
        public var description: String { "\(field) \(message)" }
    }

    public static let maxDiagnoses = 12
    public static let maxLines = 50
    public static let maxModifiers = 4
    public static let maxPointers = 4
    public static let maxPatientControlNumber = 38

    public static func problems(_ claim: Claim) -> [Problem] {
        var found: [Problem] = []
        func add(_ field: String, _ message: String?) {
            if let message { found.append(Problem(field: field, message: message)) }
        }
        func required(_ field: String, _ text: String?, _ what: String) {
            if (text ?? "").trimmingSpaces.isEmpty { add(field, "is missing: \(what)") }
        }

        required("patientControlNumber", claim.patientControlNumber, "the claim's number")
        if claim.patientControlNumber.count > maxPatientControlNumber {
            add("patientControlNumber", "must be at most \(maxPatientControlNumber) characters")
        }
        if claim.frequency != .original {
            required("payerClaimNumber", claim.payerClaimNumber, "a replacement or void names the payer's claim number")
        }

        let billing = claim.billingProvider
        switch billing.entity {
        case .organization(let name): required("billingProvider.name", name, "the practice's name")
        case .person(let last, let first):
            required("billingProvider.lastName", last, "the billing clinician's last name")
            required("billingProvider.firstName", first, "the billing clinician's first name")
        }
        add("billingProvider.npi", NPI.problem(billing.npi))
        if billing.taxID == nil { add("billingProvider.taxId", "is missing: the practice's EIN or SSN") }
        add("billingProvider.taxonomy", TaxonomyCode.problem(billing.taxonomy))
        if let address = billing.address {
            check(address, "billingProvider.address", into: &found)
            if !address.zip.hasPlusFour {
                add("billingProvider.address.zip", "must have all 9 digits (62701-1234) for the billing provider")
            }
            if address.isPostOfficeBox {
                add(
                    "billingProvider.address.line1",
                    "must be a street address, not a PO Box (a PO Box is a pay-to address)")
            }
        } else {
            add("billingProvider.address", "is missing: the practice's street address")
        }
        if let rendering = claim.rendering {
            required("rendering.lastName", rendering.last, "the clinician's last name")
            required("rendering.firstName", rendering.first, "the clinician's first name")
            add("rendering.npi", NPI.problem(rendering.npi))
            add("rendering.taxonomy", TaxonomyCode.problem(rendering.taxonomy))
        }

        required("payer.name", claim.payer.name, "the payer's name")
        required("payer.payerId", claim.payer.payerID, "the payer ID the clearinghouse knows it by")
        required("subscriber.memberId", claim.subscriber.memberID, "the member ID on the insurance card")
        check(claim.subscriber.person, "subscriber", into: &found)
        if let patient = claim.patient {
            if patient.relationship == .subscriber {
                add("patient.relationship", "must not be self when the patient is not the subscriber")
            }
            check(patient.person, "patient", into: &found)
        }

        if claim.diagnoses.isEmpty { add("diagnoses", "is empty: a claim needs at least the principal diagnosis") }
        if claim.diagnoses.count > maxDiagnoses {
            add("diagnoses", "has \(claim.diagnoses.count) codes; a claim carries at most \(maxDiagnoses)")
        }
        for (index, code) in claim.diagnoses.enumerated() { add("diagnoses[\(index)]", DiagnosisCode.problem(code)) }
        let codes = claim.diagnoses.compactMap(DiagnosisCode.init)
        if Set(codes).count < codes.count { add("diagnoses", "lists a code twice") }

        if claim.lines.isEmpty { add("lines", "is empty: a claim needs at least one service line") }
        if claim.lines.count > maxLines {
            add("lines", "has \(claim.lines.count) lines; a claim carries at most \(maxLines)")
        }
        if !claim.lines.isEmpty, claim.totalCharge == nil { add("lines", "mix currencies") }
        for (index, line) in claim.lines.enumerated() {
            let field = "lines[\(index)]"
            required("\(field).lineId", line.lineID, "the line's id")
            add("\(field).procedure", ProcedureCode.problem(line.procedure))
            if line.modifiers.count > maxModifiers { add("\(field).modifiers", "has more than \(maxModifiers)") }
            for (position, modifier) in line.modifiers.enumerated() {
                add("\(field).modifiers[\(position)]", ProcedureModifier.problem(modifier))
            }
            if !(1...999).contains(line.units) { add("\(field).units", "must be from 1 to 999") }
            if line.charge.amount <= 0 { add("\(field).charge", "must be more than zero") }
            if line.diagnosisPointers.isEmpty {
                add("\(field).diagnosisPointers", "must point to at least one diagnosis")
            }
            if line.diagnosisPointers.count > maxPointers {
                add("\(field).diagnosisPointers", "has more than \(maxPointers) pointers")
            }
            for pointer in line.diagnosisPointers where pointer < 1 || pointer > claim.diagnoses.count {
                add(
                    "\(field).diagnosisPointers",
                    "points to diagnosis \(pointer), past the claim's \(claim.diagnoses.count)")
            }
            if Set(line.diagnosisPointers).count < line.diagnosisPointers.count {
                add("\(field).diagnosisPointers", "names a diagnosis twice")
            }
        }
        for (index, other) in claim.otherPayers.enumerated() {
            found += problems(other, field: "otherPayers[\(index)]", of: claim)
        }
        return found
    }

    /// An earlier payer's adjudication must balance as the guide requires: each line's charge less
    /// its adjustments is what the payer paid on it, and the lines' payments less the claim's own
    /// adjustments are the claim's payment (AMT*D).
    private static func problems(_ other: Claim.OtherPayer, field: String, of claim: Claim) -> [Problem] {
        var found: [Problem] = []
        if other.payer.payerID.trimmingSpaces.isEmpty {
            found.append(.init(field: "\(field).payer.payerId", message: "is missing: the primary payer's ID"))
        }
        if other.subscriber.memberID.trimmingSpaces.isEmpty {
            found.append(.init(field: "\(field).subscriber.memberId", message: "is missing: the primary policy's member ID"))
        }
        func cents(_ adjustments: [Adjustment]) -> Int64 { adjustments.reduce(0) { $0 + $1.amount.amount } }
        for (index, adjudication) in other.lines.enumerated() {
            guard let line = claim.lines.first(where: { $0.lineID == adjudication.lineID }) else {
                found.append(
                    .init(field: "\(field).lines[\(index)]", message: "names line \(adjudication.lineID), which the claim does not have"))
                continue
            }
            if line.charge.amount - cents(adjudication.adjustments) != adjudication.paid.amount {
                found.append(
                    .init(
                        field: "\(field).lines[\(index)]",
                        message: "does not balance: the charge less the primary's adjustments is not what it paid"))
            }
        }
        if !other.lines.isEmpty,
            other.lines.reduce(Int64(0), { $0 + $1.paid.amount }) - cents(other.adjustments) != other.paid.amount
        {
            found.append(
                .init(field: "\(field).paid", message: "does not balance: the lines' payments less the claim's adjustments"))
        }
        return found
    }

    private static func check(_ person: Claim.Person, _ field: String, into found: inout [Problem]) {
        if person.last.trimmingSpaces.isEmpty { found.append(.init(field: "\(field).lastName", message: "is missing")) }
        if person.first.trimmingSpaces.isEmpty {
            found.append(.init(field: "\(field).firstName", message: "is missing"))
        }
        if person.dateOfBirth == nil {
            found.append(.init(field: "\(field).dateOfBirth", message: "is missing: payers match the person by it"))
        }
        if person.sex == nil { found.append(.init(field: "\(field).sex", message: "is missing")) }
        if let address = person.address {
            check(address, "\(field).address", into: &found)
        } else {
            found.append(.init(field: "\(field).address", message: "is missing"))
        }
    }

    private static func check(_ address: PostalAddress, _ field: String, into found: inout [Problem]) {
        if address.line1.trimmingSpaces.isEmpty { found.append(.init(field: "\(field).line1", message: "is missing")) }
        if address.city.trimmingSpaces.isEmpty { found.append(.init(field: "\(field).city", message: "is missing")) }
        if let problem = PostalAddress.stateProblem(address.state) {
            found.append(.init(field: "\(field).state", message: problem))
        }
    }
}
