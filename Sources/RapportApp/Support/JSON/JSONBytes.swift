import Foundation
import NIOCore
import RapportCore

/// A value that writes its own JSON: the very bytes `JSONEncoder.rapport` writes for it (sorted
/// keys, nil fields left out, `/` escaped, dates in ISO 8601 at whole seconds), without the
/// encoder's generic containers. For the answers read most (a calendar's sessions, the client
/// screen), where `Codable` encoding was half the work of a recomputed answer; tests compare each
/// writer with the encoder on many values.
protocol JSONWritable: Encodable {
    func write(to json: inout JSONBytes)
}

/// JSON written straight into bytes, field by field. Keys must be given in sorted order, as the
/// encoder sorts them; a value the writer has no fast form for is written by the encoder itself
/// (``encoded(_:)``).
struct JSONBytes {
    private(set) var bytes: [UInt8] = []
    /// Whether the next value or key follows a sibling and so needs a comma.
    private var afterValue = false
    /// The first error the encoder met writing a value with no fast form (``encoded(_:)``).
    private var failure: (any Error)?

    /// The JSON written, or the first error met writing it.
    func result() throws -> [UInt8] {
        if let failure { throw failure }
        return bytes
    }

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    /// `values` as a JSON array.
    static func array<Value: JSONWritable>(_ values: [Value]) throws -> ByteBuffer {
        var json = JSONBytes(capacity: 512 * max(values.count, 1))
        json.array(values)
        return ByteBuffer(bytes: try json.result())
    }

    mutating func objectStart() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        afterValue = false
    }

    mutating func objectEnd() {
        bytes.append(UInt8(ascii: "}"))
        afterValue = true
    }

    mutating func array<Value: JSONWritable>(_ values: [Value]) {
        separate()
        bytes.append(UInt8(ascii: "["))
        afterValue = false
        for value in values { value.write(to: &self) }
        bytes.append(UInt8(ascii: "]"))
        afterValue = true
    }

    /// A key; its value follows.
    mutating func key(_ key: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        afterValue = false
    }

    /// A key known only when running (a dictionary's), escaped as a string is; its value follows.
    mutating func key(text: String) {
        string(text)
        bytes.append(UInt8(ascii: ":"))
        afterValue = false
    }

    mutating func string(_ text: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case UInt8(ascii: "/"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "/")])
                case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
                case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
                case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case 0..<0x20:
                    bytes.append(contentsOf: Array("\\u00".utf8))
                    bytes.append(Self.hex[Int(byte >> 4)])
                    bytes.append(Self.hex[Int(byte & 0xF)])
                default: bytes.append(byte)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Upper-case hex in 8-4-4-4-12 groups, as `uuidString`.
    mutating func uuid(_ id: UUID) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        withUnsafeBytes(of: id.uuid) { raw in
            for (index, byte) in raw.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 { bytes.append(UInt8(ascii: "-")) }
                bytes.append(Self.upperHex[Int(byte >> 4)])
                bytes.append(Self.upperHex[Int(byte & 0xF)])
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Decimal digits, without building a `String` for each number.
    mutating func integer(_ value: some FixedWidthInteger) {
        separate()
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = UInt64(value.magnitude)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { reversed in
            var count = 0
            repeat {
                reversed[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(reversed[index]) }
        }
    }

    mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: value ? Self.trueBytes : Self.falseBytes)
    }

    /// `yyyy-MM-ddTHH:mm:ssZ` in UTC, as the encoder's `.iso8601` strategy writes an instant.
    mutating func date(_ instant: Date) {
        separate()
        let utc = LocalDateTime(secondsSinceEpochAsUTC: Int(instant.timeIntervalSince1970.rounded(.down)))
        bytes.append(UInt8(ascii: "\""))
        digits(of: utc.date)
        bytes.append(UInt8(ascii: "T"))
        padded(utc.time.hour, width: 2)
        bytes.append(UInt8(ascii: ":"))
        padded(utc.time.minute, width: 2)
        bytes.append(UInt8(ascii: ":"))
        padded(utc.time.second, width: 2)
        bytes.append(UInt8(ascii: "Z"))
        bytes.append(UInt8(ascii: "\""))
    }

    /// `yyyy-MM-dd`, as a ``LocalDate`` encodes.
    mutating func localDate(_ date: LocalDate) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        digits(of: date)
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func digits(of date: LocalDate) {
        padded(date.year, width: 4)
        bytes.append(UInt8(ascii: "-"))
        padded(date.month, width: 2)
        bytes.append(UInt8(ascii: "-"))
        padded(date.day, width: 2)
    }

    /// `value` (not negative, fewer than `width` digits or as many) with leading zeros to `width`.
    private mutating func padded(_ value: Int, width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }

    /// A value with no fast form, as the encoder writes it; an error it meets is kept for
    /// ``result()`` to throw, so a broken answer is never sent.
    mutating func encoded(_ value: some Encodable) {
        separate()
        do {
            bytes.append(contentsOf: try JSONEncoder.rapport.encode(value))
        } catch {
            failure = failure ?? error
            bytes.append(contentsOf: Array("null".utf8))
        }
    }

    private mutating func separate() {
        if afterValue { bytes.append(UInt8(ascii: ",")) }
        afterValue = true
    }

    private static let hex = Array("0123456789abcdef".utf8)
    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
    private static let upperHex = Array("0123456789ABCDEF".utf8)
}

extension JSONBytes {
    /// A key and its value, left out when the value is nil (as the encoder leaves it out).
    mutating func field(_ name: StaticString, _ value: (some JSONWritable)?) {
        guard let value else { return }
        key(name)
        value.write(to: &self)
    }

    /// A key and a value with no fast form, as the encoder writes it; left out when nil.
    mutating func field(_ name: StaticString, encoded value: (some Encodable)?) {
        guard let value else { return }
        key(name)
        encoded(value)
    }
}

extension String: JSONWritable {
    func write(to json: inout JSONBytes) { json.string(self) }
}

extension UUID: JSONWritable {
    func write(to json: inout JSONBytes) { json.uuid(self) }
}

extension Int: JSONWritable {
    func write(to json: inout JSONBytes) { json.integer(self) }
}

extension Bool: JSONWritable {
    func write(to json: inout JSONBytes) { json.bool(self) }
}

extension Date: JSONWritable {
    func write(to json: inout JSONBytes) { json.date(self) }
}

/// Core's enums are written as their raw text, as they encode.
extension JSONWritable where Self: RawRepresentable, RawValue == String {
    func write(to json: inout JSONBytes) { json.string(rawValue) }
}
