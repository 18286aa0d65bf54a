import Foundation
import Testing
import Vapor

@testable import RapportApp

/// A booking or a move that double-books a clinician or a client is refused with whom it overlaps,
/// writes nothing, and goes through when the caller says to book anyway.
struct ScheduleConflictAppTests {
    private func count(_ fixture: PracticeFixture) async throws -> Int {
        let from = fixture.instant(daysFromToday: -1)
        let to = fixture.instant(daysFromToday: 60)
        return try await fixture.api.get("/api/v1/sessions?from=\(from)&to=\(to)").json.array.count
    }

    private func session(_ client: String, _ start: String, clinician: String? = nil, extra: String = "") -> String {
        #"{"clientId": "\#(client)", "start": "\#(start)"\#(clinician.map { #", "clinicianId": "\#($0)""# } ?? "")\#(extra)}"#
    }

    @Test func aDoubleBookingSaysWithWhomAndIsBookedOnlyWhenAllowed() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let avery = try await fixture.makeClient("Avery", "Nguyen")
            let blake = try await fixture.makeClient("Blake", "Garcia")
            let sam = try await fixture.api.post("/api/v1/clinicians", #"{"name": "Sam Ortiz"}"#).json["id"].string ?? ""
            let first = try await fixture.api.post("/api/v1/sessions", session(avery, fixture.instant(daysFromToday: 1)))
            #expect(first.status == .created, "\(first.text)")

            // The same clinician with Blake at 9:30, inside Avery's 9:00–9:45.
            let clash = try await fixture.api.post(
                "/api/v1/sessions", session(blake, fixture.instant(daysFromToday: 1, at: "09:30")))
            #expect(clash.status == .conflict, "\(clash.text)")
            #expect(clash.json["error"]["code"].string == "schedule_conflict")
            let conflict = clash.json["error"]["conflicts"][0]
            #expect(conflict["clientName"].string == "Avery Nguyen")
            #expect(conflict["sessionId"].string == first.json["id"].string)
            #expect(conflict["kinds"].array.compactMap(\.string) == ["clinician"])
            #expect(clash.json["error"]["message"].string?.contains("already sees Avery Nguyen") == true)
            #expect(try await count(fixture) == 1, "a refused booking writes nothing")

            // Back to back is not a conflict; another clinician with the same client is.
            let after = try await fixture.api.post(
                "/api/v1/sessions", session(blake, fixture.instant(daysFromToday: 1, at: "09:45")))
            #expect(after.status == .created, "\(after.text)")
            let client = try await fixture.api.post(
                "/api/v1/sessions", session(avery, fixture.instant(daysFromToday: 1, at: "09:15"), clinician: sam))
            #expect(client.json["error"]["conflicts"][0]["kinds"].array.compactMap(\.string) == ["client"])

            let anyway = try await fixture.api.post(
                "/api/v1/sessions",
                session(blake, fixture.instant(daysFromToday: 1, at: "09:30"), extra: #", "allowConflicts": true"#))
            #expect(anyway.status == .created, "\(anyway.text)")
            #expect(try await count(fixture) == 3)
        }
    }

    @Test func aCancellationFreesItsTimeUntilItIsTakenBack() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let avery = try await fixture.makeClient("Avery", "Nguyen")
            let blake = try await fixture.makeClient("Blake", "Garcia")
            let start = fixture.instant(daysFromToday: 2)
            let cancelled = try await fixture.api.post(
                "/api/v1/sessions", session(avery, start, extra: #", "attendance": "cancelled""#)
            ).json["id"].string ?? ""
            let inItsPlace = try await fixture.api.post("/api/v1/sessions", session(blake, start))
            #expect(inItsPlace.status == .created, "\(inItsPlace.text)")
            let takenBack = try await fixture.api.patch(
                "/api/v1/sessions/\(cancelled)", #"{"attendance": "scheduled"}"#)
            #expect(takenBack.status == .conflict, "\(takenBack.text)")
            #expect(try await fixture.api.get("/api/v1/sessions/\(cancelled)").json["attendance"].string == "cancelled")
            let anyway = try await fixture.api.patch(
                "/api/v1/sessions/\(cancelled)", #"{"attendance": "scheduled", "allowConflicts": true}"#)
            #expect(anyway.status == .ok, "\(anyway.text)")
            // Marking attendance on a session that keeps its time asks nothing.
            let shown = try await fixture.api.patch("/api/v1/sessions/\(cancelled)", #"{"attendance": "show"}"#)
            #expect(shown.status == .ok, "\(shown.text)")
        }
    }

    @Test func aSeriesReportsEveryDateThatConflictsAndIsNotBooked() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let avery = try await fixture.makeClient("Avery", "Nguyen")
            let blake = try await fixture.makeClient("Blake", "Garcia")
            for days in [8, 22] {
                let booked = try await fixture.api.post(
                    "/api/v1/sessions", session(blake, fixture.instant(daysFromToday: days, at: "10:30")))
                #expect(booked.status == .created, "\(booked.text)")
            }
            let series = """
                {"clientId": "\(avery)", "clinicianId": "\(fixture.clinicianID)", "start": "\(fixture.localStart(daysFromToday: 1, at: "10:00"))", "rule": "FREQ=WEEKLY;COUNT=6"
                """
            let refused = try await fixture.api.post("/api/v1/series", series + "}")
            #expect(refused.status == .conflict, "\(refused.text)")
            let conflicts = refused.json["error"]["conflicts"].array
            #expect(conflicts.count == 2)
            #expect(conflicts.map { $0["clientName"].string } == ["Blake Garcia", "Blake Garcia"])
            #expect(refused.json["error"]["message"].string?.hasPrefix("2 of these sessions overlap others") == true)
            #expect(try await count(fixture) == 2, "no occurrence of a refused series is written")
            let anyway = try await fixture.api.post("/api/v1/series", series + #", "allowConflicts": true}"#)
            #expect(anyway.status == .created, "\(anyway.text)")
            #expect(try await count(fixture) == 8)

            // Moving the whole series an hour later clears both overlaps; moving one occurrence onto
            // Blake's session again is refused.
            let occurrences = anyway.json["occurrences"].array
            let firstID = occurrences.first?["id"].string ?? ""
            let later = try await fixture.api.patch(
                "/api/v1/sessions/\(firstID)?scope=all",
                #"{"start": "\#(fixture.instant(daysFromToday: 1, at: "11:30"))"}"#)
            #expect(later.status == .ok, "\(later.text)")
            let second = try #require(
                try await fixture.api.get("/api/v1/series/\(anyway.json["id"].string ?? "")").json["occurrences"]
                    .array.dropFirst().first?["id"].string)
            let moved = try await fixture.api.patch(
                "/api/v1/sessions/\(second)", #"{"start": "\#(fixture.instant(daysFromToday: 8, at: "10:00"))"}"#)
            #expect(moved.status == .conflict, "\(moved.text)")
        }
    }
}

/// Moving a session in its panel onto another asks in the panel, and "Save anyway" moves it.
struct PanelConflictTests {
    @Test func aMoveOntoAnotherSessionAsksInThePanelAndSaveAnywayMovesIt() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let avery = try await fixture.makeClient("Avery", "Nguyen")
            let blake = try await fixture.makeClient("Blake", "Garcia")
            _ = try await fixture.api.post(
                "/api/v1/sessions", #"{"clientId": "\#(avery)", "start": "\#(fixture.instant(daysFromToday: 2))"}"#)
            let moving = try await fixture.api.post(
                "/api/v1/sessions",
                #"{"clientId": "\#(blake)", "start": "\#(fixture.instant(daysFromToday: 2, at: "11:00"))"}"#
            ).json["id"].string ?? ""
            let browser = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            let form = ["date": fixture.date(daysFromToday: 2), "time": "09:15", "return": "/calendar"]
            let asked = try await browser.post("/calendar/sessions/\(moving)/edit", form: form)
            #expect(asked.status == .ok)
            #expect(asked.body.string.contains("already sees Avery Nguyen"))
            #expect(asked.body.string.contains(#"name="allowConflicts" value="true""#))
            let unmoved = try await fixture.api.get("/api/v1/sessions/\(moving)").json["start"].string
            #expect(unmoved == fixture.instant(daysFromToday: 2, at: "11:00"), "nothing saved before the answer")
            var anyway = form
            anyway["allowConflicts"] = "true"
            let moved = try await browser.post("/calendar/sessions/\(moving)/edit", form: anyway)
            #expect(moved.status == .seeOther, "\(moved.body.string.prefix(300))")
            let start = try await fixture.api.get("/api/v1/sessions/\(moving)").json["start"].string
            #expect(start == fixture.instant(daysFromToday: 2, at: "09:15"))
        }
    }
}
