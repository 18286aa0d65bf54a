import Fluent
import Foundation
import Testing
import Vapor

@testable import RapportApp

/// A page's address that asks for something it cannot read — a date that is not a date, an end
/// before the start, a view or id that is no such thing — is answered by naming the problem,
/// never by showing another day, period or filter in its place.
struct PageAddressTests {
    @Test(arguments: [
        ("/calendar?date=2026-02-30", "date must be a date (yyyy-MM-dd)"),
        ("/calendar?view=day&date=tomorrow", "date must be a date (yyyy-MM-dd)"),
        ("/calendar?view=year", "view must be day, week or month"),
        ("/calendar?clinician=ana", "clinician must list clinicians"),
        ("/calendar?open=42", "open must be a session"),
    ])
    func aCalendarAddressThatDoesNotReadIsNamedNotShownAsToday(path: String, problem: String) async throws {
        try await withRapport { app in
            _ = try await PracticeFixture.make(app)
            let browser = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            let refused = try await browser.get(path)
            #expect(refused.status == .unprocessableEntity, "\(path)")
            #expect(refused.headers.contentType == .html)
            #expect(refused.body.string.contains("This address cannot be shown"))
            #expect(refused.body.string.contains(problem), "\(path): \(refused.body.string)")
            #expect(!refused.body.string.contains("calendar-toolbar"), "no calendar in its place")
            // Left empty, each has its default.
            #expect(try await browser.get("/calendar?view=&date=&clinician=&open=").status == .ok)
        }
    }

    @Test func aDocumentsPeriodThatDoesNotReadIsSaidBesideItsFieldAndNothingIsShownOrAudited() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            let session = try await practice.book(client, daysFromToday: -1, attendance: "show")
            _ = try await practice.invoice(client, [session])
            try await practice.completeForSuperbills(client)
            let browser = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            let reads = { try await AuditEvent.query(on: app.db).filter(\.$action == "read").count() }
            for kind in ["statement", "superbill"] {
                let before = try await reads()
                let notADate = try await browser.get("/clients/\(client)/\(kind)?from=2026-13-01&to=\(practice.today)")
                #expect(notADate.status == .unprocessableEntity, "\(kind)")
                #expect(notADate.body.string.contains("Enter a date such as"), "\(notADate.body.string)")
                #expect(notADate.body.string.contains(#"aria-invalid="true""#))
                #expect(notADate.body.string.contains(#"value="2026-13-01""#), "the typed text stays in its field")
                #expect(!notADate.body.string.contains("data-print"), "no document to print")
                let backwards = try await browser.get(
                    "/clients/\(client)/\(kind)?from=\(practice.today)&to=\(practice.date(daysFromToday: -7))")
                #expect(backwards.status == .unprocessableEntity)
                #expect(backwards.body.string.contains("Enter a date on or after the From date"))
                #expect(try await reads() == before, "nothing of the client's was shown")

                let shown = try await browser.get("/clients/\(client)/\(kind)?from=\(practice.date(daysFromToday: -7))")
                #expect(shown.status == .ok, "an empty end is today")
                #expect(shown.body.string.contains(#"value="\#(practice.today)""#))
                #expect(shown.body.string.contains("data-print"))
                #expect(try await reads() == before + 1)
                // An end alone, in an earlier year, starts that year's first of January (not this year's,
                // after it).
                let year = practice.zone.localDate(Date()).year - 1
                let ended = try await browser.get("/clients/\(client)/\(kind)?to=\(year)-06-30")
                #expect(ended.status == .ok, "\(ended.body.string)")
                if kind == "statement" { #expect(ended.body.string.contains(#"value="\#(year)-01-01""#)) }
            }
            let someoneElses = try await browser.get("/clients/\(UUID())/statement?from=yesterday")
            #expect(someoneElses.status == .notFound, "a period form is no way to learn which clients exist")
        }
    }

    @Test func anAuditFilterThatDoesNotReadIsSaidBesideItsFieldAndNoEventsAreListed() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            _ = try await practice.makeClient()
            let browser = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            #expect(try await browser.get("/audit").body.string.contains("added a client"))
            for (query, problem) in [
                ("from=yesterday", "Enter a date such as"), ("to=2026-02-30", "Enter a date such as"),
                (
                    "from=\(practice.today)&to=\(practice.date(daysFromToday: -1))",
                    "Enter a date on or after the From date"
                ),
                ("user=someone", "Choose a person from the list"), ("client=avery", "Choose a client from the list"),
            ] {
                let page = try await browser.get("/audit?\(query)")
                #expect(page.status == .unprocessableEntity, "\(query)")
                #expect(page.body.string.contains(problem), "\(query)")
                #expect(!page.body.string.contains("added a client"), "\(query): not every event as if unfiltered")
                #expect(!page.body.string.contains("No events match these filters."))
            }
        }
    }

    @Test(arguments: [
        ("/invoices?status=unpaid", "status"), ("/billing/claims?status=lost", "status"),
        ("/billing/claims?payerId=aetna", "payerId"), ("/clients?status=archived", "status"),
        ("/clients?clinician=sam", "clinician"), ("/clients?clinician=\(UUID())", "clinician"),
    ])
    func aListFilterThatIsNotOneOfItsOptionsIsSaidBesideItAndNothingIsListed(path: String, field: String) async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient("Jordan", "Okafor")
            let session = try await practice.book(client, daysFromToday: -1, attendance: "show")
            _ = try await practice.invoice(client, [session])
            let browser = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            let list = String(path.prefix { $0 != "?" })
            #expect(try await browser.get(list).body.string.contains(list == "/billing/claims" ? "No claims" : "Okafor"))

            let refused = try await browser.get(path)
            #expect(refused.status == .unprocessableEntity, "\(path)")
            let html = refused.body.string
            #expect(html.contains(#"id="field-\#(field)" name="\#(field)" aria-invalid="true""#), "\(path): \(html)")
            #expect(html.contains("Choose a"), "\(path)")
            #expect(!html.contains("Okafor"), "\(path): nothing listed as if unfiltered")
            #expect(!html.contains("No claims") && !html.contains("No invoices") && !html.contains("No client"))
        }
    }

    @Test func theClaimListsClientFromTheAddressMustReadAsAnId() async throws {
        try await withRapport { app in
            _ = try await PracticeFixture.make(app)
            let browser = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            let refused = try await browser.get("/billing/claims?clientId=avery")
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("The clientId in the address is not a client id"))
            #expect(!refused.body.string.contains("No claims"))
        }
    }

    @Test(arguments: [
        ("sessions?when=later", "when must be upcoming or past"), ("sessions?when=past&page=two", "page must be a whole number"),
        ("edit?tab=fees", "tab must be details or billing"),
    ])
    func aClientPagesAddressThatDoesNotReadIsNamed(suffix: String, problem: String) async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            let browser = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            let refused = try await browser.get("/clients/\(client)/\(suffix)")
            #expect(refused.status == .unprocessableEntity, "\(suffix)")
            #expect(refused.body.string.contains(problem), "\(suffix): \(refused.body.string)")
            // What the pages' own links give still reads.
            for shown in ["sessions?when=upcoming", "sessions?when=past&page=2", "edit?tab=billing", "edit"] {
                #expect(try await browser.get("/clients/\(client)/\(shown)").status == .ok, "\(shown)")
            }
            let offset = try await browser.get("/billing/outstanding?offset=ten")
            #expect(offset.status == .unprocessableEntity)
            #expect(offset.body.string.contains("offset must be a whole number"))
            #expect(try await browser.get("/billing/outstanding?offset=-5").status == .ok, "a number is brought within bounds")
        }
    }

    /// A browser always encodes a `%`; text that does not decode (`%ZZ`, a `%` alone) came from
    /// elsewhere, and is refused by name rather than read as an empty field.
    @Test func textWhosePercentEncodingDoesNotReadIsRefusedNamedNotReadAsEmpty() async throws {
        #expect(try URLEncoded.values("a=x+y%21&b=1&b=2&c") == ["a": "x y!", "b": "1,2", "c": ""])
        func refused(_ text: String) -> [FieldPath: String] {
            do {
                _ = try URLEncoded.values(text)
                return [:]
            } catch {
                return (error as? UseCaseError)?.fields ?? [:]
            }
        }
        #expect(refused("a=1&note=50%off") == ["note": URLEncoded.unreadable])
        #expect(refused("%ZZ=1") == ["%ZZ": URLEncoded.unreadable], "a name that does not read is named as sent")
        #expect(refused("a=%E9") == ["a": URLEncoded.unreadable], "not UTF-8")
        for cut in ["a=%", "a=%4", "a=x%4", "a=%G1", "a=%1G", "a=%ED%A0%80", "a=%C0%80"] {
            #expect(refused(cut) == ["a": URLEncoded.unreadable], "\(cut): an escape cut short, not hex, or not UTF-8")
        }
        #expect(
            try URLEncoded.values("n=%C3%a9l%C3%A8ne+%2B+1&t=2026-12-07T09%3A00%3A00%2B01%3A00&e=%F0%9F%98%80&p=%25")
                == ["n": "élène + 1", "t": "2026-12-07T09:00:00+01:00", "e": "😀", "p": "%"])

        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let browser = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            // An address's `%` that begins no escape is taken literally by Foundation's URL parsing
            // (as `%25`), so it reaches the page as text and is named for what it is not.
            let calendar = try await browser.get("/calendar?date=%ZZ")
            #expect(calendar.status == .unprocessableEntity)
            #expect(calendar.body.string.contains("date must be a date"))
            let sessions = try await practice.api.get("/api/v1/sessions?from=%ZZ&to=2026-12-08T00:00:00Z")
            #expect(sessions.status == .unprocessableEntity)
            #expect(sessions.text.contains(#""from""#), "\(sessions.text)")
            let export = try await practice.api.get("/api/v1/exports/clients.csv?from=%2")
            #expect(export.status == .unprocessableEntity, "not every client's row as if no period were asked")

            let posted = try await app.testing().sendRequest(
                .POST, "/clients/new",
                headers: [
                    "Content-Type": "application/x-www-form-urlencoded", "Cookie": browser.cookie,
                    "X-CSRF-Token": browser.csrf,
                ],
                body: ByteBuffer(string: "firstName=Riley&lastName=Stone%&email="))
            #expect(posted.status == .unprocessableEntity)
            #expect(posted.body.string.contains("lastName"), "\(posted.body.string)")
            #expect(try await Client.query(on: app.db).count() == 0, "no client made with an empty last name")
        }
    }
}
