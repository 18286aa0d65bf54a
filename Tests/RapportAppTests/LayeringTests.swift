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

    /// Fails for every file under `folder` that imports `module` or contains one of `texts`.
    static func expectNone(under folder: String, imports module: String, uses texts: [String]) throws {
        let files = try swiftFiles(under: folder)
        #expect(files.count >= 5, "the sources were not found under \(folder)")
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let imports = text.split(separator: "\n").filter { $0.hasPrefix("import ") }
            #expect(!imports.contains("import \(module)"), "\(file.lastPathComponent) imports \(module)")
            for used in texts {
                #expect(!text.contains(used), "\(file.lastPathComponent) uses \(used)")
            }
        }
    }

    @Test func noUseCaseImportsVaporOrSpeaksHTTP() throws {
        try Self.expectNone(
            under: "Services", imports: "Vapor",
            uses: ["HTTPStatus", "HTTPResponseStatus", ": Content", "Abort(", "Request)", "HTTPCookies"])
    }

    /// A controller, API or web, reads the request, calls use cases (``UseCases``) and encodes or
    /// renders: it never reaches the database itself.
    @Test(arguments: ["Controllers/Web", "Controllers/API"])
    func noControllerNeedsFluent(folder: String) throws {
        // Lookup's row readers hand out Fluent models: a controller asks a use case for its result.
        let rowReaders = ["lookup.client(", "lookup.clinician(", "lookup.service(", "lookup.session(", "lookup.series("]
        try Self.expectNone(
            under: folder, imports: "Fluent",
            uses: ["req.db", ".query(on:", ".find(", ".sql()", "servicesByID("] + rowReaders)
    }

    /// One HTML idiom: pages are built with ``Markup`` and written by ``HTMLText``, which escape
    /// every value; no other file writes a tag into a string, where a user's text could become markup.
    @Test func onlyMarkupWritesTags() throws {
        let tag = try Regex(#""<[A-Za-z/!]"#)
        let writers = try Self.swiftFiles(under: "").filter { file in
            try String(contentsOf: file, encoding: .utf8).contains(tag)
        }
        #expect(writers.map(\.lastPathComponent) == ["Markup.swift"])
    }

    @Test func markupEscapesTextAndEveryAttributeValue() {
        let hostile = #"x" onmouseover="alert(1)&amp;<b>"#
        let html = Markup.element("div", class: "status \(hostile)", [("title", hostile)]) {
            Markup.text(hostile)
            Markup.link(hostile, to: "/clients?q=\(hostile)")
        }.render()
        #expect(!html.contains(#"" onmouseover"#))
        #expect(!html.contains("<b>"))
        #expect(html.contains("status x&quot; onmouseover=&quot;alert(1)&amp;amp;&lt;b&gt;"))
        #expect(html.contains(">x&quot; onmouseover=&quot;alert(1)&amp;amp;&lt;b&gt;<"))
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
        #expect(
            APIError(UseCaseError(.throttled, code: "too_many_attempts", message: "wait")).status == .tooManyRequests)
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
