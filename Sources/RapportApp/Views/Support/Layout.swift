/// Who the page is for: the signed-in user, their CSRF token and practice, and the current section.
struct PageContext: Sendable {
    let userName: String
    let practiceName: String
    let csrf: String
    var section: Section
    /// Whether the Settings link is shown: only to roles that may open it.
    var showsSettings = true
    /// Whether links to Export are shown: only to roles that may export the practice's data.
    var showsExport = false

    enum Section: String, Sendable { case calendar, clients, billing, settings, account }
}

/// The frame of every page: head, top navigation, main content and the session flyout.
enum Layout {
    static func render(
        title: String, context: PageContext?, @ComponentBuilder content: @escaping () -> ComponentGroup
    ) -> String {
        Markup.document(language: "en") {
            Markup.void("meta", [("charset", "UTF-8")])
            Markup.void("link", [("rel", "icon"), ("href", "data:,")])
            Markup.void("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")])
            Markup.element("title") { Markup.text(title + " · Rapport") }
            if let context { Markup.void("meta", [("name", "csrf-token"), ("content", context.csrf)]) }
            for sheet in ["/css/app.css", "/css/calendar-slots.css"] {
                Markup.void("link", [("rel", "stylesheet"), ("href", sheet), ("type", "text/css")])
            }
            Markup.element("script", [("src", "/js/app.js"), ("defer", "")])
        } body: {
            // The first thing a keyboard reaches: past the navigation to the page itself.
            Markup.element("a", [("href", "#main"), ("class", "skip-link")]) { Markup.text("Skip to main content") }
            if let context { topBar(context) }
            Markup.element("main", [("id", "main"), ("tabindex", "-1")]) { content() }
            if context != nil {
                Markup.element(
                    "dialog", [("id", "flyout"), ("class", "flyout"), ("aria-labelledby", "flyout-title")])
            }
        }
    }

    private static func topBar(_ context: PageContext) -> Component {
        Markup.element("header", class: "topbar") {
            Markup.element("div", class: "brand-block") {
                Markup.link("Rapport", to: "/calendar", class: "brand")
                Markup.element("span", class: "practice-name") { Markup.text(context.practiceName) }
            }
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
            Markup.form(action: "/logout", method: .post, class: "sign-out") {
                Markup.element(
                    "a",
                    [
                        ("href", "/account"), ("class", "user-name"), ("title", "Your account"),
                        ("aria-current", context.section == .account ? "page" : nil),
                    ]
                ) { Markup.text(context.userName) }
                FormField.csrf(context.csrf)
                FormField.submit("Sign out", class: "button quiet")
            }
        }
    }
}
