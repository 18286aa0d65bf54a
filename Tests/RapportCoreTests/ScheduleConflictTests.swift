import Foundation
import Testing

@testable import RapportCore

struct ScheduleConflictTests {
    let maya = UUID()
    let sam = UUID()
    let avery = UUID()
    let blake = UUID()
    let nine = Date(timeIntervalSince1970: 1_800_000_000)

    func slot(_ minutesAfterNine: Int, _ length: Int, clinician: UUID, client: UUID, id: UUID = UUID()) -> BookedTime {
        let start = nine.addingTimeInterval(TimeInterval(minutesAfterNine * 60))
        return BookedTime(
            sessionID: id, start: start, end: start.addingTimeInterval(TimeInterval(length * 60)),
            clinicianID: clinician, clientID: client)
    }

    @Test func theClinicianAndTheClientAreEachDoubleBookedButBackToBackIsNot() {
        let existing = [
            slot(0, 50, clinician: maya, client: avery),
            slot(60, 50, clinician: sam, client: blake),
            slot(120, 50, clinician: maya, client: blake),
        ]
        // Maya with Blake at 9:30–9:50 overlaps Maya's 9:00 (clinician) only.
        let mayaTwice = ScheduleConflicts.find(booking: [slot(30, 20, clinician: maya, client: blake)], existing: existing)
        #expect(mayaTwice.map(\.existing) == [existing[0]])
        #expect(mayaTwice.map(\.kinds) == [[.clinician]])
        // Sam with Blake at 10:15 takes Blake's 10:00 with Sam: both kinds, one conflict.
        let both = ScheduleConflicts.find(booking: [slot(75, 30, clinician: sam, client: blake)], existing: existing)
        #expect(both.map(\.kinds) == [[.clinician, .client]])
        // Sam with Avery at 9:50, right after Avery's 9:00–9:50 and before Sam's 10:00: no conflict.
        #expect(ScheduleConflicts.find(booking: [slot(50, 10, clinician: sam, client: avery)], existing: existing).isEmpty)
        // Another clinician and another client at the same time: no conflict.
        #expect(ScheduleConflicts.find(booking: [slot(0, 50, clinician: sam, client: blake)], existing: existing).isEmpty)
    }

    @Test func aLongSessionStartingEarlierIsFoundAndEveryOverlapIsListedInOrder() {
        let long = slot(-240, 360, clinician: maya, client: avery)  // 5:00–11:00
        let short = slot(10, 20, clinician: maya, client: blake)
        let series = [slot(0, 50, clinician: maya, client: avery), slot(7 * 24 * 60, 50, clinician: maya, client: avery)]
        let conflicts = ScheduleConflicts.find(booking: series.reversed(), existing: [short, long])
        #expect(conflicts.map(\.booking) == [series[0], series[0]])
        #expect(conflicts.map(\.existing) == [long, short])
        #expect(conflicts.map(\.kinds) == [[.clinician, .client], [.clinician]])
    }

    @Test func aSessionNeverConflictsWithItselfNorASeriesWithItsOwnOccurrences() {
        let id = UUID()
        let moved = slot(15, 50, clinician: maya, client: avery, id: id)
        let stored = slot(0, 50, clinician: maya, client: avery, id: id)
        #expect(ScheduleConflicts.find(booking: [moved], existing: [stored]).isEmpty)
        let a = slot(0, 50, clinician: maya, client: avery)
        let b = slot(30, 50, clinician: maya, client: avery)
        #expect(ScheduleConflicts.find(booking: [a, b], existing: [a, b]).isEmpty)
    }

    @Test func cancellationsFreeTheirTimeAndANoShowDoesNot() {
        #expect(Attendance.allCases.filter(\.takesTime) == [.scheduled, .show, .noShow])
    }

    /// Against a plain pairwise check over random calendars.
    @Test func theSearchFindsExactlyThePairwiseOverlaps() {
        var generator = SystemRandomNumberGenerator()
        let clinicians = [maya, sam]
        let clients = [avery, blake]
        for _ in 0..<200 {
            func random() -> BookedTime {
                slot(
                    Int.random(in: 0..<600, using: &generator), Int.random(in: 1...180, using: &generator),
                    clinician: clinicians.randomElement(using: &generator)!,
                    client: clients.randomElement(using: &generator)!)
            }
            let existing = (0..<Int.random(in: 0..<12, using: &generator)).map { _ in random() }
            let booking = (0..<Int.random(in: 1..<4, using: &generator)).map { _ in random() }
            let expected = booking.flatMap { proposed in
                existing.filter {
                    proposed.overlaps($0) && ($0.clinicianID == proposed.clinicianID || $0.clientID == proposed.clientID)
                }.map { "\(proposed.sessionID)-\($0.sessionID)" }
            }
            let found = ScheduleConflicts.find(booking: booking, existing: existing).map {
                "\($0.booking.sessionID)-\($0.existing.sessionID)"
            }
            #expect(Set(found) == Set(expected))
            #expect(found.count == expected.count)
        }
    }
}
