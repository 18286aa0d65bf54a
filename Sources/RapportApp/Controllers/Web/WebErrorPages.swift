import Vapor

/// Pages, not JSON, for a signed-in browser that asks for something missing or not allowed.
struct WebErrorPages: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let apiError = APIErrorMiddleware.apiError(for: error)
            guard [.forbidden, .notFound].contains(apiError.status), !request.wantsFragment else { throw error }
            let context = try? await request.pageContext(.calendar)
            let title = apiError.status == .forbidden ? "Not available to you" : "Not found"
            let html = Layout.render(title: title, context: context) {
                Markup.element("div", class: "narrow card") {
                    Markup.element("h1") { Markup.text(title) }
                    Markup.element("p") {
                        Markup.text(
                            apiError.status == .forbidden
                                ? "\(apiError.message). Ask the practice's owner if you need it."
                                : "There is nothing here: it may have been deleted, or the link is wrong.")
                    }
                    Markup.link("Back to the calendar", to: "/calendar", class: "button")
                }
            }
            return HTMLResponse.make(html, status: apiError.status)
        }
    }
}
