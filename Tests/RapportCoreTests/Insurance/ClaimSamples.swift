@testable import RapportCore

/// Claims for the checks and the writer: a sound one, and the variations a practice sends.
enum ClaimSamples {
    static let zip = ZIPCode("62701-1234")!
    static let street = PostalAddress(
        line1: "1 Main St", line2: "Suite 200", city: "Springfield", state: "IL", zip: zip)
    static let home = PostalAddress(line1: "2 Oak Ave", city: "Springfield", state: "IL", zip: ZIPCode("62702")!)

    static let organization = Claim.BillingProvider(
        entity: .organization(name: "Calm Waters Counseling"), npi: "1245319599",
        taxID: TaxID("12-3456789", kind: .ein),
        taxonomy: "101YP2500X", address: street)
    static let solo = Claim.BillingProvider(
        entity: .person(last: "Rivera", first: "Dana"), npi: "1234567893", taxID: TaxID("123-45-6789", kind: .ssn),
        taxonomy: "103T00000X", address: street)

    static let avery = Claim.Person(
        last: "Nguyen", first: "Avery", dateOfBirth: LocalDate(year: 1990, month: 1, day: 15), sex: .female,
        address: home)

    static func line(_ n: Int, code: String = "90834", cents: Int64 = 15_000, pointers: [Int] = [1]) -> Claim.Line {
        Claim.Line(
            lineID: "L\(n)", dateOfService: LocalDate(year: 2026, month: 11, day: 1)!.adding(days: n % 28),
            procedure: code, charge: Money(amount: cents, currency: .usd), diagnosisPointers: pointers)
    }

    static func claim(_ number: String = "C1", provider: Claim.BillingProvider = organization) -> Claim {
        Claim(
            patientControlNumber: number, placeOfService: .office, billingProvider: provider,
            rendering: provider == organization
                ? Claim.RenderingProvider(last: "Rivera", first: "Dana", npi: "1234567893", taxonomy: "103T00000X")
                : nil,
            payer: Claim.Payer(name: "Aetna", payerID: "60054", filingIndicator: .commercial),
            subscriber: Claim.Subscriber(person: avery, memberID: "W123456789", groupNumber: "GRP1", rank: .primary),
            diagnoses: ["F41.1", "F33.0"], lines: [line(1, pointers: [1, 2])])
    }

    static func usd(_ cents: Int64) -> Money { Money(amount: cents, currency: .usd) }

    /// Aetna's adjudication as primary: each line paid $78, $52 written off (CO-45), $20 copay (PR-3).
    static func primaryAdjudication(lines: [Claim.Line]) -> Claim.OtherPayer {
        Claim.OtherPayer(
            payer: Claim.Payer(name: "Aetna", payerID: "60054", filingIndicator: .commercial),
            subscriber: Claim.Subscriber(person: avery, memberID: "W123456789", groupNumber: "GRP1", rank: .primary),
            relationship: .subscriber, paid: usd(7_800 * Int64(lines.count)), adjustments: [],
            adjudicated: LocalDate(year: 2026, month: 12, day: 1)!,
            lines: lines.map { line in
                Claim.LineAdjudication(
                    lineID: line.lineID, paid: usd(7_800),
                    adjustments: [
                        Adjustment(group: .contractual, reason: "45", amount: usd(5_200)),
                        Adjustment(group: .patientResponsibility, reason: "3", amount: usd(2_000)),
                    ])
            })
    }

    /// The corpus the file validator reads: each way a claim differs from the plain one.
    static var corpus: [(name: String, claims: [Claim])] {
        var dependent = claim("DEP1")
        dependent.subscriber.person = Claim.Person(
            last: "Nguyen", first: "Sam", dateOfBirth: LocalDate(year: 1965, month: 3, day: 2), sex: .male,
            address: home)
        dependent.patient = Claim.Dependent(person: avery, relationship: .child)
        var secondary = claim("SEC1")
        secondary.subscriber.rank = .secondary
        secondary.payer = Claim.Payer(name: "Blue Cross", payerID: "00621", filingIndicator: .blueCrossBlueShield)
        secondary.otherPayers = [primaryAdjudication(lines: secondary.lines)]
        // A primary that adjusted the claim as a whole, seven reasons in one group, and two lines.
        var manyReasons = claim("SEC2")
        manyReasons.subscriber.rank = .secondary
        manyReasons.payer = secondary.payer
        manyReasons.lines = [line(1), line(2)]
        var adjudication = primaryAdjudication(lines: manyReasons.lines)
        adjudication.adjustments = (1...7).map { Adjustment(group: .other, reason: "\(90 + $0)", amount: usd(100)) }
        adjudication.paid = usd(15_000 * 2 - 5_200 * 2 - 2_000 * 2 - 700)
        manyReasons.otherPayers = [adjudication]
        var telehealth = claim("TEL1")
        telehealth.placeOfService = .telehealthAtHome
        telehealth.lines = [line(1), line(2)].map {
            var line = $0; line.modifiers = ["95"]; return line
        }
        var twelve = claim("DX12")
        twelve.diagnoses = [
            "F41.1", "F33.0", "F43.10", "F42.2", "F40.10", "F41.0", "F90.0", "F50.00", "F31.81",
            "F43.23", "Z63.0", "F51.01",
        ]
        twelve.lines = [line(1, pointers: [1, 2, 3, 4]), line(2, pointers: [12, 11, 10, 9])]
        var fifty = claim("L50")
        fifty.lines = (1...50).map { line($0, code: $0 % 2 == 0 ? "90837" : "90834", cents: 15_000 + Int64($0)) }
        var corrected = claim("COR1")
        corrected.frequency = .replacement
        corrected.payerClaimNumber = "PAYER12345"
        corrected.priorAuthorization = "AUTH778"
        var void = claim("VOID1")
        void.frequency = .void
        void.payerClaimNumber = "PAYER12346"
        var hostile = claim("ODD*1")
        hostile.subscriber.person.last = "O*Neil~^"
        hostile.subscriber.person.first = "Zoë:"
        return [
            ("plain", [claim()]), ("dependent", [dependent]), ("secondary", [secondary]),
            ("secondary-claim-adjustments", [manyReasons]), ("telehealth", [telehealth]),
            ("twelve-diagnoses", [twelve]), ("fifty-lines", [fifty]), ("corrected", [corrected]), ("void", [void]),
            ("solo-provider", [claim("SOLO1", provider: solo)]), ("separators-in-names", [hostile]),
            ("two-providers", [claim("B1"), claim("B2"), claim("B3", provider: solo)]),
        ]
    }
}
