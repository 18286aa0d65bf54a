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
        var result = ""
        result.reserveCapacity(value.count)
        for character in value {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

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
