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

/// The checker every API test runs its answers through (``DocumentedAPI``) refuses what the
/// document does not say, so a test passing means the answers match the document.
@Suite struct DocumentedAPITests {
    let api = DocumentedAPI.shared
    let clinician = #"{"id":"9F4C2A64-3C1B-4C57-9E43-1D1B5A0F7E21","name":"Dana","active":true}"#

    @Test func aDocumentedAnswerPasses() {
        #expect(api.problems(method: "GET", target: "/api/v1/clinicians", status: 200, body: "[\(clinician)]").isEmpty)
    }

    @Test func anUndocumentedKeyAWrongTypeOrAnUnknownStatusFails() {
        let extra = clinician.replacingOccurrences(of: #""active":true"#, with: #""active":true,"nickname":"D""#)
        #expect(
            api.problems(method: "GET", target: "/api/v1/clinicians/x", status: 200, body: extra)
                == ["$.nickname is not in the document"])
        let wrongType = clinician.replacingOccurrences(of: "true", with: "1")
        #expect(!api.problems(method: "GET", target: "/api/v1/clinicians/x", status: 200, body: wrongType).isEmpty)
        #expect(!api.problems(method: "GET", target: "/api/v1/clinicians/x", status: 201, body: clinician).isEmpty)
        #expect(!api.problems(method: "GET", target: "/api/v1/nowhere", status: 200, body: "{}").isEmpty)
        let error = #"{"error":{"code":"not_found","message":"no such clinician"}}"#
        #expect(api.problems(method: "GET", target: "/api/v1/clinicians/x", status: 404, body: error).isEmpty)
        #expect(!api.problems(method: "GET", target: "/api/v1/clinicians/x", status: 404, body: "{}").isEmpty)
    }
}

/// The request bodies the document describes are the ones the server reads: an example with every
/// documented property decodes into the input type, and every property of that type is documented.
/// (What the server answers is held to the document by every API test: see ``DocumentedAPI``.)
@Suite struct OpenAPIInputTests {
    static let inputs: [(schema: String, type: any UseCaseInput.Type)] = [
        ("ApplicationInput", ApplicationInput.self), ("BillingChangeInput", BillingChangeInput.self),
        ("BillingProviderInput", BillingProviderInput.self),
        ("ClientBillingPatch", ClientBillingPatch.self), ("ClientInput", ClientInput.self),
        ("ClinicianInput", ClinicianInput.self), ("DiagnosesInput", DiagnosesInput.self),
        ("InvoiceInput", InvoiceInput.self), ("GoodFaithEstimateInput", GoodFaithEstimateInput.self),
        ("ImportInput", ImportInput.self),
        ("InvoiceRunInput", InvoiceRunInput.self), ("PasswordChange", MyAccount.Input.self),
        ("PayerInput", PayerInput.self), ("PayerRateInput", PayerRateInput.self), ("PaymentInput", PaymentInput.self),
        ("PolicyInput", PolicyInput.self), ("AuthorizationInput", AuthorizationInput.self),
        ("SelfPayInput", SelfPayInput.self), ("ClaimsInput", ClaimsInput.self),
        ("PolicyPreviewInput", PolicyPreviewInput.self),
        ("ClaimBatchInput", ClaimBatchInput.self), ("ClearinghouseInput", ClearinghouseInput.self),
        ("ClaimRunInput", ClaimRunInput.self), ("ClaimCorrectionInput", ClaimCorrectionInput.self),
        ("RemittanceInput", RemittanceInput.self), ("RemittanceExceptionResolution", RemittanceExceptionResolution.self),
        ("PracticePatch", PracticePatch.self), ("SeriesInput", SeriesInput.self),
        ("ServiceInput", ServiceInput.self), ("SessionInput", SessionInput.self),
        ("SetupInput", PracticeSetup.Input.self), ("TokenInput", APITokens.Input.self),
        ("UserInput", StaffDirectory.Input.self),
    ]

    @Test func everyRequestBodyIsPairedWithItsInputType() {
        let bodies = Set(OpenAPIDocument.operations.compactMap(\.body))
        #expect(bodies == Set(Self.inputs.map(\.schema)))
    }

    @Test(arguments: inputs.map(\.schema))
    func aFullExampleDecodesAndEveryFieldIsDocumented(schemaName: String) throws {
        let api = DocumentedAPI.shared
        let schema = try #require(api.schemas[schemaName] as? [String: Any])
        let type = try #require(Self.inputs.first { $0.schema == schemaName }?.type)
        let example = Example(schemas: api.schemas).value(for: schema, named: "")
        let data = try JSONSerialization.data(withJSONObject: example)
        #expect(api.check(String(decoding: data, as: UTF8.self), against: schema).isEmpty)
        let decoded: Any
        do {
            decoded = try decode(type, data)
        } catch {
            Issue.record("\(schemaName) example \(String(decoding: data, as: UTF8.self)) does not decode: \(error)")
            return
        }
        let documented = Set((schema["properties"] as? [String: Any] ?? [:]).keys)
        let fields = Mirror(reflecting: decoded).children
        #expect(!fields.isEmpty, "\(schemaName) decoded into a value with no fields to compare")
        for child in fields {
            guard let label = child.label.map({ $0.hasPrefix("_") ? String($0.dropFirst()) : $0 }) else { continue }
            #expect(documented.contains(label), "\(schemaName) reads \(label), which the document does not list")
        }
    }

    private func decode<T: UseCaseInput>(_ type: T.Type, _ data: Data) throws -> Any {
        try StrictJSON.decode(T.self, from: data)
    }
}

/// A value for every property a schema lists, of the documented type and format.
private struct Example {
    let schemas: [String: Any]

    func value(for schema: [String: Any], named name: String) -> Any {
        if let reference = schema["$ref"] as? String {
            let target = reference.replacingOccurrences(of: "#/components/schemas/", with: "")
            return value(for: schemas[target] as? [String: Any] ?? [:], named: name)
        }
        if let choices = schema["oneOf"] as? [[String: Any]] {
            let choice = choices.first { $0["type"] as? String != "null" } ?? [:]
            return value(for: choice, named: name)
        }
        switch schema["type"] as? String {
        case "object":
            let properties = schema["properties"] as? [String: Any] ?? [:]
            return properties.reduce(into: [String: Any]()) { object, property in
                object[property.key] = value(for: property.value as? [String: Any] ?? [:], named: property.key)
            }
        case "array":
            return [value(for: schema["items"] as? [String: Any] ?? [:], named: name)]
        case "integer":
            return (schema["minimum"] as? NSNumber)?.intValue ?? 1
        case "boolean":
            return true
        default:
            return text(for: schema, named: name)
        }
    }

    private func text(for schema: [String: Any], named name: String) -> String {
        if let allowed = schema["enum"] as? [String], let first = allowed.first { return first }
        switch schema["format"] as? String {
        case "uuid": return UUID().uuidString
        case "date": return "2026-03-02"
        case "date-time": return "2026-03-02T10:00:00Z"
        default: break
        }
        if (schema["description"] as? String)?.contains("wall-clock") == true { return "2026-03-02T10:00" }
        switch name {
        case "currency": return "USD"
        case "timeZone": return "America/New_York"
        case "locale": return "en_US"
        case "email": return "someone@example.com"
        default: return String(repeating: "a", count: max(12, (schema["minLength"] as? NSNumber)?.intValue ?? 0))
        }
    }
}
