import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import RapportApp

/// Importing a client list: a dry run first, then all or nothing.
struct ClientImportTests {
    func importer(_ app: Application) async throws -> ClientImport {
        let practice = try #require(try await Practice.query(on: app.db).first())
        return ClientImport(database: app.db, actor: .rapport("Import test", practiceID: try practice.requireID()))
    }

    /// Another product's export: a byte-order mark, `;` separators, Windows line ends, a quoted
    /// address with a line break and a semicolon, US dates, its own column names.
    func otherProductsExport(clinician: String) -> Data {
        let lines = [
            "Client ID;First Name;Last Name;DOB;E-mail;Mobile Phone;Street;City;State;Zip Code;Primary Clinician;CPT Code;Fee;Notes;Self Pay",
            "A-17;Avery;Nguyen;04/03/1990;avery@example.com;555-0101;\"12 Elm St\nApt 4; rear\";Springfield;IL;62701;\(clinician);90837;165.00;likes mornings;yes",
            "A-18;Blake;O'Neil;11/30/1985;;;;;;;\(clinician);;;;",
            "A-19;Casey;Lee;;casey@example.com;;;;;;;90834;;;",
        ]
        return Data(("\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n").utf8)
    }

    @Test func aDryRunWritesNothingThenTheImportAddsEveryClientAndARerunUpdates() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let file = otherProductsExport(clinician: "Maya Chen")
            let check = try await importer(app).run(file, commit: false)
            #expect(check.problems == [], "\(check.problems)")
            #expect(check.rows == 3 && check.added == 3 && check.updated == 0 && !check.imported)
            #expect(check.ignoredColumns == ["Notes", "Self Pay"], "a column nothing reads is said to be unused")
            #expect(check.columns["date_of_birth"] == "DOB")
            #expect(try await Client.query(on: app.db).count() == 0, "a dry run writes nothing")

            let done = try await importer(app).run(file, commit: true)
            #expect(done.imported && done.added == 3)
            let avery = try #require(try await Client.query(on: app.db).filter(\.$lastName == "Nguyen").first())
            #expect(avery.dateOfBirth?.description == "1990-04-03")
            #expect(avery.addressLine1 == "12 Elm St, Apt 4; rear", "a line break in a cell joins its lines")
            #expect(avery.addressCity == "Springfield")
            #expect(avery.phone == "555-0101" && avery.primaryClinicianID?.uuidString == fixture.clinicianID)
            let billing = try await fixture.api.get("/api/v1/clients/\(try avery.requireID())/billing")
            #expect(billing.text.contains("16500"), "the custom fee for 90837: \(billing.text)")

            let again = try await importer(app).run(file, commit: true)
            #expect(again.added == 0 && again.updated == 3, "external ids update rather than duplicate")
            #expect(try await Client.query(on: app.db).count() == 3)
        }
    }

    @Test func everyProblemIsListedByRowAndColumnAndNothingIsImported() async throws {
        try await withRapport { app in
            _ = try await PracticeFixture.make(app)
            let file = """
                id,first_name,last_name,date_of_birth,default_service,primary_clinician,email
                1,Avery,Nguyen,1990-04-03,90837,Maya Chen,avery@example.com
                2,Blake,Lee,04/03/1990,90837,,
                3,Casey,Park,1991-02-30,99999,Dr. Nobody,
                1,Drew,Kim,,,,not-an-email
                4,,Lopez,,,,,extra
                """
            let report = try await importer(app).run(Data(file.utf8), commit: true)
            #expect(!report.imported)
            let found = Set(report.problems.map { "\($0.row) \($0.column)" })
            for expected in [
                "3 date_of_birth", "4 date_of_birth", "4 default_service", "4 primary_clinician", "5 id", "6 first_name",
                "6 ",
            ] {
                #expect(found.contains(expected), "expected a problem at \(expected): \(report.problems)")
            }
            #expect(report.problems.contains { $0.row == 5 && $0.column == "email" }, "the use case's own checks too")
            #expect(report.problems.first { $0.row == 5 && $0.column == "id" }?.message.contains("row 2") == true)
            #expect(try await Client.query(on: app.db).count() == 0, "one bad row, nothing imported")
        }
    }

    @Test func aFileThatIsNotAClientListIsRefusedWithASentence() async throws {
        try await withRapport { app in
            _ = try await PracticeFixture.make(app)
            let wrongHeader = try await importer(app).run(Data("when,amount\n2026-01-01,5\n".utf8), commit: false)
            #expect(wrongHeader.problems.first?.message.contains("names no client") == true)
            for (data, sentence) in [
                (Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08]), "not text"),
                (Data(count: CSVFile.maxBytes + 1), "import at most"),
                (Data("   \n".utf8), "empty"),
            ] {
                do {
                    _ = try await importer(app).run(data, commit: true)
                    Issue.record("a file that is \(sentence) was read")
                } catch let error as UseCaseError {
                    #expect(error.fields["csv"]?.contains(sentence) == true, "\(error.fields)")
                }
            }
        }
    }

    @Test func theAPIChecksByDefaultAndImportsOnlyAWholeFile() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let csv = #"first_name,last_name\nAvery,Nguyen\n,Lee\n"#
            let check = try await fixture.api.post("/api/v1/imports/clients", #"{"csv": "\#(csv)"}"#)
            #expect(check.status == .ok && check.json["problems"][0]["row"].int == 3)
            let refused = try await fixture.api.post("/api/v1/imports/clients", #"{"csv": "\#(csv)", "dryRun": false}"#)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.json["error"]["fields"]["csv"].string?.contains("row 3, first_name") == true, "\(refused.text)")
            let good = try await fixture.api.post(
                "/api/v1/imports/clients", #"{"csv": "first_name,last_name\nAvery,Nguyen\n", "dryRun": false}"#)
            #expect(good.status == .ok && good.json["added"].int == 1 && good.json["imported"].bool == true)
        }
    }

    @Test func settingsImportChecksThenImports() async throws {
        try await withRapport { app in
            _ = try await PracticeFixture.make(app)
            let owner = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            let bad = try await owner.post("/settings/import/check", form: ["csv": "first_name,last_name,dob\nAvery,Nguyen,soon\n"])
            #expect(bad.status == .ok)
            #expect(bad.body.string.contains("&#39;soon&#39; is not a date") || bad.body.string.contains("'soon' is not a date"))
            let good = try await owner.post("/settings/import/check", form: ["csv": "first_name,last_name\nAvery,Nguyen\n"])
            #expect(good.body.string.contains("Ready: 1 to add, 0 to update"))
            let unknown = try await owner.post("/settings/import/check", form: ["what": "invoices", "csv": "a,b\n1,2\n"])
            #expect(unknown.body.string.contains("Choose clients, schedules or opening balances"))
            let done = try await owner.post("/settings/import", form: ["csv": "first_name,last_name\nAvery,Nguyen\n"])
            #expect(done.status == .seeOther)
            #expect(try await Client.query(on: app.db).count() == 1)
        }
    }
}
