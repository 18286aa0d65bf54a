import Foundation

/// A superbill that cannot be printed yet: what it lacks, each with a link to where it is added.
struct SuperbillMissingPage {
    let clientID: UUID
    let clientName: String
    let missing: [ClaimProblem]
    let context: PageContext

    func render() -> String {
        Layout.render(title: "Superbill", context: context) {
            Markup.link("← \(clientName)", to: "/clients/\(clientID)", class: "back no-print")
            Markup.element("h1") { Markup.text("Superbill") }
            Markup.element("p", class: "form-error", [("role", "alert")]) {
                Markup.text("Not printed: an insurer would send it back. It needs:")
            }
            Markup.element("ul", class: "superbill-missing") {
                for problem in missing {
                    Markup.element("li") {
                        Markup.text(problem.message)
                        if let fixAt = problem.fixAt {
                            Markup.text(" ")
                            Markup.link("Add it", to: fixAt)
                        }
                    }
                }
            }
        }
    }
}
