import Foundation

extension AccountPage {
    /// Your calendar feed: make a private link to your sessions, see it once, revoke it.
    var calendarFeed: Component {
        Markup.element("section", class: "card", [("aria-labelledby", "feed-heading")]) {
            Markup.element("h2", [("id", "feed-heading")]) { Markup.text("Calendar feed") }
            if profile.clinicianId == nil {
                Markup.element("p", class: "hint") {
                    Markup.text("Calendar feeds are for a clinician's own sessions, and your account has none.")
                }
            } else {
                Markup.element("p", class: "hint") {
                    Markup.text(
                        "Your sessions in your phone's or computer's calendar (Apple Calendar, Google Calendar, Outlook: subscribe to a calendar by its address). The link is private: anyone who has it sees your schedule, with clients named as the practice chose in Settings."
                    )
                }
                if let newFeedURL {
                    Markup.element("div", class: "notice", [("role", "status")]) {
                        Markup.element("label", [("for", "feed-url")]) {
                            Markup.text("Your new link. Copy it now: it is not shown again.")
                        }
                        Markup.void(
                            "input",
                            [
                                ("id", "feed-url"), ("type", "text"), ("readonly", ""), ("value", newFeedURL),
                                ("class", "copy-field"),
                            ])
                    }
                } else if feed.active {
                    Markup.element("p") { Markup.text("A link is live. Making a new one stops the old one working.") }
                }
                Markup.form(action: "/account/calendar-feed", method: .post, class: "inline-form") {
                    FormField.csrf(context.csrf)
                    FormField.submit(feed.active ? "Make a new link" : "Make a link")
                }
                if feed.active {
                    Markup.form(action: "/account/calendar-feed/revoke", method: .post, class: "inline-form") {
                        FormField.csrf(context.csrf)
                        FormField.submit("Revoke the link", class: "button danger")
                    }
                }
            }
        }
    }
}
