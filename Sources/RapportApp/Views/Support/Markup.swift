import Plot
import Vapor

// Pages are built only with `Markup`, which escapes every text and attribute value it is given.
// Plot renders the tree, but no other file imports it: Plot escapes text only partly (it keeps
// `&…;` sequences) and writes attribute values as given, so its elements and modifiers
// (`Div {…}.class("status \(x)")`) could put a user's text into markup. Views name the tree's
// types through these aliases; LayeringTests fails any other file that imports Plot.

/// Something that renders as HTML: an element, text, or a group of them.
typealias Component = Plot.Component
/// The children of an element, built with `@ComponentBuilder` blocks (`if`, `for`, sequences).
typealias ComponentGroup = Plot.ComponentGroup
typealias ComponentBuilder = Plot.ComponentBuilder

enum Markup {
    enum FormMethod: String { case get, post }

    /// Escapes a value for use as text or inside a double-quoted HTML attribute.
    static func escape(_ value: String) -> String {
        // Over UTF-8 bytes: a multi-byte character never contains an ASCII byte, so each of the
        // five can be replaced where it stands; most values (ids, classes, names) have none and
        // are returned as they are. (Walking `Character`s cost a page a tenth of its time.)
        let utf8 = value.utf8
        guard utf8.contains(where: { Self.escaped($0) != nil }) else { return value }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            if let replacement = Self.escaped(byte) { bytes.append(contentsOf: replacement) } else { bytes.append(byte) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The entity for one of the five bytes HTML gives meaning to, else nil.
    private static func escaped(_ byte: UInt8) -> [UInt8]? {
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
    static func text(_ value: String) -> Component { Node<Any>.raw(escape(value)) }

    /// Markup written into the source (an icon's SVG): a `StaticString`, so it cannot carry data.
    static func constant(_ html: StaticString) -> Component { Node<Any>.raw("\(html)") }

    /// An element with escaped attributes (nil values are left out; "" renders a bare attribute).
    static func element(
        _ name: String, class className: String? = nil, _ attributes: [(String, String?)] = [],
        @ComponentBuilder content: @escaping () -> ComponentGroup = { ComponentGroup(members: []) }
    ) -> Component {
        // A plain node with its attributes, not a component modified by them: Plot renders the
        // former directly, and pages such as the client screen hold hundreds of elements.
        var nodes = attributeNodes([("class", className)] + attributes).map(Node<Any>.attribute)
        nodes.append(.component(content()))
        return Node<Any>.element(named: name, nodes: nodes)
    }

    /// A void element such as `<input>`.
    static func void(_ name: String, _ attributes: [(String, String?)]) -> Component {
        Node<Any>.selfClosedElement(named: name, attributes: attributeNodes(attributes))
    }

    /// A form. Every form is `novalidate`: the server checks each field and says what is wrong in a
    /// sentence beside it, which the browser's own bubbles would pre-empt with different words.
    static func form(
        action: String, method: FormMethod, class className: String? = nil,
        @ComponentBuilder content: @escaping () -> ComponentGroup
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
        language: String, @ComponentBuilder head: @escaping () -> ComponentGroup,
        @ComponentBuilder body: @escaping () -> ComponentGroup
    ) -> String {
        "<!DOCTYPE html>"
            + element("html", [("lang", language)]) {
                element("head", content: head)
                element("body", content: body)
            }.render()
    }

    /// Markup written straight into text, for the parts of a page made of many small elements (the
    /// calendar's session blocks): element and attribute names are `StaticString`s, so they cannot
    /// carry data, and every value and text is escaped as ``element`` and ``text`` do — without a
    /// Plot node for each element, which is most of what a busy page costs to render.
    static func written(_ write: (inout HTMLText) -> Void) -> Component {
        var out = HTMLText()
        write(&out)
        return Node<Any>.raw(out.html)
    }

    private static func attributeNodes(_ attributes: [(String, String?)]) -> [Attribute<Any>] {
        attributes.compactMap { key, value in
            value.map { Attribute<Any>(name: key, value: escape($0), ignoreIfValueIsEmpty: false) }
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

/// The text ``Markup/written(_:)`` builds; see there.
struct HTMLText {
    fileprivate(set) var html = ""

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
        html += "<\(name)"
        for (key, value) in attributes {
            guard let value else { continue }
            html += value.isEmpty ? " \(key)" : " \(key)=\"\(Markup.escape(value))\""
        }
    }

    mutating func close(_ name: StaticString) { html += "</\(name)>" }

    mutating func text(_ value: String) { html += Markup.escape(value) }

    /// An element holding only text.
    mutating func element(_ name: StaticString, _ attributes: [(StaticString, String?)] = [], text value: String) {
        open(name, attributes)
        text(value)
        close(name)
    }
}
