import Foundation

/// Decodes JSON request bodies refusing, at every depth, what a lenient decoder would let through:
///
/// - a key the type does not know (`fees[0].amonut`): a typo must never look like a successful
///   change, however deeply it is nested;
/// - a control character (NUL and the other C0 codes but tab, line feed and carriage return) in any
///   string: SQLite would store it cut short and PostgreSQL refuse it;
/// - a number that is not a whole number within the field's type (`1.5`, `1e30`, `2^63`), named by
///   its field rather than reported as unreadable JSON.
///
/// It wraps the decoder `JSONDecoder` hands each type, so every `Decodable` type is checked as it
/// decodes — nested structs, arrays, dictionaries and `Patch` values alike — without a list of keys
/// kept beside the type.
enum StrictJSON {
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try JSONDecoder.rapport.decode(Strict<T>.self, from: data).value
    }

    private struct Strict<T: Decodable>: Decodable {
        let value: T
        init(from decoder: any Decoder) throws { value = try T(from: StrictDecoder(decoder)) }
    }
}

/// Errors the strict decoder reports, with the field's path.
enum StrictDecodingError: Error {
    case unknownField(path: FieldPath)
    case controlCharacter(path: FieldPath)

    var useCaseError: UseCaseError {
        switch self {
        case .unknownField(let path):
            .malformed("unknown field \(path)", field: path, problem: "is not a known field")
        case .controlCharacter(let path):
            .malformed(
                "\(path) contains a control character", field: path,
                problem: "must not contain control characters (such as NUL)")
        }
    }
}

private struct AnyKey: CodingKey {
    let stringValue: String
    let intValue: Int?
    init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }
    init(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

/// Types `JSONDecoder` decodes by its own strategies; they are handed to it unwrapped.
private func decodedNatively(_ type: Any.Type) -> Bool {
    type == Date.self || type == Data.self || type == URL.self || type == Decimal.self
}

private func checked(_ text: String, at path: [any CodingKey]) throws -> String {
    if ControlCharacters.found(in: text) {
        throw StrictDecodingError.controlCharacter(path: FieldPath(codingPath: path))
    }
    return text
}

/// A number that does not fit its field reads as a type mismatch at that field. (Foundation's
/// decoder reports `1.5` or `2^63` for an integer as "not valid JSON", with no path, through an
/// internal error type: anything but a located `DecodingError` is turned into one here.)
private func wholeNumber<N>(_ type: N.Type, at path: [any CodingKey], _ decode: () throws -> N) throws -> N {
    do {
        return try decode()
    } catch let error as DecodingError {
        if case .dataCorrupted = error { throw mismatch(N.self, at: path) }
        throw error
    } catch {
        throw mismatch(N.self, at: path)
    }
}

private func mismatch(_ type: Any.Type, at path: [any CodingKey]) -> DecodingError {
    .typeMismatch(type, .init(codingPath: path, debugDescription: "not a whole number within bounds"))
}

private struct StrictDecoder: Decoder {
    let inner: any Decoder
    init(_ inner: any Decoder) { self.inner = inner }

    var codingPath: [any CodingKey] { inner.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { inner.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let raw = try inner.container(keyedBy: AnyKey.self)
        if let unknown = raw.allKeys.map(\.stringValue).sorted().first(where: { Key(stringValue: $0) == nil }) {
            throw StrictDecodingError.unknownField(path: FieldPath(codingPath: codingPath + [AnyKey(stringValue: unknown)]))
        }
        return KeyedDecodingContainer(StrictKeyed(inner: try inner.container(keyedBy: Key.self)))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        StrictUnkeyed(inner: try inner.unkeyedContainer())
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        StrictSingle(inner: try inner.singleValueContainer(), decoder: self)
    }
}

private struct StrictKeyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let inner: KeyedDecodingContainer<Key>

    var codingPath: [any CodingKey] { inner.codingPath }
    var allKeys: [Key] { inner.allKeys }
    func contains(_ key: Key) -> Bool { inner.contains(key) }
    func decodeNil(forKey key: Key) throws -> Bool { try inner.decodeNil(forKey: key) }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try inner.decode(type, forKey: key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        try checked(inner.decode(type, forKey: key), at: codingPath + [key])
    }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try inner.decode(type, forKey: key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try inner.decode(type, forKey: key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try whole(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try whole(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try whole(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try whole(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try whole(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try whole(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try whole(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try whole(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try whole(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try whole(type, key) }

    private func whole<N: Decodable & FixedWidthInteger>(_ type: N.Type, _ key: Key) throws -> N {
        try wholeNumber(type, at: codingPath + [key]) { try inner.decode(type, forKey: key) }
    }

    /// An optional field that is present must hold a value: `"name": null` would otherwise be read
    /// as "leave it", a silent non-change. Fields where `null` means something say so with `Patch`
    /// or `decodeNullable`, which do not come through here.
    private func present<T>(_ type: T.Type, _ key: Key, _ decode: () throws -> T) throws -> T? {
        guard inner.contains(key) else { return nil }
        if try inner.decodeNil(forKey: key) {
            throw DecodingError.valueNotFound(
                type, .init(codingPath: codingPath + [key], debugDescription: "null; leave the field out instead"))
        }
        return try decode()
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        try present(type, key) { try decode(type, forKey: key) }
    }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        try present(type, key) { try decode(type, forKey: key) }
    }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        try present(type, key) { try decode(type, forKey: key) }
    }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        try present(type, key) { try decode(type, forKey: key) }
    }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        try present(type, key) { try decode(type, forKey: key) }
    }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try present(type, key) { try decode(type, forKey: key) }
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        if decodedNatively(type) { return try inner.decode(type, forKey: key) }
        guard inner.contains(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing"))
        }
        return try T(from: StrictDecoder(inner.superDecoder(forKey: key)))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try StrictDecoder(inner.superDecoder(forKey: key)).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        StrictUnkeyed(inner: try inner.nestedUnkeyedContainer(forKey: key))
    }

    func superDecoder() throws -> any Decoder { StrictDecoder(try inner.superDecoder()) }
    func superDecoder(forKey key: Key) throws -> any Decoder { StrictDecoder(try inner.superDecoder(forKey: key)) }
}

private struct StrictUnkeyed: UnkeyedDecodingContainer {
    var inner: any UnkeyedDecodingContainer

    var codingPath: [any CodingKey] { inner.codingPath }
    var count: Int? { inner.count }
    var isAtEnd: Bool { inner.isAtEnd }
    var currentIndex: Int { inner.currentIndex }
    private var here: [any CodingKey] { codingPath + [AnyKey(intValue: currentIndex)] }

    mutating func decodeNil() throws -> Bool { try inner.decodeNil() }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try inner.decode(type) }
    mutating func decode(_ type: String.Type) throws -> String {
        let path = here
        return try checked(inner.decode(type), at: path)
    }
    mutating func decode(_ type: Double.Type) throws -> Double { try inner.decode(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try inner.decode(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try whole(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try whole(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try whole(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try whole(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try whole(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try whole(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try whole(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try whole(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try whole(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try whole(type) }

    private mutating func whole<N: Decodable & FixedWidthInteger>(_ type: N.Type) throws -> N {
        let path = here
        var container = inner
        defer { inner = container }
        return try wholeNumber(type, at: path) { try container.decode(type) }
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if decodedNatively(type) { return try inner.decode(type) }
        return try T(from: StrictDecoder(inner.superDecoder()))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try StrictDecoder(inner.superDecoder()).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        StrictUnkeyed(inner: try inner.nestedUnkeyedContainer())
    }

    mutating func superDecoder() throws -> any Decoder { StrictDecoder(try inner.superDecoder()) }
}

private struct StrictSingle: SingleValueDecodingContainer {
    let inner: any SingleValueDecodingContainer
    let decoder: StrictDecoder

    var codingPath: [any CodingKey] { inner.codingPath }
    func decodeNil() -> Bool { inner.decodeNil() }
    func decode(_ type: Bool.Type) throws -> Bool { try inner.decode(type) }
    func decode(_ type: String.Type) throws -> String { try checked(inner.decode(type), at: codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try inner.decode(type) }
    func decode(_ type: Float.Type) throws -> Float { try inner.decode(type) }
    func decode(_ type: Int.Type) throws -> Int { try whole(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try whole(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try whole(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try whole(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try whole(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try whole(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try whole(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try whole(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try whole(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try whole(type) }

    private func whole<N: Decodable & FixedWidthInteger>(_ type: N.Type) throws -> N {
        try wholeNumber(type, at: codingPath) { try inner.decode(type) }
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if decodedNatively(type) { return try inner.decode(type) }
        return try T(from: decoder)
    }
}
