import Foundation
import Testing
import Vapor

@testable import RapportApp

struct OpenAPITests {
    @Test func everyRegisteredAPIRouteIsDocumented() async throws {
        try await withRapport { app in
            // setup
            let document = try await APIClient(app: app).get("/api/v1/openapi.json")
            #expect(document.json["openapi"].string == "3.1.0")
            let paths = (document.json["paths"].value as? [String: [String: Any]]) ?? [:]
            // act
            let registered = app.routes.all.filter { $0.path.first?.description == "api" }.map { route in
                let path =
                    "/"
                    + route.path.map { component -> String in
                        if case .parameter(let name) = component { return "{\(name)}" }
                        return component.description
                    }.joined(separator: "/")
                return (route.method.rawValue.lowercased(), path)
            }
            // check
            #expect(registered.count > 20)
            for (method, path) in registered {
                #expect(paths[path]?[method] != nil, "\(method.uppercased()) \(path) is missing from openapi.json")
            }
            let documented = paths.flatMap { path, methods in methods.keys.map { ($0, path) } }
            for (method, path) in documented {
                #expect(
                    registered.contains { $0 == (method, path) },
                    "\(method.uppercased()) \(path) is documented but not served")
            }
        }
    }

    @Test func everySchemaReferenceResolves() async throws {
        try await withRapport { app in
            let document = try await APIClient(app: app).get("/api/v1/openapi.json")
            let schemas = Set(((document.json["components"]["schemas"].value as? [String: Any]) ?? [:]).keys)
            let references = Set(
                references(in: document.json.value).map {
                    $0.replacingOccurrences(of: "#/components/schemas/", with: "")
                })
            #expect(!references.isEmpty)
            #expect(references.subtracting(schemas).isEmpty, "unresolved: \(references.subtracting(schemas).sorted())")
        }
    }

    /// Every `$ref` value anywhere in a parsed JSON document.
    func references(in value: Any?) -> [String] {
        switch value {
        case let object as [String: Any]:
            let own = (object["$ref"] as? String).map { [$0] } ?? []
            return own + object.values.flatMap { references(in: $0) }
        case let array as [Any]:
            return array.flatMap { references(in: $0) }
        default:
            return []
        }
    }

    @Test func theDocumentStatesTheBoundsTheServerChecks() async throws {
        try await withRapport { app in
            let document = try await APIClient(app: app).get("/api/v1/openapi.json").json
            for path in ["/api/v1/clients", "/api/v1/invoices", "/api/v1/payments", "/api/v1/audit-events"] {
                let parameters = document["paths"][path]["get"]["parameters"].array
                let offset = parameters.first { $0["name"].string == "offset" }?["schema"]
                let limit = parameters.first { $0["name"].string == "limit" }?["schema"]
                #expect(offset?["maximum"].int == Page.maxOffset, "\(path)")
                #expect(limit?["maximum"].int == 500, "\(path)")
            }
            let series = document["components"]["schemas"]["SeriesInput"]
            #expect(series["properties"]["count"]["maximum"].int == 10_000)
            #expect(series["additionalProperties"].bool == false, "unknown keys are refused, and the document says so")
            #expect(document["components"]["schemas"]["Money"]["additionalProperties"].bool == false)
        }
    }
}
