/// A superbill: the itemised receipt a self-pay client sends their insurer to be reimbursed out of
/// network. Payers accept one only when it names the provider as registered (name, credentials,
/// NPI, licence, tax ID, address, phone), the client, and for each service the date, place, CPT
/// code with modifiers, units, diagnoses, the fee and what was paid. ``SuperbillCheck`` says what
/// is missing, so an incomplete one is never printed.
public struct SuperbillDocument: Sendable, Hashable {
    /// The practice as it bills: its name, group NPI (an organisation's), tax ID, address and phone.
    public struct Practice: Sendable, Hashable {
        public var name: String
        public var groupNPI: String?
        public var taxID: String?
        public var address: PostalAddress?
        public var phone: String?

        public init(name: String, groupNPI: String?, taxID: String?, address: PostalAddress?, phone: String?) {
            self.name = name
            self.groupNPI = groupNPI
            self.taxID = taxID
            self.address = address
            self.phone = phone
        }
    }

    /// A clinician who provided a service on it, as registered with their NPI and licence.
    public struct Clinician: Sendable, Hashable {
        public var name: String
        public var credentials: String?
        public var npi: String?
        public var licenseNumber: String?
        public var licenseState: String?

        public init(name: String, credentials: String?, npi: String?, licenseNumber: String?, licenseState: String?) {
            self.name = name
            self.credentials = credentials
            self.npi = npi
            self.licenseNumber = licenseNumber
            self.licenseState = licenseState
        }
    }

    public struct Client: Sendable, Hashable {
        public var name: String
        public var dateOfBirth: LocalDate?
        public var address: PostalAddress?
        /// From the client's policy, when they have one: the insurer they send it to knows them by it.
        public var memberID: String?

        public init(name: String, dateOfBirth: LocalDate?, address: PostalAddress?, memberID: String?) {
            self.name = name
            self.dateOfBirth = dateOfBirth
            self.address = address
            self.memberID = memberID
        }
    }

    public struct Line: Sendable, Hashable {
        public var dateOfService: LocalDate
        public var placeOfService: PlaceOfService
        /// The CPT or HCPCS code as billed.
        public var procedure: String
        public var modifiers: [String]
        public var units: Int
        /// 1-based positions in the document's diagnoses.
        public var diagnosisPointers: [Int]
        /// Index into ``SuperbillDocument/clinicians``.
        public var clinician: Int
        /// The practice's fee for it, and what attendance made of it.
        public var fee: Money
        public var charged: Money
        public var paid: Money

        public init(
            dateOfService: LocalDate, placeOfService: PlaceOfService, procedure: String, modifiers: [String],
            units: Int, diagnosisPointers: [Int], clinician: Int, fee: Money, charged: Money, paid: Money
        ) {
            self.dateOfService = dateOfService
            self.placeOfService = placeOfService
            self.procedure = procedure
            self.modifiers = modifiers
            self.units = units
            self.diagnosisPointers = diagnosisPointers
            self.clinician = clinician
            self.fee = fee
            self.charged = charged
            self.paid = paid
        }

        /// Paid in full, in part, or not yet: the superbill says which.
        public var paidInFull: Bool { paid.amount >= charged.amount }
    }

    public var practice: Practice
    public var clinicians: [Clinician]
    public var client: Client
    /// ICD-10-CM codes in order; lines point into them.
    public var diagnoses: [String]
    public var lines: [Line]

    public init(practice: Practice, clinicians: [Clinician], client: Client, diagnoses: [String], lines: [Line]) {
        self.practice = practice
        self.clinicians = clinicians
        self.client = client
        self.diagnoses = diagnoses
        self.lines = lines
    }
}

/// What a superbill lacks before an insurer would accept it, each as the field and the words.
public enum SuperbillCheck {
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public let field: String
        public let message: String
        public var description: String { "\(field) \(message)" }
    }

    public static func problems(_ superbill: SuperbillDocument) -> [Problem] {
        var found: [Problem] = []
        func missing(_ field: String, _ text: String?, _ message: String) {
            if (text ?? "").trimmingSpaces.isEmpty { found.append(Problem(field: field, message: message)) }
        }
        let practice = superbill.practice
        missing("practice.taxId", practice.taxID, "is missing: the practice's EIN or SSN")
        if practice.address == nil { found.append(Problem(field: "practice.address", message: "is missing")) }
        missing("practice.phone", practice.phone, "is missing: the insurer calls it with questions")
        if let npi = practice.groupNPI, let problem = NPI.problem(npi) {
            found.append(Problem(field: "practice.groupNpi", message: problem))
        }
        for (index, clinician) in superbill.clinicians.enumerated() {
            let field = "clinicians[\(index)]"
            missing("\(field).credentials", clinician.credentials, "are missing (LCSW, PhD, LPC…)")
            if let npi = clinician.npi {
                if let problem = NPI.problem(npi) { found.append(Problem(field: "\(field).npi", message: problem)) }
            } else {
                found.append(Problem(field: "\(field).npi", message: "is missing"))
            }
            missing("\(field).licenseNumber", clinician.licenseNumber, "is missing")
            if (clinician.licenseState ?? "").trimmingSpaces.isEmpty {
                found.append(Problem(field: "\(field).licenseState", message: "is missing"))
            } else if let problem = PostalAddress.stateProblem(clinician.licenseState ?? "") {
                found.append(Problem(field: "\(field).licenseState", message: problem))
            }
        }
        let client = superbill.client
        if client.dateOfBirth == nil { found.append(Problem(field: "client.dateOfBirth", message: "is missing")) }
        if client.address == nil { found.append(Problem(field: "client.address", message: "is missing")) }
        if superbill.lines.isEmpty {
            found.append(Problem(field: "lines", message: "is empty: no service in the period was billed"))
        }
        if superbill.diagnoses.isEmpty, !superbill.lines.isEmpty {
            found.append(Problem(field: "diagnoses", message: "is empty: an insurer reimburses a diagnosed condition"))
        }
        for (index, line) in superbill.lines.enumerated() {
            let field = "lines[\(index)]"
            if let problem = ProcedureCode.problem(line.procedure) {
                found.append(Problem(field: "\(field).procedure", message: problem))
            }
            if line.diagnosisPointers.isEmpty, !superbill.diagnoses.isEmpty {
                found.append(Problem(field: "\(field).diagnosisPointers", message: "points to no diagnosis"))
            }
        }
        return found
    }
}
