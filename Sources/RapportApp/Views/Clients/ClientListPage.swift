/// Clients, searchable by name and filtered by status and primary clinician; the date of birth and
/// clinician tell two clients of the same name apart.
struct ClientListPage {
    struct Row {
        let id: String
        let name: String
        let dateOfBirth: String
        let clinician: String
        let email: String
        let phone: String
        let status: String
    }

    let rows: [Row]
    /// The search, status and clinician (an id, or "" for all) as the address gave them, with a
    /// sentence beside a status or clinician that is not one of the options.
    let filters: FormState
    let clinicians: [(String, String)]
    let context: PageContext

    func render() -> String {
        Layout.render(title: "Clients", context: context) {
            Markup.element("div", class: "page-head") {
                Markup.element("h1") { Markup.text("Clients") }
                Markup.link("New client", to: "/clients/new", class: "button primary")
            }
            Markup.form(action: "/clients", method: .get, class: "inline-form filters") {
                FormField.input("Search by name", name: "search", form: filters, type: "search")
                FormField.select(
                    "Status", name: "status", form: filters,
                    options: [("active", "Active"), ("inactive", "Inactive"), ("all", "All")])
                FormField.select(
                    "Clinician", name: "clinician", form: filters, options: [("", "All clinicians")] + clinicians)
                FormField.submit("Search", class: "button")
            }
            if !filters.errors.isEmpty {
                // Nothing is listed for filters that do not read: their problem is said beside them.
            } else if rows.isEmpty {
                Markup.element("p", class: "muted") {
                    Markup.text(
                        filters["search"].isEmpty
                            ? (filters["clinician"].isEmpty && filters["status"] == "active"
                                ? "No clients yet." : "No client matches these filters.")
                            : "No client matches “\(filters["search"])”.")
                }
            } else {
                Markup.element("table", class: "list") {
                    Markup.element("thead") {
                        Markup.element("tr") {
                            for title in ["Name", "Date of birth", "Clinician", "Email", "Phone", "Status"] {
                                Markup.element("th") { Markup.text(title) }
                            }
                        }
                    }
                    Markup.element("tbody") {
                        for row in rows {
                            Markup.element("tr") {
                                Markup.element("td") { Markup.link(row.name, to: "/clients/\(row.id)") }
                                Markup.element("td") { Markup.text(row.dateOfBirth) }
                                Markup.element("td") { Markup.text(row.clinician) }
                                Markup.element("td") { Markup.text(row.email) }
                                Markup.element("td") { Markup.text(row.phone) }
                                Markup.element("td") {
                                    Markup.element("span", class: "status") { Markup.text(row.status) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Add a client, or edit their details (the first tab of "Edit client info").
struct ClientFormPage {

    let clientID: String?
    let clientName: String?
    let form: FormState
    let clinicians: [(String, String)]
    let services: [(String, String)]
    let context: PageContext

    func render() -> String {
        Layout.render(title: clientID == nil ? "New client" : "Edit \(clientName ?? "client")", context: context) {
            Markup.element("div", class: "card") {
                if let clientID, let clientName {
                    Markup.link("← \(clientName)", to: "/clients/\(clientID)", class: "back")
                    Markup.element("h1") { Markup.text("Edit client info") }
                    EditTabs.render(clientID: clientID, active: "details")
                } else {
                    Markup.element("h1") { Markup.text("New client") }
                }
                Markup.form(
                    action: clientID.map { "/clients/\($0)/edit" } ?? "/clients/new", method: .post, class: "stack"
                ) {
                    FormField.csrf(context.csrf)
                    Markup.element("div", class: "form-grid") {
                        FormField.input("First name", name: "firstName", form: form, extra: [("required", "")])
                        FormField.input("Last name", name: "lastName", form: form, extra: [("required", "")])
                        FormField.input("Email", name: "email", form: form, type: "email")
                        FormField.input("Phone", name: "phone", form: form, type: "tel")
                        FormField.input("Date of birth", name: "dateOfBirth", form: form, type: "date")
                        FormField.select(
                            "Sex", name: "sex", form: form,
                            options: [
                                ("", "Not recorded"), ("female", "Female"), ("male", "Male"), ("unknown", "Unknown"),
                            ],
                            hint: "As the insurance card records it")
                        FormField.select(
                            "Primary clinician", name: "primaryClinicianId", form: form,
                            options: [("", "None")] + clinicians)
                        if clientID == nil {
                            FormField.select(
                                "Default service", name: "defaultServiceId", form: form,
                                options: [("", "The practice's default")] + services)
                        } else {
                            FormField.select(
                                "Status", name: "status", form: form,
                                options: [("active", "Active"), ("inactive", "Inactive")])
                        }
                    }
                    AddressFields.render(
                        "address", legend: "Home address (for insurance claims)", form: form,
                        secondLine: "Apartment or suite")
                    FormField.submit(clientID == nil ? "Add client" : "Save")
                }
            }
        }
    }
}

/// The tabs of "Edit client info".
enum EditTabs {
    static func render(clientID: String, active: String) -> Component {
        Markup.element("nav", class: "tabs", [("aria-label", "Client information")]) {
            for (key, title) in [("details", "Details"), ("billing", "Billing and Insurance")] {
                Markup.element(
                    "a",
                    [
                        ("href", "/clients/\(clientID)/edit" + (key == "billing" ? "?tab=billing" : "")),
                        ("aria-current", key == active ? "page" : nil),
                    ]
                ) { Markup.text(title) }
            }
        }
    }
}
