import Testing

@testable import RapportCore

/// Every piece an insurer needs on a superbill, refused when missing.
struct SuperbillCheckTests {
    static func usd(_ cents: Int64) -> Money { Money(amount: cents, currency: .usd) }

    static var complete: SuperbillDocument {
        SuperbillDocument(
            practice: .init(
                name: "Riverside Counseling", groupNPI: "1245319599", taxID: "123456789",
                address: PostalAddress(line1: "1 Main St", city: "Springfield", state: "IL", zip: ZIPCode("62701")!),
                phone: "2175550100"),
            clinicians: [
                .init(name: "Maya Chen", credentials: "LCSW", npi: "1234567893", licenseNumber: "149.012345", licenseState: "IL")
            ],
            client: .init(
                name: "Avery Nguyen", dateOfBirth: LocalDate(year: 1990, month: 5, day: 17),
                address: PostalAddress(line1: "12 Oak Ave", city: "Springfield", state: "IL", zip: ZIPCode("62704")!),
                memberID: nil),
            diagnoses: ["F41.1"],
            lines: [
                .init(
                    dateOfService: LocalDate(year: 2026, month: 11, day: 2)!, placeOfService: .office, procedure: "90834",
                    modifiers: [], units: 1, diagnosisPointers: [1], clinician: 0, fee: usd(15_000), charged: usd(15_000),
                    paid: usd(15_000))
            ])
    }

    @Test func aCompleteSuperbillPasses() {
        #expect(SuperbillCheck.problems(Self.complete).isEmpty)
        #expect(Self.complete.lines[0].paidInFull)
    }

    /// The superbill with one piece missing or wrong, and the field that names it.
    static func broken(_ name: String) -> (field: String, superbill: SuperbillDocument) {
        var s = complete
        switch name {
        case "no tax ID": s.practice.taxID = nil; return ("practice.taxId", s)
        case "no practice address": s.practice.address = nil; return ("practice.address", s)
        case "blank phone": s.practice.phone = " "; return ("practice.phone", s)
        case "bad group NPI": s.practice.groupNPI = "1245319590"; return ("practice.groupNpi", s)
        case "no credentials": s.clinicians[0].credentials = nil; return ("clinicians[0].credentials", s)
        case "no NPI": s.clinicians[0].npi = nil; return ("clinicians[0].npi", s)
        case "bad NPI": s.clinicians[0].npi = "1234567890"; return ("clinicians[0].npi", s)
        case "no licence": s.clinicians[0].licenseNumber = ""; return ("clinicians[0].licenseNumber", s)
        case "bad licence state": s.clinicians[0].licenseState = "Illinois"; return ("clinicians[0].licenseState", s)
        case "no licence state": s.clinicians[0].licenseState = nil; return ("clinicians[0].licenseState", s)
        case "no birth date": s.client.dateOfBirth = nil; return ("client.dateOfBirth", s)
        case "no client address": s.client.address = nil; return ("client.address", s)
        case "no diagnosis": s.diagnoses = []; return ("diagnoses", s)
        case "no lines": s.lines = []; return ("lines", s)
        case "not a CPT code": s.lines[0].procedure = "THERAPY"; return ("lines[0].procedure", s)
        default: s.lines[0].diagnosisPointers = []; return ("lines[0].diagnosisPointers", s)
        }
    }

    @Test(arguments: [
        "no tax ID", "no practice address", "blank phone", "bad group NPI", "no credentials", "no NPI", "bad NPI",
        "no licence", "bad licence state", "no licence state", "no birth date", "no client address", "no diagnosis", "no lines",
        "not a CPT code", "no pointers",
    ])
    func eachMissingPieceIsNamed(_ name: String) {
        let (field, superbill) = Self.broken(name)
        #expect(SuperbillCheck.problems(superbill).map(\.field) == [field], "\(name)")
    }
}
