import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import RapportApp

/// New passwords: long enough, not a common one; changing one's own; an admin setting one.
struct PasswordTests {
    static let commonMessage = "is one of the most commonly used passwords; choose another"

    @Test func theShippedListHoldsTenThousandCommonPasswordsAndIsComparedWithoutCase() throws {
        let list = try CommonPasswords.shipped.get()
        #expect(list.count >= 10_000)
        let policy = PasswordPolicy(cost: 4, commonPasswords: list)
        #expect(policy.isCommon("password1234"))
        #expect(policy.isCommon("QWERTY123456 "), "compared lowercased and trimmed, as the list is kept")
        #expect(!policy.isCommon("a long enough passphrase"))
        var errors = FieldErrors()
        policy.check("Password1234", errors: &errors)
        policy.check("short", field: "other", errors: &errors)
        #expect(errors.fields == ["password": Self.commonMessage, "other": "must be at least 12 characters"])
    }

    @Test func setupAndNewStaffRefuseACommonPasswordBesideTheField() async throws {
        try await withRapport { app in
            let setup = try await APIClient(app: app).post(
                "/api/v1/setup",
                """
                {"practiceName": "Riverside", "timeZone": "America/New_York", "currency": "USD",
                 "ownerName": "Maya Chen", "email": "maya@example.com", "password": "Qwerty123456"}
                """)
            #expect(setup.status == .unprocessableEntity)
            #expect(setup.json["error"]["fields"]["password"].string == Self.commonMessage)
            #expect(try await Practice.query(on: app.db).count() == 0, "nothing was written")

            let fixture = try await PracticeFixture.make(app)
            let staff = try await fixture.api.post(
                "/api/v1/users",
                #"{"name": "Sam", "email": "sam@example.com", "role": "biller", "password": "password1234"}"#)
            #expect(staff.json["error"]["fields"]["password"].string == Self.commonMessage)
            let web = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            let page = try await web.post(
                "/settings/staff",
                form: ["name": "Sam", "email": "sam@example.com", "role": "biller", "password": "1q2w3e4r5t6y"])
            #expect(page.status == .ok)
            #expect(page.body.string.contains(Self.commonMessage))
        }
    }

    @Test func changingOnesOwnPasswordNeedsTheCurrentOneAndSignsOutOtherBrowsers() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let here = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            let elsewhere = try await Browser.signIn(
                app, email: "owner@example.com", password: "correct horse battery")

            let wrong = try await fixture.api.send(
                .PUT, "/api/v1/me/password",
                #"{"currentPassword": "not my password", "newPassword": "password1234"}"#)
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.json["error"]["fields"]["currentPassword"].string == "is not your current password")
            #expect(wrong.json["error"]["fields"]["newPassword"].string == Self.commonMessage)
            let same = try await fixture.api.send(
                .PUT, "/api/v1/me/password",
                #"{"currentPassword": "correct horse battery", "newPassword": "correct horse battery"}"#)
            #expect(same.json["error"]["fields"]["newPassword"].string == "must differ from your current password")

            let mismatch = try await here.post(
                "/account/password",
                form: [
                    "currentPassword": "correct horse battery", "newPassword": "a new long passphrase",
                    "confirmPassword": "a new long passphrase!",
                ])
            #expect(mismatch.body.string.contains("does not match the new password"))
            let changed = try await here.post(
                "/account/password",
                form: [
                    "currentPassword": "correct horse battery", "newPassword": "a new long passphrase",
                    "confirmPassword": "a new long passphrase",
                ])
            #expect(changed.status == .seeOther)
            #expect(try await here.get("/account").status == .ok, "the browser that changed it stays signed in")
            #expect(try await elsewhere.get("/calendar").status == .seeOther, "every other browser is signed out")
            #expect(try await fixture.api.get("/api/v1/me").json["email"].string == "owner@example.com")
            let old = try await Browser(app: app).post(
                "/login", form: ["email": "owner@example.com", "password": "correct horse battery"])
            #expect(old.headers.setCookie == nil)
            _ = try await Browser.signIn(app, email: "owner@example.com", password: "a new long passphrase")
            let events = try await fixture.api.get("/api/v1/audit-events")
            #expect(events.json.array.contains { $0["action"].string == "changePassword" })
        }
    }

    @Test func wrongCurrentPasswordsAreThrottledLikeSignIn() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            var statuses: [HTTPStatus] = []
            for _ in 0..<(LoginThrottle.freeFailuresPerAccount + 1) {
                statuses.append(
                    try await fixture.api.send(
                        .PUT, "/api/v1/me/password",
                        #"{"currentPassword": "a guess at it", "newPassword": "a new long passphrase"}"#
                    ).status)
            }
            #expect(statuses.dropLast().allSatisfy { $0 == .unprocessableEntity })
            #expect(statuses.last == .tooManyRequests)
            let right = try await fixture.api.send(
                .PUT, "/api/v1/me/password",
                #"{"currentPassword": "correct horse battery", "newPassword": "a new long passphrase"}"#)
            #expect(right.status == .tooManyRequests, "even the right password waits its turn")
        }
    }

    @Test func anAdminSetsANewPasswordForSomeoneWhoForgotTheirsButNotForTheOwner() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let staff = try await StaffTests().addStaff(fixture, "clinician", email: "jordan@example.com")
            let common = try await fixture.api.patch("/api/v1/users/\(staff.id)", #"{"password": "password1234"}"#)
            #expect(common.json["error"]["fields"]["password"].string == Self.commonMessage)
            let reset = try await fixture.api.patch(
                "/api/v1/users/\(staff.id)", #"{"password": "jordans new passphrase"}"#)
            #expect(reset.status == .ok, "\(reset.text)")
            #expect(try await staff.browser.get("/calendar").status == .seeOther, "their browser was signed out")
            #expect(
                try await staff.api.get("/api/v1/me").status == .unauthorized,
                "their API tokens end too: a reset is a recovery, and a token made by whoever held the account must not outlive it")
            _ = try await Browser.signIn(app, email: "jordan@example.com", password: "jordans new passphrase")

            let owner = try await fixture.api.get("/api/v1/me").json["id"].string ?? ""
            let ownerReset = try await fixture.api.patch(
                "/api/v1/users/\(owner)", #"{"password": "someone elses passphrase"}"#)
            #expect(ownerReset.status == .unprocessableEntity)
        }
    }

    @Test func everyRoleHasAnAccountPageAndOnlyManagersSeeSettings() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let staff = try await StaffTests().addStaff(fixture, "clinician", email: "jordan@example.com")
            let page = try await staff.browser.get("/account")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("jordan@example.com"))
            let calendar = try await staff.browser.get("/calendar").body.string
            #expect(!calendar.contains(#"href="/settings""#), "a clinician cannot open Settings, so no link")
            #expect(calendar.contains(#"href="/account""#))
            let owner = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            #expect(try await owner.get("/calendar").body.string.contains(#"href="/settings""#))
        }
    }
}
