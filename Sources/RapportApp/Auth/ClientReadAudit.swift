import Fluent
import Vapor

/// What a route's `:id` names when the route shows a client's record.
enum ClientRecordSource: Sendable {
    /// The `:id` is the client.
    case client
    /// The `:id` is one of the client's invoices.
    case invoice
    /// The `:id` is one of the client's payments.
    case payment
    /// The `:id` is one of the client's claims.
    case claim
    /// The `:id` is one of the client's Good Faith Estimates.
    case goodFaithEstimate
}

/// A route's declaration that its answer shows a client's record, and under what name.
struct ClientRecordRead: Sendable {
    let view: String
    let source: ClientRecordSource
}

extension Route {
    /// Declares that this route shows a client's record: ``ClientReadAudit`` records each look
    /// (who, when, what) in the audit log, and the access-matrix test fails a route whose answer
    /// shows a client's details without this declaration.
    @discardableResult
    func showsClientRecord(_ view: String, from source: ClientRecordSource = .client) -> Route {
        userInfo["clientRecordRead"] = ClientRecordRead(view: view, source: source)
        return self
    }

    var clientRecordRead: ClientRecordRead? { userInfo["clientRecordRead"] as? ClientRecordRead }
}

/// Records a read of a client's record after every successful answer of a route that declares
/// one (``Route/showsClientRecord(_:from:)``): declared at the route, so no handler or use case has
/// to remember it, and kept answers are audited like fresh ones.
struct ClientReadAudit: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        guard let read = request.route?.clientRecordRead, (200..<300).contains(response.status.code),
            let actor = request.auth.get(Actor.self), let text = request.parameters.get("id"), let id = UUID(uuidString: text)
        else { return response }
        // What is left is waiting for the look's event to commit: the next read may have the cores.
        request.giveBackReadTurn()
        let clientID: UUID? =
            switch read.source {
            case .client: id
            case .invoice:
                try await Invoice.query(on: request.db).filter(\.$id == id).filter(\.$practiceID == actor.practiceID)
                    .first()?.clientID
            case .payment:
                try await Payment.query(on: request.db).filter(\.$id == id).filter(\.$practiceID == actor.practiceID)
                    .first()?.clientID
            case .claim:
                try await ClaimRow.query(on: request.db).filter(\.$id == id).filter(\.$practiceID == actor.practiceID)
                    .first()?.clientID
            case .goodFaithEstimate:
                try await GoodFaithEstimateRow.query(on: request.db).filter(\.$id == id)
                    .filter(\.$practiceID == actor.practiceID).first()?.clientID
            }
        if let clientID {
            try await request.application.readAudits.record(read.view, client: clientID, actor: actor, on: request.db)
        }
        return response
    }
}
