import Foundation
import Testing
import Vapor

@testable import RapportApp
@testable import RapportCore

/// Each clinician has a calendar colour: new colleagues start out apart, a chosen one is kept, and
/// a colour outside the palette is refused by name.
struct ClinicianColorTests {
    @Test func newCliniciansTakeColoursNoOneHasAndTheOwnerToo() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let owner = try await fixture.api.get("/api/v1/clinicians/\(fixture.clinicianID)")
            #expect(owner.json["color"].string == "blue", "the owner set up as a clinician has the first colour")
            var colors = ["blue"]
            for name in ["Sam Ortiz", "Riley Park", "Jordan Lee"] {
                let made = try await fixture.api.post("/api/v1/clinicians", #"{"name": "\#(name)"}"#)
                #expect(made.status == .created, "\(made.text)")
                colors.append(made.json["color"].string ?? "")
            }
            #expect(colors == ["blue", "teal", "green", "olive"])
            let chosen = try await fixture.api.post("/api/v1/clinicians", #"{"name": "Kim Wu", "color": "teal"}"#)
            #expect(chosen.json["color"].string == "teal")
        }
    }

    @Test func aColourIsChangedAndOneOutsideThePaletteIsRefused() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let changed = try await fixture.api.patch(
                "/api/v1/clinicians/\(fixture.clinicianID)", #"{"color": "purple"}"#)
            #expect(changed.json["color"].string == "purple", "\(changed.text)")
            for bad in [#""#, #"mauve"#, #"Purple"#] {
                let refused = try await fixture.api.patch(
                    "/api/v1/clinicians/\(fixture.clinicianID)", #"{"color": "\#(bad)"}"#)
                #expect(refused.status == .unprocessableEntity, "\(bad): \(refused.text)")
                #expect(refused.json["error"]["fields"]["color"].string?.hasPrefix("must be one of blue, teal") == true)
            }
            #expect(try await fixture.api.get("/api/v1/clinicians/\(fixture.clinicianID)").json["color"].string == "purple")
        }
    }

    @Test func whenEveryColourIsTakenTheLeastUsedComesNext() {
        let all = ClinicianColor.allCases
        #expect(ClinicianColor.next(after: []) == .blue)
        #expect(ClinicianColor.next(after: all) == .blue)
        #expect(ClinicianColor.next(after: all + [.blue, .teal]) == .green)
    }
}
