import Foundation
import Testing

@testable import RapportCore

/// Core's UUID reader and writer agree with Foundation's on every id; the reader refuses what
/// Foundation refuses.
struct UUIDTextTests {
    @Test func readsWhatFoundationReadsInEitherCase() {
        for _ in 0..<2000 {
            let id = UUID()
            #expect(UUID(text: id.uuidString) == id)
            #expect(UUID(text: id.uuidString.lowercased()) == id)
            #expect(UUID(text: String(id.uuidString.utf8.map { Character(UnicodeScalar($0)) })) == id)
        }
    }

    @Test func refusesWhatIsNotAnId() {
        let good = "E621E1F8-C36C-495A-93FC-0C247A3E6E5F"
        for text in [
            "", "E621E1F8", good + "0", String(good.dropLast()), good.replacingOccurrences(of: "-", with: ""),
            "E621E1F8-C36C-495A-93FC-0C247A3E6E5G", "E621E1F8_C36C-495A-93FC-0C247A3E6E5F",
            "E621E1F8-C36C-495A-93FC0-C247A3E6E5F", "é621E1F8-C36C-495A-93FC-0C247A3E6E5F",
        ] {
            #expect(UUID(text: text) == nil, "\(text)")
            #expect(UUID(uuidString: text) == nil, "Foundation refuses \(text) too")
        }
        // Foundation's sscanf reads this one (a space, then 35 digits); nothing stores such an id.
        #expect(UUID(text: " E621E1F8-C36C-495A-93FC-0C247A3E6E5") == nil)
        #expect(UUID(text: good) == UUID(uuidString: good))
    }

    @Test func writesWhatFoundationWrites() {
        let edges = [UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
                     UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255))]
        for id in edges + (0..<2000).map({ _ in UUID() }) {
            #expect(id.text == id.uuidString)
            #expect(UUID(text: id.text) == id)
        }
    }
}
