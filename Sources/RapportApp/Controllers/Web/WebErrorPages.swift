import Vapor

/// Pages, not JSON, for a signed-in browser that asks for something missing or not allowed, or
/// opens an address whose query a page cannot read (a date that is not a date, a view the
/// calendar does not have): the problem is named, never replaced by a default.
struct WebErrorPages: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let apiError = APIErrorMiddleware.apiError(for: error)
            let unreadable = request.method == .GET && [.badRequest, .unprocessableEntity].contains(apiError.status)
            guard [.forbidden, .notFound].contains(apiError.status) || unreadable, !request.wantsFragment else {
                throw error
            }
            let context = try? await request.pageContext(.calendar)
            let title =
                switch apiError.status {
                case .forbidden: "Not available to you"
                case .notFound: "Not found"
                default: "This address cannot be shown"
                }
            let explanation =
                switch apiError.status {
                case .forbidden: "\(apiError.message). Ask the practice's owner if you need it."
                case .notFound: "There is nothing here: it may have been deleted, or the link is wrong."
                default: "The address asks for something this page cannot show: \(apiError.message)."
                }
            let html = Layout.render(title: title, context: context) {
                Markup.element("div", class: "narrow card") {
                    Markup.element("h1") { Markup.text(title) }
                    Markup.element("p") { Markup.text(explanation) }
                    Markup.link("Back to the calendar", to: "/calendar", class: "button")
                }
            }
            return HTMLResponse.make(html, status: apiError.status)
        }
    }
}
