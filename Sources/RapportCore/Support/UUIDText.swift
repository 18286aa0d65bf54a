import Foundation

extension UUID {
    /// Reads `8-4-4-4-12` hex (either case), as `UUID(uuidString:)` does, without the C library's
    /// `sscanf` that Foundation uses on Linux: stored ids are read by the hundred on every screen.
    public init?(text: String) {
        var text = text
        guard
            let bytes = text.withUTF8({ utf8 -> uuid_t? in
                guard utf8.count == 36 else { return nil }
                var id: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
                let parsed = withUnsafeMutableBytes(of: &id) { out -> Bool in
                    var position = 0
                    for index in 0..<16 {
                        // A hyphen before the 5th, 7th, 9th and 11th byte.
                        if index == 4 || index == 6 || index == 8 || index == 10 {
                            guard utf8[position] == UInt8(ascii: "-") else { return false }
                            position += 1
                        }
                        guard let high = utf8[position].hexDigitValue, let low = utf8[position + 1].hexDigitValue else {
                            return false
                        }
                        out[index] = high << 4 | low
                        position += 2
                    }
                    return true
                }
                return parsed ? id : nil
            })
        else { return nil }
        self.init(uuid: bytes)
    }


    /// The id as `uuidString` writes it (upper-case `8-4-4-4-12`), without the C library's
    /// `sprintf` that Foundation uses on Linux (about 370 ns an id; this is a tenth of that): ids
    /// are written by the hundred into every page and bound into every query.
    public var text: String {
        withUnsafeBytes(of: uuid) { id in
            String(unsafeUninitializedCapacity: 36) { out in
                var position = 0
                for index in 0..<16 {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        out[position] = UInt8(ascii: "-")
                        position += 1
                    }
                    out[position] = Self.upperHex[Int(id[index] >> 4)]
                    out[position + 1] = Self.upperHex[Int(id[index] & 0xF)]
                    position += 2
                }
                return position
            }
        }
    }

    private static let upperHex = Array("0123456789ABCDEF".utf8)
}

extension UInt8 {
    /// The value of this ASCII hex digit (`0`–`9`, `a`–`f`, `A`–`F`), nil for any other byte.
    public var hexDigitValue: UInt8? {
        switch self {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): self - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): self - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): self - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
