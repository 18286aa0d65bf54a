import Foundation
import RapportCore

extension PracticeContext {
    /// Checks a money amount from a request: the practice's currency, not negative, not absurd.
    func validated(_ money: Money, field: FieldPath, errors: inout FieldErrors) -> Int64? {
        if money.currency != currency {
            errors.add(field.appending("currency"), "must be \(currency.code), the practice's currency")
            return nil
        }
        if money.amount < 0 {
            errors.add(field.appending("amount"), "must not be negative")
            return nil
        }
        // 10 million in major units is far beyond any session fee and keeps every sum far from overflow.
        if money.amount > 1_000_000_000 {
            errors.add(field.appending("amount"), "is too large")
            return nil
        }
        return money.amount
    }
}

/// A value that may be absent (leave as is), `null` (clear) or present (set) in a PATCH body.
enum Patch<Value: Decodable & Sendable>: Decodable, Sendable {
    case clear
    case set(Value)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self = container.decodeNil() ? .clear : .set(try container.decode(Value.self))
    }

    var value: Value? {
        if case .set(let value) = self { return value }
        return nil
    }
}

extension KeyedDecodingContainer {
    /// A value for which an explicit `null` has a meaning of its own: absent or `null` both read as
    /// nil. (``StrictJSON`` refuses `null` for plain optional fields, where it would be ignored.)
    func decodeNullable<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decode(type, forKey: key)
    }

    /// Distinguishes an absent key (nil) from an explicit `null` (`.clear`).
    func decodeIfPresent<Value>(_ type: Patch<Value>.Type, forKey key: Key) throws -> Patch<Value>? {
        guard contains(key) else { return nil }
        return try decode(Patch<Value>.self, forKey: key)
    }
}
