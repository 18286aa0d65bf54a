import Vapor

// Pages are built only with `Markup`, which escapes every text and attribute value it is given,
// and written as text by ``HTMLText``. A view is a tree of `Component`s made by `Markup`'s
// functions; nothing else can put markup into a page: text and attribute values are always
// escaped, element names come from the source, and raw markup only from a `StaticString`.

/// Something that writes itself as HTML: an element, text, or a group of them.
protocol Component {
    func write(into out: inout HTMLText)
}

extension Component {
    /// The component as HTML text.
    func render() -> String {
        var out = HTMLText()
        write(into: &out)
        return out.html
    }
}

/// The children of an element, built with `@ComponentBuilder` blocks (`if`, `for`, sequences).
struct ComponentGroup: Component {
    var members: [Component]

    init(members: [Component]) { self.members = members }
    init(@ComponentBuilder content: () -> ComponentGroup) { self = content() }

    func write(into out: inout HTMLText) {
        for member in members { member.write(into: &out) }
    }
}

@resultBuilder enum ComponentBuilder {
    static func buildBlock(_ components: Component...) -> ComponentGroup { ComponentGroup(members: components) }
    static func buildArray(_ groups: [ComponentGroup]) -> ComponentGroup {
        ComponentGroup(members: groups.flatMap(\.members))
    }
    static func buildEither(first component: ComponentGroup) -> ComponentGroup { component }
    static func buildEither(second component: ComponentGroup) -> ComponentGroup { component }
    static func buildOptional(_ component: ComponentGroup?) -> ComponentGroup {
        component ?? ComponentGroup(members: [])
    }
}

enum Markup {
    enum FormMethod: String { case get, post }

    /// Escapes a value for use as text or inside a double-quoted HTML attribute.
    static func escape(_ value: String) -> String {
        var out: [UInt8] = []
        escape(value, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `value`'s UTF-8 escaped. A multi-byte character never contains an ASCII byte, so
    /// each of the five is replaced where it stands; most values (ids, classes, names) have none
    /// and are appended whole. (Walking `Character`s cost a page a tenth of its time.)
    static func escape(_ value: String, into out: inout [UInt8]) {
        var value = value
        value.withUTF8 { bytes in
            guard bytes.contains(where: Self.needsEntity) else { return out.append(contentsOf: bytes) }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "&"): out.append(markup: Self.ampersand)
                case UInt8(ascii: "<"): out.append(markup: Self.lessThan)
                case UInt8(ascii: ">"): out.append(markup: Self.greaterThan)
                case UInt8(ascii: "\""): out.append(markup: Self.quote)
                case UInt8(ascii: "'"): out.append(markup: Self.apostrophe)
                default: out.append(byte)
                }
            }
        }
    }

    /// Whether `byte` is one of the five HTML gives meaning to: all are below `?`, so most bytes
    /// are passed at one compare.
    private static func needsEntity(_ byte: UInt8) -> Bool {
        byte < UInt8(ascii: "?")
            && (byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'"))
    }

    private static let ampersand: StaticString = "&amp;"
    private static let lessThan: StaticString = "&lt;"
    private static let greaterThan: StaticString = "&gt;"
    private static let quote: StaticString = "&quot;"
    private static let apostrophe: StaticString = "&#39;"

    /// A text node: what a user typed always shows as typed and never becomes markup.
    static func text(_ value: String) -> Component { Text(value: value) }

    /// Markup written into the source (an icon's SVG): a `StaticString`, so it cannot carry data.
    static func constant(_ html: StaticString) -> Component { Constant(html: html) }

    /// An element with escaped attributes (nil values are left out; "" renders a bare attribute).
    static func element(
        _ name: String, class className: String? = nil, _ attributes: [(String, String?)] = [],
        @ComponentBuilder content: () -> ComponentGroup = { ComponentGroup(members: []) }
    ) -> Component {
        Element(name: name, attributes: Self.attributes(className, attributes), content: content(), void: false)
    }

    /// A void element such as `<input>`.
    static func void(_ name: String, _ attributes: [(String, String?)]) -> Component {
        Element(name: name, attributes: Self.attributes(nil, attributes), content: nil, void: true)
    }

    /// A form. Every form is `novalidate`: the server checks each field and says what is wrong in a
    /// sentence beside it, which the browser's own bubbles would pre-empt with different words.
    static func form(
        action: String, method: FormMethod, class className: String? = nil,
        @ComponentBuilder content: () -> ComponentGroup
    ) -> Component {
        element(
            "form", class: className, [("action", action), ("method", method.rawValue), ("novalidate", "")],
            content: content)
    }

    static func link(_ title: String, to url: String, class className: String? = nil) -> Component {
        element("a", class: className, [("href", url)]) { text(title) }
    }

    /// A whole page: the doctype, then `<html>` with the head's and body's elements.
    static func document(
        language: String, @ComponentBuilder head: () -> ComponentGroup,
        @ComponentBuilder body: () -> ComponentGroup
    ) -> String {
        var out = HTMLText(capacity: 32_768)
        out.markup("<!DOCTYPE html>")
        element("html", [("lang", language)]) {
            element("head", content: head)
            element("body", content: body)
        }.write(into: &out)
        return out.html
    }

    /// Markup written straight into the page's text, for the parts of a page made of many small
    /// elements (the calendar's session blocks): element and attribute names are `StaticString`s,
    /// so they cannot carry data, and every value and text is escaped as ``element`` and ``text``
    /// do — without a component for each element.
    static func written(_ write: @escaping (inout HTMLText) -> Void) -> Component { Written(write: write) }

    /// The attributes to write, in order: the class first, nil values left out, and a name given
    /// twice keeping its first place and its last value.
    private static func attributes(_ className: String?, _ given: [(String, String?)]) -> [(String, String)] {
        var result: [(String, String)] = []
        result.reserveCapacity(given.count + 1)
        if let className { result.append(("class", className)) }
        for (name, value) in given {
            guard let value else { continue }
            if let index = result.firstIndex(where: { $0.0 == name }) {
                result[index].1 = value
            } else {
                result.append((name, value))
            }
        }
        return result
    }

    private struct Text: Component {
        let value: String
        func write(into out: inout HTMLText) { out.text(value) }
    }

    private struct Constant: Component {
        let html: StaticString
        func write(into out: inout HTMLText) { out.markup(html) }
    }

    private struct Written: Component {
        let write: (inout HTMLText) -> Void
        func write(into out: inout HTMLText) { write(&out) }
    }

    private struct Element: Component {
        let name: String
        let attributes: [(String, String)]
        let content: ComponentGroup?
        let void: Bool

        func write(into out: inout HTMLText) {
            out.markup("<")
            out.bytes.append(contentsOf: name.utf8)
            for (key, value) in attributes { out.attribute(key.utf8, value) }
            if void {
                out.markup("/>")
                return
            }
            out.markup(">")
            content?.write(into: &out)
            out.markup("</")
            out.bytes.append(contentsOf: name.utf8)
            out.markup(">")
        }
    }
}

/// A rendered HTML response.
struct HTMLResponse {
    static func make(_ html: String, status: HTTPStatus = .ok) -> Response {
        let response = Response(status: status, body: .init(string: html))
        response.headers.contentType = .html
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}

/// The text a page is written into; see ``Markup/written(_:)``. Its methods escape every value and
/// text; element and attribute names are `StaticString`s. Written as UTF-8 bytes, made a `String`
/// once at the end (appending to a `String` piece by piece cost a page a tenth of its time).
struct HTMLText {
    fileprivate var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// What was written.
    var html: String { String(decoding: bytes, as: UTF8.self) }

    /// `<name a="v"…>`; nil values are left out, "" writes a bare attribute.
    mutating func open(_ name: StaticString, _ attributes: [(StaticString, String?)] = []) {
        start(name, attributes)
        markup(">")
    }

    /// A void element such as `<input …/>`, written as ``Markup/void(_:_:)`` writes it.
    mutating func void(_ name: StaticString, _ attributes: [(StaticString, String?)]) {
        start(name, attributes)
        markup("/>")
    }

    private mutating func start(_ name: StaticString, _ attributes: [(StaticString, String?)]) {
        markup("<")
        markup(name)
        for (key, value) in attributes {
            guard let value else { continue }
            key.withUTF8Buffer { attribute($0, value) }
        }
    }

    /// ` key="value"`, or a bare ` key` for "".
    fileprivate mutating func attribute(_ key: some Collection<UInt8>, _ value: String) {
        markup(" ")
        bytes.append(contentsOf: key)
        guard !value.isEmpty else { return }
        markup("=\"")
        Markup.escape(value, into: &bytes)
        markup("\"")
    }

    mutating func close(_ name: StaticString) {
        markup("</")
        markup(name)
        markup(">")
    }

    mutating func text(_ value: String) { Markup.escape(value, into: &bytes) }

    /// An element holding only text.
    mutating func element(_ name: StaticString, _ attributes: [(StaticString, String?)] = [], text value: String) {
        open(name, attributes)
        text(value)
        close(name)
    }

    /// Markup from the source: a `StaticString`, so it cannot carry data.
    fileprivate mutating func markup(_ text: StaticString) { bytes.append(markup: text) }
}

extension [UInt8] {
    /// Appends markup written in the source (a `StaticString`, so never data).
    fileprivate mutating func append(markup text: StaticString) {
        text.withUTF8Buffer { append(contentsOf: $0) }
    }
}
