import Foundation
import NIOCore
import RapportCore
import SQLiteNIO

/// Values SQLite hands back, converted without a `Decoder`.
///
/// SQLite keeps ids as text. Read through this conformance, each is parsed by Core's
/// ``Foundation/UUID/init(text:)`` instead of decoding a string through a `Decoder` and handing it
/// to Foundation's `sscanf`-based parser — a tenth of a recomputed calendar's work. Written as
/// before (upper-case text, by Core's ``Foundation/UUID/text`` rather than Foundation's
/// `sprintf`), so stored ids and bound parameters are unchanged. SQLiteNIO has no
/// conformance of its own; were it to add one, this one would go.
extension UUID: @retroactive SQLiteDataConvertible {
    public init?(sqliteData: SQLiteData) {
        switch sqliteData {
        case .text(let text): self.init(text: text)
        case .blob(let blob) where blob.readableBytes == 16:
            guard let bytes = blob.getBytes(at: blob.readerIndex, length: 16) else { return nil }
            self.init(
                uuid: (
                    bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8],
                    bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
                ))
        default: return nil
        }
    }

    public var sqliteData: SQLiteData? { .text(text) }
}

/// A nullable column (`UUID?`, `String?`, `Int64?`…) read directly: without this, SQLiteKit's
/// decoder reaches an optional only through a nested `Decoder` it builds for each value (and the
/// generic metadata that takes), which was about a tenth of the time of a client screen that reads
/// a thousand rows. NULL is `nil`; any other value converts as `Wrapped` does, and one that does
/// not is refused as before. Bound parameters are unchanged: `nil` is written as NULL.
extension Optional: @retroactive SQLiteDataConvertible where Wrapped: SQLiteDataConvertible {
    public init?(sqliteData: SQLiteData) {
        if case .null = sqliteData {
            self = .none
            return
        }
        guard let value = Wrapped(sqliteData: sqliteData) else { return nil }
        self = .some(value)
    }

    public var sqliteData: SQLiteData? {
        switch self {
        case .none: .null
        case .some(let value): value.sqliteData
        }
    }
}
