import Foundation

@testable import RapportApp

/// The OpenAPI document as a checker: every answer the tests receive from `/api/v1` is held to the
/// schema the document gives its operation and status, read closed — a key the document does not
/// list is a problem, as is a missing required one, a wrong type, a null where none is allowed, or
/// a value outside its enum or bounds. So the document cannot drift from the types that encode
/// the answers without a test saying where.
struct DocumentedAPI: @unchecked Sendable {
    static let shared = DocumentedAPI()

    let paths: [String: [String: Any]]
    let schemas: [String: Any]

    init() {
        let data = try! OpenAPIDocument.json()
        let document = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
        paths = document["paths"] as! [String: [String: Any]]
        schemas = (document["components"] as! [String: Any])["schemas"] as! [String: Any]
    }

    /// What is wrong with an answer of `status` and `body` to `method target`, by the document.
    func problems(method: String, target: String, status: Int, body: String) -> [String] {
        let path = String(target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0])
        guard let operation = operation(method: method.lowercased(), path: path) else {
            // An undocumented route may only refuse, and in the one error shape.
            guard status >= 400 else { return ["\(status) from an undocumented operation"] }
            return check(body, against: ["$ref": "#/components/schemas/Error"])
        }
        let responses = operation["responses"] as? [String: Any] ?? [:]
        guard let response = (responses["\(status)"] ?? responses["default"]) as? [String: Any] else {
            return ["status \(status) is not documented"]
        }
        if (200..<300).contains(status), responses["\(status)"] == nil {
            return ["success status \(status) is not the documented one"]
        }
        let content = response["content"] as? [String: Any]
        guard let schema = (content?["application/json"] as? [String: Any])?["schema"] as? [String: Any] else {
            if status == 204, !body.isEmpty { return ["a 204 carries a body"] }
            return []
        }
        return check(body, against: schema)
    }

    func check(_ body: String, against schema: [String: Any]) -> [String] {
        guard let value = try? JSONDecoder().decode(WireValue.self, from: Data(body.utf8)) else {
            return ["the body is not JSON: \(body.prefix(200))"]
        }
        return problems(value, schema, at: "$")
    }

    /// The documented operation for a concrete path: literal segments win over `{parameters}`
    /// (`/invoices/run` before `/invoices/{id}`).
    private func operation(method: String, path: String) -> [String: Any]? {
        let segments = path.split(separator: "/")
        let candidates = paths.compactMap { template, methods -> (Int, [String: Any])? in
            let parts = template.split(separator: "/")
            guard parts.count == segments.count, let operation = methods[method] as? [String: Any] else { return nil }
            var parameters = 0
            for (part, segment) in zip(parts, segments) {
                if part.hasPrefix("{") { parameters += 1 } else if part != segment { return nil }
            }
            return (parameters, operation)
        }
        return candidates.min { $0.0 < $1.0 }?.1
    }

    private func problems(_ value: WireValue, _ schema: [String: Any], at path: String) -> [String] {
        if let reference = schema["$ref"] as? String {
            let name = reference.replacingOccurrences(of: "#/components/schemas/", with: "")
            guard let target = schemas[name] as? [String: Any] else { return ["\(path): no schema \(name)"] }
            return problems(value, target, at: path)
        }
        if let choices = schema["oneOf"] as? [[String: Any]] {
            let results = choices.map { problems(value, $0, at: path) }
            return results.contains { $0.isEmpty } ? [] : results.flatMap { $0 }
        }
        guard let type = schema["type"] as? String else { return [] }
        switch (type, value) {
        case ("null", .null), ("boolean", .bool):
            return []
        case ("integer", .integer(let number)):
            return bounds(Double(number), schema, at: path)
        case ("number", .integer(let number)):
            return bounds(Double(number), schema, at: path)
        case ("number", .number(let number)):
            return bounds(number, schema, at: path)
        case ("string", .string(let text)):
            return stringProblems(text, schema, at: path)
        case ("array", .array(let items)):
            guard let itemSchema = schema["items"] as? [String: Any] else { return [] }
            return items.enumerated().flatMap { problems($1, itemSchema, at: "\(path)[\($0)]") }
        case ("object", .object(let members)):
            return objectProblems(members, schema, at: path)
        default:
            return ["\(path): \(value.kind) where the document says \(type)"]
        }
    }

    private func objectProblems(_ members: [String: WireValue], _ schema: [String: Any], at path: String) -> [String] {
        let properties = schema["properties"] as? [String: Any]
        let additional = schema["additionalProperties"] as? [String: Any]
        var found: [String] = []
        for name in schema["required"] as? [String] ?? [] where members[name] == nil {
            found.append("\(path).\(name) is required and missing")
        }
        for (name, member) in members.sorted(by: { $0.key < $1.key }) {
            if let property = properties?[name] as? [String: Any] {
                found += problems(member, property, at: "\(path).\(name)")
            } else if let additional {
                found += problems(member, additional, at: "\(path).\(name)")
            } else if properties != nil {
                found.append("\(path).\(name) is not in the document")
            }
        }
        return found
    }

    private func stringProblems(_ text: String, _ schema: [String: Any], at path: String) -> [String] {
        if let allowed = schema["enum"] as? [String], !allowed.contains(text) {
            return ["\(path): \"\(text)\" is not one of \(allowed)"]
        }
        switch schema["format"] as? String {
        case "uuid" where UUID(uuidString: text) == nil:
            return ["\(path): \"\(text)\" is not a UUID"]
        case "date" where text.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) == nil:
            return ["\(path): \"\(text)\" is not yyyy-MM-dd"]
        case "date-time" where RFC3339.parse(text) == nil:
            return ["\(path): \"\(text)\" is not RFC 3339"]
        default:
            return []
        }
    }

    private func bounds(_ number: Double, _ schema: [String: Any], at path: String) -> [String] {
        if let minimum = (schema["minimum"] as? NSNumber)?.doubleValue, number < minimum {
            return ["\(path): \(number) is below the documented minimum \(minimum)"]
        }
        if let maximum = (schema["maximum"] as? NSNumber)?.doubleValue, number > maximum {
            return ["\(path): \(number) is above the documented maximum \(maximum)"]
        }
        return []
    }
}

/// A JSON value as the wire has it, each kind told apart (a boolean is never a number).
indirect enum WireValue: Decodable {
    case null, bool(Bool), integer(Int), number(Double), string(String), array([WireValue])
    case object([String: WireValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([WireValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: WireValue].self))
        }
    }

    var kind: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .integer: "an integer"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
