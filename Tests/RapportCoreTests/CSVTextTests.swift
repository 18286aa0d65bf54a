import Testing

@testable import RapportCore

struct CSVTextTests {
    @Test func plainFieldsAreWrittenAsTheyAreAndALineEndsWithCRLF() {
        #expect(CSVText.line([.value("90834"), .text("Avery"), .value(nil), .text(nil)]) == "90834,Avery,,\r\n")
        #expect(CSVText.line(header: ["a", "b"]) == "a,b\r\n")
    }

    @Test func aCommaAQuoteOrALineBreakIsQuotedWithItsQuotesDoubled() {
        #expect(CSVText.line([.text("Alvarez, LCSW")]) == "\"Alvarez, LCSW\"\r\n")
        #expect(CSVText.line([.text("the \"Annex\"")]) == "\"the \"\"Annex\"\"\"\r\n")
        #expect(CSVText.line([.text("Suite 4\nBack door")]) == "\"Suite 4\nBack door\"\r\n")
        #expect(CSVText.line([.text("line\r\nbreak")]) == "\"line\r\nbreak\"\r\n")
    }

    @Test func typedTextThatASpreadsheetWouldRunAsAFormulaIsDefused() {
        for formula in ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tx"] {
            #expect(CSVText.field(.text(formula)).contains("'"), "\(formula)")
        }
        #expect(CSVText.line([.text("=1+1,2")]) == "\"'=1+1,2\"\r\n")
        // Amounts Rapport writes are values: a refund stays a number a spreadsheet can add.
        #expect(CSVText.line([.value("-150.00")]) == "-150.00\r\n")
    }
}
