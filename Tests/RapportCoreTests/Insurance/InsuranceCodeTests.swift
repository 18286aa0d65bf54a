import Testing

@testable import RapportCore

struct InsuranceCodeTests {
    @Test(arguments: ["1234567893", "1245319599", "1003000126"])
    func anNPIWithItsCheckDigitIsAccepted(text: String) {
        #expect(NPI(text)?.description == text)
    }

    @Test(arguments: [
        ("1234567890", "check digit"), ("123456789", "10 digits"), ("12345678901", "10 digits"),
        ("12345 6789", "10 digits"), ("abcdefghij", "10 digits"),
    ])
    func anNPIThatIsMistypedSaysWhy(text: String, why: String) {
        #expect(NPI(text) == nil)
        #expect(NPI.problem(text)?.contains(why) == true)
    }

    /// Every single-digit change to a valid NPI is caught: that is what the check digit is for.
    @Test func everyMistypedDigitIsCaught() {
        let valid = Array("1234567893")
        for position in valid.indices {
            for digit in "0123456789" where digit != valid[position] {
                var typo = valid
                typo[position] = digit
                #expect(NPI(String(typo)) == nil, "\(String(typo))")
            }
        }
    }

    @Test func diagnosisCodesAreReadWithOrWithoutTheirDot() {
        #expect(DiagnosisCode("f411")?.description == "F41.1")
        #expect(DiagnosisCode("F41.1")?.withoutDot == "F411")
        #expect(DiagnosisCode("F43.10")?.description == "F43.10")
        #expect(DiagnosisCode("Z63.0")?.description == "Z63.0")
        #expect(DiagnosisCode("F32A")?.description == "F32.A")
        #expect(DiagnosisCode("F20")?.description == "F20")
        for bad in ["F4", "F41.", "F4.11", "41.1", "U07.1", "F41.12345", "F41-1", "", "F41..1"] {
            #expect(DiagnosisCode(bad) == nil, "\(bad)")
        }
    }

    @Test func procedureCodesModifiersAndPlacesAreShapeChecked() {
        for good in ["90834", "90837", "0001F", "99091", "H0031", "G0444"] {
            #expect(ProcedureCode(good) != nil, "\(good)")
        }
        for bad in ["9083", "908345", "9083A", "HH031", "90 34"] { #expect(ProcedureCode(bad) == nil, "\(bad)") }
        #expect(ProcedureModifier("95") != nil && ProcedureModifier("ho")?.description == "HO")
        #expect(ProcedureModifier("9") == nil && ProcedureModifier("95A") == nil)
        #expect(PlaceOfService("11") == .office && PlaceOfService("10")?.isTelehealth == true)
        #expect(PlaceOfService("1") == nil && PlaceOfService("00") == nil && PlaceOfService("A1") == nil)
    }

    @Test func identifiersAndAddresses() {
        #expect(TaxonomyCode("101yp2500x")?.description == "101YP2500X")
        #expect(TaxonomyCode("101YP2500") == nil && TaxonomyCode("A01YP2500X") == nil)
        #expect(TaxID("12-3456789", kind: .ein)?.digits == "123456789")
        #expect(TaxID("123-45-6789", kind: .ssn)?.kind.qualifier == "SY")
        #expect(TaxID("12345678", kind: .ein) == nil && TaxID("12 3456789", kind: .ein) == nil)
        #expect(ZIPCode("62701-1234")?.digits == "627011234")
        #expect(ZIPCode("62701")?.hasPlusFour == false)
        #expect(ZIPCode("6270") == nil && ZIPCode("62701-12") == nil && ZIPCode("6270a") == nil)
        let zip = ZIPCode("627011234")!
        for box in ["PO Box 12", "P.O. Box 12", "Post Office Box 12", "po box 9", "Box 44"] {
            #expect(PostalAddress(line1: box, city: "Springfield", state: "IL", zip: zip).isPostOfficeBox, "\(box)")
        }
        for street in ["1 Main St", "12 Boxwood Lane", "400 Post Road"] {
            #expect(
                !PostalAddress(line1: street, city: "Springfield", state: "IL", zip: zip).isPostOfficeBox, "\(street)")
        }
    }
}

struct DiagnosisCatalogTests {
    @Test func everyListedCodeIsWellShapedAndListedOnce() {
        #expect(DiagnosisCatalog.entries.count == 34, "a code that does not parse would be dropped silently")
        #expect(Set(DiagnosisCatalog.entries.map(\.code)).count == DiagnosisCatalog.entries.count)
    }

    @Test func codesAreFoundByCodeOrWords() {
        #expect(DiagnosisCatalog.description(of: DiagnosisCode("f411")!) == "Generalized anxiety disorder")
        #expect(DiagnosisCatalog.search("F43.2").count == 5)
        #expect(DiagnosisCatalog.search("f432").count == 5)
        #expect(DiagnosisCatalog.search("recurrent moderate").map(\.code.description) == ["F33.1"])
        #expect(DiagnosisCatalog.search("nothing like this").isEmpty)
        #expect(DiagnosisCatalog.description(of: DiagnosisCode("F99")!) == nil)
    }
}
