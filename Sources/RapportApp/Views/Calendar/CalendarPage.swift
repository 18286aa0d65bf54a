import RapportCore

/// The calendar: day, week or month, with sessions as blocks that open the flyout.
enum CalendarPage {
    static func render(_ model: CalendarModel, context: PageContext) -> String {
        Layout.render(title: "Calendar", context: context) {
            Markup.element("div", class: "calendar", [("data-open-session", model.openSessionID?.uuidString)]) {
                toolbar(model)
                legend(model)
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
                // A practice may offer fifty: written straight into the page's text.
                Markup.written { out in
                    for clinician in model.filterChoices {
                        out.open("label", [("class", "check")])
                        out.void(
                            "input",
                            [
                                ("type", "checkbox"), ("name", "clinician"), ("value", clinician.id.text),
                                ("checked", model.selectedClinicians.contains(clinician.id) ? "" : nil),
                            ])
                        out.element(
                            "span", [("class", "swatch clin-\(clinician.color.rawValue)"), ("aria-hidden", "true")],
                            text: "")
                        out.text(clinician.name)
                        out.close("label")
                    }
                }
                FormField.submit("Show", class: "button")
            }
        }
    }

    /// Who is who and what the marks mean: a swatch per clinician with sessions in view, and the
    /// attendance edges.
    private static func legend(_ model: CalendarModel) -> Component {
        Markup.element("div", class: "calendar-legend", [("aria-label", "Legend")]) {
            let clinicians = model.cliniciansInView
            if !clinicians.isEmpty {
                Markup.element("ul", class: "legend-list legend-clinicians") {
                    for clinician in clinicians {
                        Markup.element("li") {
                            swatch(clinician.color)
                            Markup.text(clinician.name)
                        }
                    }
                }
            }
            Markup.element("ul", class: "legend-list legend-attendance") {
                for attendance in Attendance.allCases {
                    Markup.element("li") {
                        Markup.element("span", class: "edge att-\(attendance.rawValue)", [("aria-hidden", "true")]) {}
                        Markup.text(SourceText.attendance(attendance))
                    }
                }
                Markup.element("li") {
                    Markup.element("span", class: "repeat-mark", [("aria-hidden", "true")]) { Markup.text("↻") }
                    Markup.text("Repeating")
                }
                if model.showsWorkingHours {
                    Markup.element("li") {
                        Markup.element("span", class: "swatch off-hours-swatch", [("aria-hidden", "true")]) {}
                        Markup.text("Outside working hours")
                    }
                }
            }
        }
    }

    /// Time outside the clinician's working hours, shaded behind the sessions (a click there still
    /// books, and asks first).
    private static func offHours(_ minutes: Range<Int>, firstHour: Int) -> Component {
        let slot = max(0, (minutes.lowerBound - firstHour * 60) / 15)
        let span = max(1, min(96, (minutes.upperBound - firstHour * 60 + 14) / 15 - slot))
        return Markup.element("div", class: "off-hours slot-\(slot) span-\(span)", [("aria-hidden", "true")]) {}
    }

    private static func swatch(_ color: ClinicianColor) -> Component {
        Markup.element("span", class: "swatch clin-\(color.rawValue)", [("aria-hidden", "true")]) {}
    }

    /// One column of the time grid: a day, or in the day view one clinician's day.
    private struct Column {
        let date: LocalDate
        let clinician: CalendarClinician?
    }

    private static func grid(_ model: CalendarModel) -> Component {
        let hours = model.hours
        let perClinician = model.clinicianColumns
        let columns =
            perClinician.map { $0.map { Column(date: model.anchor, clinician: $0) } }
            ?? model.days.map { Column(date: $0, clinician: nil) }
        let layout = perClinician.map { "cols-\(min($0.count, 60))" } ?? "days-\(model.days.count)"
        let returnQuery = ("/calendar?" + model.query).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return Markup.element("div", class: "week-grid \(layout)") {
            Markup.element("div", class: "grid-head") {
                Markup.element("div", class: "corner") {}
                for column in columns {
                    if let clinician = column.clinician {
                        Markup.element("div", class: "day-head clinician-head") {
                            swatch(clinician.color)
                            Markup.text(clinician.name)
                        }
                    } else {
                        Markup.element("div", class: column.date == model.today ? "day-head today" : "day-head") {
                            Markup.link(
                                "\(model.formatter.weekday(column.date)) \(column.date.day)",
                                to: model.link(date: column.date, view: .day))
                        }
                    }
                }
            }
            Markup.element("div", class: "grid-body") {
                Markup.element("div", class: "gutter") {
                    Markup.written { out in
                        for hour in hours.lowerBound..<hours.upperBound {
                            out.element("div", [("class", "hour-label")], text: model.formatter.hourLabel(hour))
                        }
                    }
                }
                for column in columns {
                    let day = column.date
                    let clinicianID = column.clinician?.id
                    Markup.element(
                        "div", class: "day-column hours-\(hours.upperBound - hours.lowerBound)",
                        [
                            (
                                "aria-label",
                                column.clinician.map { "\($0.name), \(model.formatter.longDate(day))" }
                                    ?? model.formatter.longDate(day)
                            ),
                            ("data-date", day.description), ("data-first-hour", String(hours.lowerBound)),
                            ("data-clinician", clinicianID?.uuidString),
                        ]
                    ) {
                        if let hours = (column.clinician ?? model.soleClinician)?.workingHours {
                            for gap in hours.offHours(on: day.weekday, from: model.hours.lowerBound, to: model.hours.upperBound) {
                                offHours(gap, firstHour: model.hours.lowerBound)
                            }
                        }
                        let lanes = model.lanes(on: day, clinician: clinicianID)
                        Markup.written { out in
                            for block in model.blocks
                            where block.localStart.date == day
                                && (clinicianID == nil || block.session.clinicianId == clinicianID)
                            {
                                sessionBlock(
                                    block, model: model, firstHour: hours.lowerBound, lane: lanes[block.session.id],
                                    returnQuery: returnQuery, into: &out)
                            }
                        }
                    }
                }
            }
        }
    }

    /// One session in the time grid, written straight into the page's text (a busy week holds
    /// hundreds); `returnQuery` brings the flyout back to this view.
    private static func sessionBlock(
        _ block: CalendarModel.Block, model: CalendarModel, firstHour: Int, lane: (lane: Int, of: Int)?,
        returnQuery: String, into out: inout HTMLText
    ) {
        let startMinutes = (block.localStart.time.hour - firstHour) * 60 + block.localStart.time.minute
        let slot = max(0, startMinutes / 15)
        let span = max(1, min(96, (block.session.durationMinutes + 14) / 15))
        var classes =
            "session-block slot-\(slot) span-\(span) att-\(block.session.attendance.rawValue) clin-\(model.color(of: block.session.clinicianId).rawValue)"
        if block.session.seriesId != nil { classes += " repeating" }
        if block.session.billed { classes += " billed" }
        if let lane, lane.of > 1 { classes += " lane-\(lane.lane)-of-\(lane.of)" }
        let time = model.formatter.time(block.localStart.time)
        let code = block.session.service.code
        let id = block.session.id.text
        out.open(
            "a",
            [
                ("href", "/calendar/sessions/\(id)?return=\(returnQuery)"), ("class", classes),
                ("data-session-id", id),
                (
                    "aria-label",
                    "\(block.clientName), \(time), \(code), \(SourceText.attendance(block.session.attendance))"
                ),
                // Narrow lanes cut the name short; the full name shows on hover.
                ("title", "\(block.clientName), \(time), \(code)"),
            ])
        out.element("span", [("class", "block-client")], text: block.clientName)
        out.open("span", [("class", "block-code")])
        out.text("\(time) · \(code)")
        if block.session.seriesId != nil {
            out.element("span", [("class", "repeat-mark"), ("title", "Repeating")], text: "↻")
        }
        out.close("span")
        out.close("a")
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
                                (
                                    "class",
                                    "month-session att-\(block.session.attendance.rawValue) clin-\(model.color(of: block.session.clinicianId).rawValue)"
                                ),
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
