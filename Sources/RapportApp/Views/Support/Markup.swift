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
        var out = ""
        escape(value, into: &out)
        return out
    }

    /// Appends `value` escaped. Over UTF-8 bytes: a multi-byte character never contains an ASCII
    /// byte, so each of the five can be replaced where it stands; most values (ids, classes, names)
    /// have none and are appended as they are. (Walking `Character`s cost a page a tenth of its time.)
    static func escape(_ value: String, into out: inout String) {
        let utf8 = value.utf8
        let plain =
            utf8.withContiguousStorageIfAvailable { bytes in !bytes.contains(where: Self.needsEntity) }
            ?? !utf8.contains(where: Self.needsEntity)
        guard !plain else {
            out += value
            return
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            if let entity = Self.entity(for: byte) { bytes.append(contentsOf: entity) } else { bytes.append(byte) }
        }
        out += String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `byte` is one of the five: all are below `?`, so most bytes are passed at one compare.
    private static func needsEntity(_ byte: UInt8) -> Bool {
        byte < UInt8(ascii: "?") && entity(for: byte) != nil
    }

    /// The entity for one of the five bytes HTML gives meaning to, else nil.
    private static func entity(for byte: UInt8) -> [UInt8]? {
        switch byte {
        case UInt8(ascii: "&"): Self.ampersand
        case UInt8(ascii: "<"): Self.lessThan
        case UInt8(ascii: ">"): Self.greaterThan
        case UInt8(ascii: "\""): Self.quote
        case UInt8(ascii: "'"): Self.apostrophe
        default: nil
        }
    }

    private static let ampersand = Array("&amp;".utf8)
    private static let lessThan = Array("&lt;".utf8)
    private static let greaterThan = Array("&gt;".utf8)
    private static let quote = Array("&quot;".utf8)
    private static let apostrophe = Array("&#39;".utf8)

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
        out.html += "<!DOCTYPE html>"
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
        func write(into out: inout HTMLText) { out.html += html.description }
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
            out.html += "<"
            out.html += name
            for (key, value) in attributes { out.attribute(key, value) }
            if void {
                out.html += "/>"
                return
            }
            out.html += ">"
            content?.write(into: &out)
            out.html += "</"
            out.html += name
            out.html += ">"
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
/// text; element and attribute names are `StaticString`s.
struct HTMLText {
    fileprivate(set) var html = ""

    init(capacity: Int = 0) { html.reserveCapacity(capacity) }

    /// `<name a="v"…>`; nil values are left out, "" writes a bare attribute.
    mutating func open(_ name: StaticString, _ attributes: [(StaticString, String?)] = []) {
        start(name, attributes)
        html += ">"
    }

    /// A void element such as `<input …/>`, written as ``Markup/void(_:_:)`` writes it.
    mutating func void(_ name: StaticString, _ attributes: [(StaticString, String?)]) {
        start(name, attributes)
        html += "/>"
    }

    private mutating func start(_ name: StaticString, _ attributes: [(StaticString, String?)]) {
        html += "<"
        html += name.description
        for (key, value) in attributes {
            guard let value else { continue }
            attribute(key.description, value)
        }
    }

    /// ` key="value"`, or a bare ` key` for "".
    fileprivate mutating func attribute(_ key: String, _ value: String) {
        html += " "
        html += key
        guard !value.isEmpty else { return }
        html += "=\""
        Markup.escape(value, into: &html)
        html += "\""
    }

    mutating func close(_ name: StaticString) {
        html += "</"
        html += name.description
        html += ">"
    }

    mutating func text(_ value: String) { Markup.escape(value, into: &html) }

    /// An element holding only text.
    mutating func element(_ name: StaticString, _ attributes: [(StaticString, String?)] = [], text value: String) {
        open(name, attributes)
        text(value)
        close(name)
    }
}
