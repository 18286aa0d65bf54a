import Foundation

/// Where in an input a problem is: `fees[0].amount` is the key `fees`, the index 0 and the key
/// `amount`. The API writes it as that text; a web form asks whether it lies under one of its
/// fields. A literal is read in the same notation (`"fee.amount"`), so the common case reads as
/// the API names it; built paths use ``item(_:_:)`` and ``appending(_:)``.
struct FieldPath: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    enum Component: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    let components: [Component]

    init(_ components: [Component]) { self.components = components }

    /// Reads the API's notation: keys separated by dots, indexes in brackets.
    init(stringLiteral text: String) {
        var components: [Component] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: true) {
            var rest = Substring(part)
            if let open = rest.firstIndex(of: "[") {
                if open > rest.startIndex { components.append(.key(String(rest[..<open]))) }
                rest = rest[open...]
                while rest.first == "[", let close = rest.firstIndex(of: "]") {
                    let inner = rest[rest.index(after: rest.startIndex)..<close]
                    components.append(Int(inner).map(Component.index) ?? .key(String(inner)))
                    rest = rest[rest.index(after: close)...]
                }
                if !rest.isEmpty { components.append(.key(String(rest))) }
            } else {
                components.append(.key(String(rest)))
            }
        }
        self.components = components
    }

    /// The path of a decoded value (a `DecodingError`'s coding path).
    init(codingPath: [any CodingKey]) {
        components = codingPath.map { key in
            if let index = key.intValue, key.stringValue == "Index \(index)" || key.stringValue == String(index) {
                return .index(index)
            }
            return .key(key.stringValue)
        }
    }

    /// One key, taken as it is (a form field's name).
    init(key: String) { components = [.key(key)] }

    /// An item of a list: `fees[2]`.
    static func item(_ list: String, _ index: Int) -> FieldPath { FieldPath([.key(list), .index(index)]) }

    func appending(_ key: String) -> FieldPath { FieldPath(components + [.key(key)]) }

    /// Whether this path is `prefix` or lies under it (`fees[0].amount` under `fees`).
    func isWithin(_ prefix: FieldPath) -> Bool {
        components.count >= prefix.components.count && Array(components.prefix(prefix.components.count)) == prefix.components
    }

    /// A single key: a field a form can show under the same name.
    var isPlainKey: Bool {
        if components.count == 1, case .key = components[0] { return true }
        return false
    }

    var isEmpty: Bool { components.isEmpty }

    /// The API's notation: `fees[0].amount`.
    var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key): text += text.isEmpty ? key : "." + key
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }

    static func < (lhs: FieldPath, rhs: FieldPath) -> Bool { lhs.description < rhs.description }
}
