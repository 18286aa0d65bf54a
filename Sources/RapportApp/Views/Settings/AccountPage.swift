import Foundation

/// Your account: who you are signed in as, a new password, and the way to your API tokens.
struct AccountPage {
    let profile: StaffDirectory.Account
    let form: FormState
    let notice: String?
    let feed: CalendarFeeds.Status
    /// The address of a link just made: shown this once.
    let newFeedURL: String?
    let context: PageContext

    func render() -> String {
        Layout.render(title: "Your account", context: context) {
            Markup.element("div", class: "page-head") {
                Markup.element("h1") { Markup.text("Your account") }
                Markup.element("div", class: "actions") {
                    Markup.link("API tokens", to: "/account/tokens", class: "button")
                }
            }
            if let notice { Markup.element("p", class: "notice", [("role", "status")]) { Markup.text(notice) } }
            Markup.element("div", class: "stack") {
                Markup.element("section", class: "card", [("aria-labelledby", "profile-heading")]) {
                    Markup.element("h2", [("id", "profile-heading")]) { Markup.text("Signed in as") }
                    Markup.element("dl", class: "facts") {
                        for (term, value) in [
                            ("Name", profile.name), ("Email", profile.email),
                            ("Role", profile.role.rawValue.capitalized),
                        ] {
                            Markup.element("dt") { Markup.text(term) }
                            Markup.element("dd") { Markup.text(value) }
                        }
                    }
                }
                calendarFeed
                Markup.element("section", class: "card", [("aria-labelledby", "password-heading")]) {
                    Markup.element("h2", [("id", "password-heading")]) { Markup.text("Change your password") }
                    Markup.form(action: "/account/password", method: .post, class: "stack") {
                        FormField.csrf(context.csrf)
                        Markup.element("div", class: "form-grid") {
                            FormField.input(
                                "Current password", name: "currentPassword", form: form, type: "password",
                                extra: [("autocomplete", "current-password")])
                            FormField.input(
                                "New password", name: "newPassword", form: form, type: "password",
                                hint: "At least 12 characters, and not a commonly used password.",
                                extra: [("autocomplete", "new-password")])
                            FormField.input(
                                "New password again", name: "confirmPassword", form: form, type: "password",
                                extra: [("autocomplete", "new-password")])
                        }
                        FormField.submit("Change password")
                        Markup.element("p", class: "hint") {
                            Markup.text("You stay signed in here; everywhere else you are signed out.")
                        }
                    }
                }
            }
        }
    }
}
/// The signed-in person's API tokens.
struct TokensPage {
    let tokens: [APITokens.Summary]
    let created: APITokens.Created?
    let form: FormState
    let format: (Date?) -> String
    let context: PageContext

    func render() -> String {
        Layout.render(title: "API tokens", context: context) {
            Markup.link("← Your account", to: "/account", class: "back")
            Markup.element("h1") { Markup.text("Your API tokens") }
            if let created {
                Markup.element("div", class: "notice", [("role", "status")]) {
                    Markup.element("p") {
                        Markup.text("Token “\(created.name)” created. Copy it now: it is not shown again.")
                    }
                    Markup.element("code", [("id", "new-token")]) { Markup.text(created.token) }
                }
            }
            Markup.element("table", class: "list") {
                Markup.element("thead") {
                    Markup.element("tr") {
                        for title in ["Name", "Created", "Last used", "Status", ""] {
                            Markup.element("th") { Markup.text(title) }
                        }
                    }
                }
                Markup.element("tbody") {
                    for token in tokens {
                        Markup.element("tr") {
                            Markup.element("td") { Markup.text(token.name) }
                            Markup.element("td") { Markup.text(format(token.createdAt)) }
                            Markup.element("td") {
                                Markup.text(token.lastUsedAt == nil ? "never" : format(token.lastUsedAt))
                            }
                            Markup.element("td") { Markup.text(token.revokedAt == nil ? "active" : "revoked") }
                            Markup.element("td") {
                                if token.revokedAt == nil {
                                    Markup.form(action: "/account/tokens/\(token.id)/revoke", method: .post) {
                                        FormField.csrf(context.csrf)
                                        FormField.submit("Revoke", class: "button danger")
                                    }
                                }
                            }
                        }
                    }
                }
            }
            Markup.form(action: "/account/tokens", method: .post, class: "inline-form") {
                FormField.csrf(context.csrf)
                FormField.input(
                    "Token name", name: "name", form: form, hint: "What it is for, e.g. “Accounting export”.")
                FormField.submit("Create token", class: "button")
            }
        }
    }
}
