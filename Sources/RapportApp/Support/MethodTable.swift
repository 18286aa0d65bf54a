import Vapor

/// Which methods the registered routes accept for a path, so a request with another method is
/// answered 405 with `Allow`, not 404.
enum MethodTable {
    /// The methods routes take at this request's path (GET implies HEAD), or nil when no route has
    /// the path at all. Only asked when routing found nothing, so a walk of the table is cheap enough.
    static func allowed(for request: Request) -> [HTTPMethod]? {
        let components = request.url.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var methods: [HTTPMethod] = []
        for route in request.application.routes.all where matches(route.path, components) {
            if !methods.contains(route.method) { methods.append(route.method) }
            if route.method == .GET, !methods.contains(.HEAD) { methods.append(.HEAD) }
        }
        guard !methods.isEmpty, !methods.contains(request.method) else { return nil }
        return methods.sorted { $0.rawValue < $1.rawValue }
    }

    private static func matches(_ pattern: [PathComponent], _ components: [String]) -> Bool {
        var index = 0
        for part in pattern {
            switch part {
            case .catchall: return index < components.count
            case .anything, .parameter:
                guard index < components.count else { return false }
            case .constant(let text):
                guard index < components.count, components[index] == text else { return false }
            }
            index += 1
        }
        return index == components.count
    }
}
