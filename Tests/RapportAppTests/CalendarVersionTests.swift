import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import RapportApp

/// A clinician's kept calendar is retired by a change to what it shows — their sessions, or rows
/// any calendar may show — and by nothing else (``AddCalendarVersions``).
struct CalendarVersionTests {
    /// The practice's data version, its calendar-wide version, and each clinician's calendar version.
    private func versions(
        _ app: Application, _ practiceID: UUID, _ clinicians: [UUID]
    ) async throws -> VersionMarksChecks.Numbers {
        try await VersionMarksChecks.numbers(app, practiceID, shared: "calendar_version", owners: clinicians) {
            try await DataVersion.calendar(practiceID: practiceID, clinicianIDs: [$0], on: $1)?.number
        }
    }

    /// A practice with a second clinician, Sam, and a client of each.
    private struct Two {
        let practice: PracticeFixture
        let practiceID: UUID
        let alex: UUID
        let sam: UUID
        let avery: String
        let jordan: String

        static func make(
            _ app: Application, practice given: PracticeFixture? = nil, avery client: String? = nil
        )
            async throws -> Two
        {
            let practice = if let given { given } else { try await PracticeFixture.make(app) }
            let made = try await practice.api.post("/api/v1/clinicians", #"{"name": "Sam Ortiz"}"#)
            #expect(made.status == .created, "\(made.text)")
            let avery = if let client { client } else { try await practice.makeClient("Avery", "Nguyen") }
            return Two(
                practice: practice, practiceID: try await onlyPractice(app),
                alex: try #require(UUID(uuidString: practice.clinicianID)),
                sam: try #require(UUID(uuidString: made.json["id"].string ?? "")), avery: avery,
                jordan: try await practice.makeClient("Jordan", "Lee"))
        }

        func bookSam(daysFromToday days: Int) async throws -> String {
            try await practice.book(jordan, daysFromToday: days, extra: #", "clinicianId": "\#(sam)""#)
        }

        /// A clinician's week around today, as the calendar asks for it.
        func week(_ clinician: UUID) -> String {
            "/api/v1/sessions?from=\(practice.instant(daysFromToday: -3).urlEncoded)"
                + "&to=\(practice.instant(daysFromToday: 4).urlEncoded)&clinicianId=\(clinician)"
        }

        func key(_ clinician: UUID) throws -> SessionListKey {
            SessionListKey(
                practiceID: practiceID, calendars: .practice,
                range: .init(
                    from: try #require(RFC3339.parse(practice.instant(daysFromToday: -3))),
                    to: try #require(RFC3339.parse(practice.instant(daysFromToday: 4))), clinicianIDs: [clinician],
                    clientID: nil, limit: 2000))
        }
    }

    @Test func everyTableIsNamedOnceAndEachThatACalendarShowsHasItsTriggers() async throws {
        try await withRapport { app in
            try await VersionMarksChecks.everyTableIsNamedAndTheMarkingOnesHaveTriggers(app, AddCalendarVersions.marks)
        }
    }

    @Test func aChangeToEachTableMovesItsCliniciansNumberOrTheSharedOne() async throws {
        try await withRapport { app in
            // An insured client of Alex's, a session of theirs invoiced; Sam's client and session.
            let insured = try await SessionBillingTests.Insured.make(app)
            let two = try await Two.make(app, practice: insured.setup.practice, avery: insured.client)
            let billed = try await two.practice.book(
                two.avery, daysFromToday: -1, attendance: "show", extra: #", "selfPay": true"#)
            _ = try await two.practice.invoice(two.avery, [billed])
            _ = try await two.bookSam(daysFromToday: 1)
            let clinicians = [two.alex, two.sam]
            var changed: [String] = []
            for table in AddCalendarVersions.tables where table.kind.marks {
                let before = try await versions(app, two.practiceID, clinicians)
                // Of the clinicians' rows, only Alex's.
                let onlyAlex: SQLQueryString =
                    switch table.name {
                    case "sessions": "AND clinician_id = \(bind: two.alex)"
                    case "invoice_lines":
                        "AND session_id IN (SELECT id FROM sessions WHERE clinician_id = \(bind: two.alex))"
                    default: ""
                    }
                let rows = try await app.db.writeTransaction(practice: two.practiceID) { db in
                    try await db.sql().raw(
                        """
                        UPDATE \(unsafeRaw: table.name) SET \(unsafeRaw: table.practice) = \(unsafeRaw: table.practice)
                        WHERE \(unsafeRaw: table.practice) = \(bind: two.practiceID) \(onlyAlex)
                        RETURNING \(unsafeRaw: table.practice)
                        """
                    ).all().count
                }
                let after = try await versions(app, two.practiceID, clinicians)
                #expect(rows > 0, "the test had a row of \(table.name) to change")
                changed.append(table.name)
                switch table.kind {
                case .shared:
                    #expect(
                        after.shared == after.data && after.owners == [after.data, after.data], "\(table.name)")
                case .owned:
                    #expect(after.shared == before.shared, "\(table.name) is a clinician's own")
                    #expect(after.owners[0] == after.data, "a change to \(table.name) moves its clinician's number")
                    #expect(after.owners[1] == before.owners[1], "\(table.name): Sam's number stands")
                case .markedBy, .notShown:
                    break
                }
            }
            #expect(changed.count == AddCalendarVersions.tables.filter(\.kind.marks).count, "\(changed)")
        }
    }

    @Test func aBookingOrAMarkRetiresOnlyItsCliniciansKeptCalendarAndAPaymentNone() async throws {
        try await withRapport { app in
            let two = try await Two.make(app)
            let practice = two.practice
            let session = try await practice.book(two.avery, daysFromToday: -2)
            _ = try await two.bookSam(daysFromToday: -1)

            let browser = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            let today = practice.date(daysFromToday: 0)

            /// Both clinicians' weeks, and everyone's, as kept (looked at twice) and as worked out
            /// afresh — JSON and page: they must agree.
            func look() async throws {
                for clinician in [two.alex, two.sam] {
                    _ = try await practice.api.get(two.week(clinician))
                    let kept = try await practice.api.get(two.week(clinician)).text
                    let fresh = try await practice.api.send(
                        .GET, two.week(clinician), headers: ["Cache-Control": "no-cache"]
                    ).text
                    #expect(kept == fresh, "the kept week of \(clinician) shows every change")
                }
                for chosen in ["&clinician=\(two.alex)", "&clinician=\(two.sam)", ""] {
                    let page = "/calendar?view=week&date=\(today)\(chosen)"
                    _ = try await browser.get(page)
                    let kept = try await browser.get(page).body.string
                    let fresh = try await app.testing().sendRequest(
                        .GET, page, headers: ["Cookie": browser.cookie, "Cache-Control": "no-cache"]
                    ).body.string
                    #expect(kept == fresh, "the kept page \(page) shows every change")
                }
            }
            func kept(_ clinician: UUID, at version: Int64) throws -> Bool {
                app.readCaches.sessionLists.value(for: try two.key(clinician), at: version) != nil
            }

            try await look()
            let changes: [(name: String, movesAlex: Bool, change: () async throws -> Void)] = [
                ("a booking", true, { _ = try await practice.book(two.avery, daysFromToday: 1) }),
                (
                    "an attendance mark", true,
                    {
                        let marked = try await practice.api.patch(
                            "/api/v1/sessions/\(session)", #"{"attendance": "show"}"#)
                        #expect(marked.status == .ok, "\(marked.text)")
                    }
                ),
                ("an invoice", true, { _ = try await practice.invoice(two.avery, [session]) }),
                (
                    "a payment", false,
                    {
                        let paid = try await practice.api.post(
                            "/api/v1/payments",
                            #"{"clientId": "\#(two.avery)", "amount": \#(practice.money(500)), "method": "cash"}"#)
                        #expect(paid.status == .created, "\(paid.text)")
                    }
                ),
                (
                    "a removal", true,
                    {
                        let later = try await practice.book(two.avery, daysFromToday: 2)
                        #expect(try await practice.api.delete("/api/v1/sessions/\(later)").status == .ok)
                    }
                ),
            ]
            for (name, movesAlex, change) in changes {
                let before = try await versions(app, two.practiceID, [two.alex, two.sam])
                try await change()
                let after = try await versions(app, two.practiceID, [two.alex, two.sam])
                #expect(after.data > before.data)
                #expect((after.owners[0] == after.data) == movesAlex, "\(name) and Alex's number")
                #expect(
                    after.owners[1] == before.owners[1] && after.shared == before.shared, "\(name) leaves Sam's"
                )
                #expect(try kept(two.sam, at: after.owners[1]), "Sam's kept week is still given after \(name)")
                #expect(try kept(two.alex, at: after.owners[0]) == !movesAlex, "Alex's week after \(name)")
                try await look()
            }

            // A change any calendar may show retires both: a service's description.
            let renamed = try await practice.api.patch(
                "/api/v1/services/\(practice.therapy45)", #"{"description": "Psychotherapy, 45 minutes"}"#)
            #expect(renamed.status == .ok, "\(renamed.text)")
            let shared = try await versions(app, two.practiceID, [two.alex, two.sam])
            #expect(shared.shared == shared.data && shared.owners == [shared.data, shared.data])
            #expect(try !kept(two.sam, at: shared.owners[1]))
            try await look()
        }
    }

    @Test func aCalendarOfEveryClinicianFollowsEachOfThem() async throws {
        try await withRapport { app in
            let two = try await Two.make(app)
            let everyone =
                "/api/v1/sessions?from=\(two.practice.instant(daysFromToday: -3).urlEncoded)"
                + "&to=\(two.practice.instant(daysFromToday: 4).urlEncoded)"
            func ids() async throws -> [String] {
                _ = try await two.practice.api.get(everyone)
                return try await two.practice.api.get(everyone).json.array.compactMap { $0["id"].string }
            }
            let alexs = try await two.practice.book(two.avery, daysFromToday: 1)
            #expect(try await ids() == [alexs])
            let sams = try await two.bookSam(daysFromToday: 2)
            #expect(try await ids() == [alexs, sams])
            #expect(try await two.practice.api.delete("/api/v1/sessions/\(sams)").status == .ok)
            #expect(try await ids() == [alexs])
        }
    }

    @Test func aSessionMovedToAnotherClinicianMovesBothNumbers() async throws {
        try await withRapport { app in
            let two = try await Two.make(app)
            let session = try await two.practice.book(two.avery, daysFromToday: 1)
            let before = try await versions(app, two.practiceID, [two.alex, two.sam])
            let moved = try await two.practice.api.patch(
                "/api/v1/sessions/\(session)", #"{"clinicianId": "\#(two.sam)"}"#)
            #expect(moved.status == .ok, "\(moved.text)")
            let after = try await versions(app, two.practiceID, [two.alex, two.sam])
            #expect(after.data > before.data && after.owners == [after.data, after.data])
            let samsWeek = try await two.practice.api.get(two.week(two.sam)).json.array.compactMap { $0["id"].string }
            #expect(samsWeek == [session])
            #expect(try await two.practice.api.get(two.week(two.alex)).json.array.isEmpty)
        }
    }
}
