import Foundation
import Testing

@testable import RapportApp

/// The use-case boundary, held by the sources themselves: a use case knows nothing of HTTP, so the
/// API and the web can both call it and its errors mean the same to each.
@Suite struct LayeringTests {
    /// `Sources/RapportApp`, found from this file.
    static let appSources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/RapportApp")

    static func swiftFiles(under folder: String) throws -> [URL] {
        let root = appSources.appendingPathComponent(folder)
        let walker = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
    }

    @Test func noUseCaseImportsVaporOrSpeaksHTTP() throws {
        let files = try Self.swiftFiles(under: "Services")
        #expect(files.count > 20)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let imports = text.split(separator: "\n").filter { $0.hasPrefix("import ") }
            #expect(!imports.contains("import Vapor"), "\(file.lastPathComponent) imports Vapor")
            for http in ["HTTPStatus", "HTTPResponseStatus", ": Content", "Abort(", "Request)", "HTTPCookies"] {
                #expect(!text.contains(http), "\(file.lastPathComponent) uses \(http)")
            }
        }
    }

    @Test func aUseCaseErrorTakesTheAPIShapeWithFieldPathsInTheAPIsNotation() {
        var errors = FieldErrors()
        errors.add(FieldPath.item("fees", 2).appending("amount"), "must not be negative")
        errors.add("clientId", "is required")
        let error = UseCaseError.invalid(errors.fields)
        let api = APIError(error)
        #expect(api.status == .unprocessableEntity)
        #expect(api.fields == ["fees[2].amount": "must not be negative", "clientId": "is required"])
        #expect(APIError(.notFound("client")).status == .notFound)
        #expect(APIError(UseCaseError(.throttled, code: "too_many_attempts", message: "wait")).status == .tooManyRequests)
    }

    @Test func fieldPathsReadAndWriteTheAPIsNotation() {
        let path: FieldPath = "fees[0].amount"
        #expect(path.components == [.key("fees"), .index(0), .key("amount")])
        #expect(path.description == "fees[0].amount")
        #expect(path.isWithin("fees"))
        #expect(!path.isWithin("fee"))
        #expect(!FieldPath("feesExtra").isWithin("fees"))
        #expect(FieldPath("rule").isPlainKey)
        #expect(!FieldPath("reissue[0]").isPlainKey)
    }

    @Test func aFormShowsEachMessageBesideItsFieldAndNoneIsLost() {
        var form = FormState()
        form.absorb(
            .invalid(["fees[1].amount": "is too large", "reissue[0]": "has payments", "name": "is required"]),
            fields: ["fees": "fee"], fallback: "_form")
        #expect(form.errors["fee"] == "is too large")
        #expect(form.errors["name"] == "is required")
        #expect(form.errors["_form"] == "reissue[0] has payments")
    }
}
