/// An X12 interchange read into segments. The separators are the file's own, taken from its ISA
/// segment, which is fixed width: the element separator is its 4th character, the repetition
/// separator ISA11, the component separator ISA16 and the segment terminator the character after
/// it. Line breaks between segments are ignored, as the guides allow.
public struct X12Interchange: Sendable {
    /// One segment: its id and elements, and where it is in the file.
    public struct Segment: Sendable, Hashable {
        /// 1-based position in the file, as people count segments when they read one.
        public let number: Int
        public let id: String
        /// The elements after the id: `elements[0]` is XX01.
        public let elements: [String]

        public init(number: Int, id: String, elements: [String]) {
            self.number = number
            self.id = id
            self.elements = elements
        }

        /// Element `position` (1-based, as the guides number them), or "" when the segment has
        /// fewer.
        public subscript(position: Int) -> String {
            position >= 1 && position <= elements.count ? elements[position - 1] : ""
        }
    }

    public let segments: [Segment]
    public let componentSeparator: Character

    /// The most a file may hold: a large payer's daily remittance is well under this.
    public static let maximumLength = 10_000_000

    public init(text: String) throws(X12ReadError) {
        let bytes = Array(text.utf8)
        guard bytes.count <= Self.maximumLength else {
            throw X12ReadError(segment: nil, reason: "the file is larger than 10 MB")
        }
        var start = 0
        while start < bytes.count, Self.isLineBreakOrSpace(bytes[start]) || bytes[start] == 0xEF || bytes[start] == 0xBB
            || bytes[start] == 0xBF
        {
            start += 1
        }
        guard bytes.count - start >= 106, bytes[start] == UInt8(ascii: "I"), bytes[start + 1] == UInt8(ascii: "S"),
            bytes[start + 2] == UInt8(ascii: "A")
        else {
            throw X12ReadError(segment: 1, reason: "the file does not begin with an ISA segment: it is not an X12 file")
        }
        let element = bytes[start + 3]
        let component = bytes[start + 104]
        let terminator = bytes[start + 105]
        let separators = [element, component, terminator]
        guard separators.allSatisfy(Self.canSeparate), Set(separators).count == 3 else {
            throw X12ReadError(
                segment: 1,
                reason: "the ISA segment does not hold three distinct separators where the standard puts them (characters 4, 105 and 106)")
        }
        let isaElements = bytes[start..<(start + 105)].split(separator: element, omittingEmptySubsequences: false)
        guard isaElements.count == 17 else {
            throw X12ReadError(
                segment: 1,
                reason: "the ISA segment has \(isaElements.count - 1) elements, not 16: its separators or field widths are wrong")
        }
        for byte in bytes[start...] where byte < 0x20 && !Self.isLineBreakOrSpace(byte) && byte != terminator {
            throw X12ReadError(segment: nil, reason: "the file holds binary data (byte \(byte)), not X12 text")
        }
        var segments: [Segment] = []
        var current = start
        while current < bytes.count {
            var end = current
            while end < bytes.count, bytes[end] != terminator { end += 1 }
            var first = current
            var last = end
            while first < last, Self.isLineBreak(bytes[first]) { first += 1 }
            while last > first, Self.isLineBreak(bytes[last - 1]) { last -= 1 }
            if first < last {
                let number = segments.count + 1
                guard end < bytes.count else {
                    throw X12ReadError(
                        segment: number, reason: "the file ends in the middle of a segment, without its terminator: it was cut off")
                }
                let parts = bytes[first..<last].split(separator: element, omittingEmptySubsequences: false).map {
                    String(decoding: $0, as: UTF8.self)
                }
                let id = parts[0]
                guard (2...3).contains(id.count), id.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }) else {
                    throw X12ReadError(segment: number, reason: "'\(id.prefix(20))' is not a segment id")
                }
                segments.append(Segment(number: number, id: id, elements: Array(parts.dropFirst())))
            }
            current = end + 1
        }
        self.segments = segments
        self.componentSeparator = Character(Unicode.Scalar(component))
    }

    /// The components of a composite element (`HC:90834:95`).
    public func components(_ value: String) -> [String] {
        value.split(separator: componentSeparator, omittingEmptySubsequences: false).map(String.init)
    }

    private static func isLineBreak(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }
    private static func isLineBreakOrSpace(_ byte: UInt8) -> Bool { isLineBreak(byte) || byte == 0x20 || byte == 0x09 }

    /// Separators are printable characters that cannot be data: not a letter, digit or space.
    private static func canSeparate(_ byte: UInt8) -> Bool {
        (byte > 0x20 && byte < 0x7F && !(0x30...0x39).contains(byte) && !(0x41...0x5A).contains(byte)
            && !(0x61...0x7A).contains(byte)) || byte == 0x0A
    }
}

/// Why a file could not be read, and where: the segment's number in the file and its id.
public struct X12ReadError: Error, Equatable, Sendable, CustomStringConvertible {
    public let segment: Int?
    public let segmentID: String?
    public let reason: String

    public init(segment: Int?, id: String? = nil, reason: String) {
        self.segment = segment
        self.segmentID = id
        self.reason = reason
    }

    public var description: String {
        guard let segment else { return reason }
        return "segment \(segment)\(segmentID.map { " (\($0))" } ?? ""): \(reason)"
    }
}
