import Foundation
import RapportCore
import Testing
import Vapor

@testable import RapportApp

/// A clinician's working hours: set span by span, refused by position when they make no sense, and
/// a booking outside them is asked about like an overlap.
struct WorkingHoursAppTests {
    /// Days from today to the next Tuesday (at least one week out, so every time is in the future).
    func nextTuesday(_ fixture: PracticeFixture) -> Int {
        let today = fixture.zone.localDate(Date())
        return 7 + today.weekday.days(until: .tuesday)
    }

    @Test func hoursAreSetCheckedAndBookingsOutsideThemAsk() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            let path = "/api/v1/clinicians/\(fixture.clinicianID)"
            let set = try await fixture.api.patch(
                path,
                #"{"workingHours": [{"weekday": "TU", "start": "13:00", "end": "17:00"}, {"weekday": "TU", "start": "09:00", "end": "12:00"}]}"#
            )
            #expect(set.status == .ok, "\(set.text)")
            #expect(set.json["workingHours"].array.compactMap { $0["start"].string } == ["09:00", "13:00"])

            let bad: [(String, String)] = [
                (#"[{"weekday": "XX", "start": "09:00", "end": "17:00"}]"#, "workingHours[0].weekday"),
                (#"[{"weekday": "MO", "start": "9am", "end": "17:00"}]"#, "workingHours[0].start"),
                (#"[{"weekday": "MO", "start": "17:00", "end": "09:00"}]"#, "workingHours[0].end"),
                (
                    #"[{"weekday": "MO", "start": "09:00", "end": "12:00"}, {"weekday": "MO", "start": "11:00", "end": "14:00"}]"#,
                    "workingHours[1].end"
                ),
                (
                    "[" + Array(repeating: #"{"weekday": "MO", "start": "09:00", "end": "10:00"}"#, count: 29).joined(separator: ",") + "]",
                    "workingHours"
                ),
            ]
            for (hours, field) in bad {
                let refused = try await fixture.api.patch(path, #"{"workingHours": \#(hours)}"#)
                #expect(refused.status == .unprocessableEntity, "\(field): \(refused.text)")
                #expect(refused.json["error"]["fields"][field].string != nil, "\(field): \(refused.text)")
            }
            #expect(try await fixture.api.get(path).json["workingHours"].array.count == 2, "nothing changed")

            let tuesday = nextTuesday(fixture)
            func book(_ days: Int, _ time: String, anyway: Bool = false) async throws -> APIClient.Reply {
                try await fixture.api.post(
                    "/api/v1/sessions",
                    #"{"clientId": "\#(client)", "start": "\#(fixture.instant(daysFromToday: days, at: time))"\#(anyway ? #", "allowConflicts": true"# : "")}"#
                )
            }
            let lunch = try await book(tuesday, "11:30")
            #expect(lunch.status == .conflict, "\(lunch.text)")
            let outside = lunch.json["error"]["outsideHours"][0]
            #expect(outside["hours"].array.compactMap { $0["end"].string } == ["12:00", "17:00"])
            #expect(lunch.json["error"]["message"].string?.contains("does not work") == true)
            let dayOff = try await book(tuesday + 1, "10:00")
            #expect(dayOff.json["error"]["outsideHours"][0]["hours"].array.isEmpty, "\(dayOff.text)")
            #expect(try await book(tuesday, "09:00").status == .created)
            #expect(try await book(tuesday, "11:30", anyway: true).status == .created)

            let series = try await fixture.api.post(
                "/api/v1/series",
                #"{"clientId": "\#(client)", "clinicianId": "\#(fixture.clinicianID)", "start": "\#(fixture.localStart(daysFromToday: tuesday + 7, at: "16:30"))", "rule": "FREQ=WEEKLY;COUNT=3"}"#
            )
            #expect(series.json["error"]["outsideHours"].array.count == 3, "every date is named: \(series.text)")

            let cleared = try await fixture.api.patch(path, #"{"workingHours": []}"#)
            #expect(cleared.json["workingHours"].array.isEmpty)
            #expect(try await book(tuesday + 1, "20:00").status == .created, "no hours set: nothing is outside them")
        }
    }
}
