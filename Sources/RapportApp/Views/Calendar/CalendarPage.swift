import RapportCore

/// The calendar: day, week or month, with sessions as blocks that open the flyout.
enum CalendarPage {
    static func render(_ model: CalendarModel, context: PageContext) -> String {
        Layout.render(title: "Calendar", context: context) {
            Markup.element("div", class: "calendar", [("data-open-session", model.openSessionID?.uuidString)]) {
                toolbar(model)
                if model.view == .month { month(model) } else { grid(model) }
            }
        }
    }

    private static func toolbar(_ model: CalendarModel) -> Component {
        Markup.element("div", class: "calendar-toolbar") {
            Markup.element("div", class: "toolbar-group") {
                Markup.link("Today", to: model.link(date: model.today), class: "button")
                Markup.element(
                    "a",
                    [("href", model.link(date: model.previous)), ("class", "button icon"), ("aria-label", "Previous")]
                ) { Markup.text("‹") }
                Markup.element(
                    "a", [("href", model.link(date: model.next)), ("class", "button icon"), ("aria-label", "Next")]
                ) { Markup.text("›") }
                Markup.element("h1", class: "calendar-title") { Markup.text(model.title) }
            }
            Markup.element("div", class: "toolbar-group") {
                Markup.element("div", class: "segmented", [("role", "group"), ("aria-label", "View")]) {
                    for view in [CalendarModel.View.day, .week, .month] {
                        Markup.element(
                            "a",
                            [
                                ("href", model.link(date: model.anchor, view: view)),
                                ("aria-current", view == model.view ? "page" : nil),
                            ]
                        ) {
                            Markup.text(view.rawValue.capitalized)
                        }
                    }
                }
                clinicianFilter(model)
                Markup.link("New session", to: "/sessions/new?date=\(model.anchor)", class: "button primary")
            }
        }
    }

    private static func clinicianFilter(_ model: CalendarModel) -> Component {
        Markup.element("details", class: "filter") {
            Markup.element("summary", class: "button") {
                Markup.text(
                    model.selectedClinicians.isEmpty
                        ? "All clinicians" : "\(model.selectedClinicians.count) of \(model.clinicians.count) clinicians"
                )
            }
            Markup.form(action: "/calendar", method: .get, class: "filter-panel") {
                FormField.hidden("view", model.view.rawValue)
                FormField.hidden("date", model.anchor.description)
                for clinician in model.clinicians {
                    Markup.element("label", class: "check") {
                        Markup.void(
                            "input",
                            [
                                ("type", "checkbox"), ("name", "clinician"), ("value", clinician.id.uuidString),
                                ("checked", model.selectedClinicians.contains(clinician.id) ? "" : nil),
                            ])
                        Markup.text(clinician.name)
                    }
                }
                FormField.submit("Show", class: "button")
            }
        }
    }

    private static func grid(_ model: CalendarModel) -> Component {
        let hours = model.hours
        return Markup.element("div", class: "week-grid days-\(model.days.count)") {
            Markup.element("div", class: "grid-head") {
                Markup.element("div", class: "corner") {}
                for day in model.days {
                    Markup.element("div", class: day == model.today ? "day-head today" : "day-head") {
                        Markup.link("\(model.formatter.weekday(day)) \(day.day)", to: model.link(date: day, view: .day))
                    }
                }
            }
            Markup.element("div", class: "grid-body") {
                Markup.element("div", class: "gutter") {
                    for hour in hours.lowerBound..<hours.upperBound {
                        Markup.element("div", class: "hour-label") { Markup.text(model.formatter.hourLabel(hour)) }
                    }
                }
                for day in model.days {
                    Markup.element(
                        "div", class: "day-column hours-\(hours.upperBound - hours.lowerBound)",
                        [
                            ("aria-label", model.formatter.longDate(day)),
                            ("data-date", day.description), ("data-first-hour", String(hours.lowerBound)),
                        ]
                    ) {
                        let lanes = model.lanes(on: day)
                        for block in model.blocks where block.localStart.date == day {
                            sessionBlock(
                                block, model: model, firstHour: hours.lowerBound, lane: lanes[block.session.id])
                        }
                    }
                }
            }
        }
    }

    private static func sessionBlock(
        _ block: CalendarModel.Block, model: CalendarModel, firstHour: Int, lane: (lane: Int, of: Int)?
    ) -> Component {
        let startMinutes = (block.localStart.time.hour - firstHour) * 60 + block.localStart.time.minute
        let slot = max(0, startMinutes / 15)
        let span = max(1, min(96, (block.session.durationMinutes + 14) / 15))
        let classes = [
            "session-block", "slot-\(slot)", "span-\(span)", "att-\(block.session.attendance.rawValue)",
            block.session.seriesId == nil ? nil : "repeating", block.session.billed ? "billed" : nil,
            lane.flatMap { $0.of > 1 ? "lane-\($0.lane)-of-\($0.of)" : nil },
        ].compactMap { $0 }
        return Markup.element(
            "a",
            [
                (
                    "href",
                    "/calendar/sessions/\(block.session.id)?return="
                        + (("/calendar?" + model.query).addingPercentEncoding(withAllowedCharacters: .alphanumerics)
                            ?? "")
                ),
                ("class", classes.joined(separator: " ")), ("data-session-id", block.session.id.uuidString),
                (
                    "aria-label",
                    "\(block.clientName), \(model.formatter.time(block.localStart.time)), \(block.session.service.code), \(block.session.attendance)"
                ),
                // Narrow lanes cut the name short; the full name shows on hover.
                (
                    "title",
                    "\(block.clientName), \(model.formatter.time(block.localStart.time)), \(block.session.service.code)"
                ),
            ]
        ) {
            Markup.element("span", class: "block-client") { Markup.text(block.clientName) }
            Markup.element("span", class: "block-code") {
                Markup.text("\(model.formatter.time(block.localStart.time)) · \(block.session.service.code)")
                if block.session.seriesId != nil {
                    Markup.element("span", class: "repeat-mark", [("title", "Repeating")]) { Markup.text("↻") }
                }
            }
        }
    }

    private static func month(_ model: CalendarModel) -> Component {
        Markup.element("div", class: "month-grid") {
            for name in DisplayFormat.weekdayNames { Markup.element("div", class: "month-head") { Markup.text(name) } }
            for day in model.days {
                Markup.element(
                    "div",
                    [
                        (
                            "class",
                            [
                                day.month == model.anchor.month ? "month-day" : "month-day other-month",
                                day == model.today ? "today" : nil,
                            ].compactMap { $0 }.joined(separator: " ")
                        )
                    ]
                ) {
                    Markup.link("\(day.day)", to: model.link(date: day, view: .day), class: "month-date")
                    for block in model.blocks where block.localStart.date == day {
                        Markup.element(
                            "a",
                            [
                                (
                                    "href",
                                    "/calendar/sessions/\(block.session.id)?return="
                                        + (("/calendar?" + model.query).addingPercentEncoding(
                                            withAllowedCharacters: .alphanumerics) ?? "")
                                ),
                                ("class", "month-session att-\(block.session.attendance.rawValue)"),
                                ("data-session-id", block.session.id.uuidString),
                            ]
                        ) {
                            Markup.text("\(model.formatter.time(block.localStart.time)) \(block.clientName)")
                        }
                    }
                }
            }
        }
    }
}
