import Foundation

/// The frame a previewed change is shown in — a fee, a rate or a policy: what will happen, line by
/// line, and Confirm with the form carried as it was typed (and any choices the change offers), or
/// Cancel.
enum ChangePreview {
    static func render(
        subject: String, lines: [String], nothing: String, applyURL: String, cancelURL: String,
        carried: [String: String], context: PageContext,
        @ComponentBuilder choices: @escaping () -> ComponentGroup = { ComponentGroup {} }
    ) -> String {
        Layout.render(title: "Review changes · \(subject)", context: context) {
            Markup.element("div", class: "card narrow-wide") {
                Markup.element("h1") { Markup.text("Review the change to \(subject)") }
                Markup.element("div", class: "preview", [("role", "status")]) {
                    if lines.isEmpty { Markup.element("p") { Markup.text(nothing) } }
                    for line in lines { Markup.element("p", class: "preview-line") { Markup.text(line) } }
                }
                Markup.form(action: applyURL, method: .post, class: "stack") {
                    FormField.csrf(context.csrf)
                    for (name, value) in carried.sorted(by: { $0.key < $1.key }) where name != "_csrf" {
                        FormField.hidden(name, value)
                    }
                    choices()
                    Markup.element("div", class: "actions") {
                        FormField.submit("Confirm")
                        Markup.link("Cancel", to: cancelURL, class: "button")
                    }
                }
            }
        }
    }
}
