/// Setup, practice, clinicians, services and clients.
enum PracticeOperations {
    typealias Op = OpenAPIDocument.Operation

    static let all: [Op] = [
        Op(
            method: "post", path: "/setup",
            summary: "Create the practice and its owner (only while none exists); returns an API token",
            body: "SetupInput", response: (201, "SetupOutput"), isPublic: true),
        Op(method: "get", path: "/openapi.json", summary: "This document", response: (200, nil), isPublic: true),
        Op(
            method: "post", path: "/practices",
            summary:
                "Hosting (owners only, and only when the server runs with RAPPORT_HOSTING=1, else 404): create a further practice with its owner in this database; returns the new owner's API token. Recorded in the caller's audit log.",
            body: "SetupInput", response: (201, "SetupOutput")),
        Op(method: "get", path: "/practice", summary: "The practice's settings", response: (200, "Practice")),
        Op(
            method: "get", path: "/tokens", summary: "The caller's API tokens (never the secrets)",
            response: (200, "[TokenSummary]")),
        Op(
            method: "post", path: "/tokens", summary: "Create a named API token; the secret is shown this once",
            body: "TokenInput", response: (201, "TokenCreated")),
        Op(method: "delete", path: "/tokens/{id}", summary: "Revoke a token at once", response: (200, "TokenSummary")),
        Op(method: "get", path: "/me", summary: "The token owner's own account", response: (200, "User")),
        Op(
            method: "get", path: "/me/calendar-feed", summary: "Whether one has a live calendar feed link",
            response: (200, "CalendarFeedStatus")),
        Op(
            method: "post", path: "/me/calendar-feed",
            summary:
                "A new private link to one's sessions as an iCalendar feed (clinicians only; 409 otherwise); the old link stops working, and the address is in this answer only",
            response: (201, "CalendarFeedLink")),
        Op(
            method: "delete", path: "/me/calendar-feed", summary: "Revoke one's calendar feed link at once",
            response: (204, nil)),
        Op(
            method: "put", path: "/me/password",
            summary: "Change one's own password (the current one is required); one's browser sessions end",
            body: "PasswordChange", response: (204, nil)),
        Op(method: "get", path: "/users", summary: "Staff accounts", response: (200, "[User]")),
        Op(
            method: "post", path: "/users", summary: "Add a staff member with a role and a first password",
            body: "UserInput",
            response: (201, "User")),
        Op(
            method: "patch", path: "/users/{id}",
            summary:
                "Rename, change role, link a clinician, set a new password (ends their browser sessions), or deactivate (ends sessions and tokens)",
            body: "UserInput",
            response: (200, "User")),
        Op(
            method: "get", path: "/audit-events", summary: "The audit log, newest first (owner only)",
            response: (200, "[AuditEvent]"),
            query: [
                ("userId", "who"), ("entityId", "a client, session, invoice…"), ("from", "yyyy-MM-dd"),
                ("to", "yyyy-MM-dd"),
                ("limit", "1–500"), ("offset", "skip this many"),
            ]),
        Op(
            method: "patch", path: "/practice",
            summary: "Change settings (a new default service reprices unbilled sessions)",
            body: "PracticePatch", response: (200, "Practice")),
        Op(method: "get", path: "/clinicians", summary: "List clinicians", response: (200, "[Clinician]")),
        Op(
            method: "post", path: "/clinicians", summary: "Add a clinician", body: "ClinicianInput",
            response: (201, "Clinician")),
        Op(method: "get", path: "/clinicians/{id}", summary: "One clinician", response: (200, "Clinician")),
        Op(
            method: "patch", path: "/clinicians/{id}", summary: "Change or deactivate a clinician",
            body: "ClinicianInput", response: (200, "Clinician")),
        Op(
            method: "get", path: "/services", summary: "List services with current rate and rate history",
            response: (200, "[Service]")),
        Op(
            method: "post", path: "/services", summary: "Add a service with its rate", body: "ServiceInput",
            response: (201, "Service")),
        Op(method: "get", path: "/services/{id}", summary: "One service", response: (200, "Service")),
        Op(
            method: "patch", path: "/services/{id}",
            summary:
                "Change a service; a new rate applies from rateEffectiveFrom and reprices unbilled sessions; active=false deactivates",
            body: "ServiceInput", response: (200, "Service")),
        Op(
            method: "delete", path: "/services/{id}",
            summary: "Delete an unused service (409 when in use: deactivate instead)", response: (204, nil)),
        Op(
            method: "get", path: "/clients", summary: "List clients by last name, then first name",
            response: (200, "[Client]"),
            query: [
                ("search", "part of the name"), ("status", "active or inactive"),
                ("clinicianId", "only this primary clinician's clients"), ("limit", "1–500, default 100"),
                ("offset", "skip this many"),
            ]),
        Op(method: "post", path: "/clients", summary: "Add a client", body: "ClientInput", response: (201, "Client")),
        Op(method: "get", path: "/clients/{id}", summary: "One client", response: (200, "Client")),
        Op(
            method: "patch", path: "/clients/{id}", summary: "Change a client's details", body: "ClientInput",
            response: (200, "Client")),
        Op(
            method: "get", path: "/clients/{id}/overview",
            summary: "The client screen in one call: details, balance, billing rules, sessions, invoices, differences",
            response: (200, "ClientOverview")),
        Op(
            method: "get", path: "/clients/{id}/billing",
            summary: "The client's default service and custom fees, with history",
            response: (200, "ClientBilling")),
        Op(
            method: "patch", path: "/clients/{id}/billing",
            summary:
                "Change the client's default service and/or custom fees from effectiveFrom; unbilled sessions follow",
            body: "ClientBillingPatch", response: (200, "BillingChangeResult")),
    ]
}

/// Sessions and series.
enum SchedulingOperations {
    typealias Op = OpenAPIDocument.Operation
    static let scope = ("scope", "this (default), following or all — for a session in a series")

    static let all: [Op] = [
        Op(
            method: "get", path: "/sessions", summary: "Sessions starting in [from, to)", response: (200, "[Session]"),
            query: [
                ("from", "RFC 3339, required"), ("to", "RFC 3339, required"), ("clinicianId", "comma-separated ids"),
                ("clientId", "one client"), ("limit", "1–5000, default 2000"),
            ]),
        Op(
            method: "post", path: "/sessions", summary: "Book a single session", body: "SessionInput",
            response: (201, "Session")),
        Op(
            method: "get", path: "/sessions/{id}", summary: "One session, with where its code and fee come from",
            response: (200, "Session")),
        Op(
            method: "patch", path: "/sessions/{id}",
            summary: "Change a session, or this and following / all in its series",
            body: "SessionInput", response: (200, "ScopedChangeResult"), query: [scope]),
        Op(
            method: "delete", path: "/sessions/{id}",
            summary: "Delete a session, or this and following / all in its series",
            response: (200, "ScopedChangeResult"), query: [scope]),
        Op(
            method: "post", path: "/series", summary: "Book a repeating session (RRULE or structured fields)",
            body: "SeriesInput", response: (201, "Series")),
        Op(
            method: "get", path: "/series/{id}", summary: "A series with its stored occurrences",
            response: (200, "Series")),
    ]
}

/// Invoices, payments, balances, reports and rule changes.
enum BillingOperations {
    typealias Op = OpenAPIDocument.Operation
    static let range = [("from", "yyyy-MM-dd, required"), ("to", "yyyy-MM-dd, required")]

    static let all: [Op] = [
        Op(
            method: "get", path: "/invoices", summary: "Invoices, newest first", response: (200, "[Invoice]"),
            query: [
                ("clientId", "one client"), ("status", "open, paid or deleted"),
                ("from", "issued on or after (yyyy-MM-dd)"),
                ("to", "issued on or before"), ("limit", "1–500"), ("offset", "skip this many"),
            ]),
        Op(
            method: "post", path: "/invoices",
            summary: "Make an invoice from chosen sessions of one client (prices frozen)",
            body: "InvoiceInput", response: (201, "Invoice")),
        Op(
            method: "post", path: "/invoices/run", summary: "Run automatic invoicing now (daily or monthly practices)",
            body: "InvoiceRunInput", response: (200, "InvoiceRunResult")),
        Op(
            method: "get", path: "/invoices/{id}", summary: "One invoice with lines, payments and balance",
            response: (200, "Invoice")),
        Op(
            method: "delete", path: "/invoices/{id}",
            summary: "Delete an invoice with no payments; its sessions are unbilled again",
            response: (200, "Invoice"), query: [("reason", "why, kept in the history")]),
        Op(
            method: "post", path: "/invoices/{id}/reissue",
            summary: "Delete an unpaid invoice and bill its sessions at today's rules",
            response: (201, "Invoice")),
        Op(
            method: "get", path: "/payments", summary: "Payments, the latest received first",
            response: (200, "[Payment]"),
            query: [("clientId", "one client"), ("limit", "1–500"), ("offset", "skip this many")]),
        Op(
            method: "post", path: "/payments", summary: "Record a payment and apply it (oldest first unless chosen)",
            body: "PaymentInput", response: (201, "Payment")),
        Op(method: "get", path: "/payments/{id}", summary: "One payment", response: (200, "Payment")),
        Op(
            method: "post", path: "/payments/{id}/applications", summary: "Apply more of a payment",
            body: "ApplicationInput",
            response: (200, "Payment")),
        Op(
            method: "delete", path: "/payments/{id}/applications/{applicationId}",
            summary: "Unapply part of a payment (it becomes credit)",
            response: (200, "Payment")),
        Op(
            method: "get", path: "/clients/{id}/balance",
            summary: "Invoiced, paid, open balance, credit and unbilled work",
            response: (200, "ClientBalance")),
        Op(
            method: "get", path: "/clients/{id}/ledger",
            summary: "Charges, payments and deletions with a running balance",
            response: (200, "[LedgerEntry]")),
        Op(
            method: "get", path: "/clients/{id}/superbill",
            summary: "The superbill for a date range (422 naming each piece an insurer needs that is missing)",
            response: (200, "Superbill"), query: range),
        Op(
            method: "get", path: "/clients/{id}/statement", summary: "Statement data for a date range",
            response: (200, "Statement"), query: range),
        Op(
            method: "get", path: "/reports/outstanding",
            summary: "Outstanding balances by client with aging, largest first; totals cover every client",
            response: (200, "OutstandingReport"),
            query: [("limit", "1–500, default 100"), ("offset", "skip this many")]),
        Op(
            method: "get", path: "/billing-check", summary: "Sessions whose code or fee differ from the current rules",
            response: (200, "BillingCheck"), query: [("clientId", "one client")]),
        Op(
            method: "post", path: "/billing-changes/preview",
            summary: "What a change to a client's default/fees or a service rate would do",
            body: "BillingChangeInput", response: (200, "BillingChangeReport")),
        Op(
            method: "post", path: "/billing-changes", summary: "Apply such a change; unbilled sessions follow it",
            body: "BillingChangeInput", response: (201, "BillingChangeReport")),
        Op(
            method: "post", path: "/billing-changes/{id}/undo", summary: "Undo an applied change",
            response: (200, "BillingChangeReport")),
    ]
}
