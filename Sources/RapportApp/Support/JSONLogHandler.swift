import Foundation
import Logging

/// `LOG_FORMAT=json`: one JSON object per log line — time, level, label, message, source and the
/// metadata — for log collectors that read JSON.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let write: @Sendable (String) -> Void

    /// Writes each line to standard output unless told otherwise.
    public init(
        label: String, level: Logger.Level,
        write: @escaping @Sendable (String) -> Void = { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
    ) {
        self.label = label
        self.logLevel = level
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(
        level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String, file: String,
        function: String, line: UInt
    ) {
        var object: [String: Any] = [
            "time": Self.time(Date()), "level": level.rawValue, "label": label, "message": message.description,
            "source": source,
        ]
        let merged = metadata.merging(extra ?? [:]) { _, new in new }
        if !merged.isEmpty { object["metadata"] = merged.mapValues(\.description) }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        write(String(decoding: data, as: UTF8.self))
    }

    /// RFC 3339 in UTC with milliseconds.
    static func time(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
}
