import Vapor

/// What a route does, in terms a role is allowed or not. Every route behind sign-in declares one;
/// a route without one is refused (deny by default).
enum Permission: String, Sendable, CaseIterable {
    /// Calendar, sessions and series: look.
    case readSchedule
    /// Book, move, change and delete sessions and series.
    case writeSchedule
    /// Record attendance (billers may, without other schedule changes).
    case recordAttendance
    /// Clients' details: look.
    case readClients
    /// Add and change clients.
    case writeClients
    /// Invoices, payments, balances, reports, the billing check: look.
    case readBilling
    /// Make invoices, record and apply payments, change client fees, re-issue.
    case writeBilling
    /// The red Delete button on an invoice.
    case deleteInvoices
    /// Practice settings, services and rates, clinicians.
    case manageSettings
    /// Staff accounts.
    case manageUsers
    /// The audit log.
    case readAudit
    /// Clients, sessions, invoices and payments as CSV files: the practice's data leaving Rapport.
    case exportData
    /// One's own password and API tokens.
    case ownAccount
    /// Create further practices in this database: a hosting operator's, and only with
    /// `RAPPORT_HOSTING=1`.
    case hostPractices
}

/// The four roles of a practice.
enum Role: String, Sendable, CaseIterable, Codable {
    /// Everything.
    case owner
    /// Everything but ownership, the audit log and hosting further practices.
    case admin
    /// Calendar and clients; sees fees; no rates, no invoice deletion, no other billing changes.
    case clinician
    /// All billing and all clients' billing data; attendance but no other schedule changes.
    case biller

    var permissions: Set<Permission> {
        switch self {
        case .owner: Set(Permission.allCases)
        case .admin: Set(Permission.allCases).subtracting([.readAudit, .hostPractices])
        case .clinician:
            [.readSchedule, .writeSchedule, .recordAttendance, .readClients, .writeClients, .readBilling, .ownAccount]
        case .biller:
            [
                .readSchedule, .recordAttendance, .readClients, .readBilling, .writeBilling, .deleteInvoices, .exportData,
                .ownAccount,
            ]
        }
    }
}

extension Route {
    /// Declares what this route does; ``PermissionCheck`` enforces it for the caller's role.
    @discardableResult
    func requires(_ permission: Permission) -> Route {
        userInfo["permission"] = permission
        return self
    }

    var permission: Permission? { userInfo["permission"] as? Permission }
}

/// Refuses a signed-in caller whose role does not allow what the route does.
struct PermissionCheck: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let actor = try request.actor
        guard let permission = request.route?.permission else {
            throw UseCaseError.forbidden("this route declares no permission, so it is refused")
        }
        guard let role = actor.role, role.permissions.contains(permission) else {
            throw UseCaseError.forbidden("your role (\(actor.role?.rawValue ?? "none")) does not allow this")
        }
        return try await next.respond(to: request)
    }
}
