import Testing

@testable import RapportCore

/// Each rule a claim must pass, with the claim that breaks it.
struct ClaimCheckTests {
    @Test func theSampleClaimsPass() {
        for (name, claims) in ClaimSamples.corpus {
            for claim in claims {
                #expect(ClaimCheck.problems(claim).isEmpty, "\(name): \(ClaimCheck.problems(claim))")
            }
        }
    }

    static let breaks: [(String, @Sendable (inout Claim) -> Void, String)] = [
        ("billingProvider.npi", { $0.billingProvider.npi = "1234567890" }, "check digit"),
        ("billingProvider.address.zip", { $0.billingProvider.address?.zip = ZIPCode("62701")! }, "9 digits"),
        ("billingProvider.address.line1", { $0.billingProvider.address?.line1 = "PO Box 12" }, "PO Box"),
        ("billingProvider.address", { $0.billingProvider.address = nil }, "missing"),
        ("billingProvider.taxId", { $0.billingProvider.taxID = nil }, "EIN"),
        ("billingProvider.taxonomy", { $0.billingProvider.taxonomy = "101YP" }, "taxonomy"),
        ("rendering.npi", { $0.rendering?.npi = "12345" }, "10 digits"),
        ("diagnoses", { $0.diagnoses = (0..<13).map { "F41.\($0 % 10)" + ($0 >= 10 ? "1" : "") } }, "at most 12"),
        ("diagnoses", { $0.diagnoses = [] }, "principal"),
        ("diagnoses[1]", { $0.diagnoses[1] = "F4.11" }, "ICD-10-CM"),
        ("diagnoses", { $0.diagnoses = ["F41.1", "F411"] }, "twice"),
        ("lines[0].diagnosisPointers", { $0.lines[0].diagnosisPointers = [3] }, "past the claim's 2"),
        ("lines[0].diagnosisPointers", { $0.lines[0].diagnosisPointers = [] }, "at least one"),
        ("lines[0].diagnosisPointers", { $0.lines[0].diagnosisPointers = [1, 2, 1, 2, 1] }, "more than 4"),
        ("lines[0].procedure", { $0.lines[0].procedure = "9083" }, "CPT"),
        ("lines[0].modifiers[0]", { $0.lines[0].modifiers = ["9"] }, "modifier"),
        ("lines[0].charge", { $0.lines[0].charge = Money(amount: 0, currency: .usd) }, "more than zero"),
        ("lines[0].units", { $0.lines[0].units = 0 }, "1 to 999"),
        ("lines", { $0.lines = [] }, "at least one"),
        ("lines", { claim in claim.lines = (1...51).map { ClaimSamples.line($0) } }, "at most 50"),
        ("subscriber.memberId", { $0.subscriber.memberID = " " }, "member ID"),
        ("subscriber.dateOfBirth", { $0.subscriber.person.dateOfBirth = nil }, "missing"),
        ("subscriber.address.state", { $0.subscriber.person.address?.state = "Illinois" }, "two-letter"),
        ("payer.payerId", { $0.payer.payerID = "" }, "payer ID"),
        ("payerClaimNumber", { $0.frequency = .replacement }, "payer's claim number"),
        ("patientControlNumber", { $0.patientControlNumber = String(repeating: "9", count: 39) }, "38"),
        (
            "patient.relationship",
            { $0.patient = Claim.Dependent(person: ClaimSamples.avery, relationship: .subscriber) }, "self"
        ),
    ]

    @Test(arguments: breaks.indices)
    func eachBrokenRuleIsNamedOnItsField(index: Int) {
        let (field, breakIt, words) = Self.breaks[index]
        var claim = ClaimSamples.claim()
        breakIt(&claim)
        let problems = ClaimCheck.problems(claim)
        #expect(
            problems.contains { $0.field == field && $0.message.contains(words) },
            "\(field): \(problems.map(\.description))")
    }
}

struct SecondaryClaimCheckTests {
    @Test func thePrimarysAdjudicationMustBalanceLineByLineAndForTheClaim() throws {
        for sample in ClaimSamples.corpus where sample.name.hasPrefix("secondary") {
            #expect(ClaimCheck.problems(sample.claims[0]).isEmpty, "\(sample.name)")
        }
        var claim = try #require(ClaimSamples.corpus.first { $0.name == "secondary" }?.claims[0])
        claim.otherPayers[0].lines[0].paid = ClaimSamples.usd(7_700)
        let fields = ClaimCheck.problems(claim).map(\.field)
        #expect(fields == ["otherPayers[0].lines[0]", "otherPayers[0].paid"])
        claim.otherPayers[0].lines[0].lineID = "L9"
        #expect(ClaimCheck.problems(claim).contains { $0.field == "otherPayers[0].lines[0]" && $0.message.contains("L9") })
    }
}
