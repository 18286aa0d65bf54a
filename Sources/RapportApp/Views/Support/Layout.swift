import Plot

/// Who the page is for: the signed-in user, their CSRF token and practice, and the current section.
struct PageContext: Sendable {
    let userName: String
    let practiceName: String
    let csrf: String
    var section: Section
    /// Whether the Settings link is shown: only to roles that may open it.
    var showsSettings = true

    enum Section: String, Sendable { case calendar, clients, billing, settings, account }
}

/// The frame of every page: head, top navigation, main content and the session flyout.
enum Layout {
    static func render(
        title: String, context: PageContext?, @ComponentBuilder content: @escaping () -> ComponentGroup
    ) -> String {
        let html = HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                .link(.rel(.icon), .href("data:,")),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .element(named: "title", nodes: [.raw(Markup.escape(title + " · Rapport"))]),
                .if(context != nil, .meta(.name("csrf-token"), .content(Markup.escape(context?.csrf ?? "")))),
                .stylesheet("/css/app.css"),
                .stylesheet("/css/calendar-slots.css"),
                .script(.src("/js/app.js"), .defer())
            ),
            .body {
                if let context { topBar(context) }
                Markup.element("main", [("id", "main")]) { content() }
                if context != nil {
                    Markup.element(
                        "dialog", [("id", "flyout"), ("class", "flyout"), ("aria-labelledby", "flyout-title")])
                }
            }
        )
        return html.render()
    }

    private static func topBar(_ context: PageContext) -> Component {
        Header {
            Div {
                Markup.link("Rapport", to: "/calendar", class: "brand")
                Span { Markup.text(context.practiceName) }.class("practice-name")
            }.class("brand-block")
            Markup.element("nav", [("aria-label", "Main")]) {
                for (section, title, url) in [
                    (PageContext.Section.calendar, "Calendar", "/calendar"), (.clients, "Clients", "/clients"),
                    (.billing, "Billing", "/invoices"),
                ] + (context.showsSettings ? [(.settings, "Settings", "/settings")] : []) {
                    Markup.element("a", [("href", url), ("aria-current", section == context.section ? "page" : nil)]) {
                        Markup.text(title)
                    }
                }
            }
            Form(url: "/logout", method: .post, enableValidation: false) {
                Markup.element(
                    "a",
                    [
                        ("href", "/account"), ("class", "user-name"), ("title", "Your account"),
                        ("aria-current", context.section == .account ? "page" : nil),
                    ]
                ) { Markup.text(context.userName) }
                FormField.csrf(context.csrf)
                FormField.submit("Sign out", class: "button quiet")
            }.class("sign-out")
        }.class("topbar")
    }
}
