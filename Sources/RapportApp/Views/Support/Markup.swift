import Plot
import Vapor

/// Small, escaping building blocks over Plot. Plot escapes text but writes attribute values as
/// given, so every attribute set here goes through ``Markup/escape(_:)``.
enum Markup {
    /// Escapes a value for use inside a double-quoted HTML attribute.
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

    /// A text node. Plot's own text escaping keeps `&…;` sequences and quotes as typed; this escapes
    /// everything, so what a user typed always shows as typed and never becomes markup.
    static func text(_ value: String) -> Component { Node<Any>.raw(escape(value)) }

    /// An element with escaped attributes (nil values are left out; "" renders a bare attribute).
    static func element(
        _ name: String, _ attributes: [(String, String?)] = [],
        @ComponentBuilder content: @escaping () -> ComponentGroup = { ComponentGroup(members: []) }
    ) -> Component {
        // A plain node with its attributes, not a component modified by them: Plot renders the
        // former directly, and pages such as the client screen hold hundreds of elements.
        var nodes: [Node<Any>] = attributes.compactMap { key, value in
            value.map { .attribute(Attribute<Any>(name: key, value: escape($0), ignoreIfValueIsEmpty: false)) }
        }
        nodes.append(.component(content()))
        return Node<Any>.element(named: name, nodes: nodes)
    }

    /// A void element such as `<input>`.
    static func void(_ name: String, _ attributes: [(String, String?)]) -> Component {
        Node<Any>.selfClosedElement(
            named: name,
            attributes: attributes.compactMap { key, value in
                value.map { Attribute<Any>(name: key, value: escape($0), ignoreIfValueIsEmpty: false) }
            })
    }

    static func link(_ title: String, to url: String, class className: String? = nil) -> Component {
        element("a", [("href", url), ("class", className)]) { text(title) }
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
