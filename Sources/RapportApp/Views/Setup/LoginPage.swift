/// Sign in with email and password.
enum LoginPage {
    static func render(_ form: FormState, next: String?) -> String {
        Layout.render(title: "Sign in", context: nil) {
            Markup.element("div", class: "narrow card") {
                Markup.element("h1") { Markup.text("Sign in to Rapport") }
                if let problem = form.errors["_form"] {
                    Markup.element("p", class: "form-error", [("role", "alert")]) { Markup.text(problem) }
                }
                Markup.form(action: "/login", method: .post, class: "stack") {
                    if let next = SameSitePath.checked(next) { FormField.hidden("next", next) }
                    FormField.input(
                        "Email", name: "email", form: form, type: "email",
                        extra: [("required", ""), ("autocomplete", "username"), ("autofocus", "")])
                    FormField.input(
                        "Password", name: "password", form: form, type: "password",
                        extra: [("required", ""), ("autocomplete", "current-password")])
                    FormField.submit("Sign in")
                }
            }
        }
    }
}
