import Foundation
import Logging
import Testing

@testable import RapportApp

/// `LOG_FORMAT=json`: every line a JSON object a collector can read, whatever the message holds.
struct JSONLogHandlerTests {
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func append(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }

    @Test func eachLineIsOneJSONObjectWithTheMessageAndMetadata() throws {
        let lines = Lines()
        var logger = Logger(label: "rapport.test") { label in
            JSONLogHandler(label: label, level: .info, write: { lines.append($0) })
        }
        logger[metadataKey: "request-id"] = "abc"
        logger.info("posted \"835\"\nsecond line", metadata: ["claims": "2000"])
        logger.debug("below the level: not written")
        #expect(lines.all.count == 1)
        let line = try #require(lines.all.first)
        #expect(!line.contains("\n"), "one line")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["message"] as? String == "posted \"835\"\nsecond line")
        #expect(object["level"] as? String == "info" && object["label"] as? String == "rapport.test")
        #expect(object["metadata"] as? [String: String] == ["request-id": "abc", "claims": "2000"])
        #expect((object["time"] as? String)?.hasSuffix("Z") == true)
    }
}
