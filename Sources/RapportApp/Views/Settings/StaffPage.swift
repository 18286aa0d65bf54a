import Foundation

/// Staff accounts: add people with a role, change roles, set a new password, deactivate.
struct StaffPage {
    let users: [StaffDirectory.Account]
    let form: FormState
    /// A row's "set a new password" form, when it came back with an error.
    var rowForms: [UUID: FormState] = [:]
    let notice: String?
    let context: PageContext

    static let roles = [
        ("clinician", "Clinician — own calendar and clients"), ("biller", "Biller — all billing, attendance"),
        ("admin", "Admin — everything but the audit log"),
    ]

    func render() -> String {
        Layout.render(title: "Staff", context: context) {
            Markup.link("← Settings", to: "/settings", class: "back")
            Markup.element("h1") { Markup.text("Staff") }
            if let notice { Markup.element("p", class: "notice", [("role", "status")]) { Markup.text(notice) } }
            Markup.element("table", class: "list") {
                Markup.element("thead") {
                    Markup.element("tr") {
                        for title in ["Name", "Email", "Role", "Password", "Status", ""] {
                            Markup.element("th") { Markup.text(title) }
                        }
                    }
                }
                Markup.element("tbody") {
                    for user in users {
                        Markup.element("tr", [("data-email", user.email)]) {
                            Markup.element("td") { Markup.text(user.name) }
                            Markup.element("td") { Markup.text(user.email) }
                            Markup.element("td") {
                                if user.role == .owner {
                                    Markup.text("Owner")
                                } else {
                                    Markup.form(
                                        action: "/settings/staff/\(user.id)", method: .post,
                                        class: "inline-form compact"
                                    ) {
                                        FormField.csrf(context.csrf)
                                        FormField.select(
                                            "Role", name: "role",
                                            form: FormState(
                                                values: ["role": user.role.rawValue], idPrefix: "\(user.id)-"),
                                            options: Self.roles)
                                        FormField.submit("Change", class: "button")
                                    }
                                }
                            }
                            Markup.element("td") { if user.role != .owner { newPassword(for: user) } }
                            Markup.element("td") {
                                Markup.element("span", class: user.active ? "status" : "status deleted") {
                                    Markup.text(user.active ? "active" : "deactivated")
                                }
                            }
                            Markup.element("td") {
                                if user.role != .owner {
                                    Markup.form(action: "/settings/staff/\(user.id)", method: .post) {
                                        FormField.csrf(context.csrf)
                                        FormField.hidden("active", user.active ? "false" : "true")
                                        FormField.submit(
                                            user.active ? "Deactivate" : "Reactivate",
                                            class: user.active ? "button danger" : "button")
                                    }
                                }
                            }
                        }
                    }
                }
            }
            Markup.element("section", class: "card", [("aria-labelledby", "add-staff")]) {
                Markup.element("h2", [("id", "add-staff")]) { Markup.text("Add a staff member") }
                Markup.form(action: "/settings/staff", method: .post, class: "stack") {
                    FormField.csrf(context.csrf)
                    Markup.element("div", class: "form-grid") {
                        FormField.input("Name", name: "name", form: form)
                        FormField.input("Email", name: "email", form: form, type: "email")
                        FormField.select("Role", name: "role", form: form, options: Self.roles)
                        FormField.input(
                            "First password", name: "password", form: form, type: "password",
                            hint: "At least 12 characters, not a commonly used one; tell them in person.",
                            extra: [("autocomplete", "new-password")])
                    }
                    FormField.submit("Add staff member")
                }
            }
        }
    }

    /// For someone who has forgotten theirs: the owner or an admin sets one and tells them.
    private func newPassword(for user: StaffDirectory.Account) -> Component {
        Markup.form(action: "/settings/staff/\(user.id)", method: .post, class: "inline-form compact") {
            FormField.csrf(context.csrf)
            FormField.input(
                "New password", name: "password",
                form: rowForms[user.id] ?? FormState(idPrefix: "\(user.id)-"), type: "password",
                extra: [("autocomplete", "new-password")])
            FormField.submit("Set password", class: "button")
        }
    }
}
