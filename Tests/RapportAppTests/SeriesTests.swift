import Fluent
import Foundation
import Testing
import Vapor

@testable import RapportApp
@testable import RapportCore

struct SeriesTests {
    @Test func aWeeklySeriesStoresItsOccurrencesAsSessions() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            let reply = try await fixture.api.post(
                "/api/v1/series",
                """
                {"clientId": "\(client)", "clinicianId": "\(fixture.clinicianID)", "start": "\(fixture.localStart(daysFromToday: 1))",
                 "frequency": "weekly", "count": 10}
                """)
            #expect(reply.status == .created, "\(reply.text)")
            #expect(reply.json["rule"].string == "FREQ=WEEKLY;COUNT=10")
            let occurrences = reply.json["occurrences"].array
            #expect(occurrences.count == 10)
            #expect(Set(occurrences.compactMap { $0["originalStart"].string }).count == 10)
            #expect(
                occurrences.allSatisfy {
                    $0["fee"]["amount"].int == 15000 && $0["seriesId"].string == reply.json["id"].string
                })
            let read = try await fixture.api.get("/api/v1/series/\(reply.json["id"].string ?? "")")
            #expect(read.json["occurrences"].array.count == 10)
        }
    }

    @Test func anOpenEndedSeriesIsStoredUpToTheHorizonAndExtendedLater() async throws {
        try await withRapport(horizonMonths: 2) { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            let reply = try await fixture.api.post(
                "/api/v1/series",
                """
                {"clientId": "\(client)", "clinicianId": "\(fixture.clinicianID)", "start": "\(fixture.localStart(daysFromToday: 1))", "rule": "FREQ=WEEKLY"}
                """)
            let stored = reply.json["occurrences"].array.count
            #expect((8...10).contains(stored), "about two months of weekly sessions, got \(stored)")
            var later = app.settings
            later.horizonMonths = 6
            let added = try await HorizonExtension(database: app.db, settings: later, logger: app.logger).run()
            #expect((15...19).contains(added), "four more months, got \(added)")
            #expect(
                try await HorizonExtension(database: app.db, settings: later, logger: app.logger).run() == 0,
                "running again adds nothing")
        }
    }

    @Test func theHorizonMovesAWholeDayAtATime() {
        let settings = Settings(database: .sqliteInMemory, horizonMonths: 12)
        let morning = Date(timeIntervalSince1970: 1_796_032_800)  // 2026-11-30T10:00:00Z
        let horizon = SeriesMaterializer.horizon(settings, now: morning)
        #expect(horizon == Date(timeIntervalSince1970: 1_827_619_200), "the end of 2027-11-30 (UTC)")
        #expect(
            SeriesMaterializer.horizon(settings, now: morning.addingTimeInterval(13 * 3600)) == horizon,
            "later the same day, the job has nothing to extend")
        #expect(
            SeriesMaterializer.horizon(settings, now: morning.addingTimeInterval(15 * 3600))
                == horizon.addingTimeInterval(86_400))
    }

    @Test func keepsLocalTimeAcrossDaylightSaving() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            // Starts in New York's summer time and runs through the November change.
            let reply = try await fixture.api.post(
                "/api/v1/series",
                """
                {"clientId": "\(client)", "clinicianId": "\(fixture.clinicianID)", "start": "2027-10-20T09:00", "rule": "FREQ=WEEKLY;COUNT=4"}
                """)
            let starts = reply.json["occurrences"].array.compactMap { $0["start"].string }
            #expect(
                starts == [
                    "2027-10-20T13:00:00Z", "2027-10-27T13:00:00Z", "2027-11-03T13:00:00Z", "2027-11-10T14:00:00Z",
                ])
        }
    }

    @Test func refusesBadSeries() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            let base = #""clientId": "\#(client)", "clinicianId": "\#(fixture.clinicianID)""#
            let cases: [(String, String)] = [
                (#"{\#(base), "start": "2027-01-04T09:00", "rule": "FREQ=WEEKLY;COUNT=3;UNTIL=20270301"}"#, "rule"),
                (#"{\#(base), "start": "2027-01-04T09:00", "rule": "FREQ=WEEKLY;INTERVAL=0"}"#, "rule"),
                (#"{\#(base), "start": "2027-01-04T09:00", "rule": "FREQ=FORTNIGHTLY"}"#, "rule"),
                (#"{\#(base), "start": "2027-01-04T09:00", "frequency": "weekly", "byDay": ["TU"]}"#, "start"),
                (#"{\#(base), "start": "2027-01-04T09:00", "frequency": "weekly", "until": "2026-12-01"}"#, "until"),
                (
                    #"{\#(base), "start": "2027-01-04T09:00", "frequency": "weekly", "count": 3, "until": "2027-12-01"}"#,
                    "count"
                ),
                (#"{\#(base), "start": "2027-01-04T09:00", "frequency": "weekly", "interval": 0}"#, "interval"),
                (#"{\#(base), "start": "2027-01-04T09:00", "frequency": "yearly"}"#, "frequency"),
                (
                    #"{\#(base), "start": "2027-01-04T09:00", "rule": "FREQ=WEEKLY", "timeZone": "Atlantis/Lost"}"#,
                    "timeZone"
                ),
                (
                    #"{\#(base), "start": "2027-01-04T09:00", "rule": "FREQ=WEEKLY", "durationMinutes": 2000}"#,
                    "durationMinutes"
                ),
                (#"{\#(base), "start": "2027-01-04T09:00"}"#, "frequency"),
            ]
            for (body, field) in cases {
                let reply = try await fixture.api.post("/api/v1/series", body)
                #expect(reply.status == .unprocessableEntity, "\(body) → \(reply.text)")
                #expect(reply.json["error"]["fields"][field].string != nil, "\(body) → \(reply.text)")
            }
            let bad = try await fixture.api.post(
                "/api/v1/series",
                #"{\#(base), "start": "2027-01-04T09:00", "rule": "FREQ=WEEKLY;COUNT=3;UNTIL=20270301"}"#)
            #expect(bad.json["error"]["message"].string?.contains("COUNT and UNTIL") == true)
            #expect(try await Series.query(on: app.db).count() == 0)
            #expect(try await Session.query(on: app.db).count() == 0)
        }
    }

    @Test func monthlyOnTheLastFridayFollowsTheRule() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            let reply = try await fixture.api.post(
                "/api/v1/series",
                """
                {"clientId": "\(client)", "clinicianId": "\(fixture.clinicianID)", "start": "2027-01-29T16:00",
                 "frequency": "monthly", "byDay": ["-1FR"], "count": 3}
                """)
            let days = reply.json["occurrences"].array.compactMap { $0["originalStart"].string?.prefix(10) }
            #expect(days == ["2027-01-29", "2027-02-26", "2027-03-26"])
        }
    }
}
