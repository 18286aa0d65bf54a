import Testing

@testable import RapportCore

struct ImportColumnsTests {
    @Test func commonExportTitlesMapWithoutEditing() {
        let header = ["Client ID", "First Name", "Last Name", "DOB", "E-mail", "Mobile Phone", "Zip Code", "Notes"]
        let columns = ImportColumns(header: header, names: ClientImportField.names)
        #expect(columns.positions[.externalID] == 0)
        #expect(columns.positions[.firstName] == 1 && columns.positions[.lastName] == 2)
        #expect(columns.positions[.dateOfBirth] == 3 && columns.positions[.email] == 4)
        #expect(columns.positions[.phone] == 5 && columns.positions[.zip] == 6)
        #expect(columns.ignored == ["Notes"])
        #expect(columns.value(.firstName, in: ["1", "  Avery ", "Nguyen"]) == "Avery")
        #expect(columns.value(.email, in: ["1", "Avery", "Nguyen"]) == nil, "a short row has no value there")
    }

    @Test func twoColumnsForOneFieldAreNamed() {
        let columns = ImportColumns(header: ["Phone", "Mobile", "Name"], names: ClientImportField.names)
        #expect(columns.duplicates.map(\.0) == [.phone])
    }

    @Test func namesAndYesOrNo() {
        let comma = ClientImportField.split(fullName: "Nguyen, Avery")
        #expect(comma?.first == "Avery" && comma?.last == "Nguyen")
        let spaced = ClientImportField.split(fullName: "Mary Ann Lee")
        #expect(spaced?.first == "Mary Ann" && spaced?.last == "Lee")
        #expect(ClientImportField.split(fullName: "Cher") == nil)
        #expect(ClientImportField.yesOrNo("Y") == true && ClientImportField.yesOrNo("no") == false)
        #expect(ClientImportField.yesOrNo("maybe") == nil)
    }
}

struct ImportDateColumnTests {
    func date(_ column: ImportDateColumn, _ text: String) -> String? {
        try? column.parse(text).get().description
    }

    @Test func eachWayOfWritingADateIsRead() {
        #expect(date(ImportDateColumn(["1990-04-03"]), "1990-04-03") == "1990-04-03")
        #expect(date(ImportDateColumn(["04/03/1990"]), "04/03/1990") == "1990-04-03", "month first")
        #expect(date(ImportDateColumn(["03.04.1990"]), "03.04.1990") == "1990-04-03")
    }

    @Test func aColumnWithADayAbove12IsDayFirst() {
        let column = ImportDateColumn(["04/03/1990", "25/12/1985"])
        #expect(column.style == .dayFirst)
        #expect(date(column, "04/03/1990") == "1990-03-04")
    }

    @Test func mixedWaysAndImpossibleDatesAreProblemsNotGuesses() throws {
        let column = ImportDateColumn(["1990-04-03", "04/03/1990"])
        #expect(column.style == .iso)
        guard case .failure(let mixed) = column.parse("04/03/1990") else {
            Issue.record("a slashed date in an ISO column was read")
            return
        }
        #expect(mixed.message.contains("this column's dates are yyyy-MM-dd"))
        guard case .failure(let impossible) = column.parse("1990-02-30") else {
            Issue.record("February 30 was read")
            return
        }
        #expect(impossible.message.contains("not a date on the calendar"))
        guard case .failure(let words) = column.parse("last spring") else { return }
        #expect(words.message.contains("is not a date"))
        // Both a first and a second number above 12 in one slashed column: no way fits every row.
        let both = ImportDateColumn(["12/25/1990", "25/12/1990"])
        #expect(both.style == .monthFirst)
        #expect((try? both.parse("25/12/1990").get()) == nil)
    }
}
