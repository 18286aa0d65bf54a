import Foundation

/// The OpenAPI 3.1 description of `/api/v1`, built from the operation list below.
/// A test compares it with the registered routes, so a route cannot ship undocumented.
enum OpenAPIDocument {
    struct Operation: Sendable {
        let method: String
        let path: String
        let summary: String
        var body: String?
        var response: (status: Int, schema: String?)
        var query: [(name: String, description: String)] = []
        var isPublic = false
        /// The success answer is text of this media type (an 837 file, a CSV export), not JSON.
        var textMediaType: String? = nil
    }

    static let operations: [Operation] =
        PracticeOperations.all + InsuranceOperations.all + RemittanceOpenAPI.operations + SchedulingOperations.all
        + BillingOperations.all + EstimateOpenAPI.operations + ExportOperations.all

    static func json() throws -> Data {
        var paths: [String: [String: Any]] = [:]
        for operation in operations {
            var entry: [String: Any] = [
                "summary": operation.summary,
                "operationId": operation.method
                    + operation.path.replacingOccurrences(of: "/", with: "_")
                    .replacingOccurrences(of: "{", with: "").replacingOccurrences(of: "}", with: ""),
            ]
            var parameters: [[String: Any]] = []
            for name in pathParameters(operation.path) {
                parameters.append([
                    "name": name, "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"],
                ])
            }
            for query in operation.query {
                var parameter: [String: Any] = [
                    "name": query.name, "in": "query", "description": query.description,
                    "schema": querySchema(query.name, description: query.description),
                ]
                if query.description.contains("required") { parameter["required"] = true }
                parameters.append(parameter)
            }
            if !parameters.isEmpty { entry["parameters"] = parameters }
            if let body = operation.body {
                entry["requestBody"] = ["required": true, "content": ["application/json": ["schema": ref(body)]]]
            }
            var success: [String: Any] = ["description": "success"]
            if let mediaType = operation.textMediaType {
                success["content"] = [mediaType: ["schema": ["type": "string"]]]
            } else if let schema = operation.response.schema {
                success["content"] = [
                    "application/json": [
                        "schema": schema.hasPrefix("[")
                            ? ["type": "array", "items": ref(String(schema.dropFirst().dropLast()))] : ref(schema)
                    ]
                ]
            }
            var responses: [String: Any] = [
                "\(operation.response.status)": success,
                // Every other answer (401, 403, 405, 413, 429, 503…) is an error in the one shape.
                "default": ["description": "an error", "content": ["application/json": ["schema": ref("Error")]]],
            ]
            for (status, meaning) in [
                ("400", "malformed request"), ("404", "not found in this practice"), ("409", "conflict"),
                ("422", "invalid input"),
            ] {
                responses[status] = ["description": meaning, "content": ["application/json": ["schema": ref("Error")]]]
            }
            if !operation.isPublic {
                responses["401"] = [
                    "description": "missing or invalid token",
                    "content": ["application/json": ["schema": ref("Error")]],
                ]
            } else {
                entry["security"] = [[String: Any]]()
            }
            entry["responses"] = responses
            paths["/api/v1" + operation.path, default: [:]][operation.method] = entry
        }
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": [
                "title": "Rapport API", "version": "1",
                "description":
                    "Practice management and billing for therapy practices. Money is {amount, currency} in minor units; instants are RFC 3339; dates are yyyy-MM-dd.",
            ],
            "servers": [["url": "/"]],
            "security": [["bearer": [String]()]],
            "paths": paths,
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
                "schemas": schemas(),
            ],
        ]
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    /// The component schemas. Request bodies (and the Money inside them) are closed — no property
    /// but the listed ones — because the server refuses an unknown key at any depth.
    static func schemas() -> [String: Any] {
        var all = OpenAPISchemas.all.merging(BillingSchemas.all) { first, _ in first }
            .merging(InsuranceSchemas.all) { first, _ in first }.merging(ClaimSchemas.all) { first, _ in first }
            .merging(RemittanceOpenAPI.schemas) { first, _ in first }.merging(EstimateOpenAPI.schemas) { first, _ in first }
            .merging(ExportOperations.schemas) { first, _ in first }
        for name in Set(operations.compactMap(\.body) + ["Money"]) {
            if let schema = all[name] { all[name] = closed(schema) }
        }
        return all
    }

    /// `schema` with `additionalProperties: false` on every object in it that lists its properties.
    static func closed(_ schema: Any) -> Any {
        switch schema {
        case var object as [String: Any]:
            for (key, value) in object where key != "additionalProperties" { object[key] = closed(value) }
            if object["properties"] != nil { object["additionalProperties"] = false }
            return object
        case let list as [Any]:
            return list.map(closed)
        default:
            return schema
        }
    }

    /// A query parameter's schema, with the bounds the server checks: `limit` from its description
    /// ("1–500"), `offset` up to ``Page/maxOffset``, ids as UUIDs, dates and instants by their format.
    static func querySchema(_ name: String, description: String) -> [String: Any] {
        switch name {
        case "limit":
            let maximum = description.split(separator: ",")[0].split(separator: "–").last.flatMap { Int($0) } ?? 500
            return ["type": "integer", "minimum": 1, "maximum": maximum]
        case "offset":
            return ["type": "integer", "minimum": 0, "maximum": Page.maxOffset]
        case "scope":
            return ["type": "string", "enum": ["this", "following", "all"]]
        case "clinicianId":
            return ["type": "string", "pattern": "^[0-9A-Fa-f-]{36}(,[0-9A-Fa-f-]{36})*$"]
        case _ where name.hasSuffix("Id"):
            return ["type": "string", "format": "uuid"]
        case "from", "to":
            return description.contains("RFC 3339")
                ? ["type": "string", "format": "date-time"] : ["type": "string", "format": "date"]
        default:
            return ["type": "string"]
        }
    }

    /// `{id}`, `{applicationId}`… in a path template.
    static func pathParameters(_ path: String) -> [String] {
        path.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map {
            String($0.dropFirst().dropLast())
        }
    }

    static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }
}
