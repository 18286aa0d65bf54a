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
                        guard let high = Self.nibble(utf8[position]), let low = Self.nibble(utf8[position + 1]) else {
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

    private static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
