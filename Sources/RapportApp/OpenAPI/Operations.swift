/// Setup, practice, clinicians, services and clients.
enum PracticeOperations {
    typealias Op = OpenAPIDocument.Operation

    static let all: [Op] = [
        Op(
            method: "post", path: "/setup",
            summary: "Create the practice and its owner (only while none exists); returns an API token",
            body: "SetupInput", response: (201, "SetupOutput"), isPublic: true),
        Op(method: "get", path: "/openapi.json", summary: "This document", response: (200, nil), isPublic: true),
        Op(method: "get", path: "/practice", summary: "The practice's settings", response: (200, "Practice")),
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
            method: "get", path: "/clients", summary: "List clients by last name",
            response: (200, "[Client]"),
            query: [
                ("search", "part of the name"), ("status", "active or inactive"), ("limit", "1–500, default 100"),
                ("offset", "skip this many"),
            ]),
        Op(method: "post", path: "/clients", summary: "Add a client", body: "ClientInput", response: (201, "Client")),
        Op(method: "get", path: "/clients/{id}", summary: "One client", response: (200, "Client")),
        Op(
            method: "patch", path: "/clients/{id}", summary: "Change a client's details", body: "ClientInput",
            response: (200, "Client")),
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
