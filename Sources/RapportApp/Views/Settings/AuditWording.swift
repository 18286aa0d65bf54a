import Foundation
import RapportCore

/// An audit event in words: who did what to which record, and each value that changed, from what
/// to what — money, times, dates, people and services as the practice reads them, not as stored.
struct AuditWording {
    let timeZone: TimeZone
    let format: DisplayFormat
    /// Names for ids the events mention: clients, clinicians, services, staff.
    let names: [UUID: String]

    /// "Maya Chen changed a session of Avery Nguyen".
    func sentence(_ entry: AuditTrail.Entry) -> String {
        let record = Self.words(entry.entityType)
        let article = "aeiou".contains(record.first ?? "x") ? "an" : "a"
        let whose = owner(entry).map { " of \($0)" } ?? ""
        switch entry.action {
        case "read":
            let view: String? = if case .string(let text) = Self.object(entry.after)?["view"] { text } else { nil }
            // Events stored before views were named in words say `goodFaithEstimates`.
            let shown = view.map { $0.contains(/[a-z][A-Z]/) ? Self.words($0) : $0 }
            return "\(entry.actorName) looked at \(names[entry.entityId] ?? "a \(record)")'s record"
                + (shown.map { " (\($0))" } ?? "")
        case "create": return "\(entry.actorName) added \(article) \(record)\(whose)"
        case "update", "change": return "\(entry.actorName) changed \(article) \(record)\(whose)"
        case "delete": return "\(entry.actorName) deleted \(article) \(record)\(whose)"
        default: return "\(entry.actorName) — \(Self.words(entry.action)): \(record)\(whose)"
        }
    }

    /// "Fee: $150.00 → $130.00", one line per value that differs between before and after.
    func changes(_ entry: AuditTrail.Entry) -> [String] {
        guard let before = Self.object(entry.before), let after = Self.object(entry.after) else { return [] }
        let old = Self.flatten(before)
        let new = Self.flatten(after)
        return Set(old.keys).union(new.keys).sorted().compactMap { key in
            guard !Self.quiet.contains(key) else { return nil }
            let was = old[key].map { value(key, $0) } ?? "none"
            let now = new[key].map { value(key, $0) } ?? "none"
            return was == now ? nil : "\(Self.label(key)): \(was) → \(now)"
        }
    }

    /// The client (or other person) the record belongs to, when the event names one.
    private func owner(_ entry: AuditTrail.Entry) -> String? {
        if let name = names[entry.entityId], entry.entityType == "client" { return name }
        let snapshot = Self.object(entry.after) ?? Self.object(entry.before)
        guard case .string(let id) = snapshot?["clientId"] else { return nil }
        return UUID(uuidString: id).flatMap { names[$0] }
    }

    private func value(_ key: String, _ raw: JSONValue) -> String {
        switch raw {
        case .object(let money):
            if case .number(let amount) = money["amount"], case .string(let code) = money["currency"],
                let currency = Currency(code: code), let minor = Int64(exactly: amount)
            {
                return Money(amount: minor, currency: currency).shown
            }
            return money.keys.sorted().map { field in
                "\(Self.words(field)) \(money[field].map { value(field, $0) } ?? "none")"
            }.joined(separator: ", ")
        case .array(let list): return list.isEmpty ? "none" : list.map { value(key, $0) }.joined(separator: ", ")
        case .bool(let flag): return flag ? "yes" : "no"
        case .number(let number): return number == number.rounded() ? String(Int64(number)) : String(number)
        case .string(let text): return self.text(key, text)
        case .null: return "none"
        }
    }

    private func text(_ key: String, _ text: String) -> String {
        if let id = UUID(uuidString: text) { return names[id] ?? "another record" }
        if let instant = RFC3339.parse(text) {
            let local = timeZone.local(instant)
            return "\(format.date(local.date)), \(format.time(local.time))"
        }
        if let local = LocalDateTime(text) { return "\(format.date(local.date)), \(format.time(local.time))" }
        if let date = LocalDate(text) { return format.date(date) }
        if key.hasSuffix("attendance"), let attendance = Attendance(rawValue: text) {
            return SourceText.attendance(attendance)
        }
        return Self.enumWords[text] ?? text
    }

    /// Keys whose changes follow from another's, or say nothing to a reader.
    private static let quiet: Set<String> = ["id", "end", "bills", "editedIndividually", "billing.reason"]

    /// Stored names of choices, in words.
    private static let enumWords = [
        "override": "typed for this session", "clientFee": "the client's fee", "serviceRate": "the service's rate",
        "clientDefault": "the client's default", "practiceDefault": "the practice's default", "chosen": "chosen",
        "notBilled": "not billed", "dateOfService": "one date of service", "fullName": "full name",
    ]

    /// `feeSource` → "Fee source"; `service.code` → "Service code".
    static func label(_ key: String) -> String {
        let text = key.split(separator: ".").map { words(String($0)) }.joined(separator: " ")
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    /// `calendarFeed` → "calendar feed".
    static func words(_ camel: String) -> String {
        var out = ""
        for character in camel {
            if character.isUppercase, !out.isEmpty { out += " " }
            out += character.lowercased()
        }
        return out.replacingOccurrences(of: " id", with: "")
    }

    private static func object(_ json: String?) -> [String: JSONValue]? {
        guard let data = json?.data(using: .utf8), case .object(let object) = try? JSONDecoder().decode(JSONValue.self, from: data)
        else { return nil }
        return object
    }

    /// Nested objects as dotted keys; money (`amount` and `currency`) stays one value.
    private static func flatten(_ object: [String: JSONValue], prefix: String = "") -> [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        for (key, value) in object {
            let path = prefix.isEmpty ? key : "\(prefix).\(key)"
            if case .object(let nested) = value, nested["currency"] == nil {
                out.merge(flatten(nested, prefix: path)) { first, _ in first }
            } else if value != .null {
                out[path] = value
            }
        }
        return out
    }
}

/// A JSON value as stored in an audit snapshot, told apart by kind (a flag is not a number).
enum JSONValue: Decodable, Equatable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let list = try? container.decode([JSONValue].self) {
            self = .array(list)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }
}
