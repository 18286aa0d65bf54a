/// A client's statement or superbill asked for a period that cannot be shown — a date that is not
/// a date, or an end before the start: the period form again, each problem beside its field, and
/// no document made up from another period.
struct DocumentPeriodPage {
    let title: String
    let clientID: String
    let kind: String
    let form: FormState
    let context: PageContext

    func render() -> String {
        Layout.render(title: title, context: context) {
            ClientDocumentPage.periodForm(clientID: clientID, kind: kind, form: form, printable: false)
            Markup.element("div", class: "card") {
                Markup.element("h1") { Markup.text(title) }
                Markup.element("p", class: "muted") { Markup.text("Choose the period above to show it.") }
            }
        }
    }
}
