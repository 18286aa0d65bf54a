import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import RapportApp

/// A practice's money, dates and times are shown and read the way its people write them.
struct PracticeLocaleTests {
    /// A euro practice set up through the form: its locale is the one the currency suggests.
    private func euroPractice(_ app: Application) async throws -> Browser {
        try await Browser.setUp(
            app, practice: "Praxis am See", timeZone: "Europe/Berlin", currency: "EUR", owner: "Lena Vogel",
            email: "lena@example.com")
    }

    @Test func aDecimalCommaIsReadAsCentsNotAsAHundredfoldAmount() async throws {
        try await withRapport { app in
            // setup
            let browser = try await euroPractice(app)
            // act
            let added = try await browser.post(
                "/settings/services",
                form: ["code": "90837", "description": "Psychotherapie", "durationMinutes": "60", "rate": "180,00"])
            let grouped = try await browser.post(
                "/settings/services",
                form: ["code": "90791", "description": "Erstgespräch", "durationMinutes": "60", "rate": "1.234,56"])
            let dotted = try await browser.post(
                "/settings/services",
                form: ["code": "90834", "description": "Psychotherapie 45", "durationMinutes": "45", "rate": "130.50"])
            // check
            #expect(added.status == .seeOther)
            #expect(grouped.status == .seeOther)
            var rates: [String: Int64] = [:]
            for service in try await Service.query(on: app.db).all() {
                rates[service.code] = try await ServiceRate.query(on: app.db).filter(\.$serviceID == service.requireID())
                    .first()?.amount
            }
            #expect(rates["90837"] == 18_000, "€180,00, not €18.000,00")
            #expect(rates["90791"] == 123_456)
            #expect(rates["90834"] == nil, "130.50 is refused in a German practice")
            #expect(dotted.body.string.contains("use , for the cents"), "the reason stands beside the field")
            let settings = try await browser.get("/settings").body.string
            #expect(settings.contains("180,00\u{00A0}€"), "shown as the practice writes it")
        }
    }

    @Test func theLocaleCanBeChosenAndIsCheckedThroughTheAPI() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            #expect(try await practice.api.get("/api/v1/practice").json["locale"].string == "en_US")
            let wrong = try await practice.api.patch("/api/v1/practice", #"{"locale": "xx_YY"}"#)
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.json["error"]["fields"]["locale"].string != nil)
            let british = try await practice.api.patch("/api/v1/practice", #"{"locale": "en_GB"}"#)
            #expect(british.json["locale"].string == "en_GB", "\(british.text)")
            let browser = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            let calendar = try await browser.get("/calendar?view=day").body.string
            #expect(calendar.contains("14:00"), "a 24-hour clock in the UK")
            #expect(!calendar.contains("2 PM"))
        }
    }
}
