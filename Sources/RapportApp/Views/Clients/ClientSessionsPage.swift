/// All of a client's upcoming (or past) sessions, a page at a time: what the overview's short lists
/// lead to.
struct ClientSessionsPage {
    let clientID: String
    let clientName: String
    let upcoming: Bool
    let rows: [ClientPage.SessionRow]
    /// 1-based.
    let page: Int
    let hasNext: Bool
    let context: PageContext

    static let pageSize = 50

    func render() -> String {
        let title = upcoming ? "Upcoming sessions" : "Past sessions"
        return Layout.render(title: "\(title) · \(clientName)", context: context) {
            Markup.link("← \(clientName)", to: "/clients/\(clientID)", class: "back")
            Markup.element("h1") { Markup.text("\(clientName): \(title.lowercased())") }
            Markup.element("div", class: "segmented", [("role", "group"), ("aria-label", "Which sessions")]) {
                for (value, label) in [("upcoming", "Upcoming"), ("past", "Past")] {
                    Markup.element(
                        "a",
                        [
                            ("href", "/clients/\(clientID)/sessions?when=\(value)"),
                            ("aria-current", (value == "upcoming") == upcoming ? "page" : nil),
                        ]
                    ) { Markup.text(label) }
                }
            }
            ClientPage.sessionTable(rows, selectable: false, clientID: clientID)
            if page > 1 || hasNext {
                Markup.element("nav", class: "pager", [("aria-label", "Pages")]) {
                    if page > 1 { Markup.link("Previous", to: link(page - 1), class: "button") }
                    Markup.element("span", class: "muted") {
                        let first = (page - 1) * Self.pageSize + 1
                        Markup.text("Sessions \(first)–\(first + rows.count - 1)")
                    }
                    if hasNext { Markup.link("Next", to: link(page + 1), class: "button") }
                }
            }
        }
    }

    private func link(_ page: Int) -> String {
        "/clients/\(clientID)/sessions?when=\(upcoming ? "upcoming" : "past")&page=\(page)"
    }
}
