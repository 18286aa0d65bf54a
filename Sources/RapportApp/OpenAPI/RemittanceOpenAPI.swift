/// Remittances (835) in the OpenAPI document: the operations and their schemas.
enum RemittanceOpenAPI {
    typealias Op = OpenAPIDocument.Operation
    typealias S = OpenAPISchemas

    static let operations: [Op] = [
        Op(
            method: "post", path: "/remittances/preview",
            summary:
                "What posting an 835 remittance would do: each claim payment with the claim and client it posts to, what is paid, written off and left to the client, and every exception with its reason; nothing is written",
            body: "RemittanceInput", response: (200, "Remittance")),
        Op(
            method: "post", path: "/remittances",
            summary:
                "Post an 835 remittance in one transaction, as its preview shows; a payment (payer and trace number) posts once",
            body: "RemittanceInput", response: (201, "Remittance")),
        Op(
            method: "get", path: "/remittances", summary: "Posted remittances, newest first",
            response: (200, "[RemittanceSummary]"), query: [("limit", "1–500"), ("offset", "skip this many")]),
        Op(
            method: "get", path: "/remittances/{id}",
            summary: "One remittance as posted: each claim payment with its adjustments in words, and its exceptions",
            response: (200, "Remittance")),
        Op(
            method: "get", path: "/remittance-exceptions",
            summary: "Needs attention: every remittance exception no one has resolved yet, newest payment first",
            response: (200, "[RemittanceException]")),
        Op(
            method: "get", path: "/claims/follow-up",
            summary:
                "Sent claims no remittance has answered within the practice's claimFollowUpDays (default 30), oldest first, with how long each has waited",
            response: (200, "[ClaimFollowUp]")),
        Op(
            method: "post", path: "/remittance-exceptions/{id}/resolve",
            summary:
                "Decide on an exception: matchClaim posts the payment to the claim named (claimId) by the same rules; unappliedPayment, refund and writeOff record what was done with the money and why (reason)",
            body: "RemittanceExceptionResolution", response: (200, "RemittanceException")),
    ]

    static var exceptionKind: [String: Any] {
        S.enumeration([
            "payeeNotThisPractice", "unmatchedClaim", "unmatchedLine", "unbalanced", "claimNotAwaitingPayment",
            "overpayment",
        ])
    }

    static var schemas: [String: Any] {
        [
            "RemittanceSummary": S.object(
                [
                    "id": S.uuid, "payerName": S.string, "traceNumber": S.string, "payment": S.money,
                    "paymentMethod": S.string, "paidOn": S.date, "claimsPosted": S.integer, "openExceptions": S.integer,
                    "postedAt": S.instant, "postedOn": S.date, "postedBy": S.string,
                ],
                required: [
                    "id", "payerName", "traceNumber", "payment", "paymentMethod", "claimsPosted", "openExceptions",
                    "postedBy",
                ]),
            "RemittanceException": S.object(
                [
                    "id": S.uuid, "remittanceId": S.uuid, "payerName": S.string, "traceNumber": S.string,
                    "kind": exceptionKind, "patientControlNumber": S.string, "claimId": S.uuid,
                    "claimNumber": S.integer, "amount": S.money, "segment": S.integer, "description": S.string,
                    "postedAt": S.instant, "resolution": S.string, "resolvedBy": S.string, "resolvedAt": S.instant,
                ],
                required: [
                    "id", "remittanceId", "payerName", "traceNumber", "kind", "amount", "segment", "description",
                ]),
            "ClaimFollowUp": S.object(
                [
                    "claimId": S.uuid, "number": S.integer, "clientId": S.uuid, "clientName": S.string,
                    "payerId": S.uuid, "payerName": S.string, "total": S.money, "submittedOn": S.date,
                    "daysWaiting": S.integer,
                ],
                required: [
                    "claimId", "number", "clientId", "clientName", "payerId", "payerName", "total", "submittedOn",
                    "daysWaiting",
                ]),
            "RemittanceExceptionResolution": S.object(
                [
                    "action": S.enumeration(RemittanceExceptions.actions),
                    "claimId": ["type": "string", "format": "uuid", "description": "with matchClaim: the claim it pays"],
                    "reason": ["type": "string", "description": "why; required but for matchClaim"],
                ], required: ["action"]),
            "RemittanceInput": S.object(
                ["x12": ["type": "string", "description": "the 835 file's text, as the payer or clearinghouse sent it"]],
                required: ["x12"]),
            "Remittance": S.object(
                [
                    "id": S.uuid, "posted": S.boolean, "payerName": S.string, "traceNumber": S.string, "payment": S.money,
                    "paymentMethod": S.string, "paidOn": S.date,
                    "claims": S.array(
                        S.object(
                            [
                                "claimId": S.uuid, "claimNumber": S.integer, "clientId": S.uuid, "clientName": S.string,
                                "payerStatus": S.string, "charge": S.money, "paid": S.money, "writtenOff": S.money,
                                "patientResponsibility": S.money, "otherAdjustments": S.money,
                                "status": S.enumeration(["submitted", "paid", "partiallyPaid", "denied"]),
                                "adjustments": S.array(S.string), "linesMatchedByDateCodeAndCharge": S.integer,
                            ],
                            required: [
                                "claimId", "claimNumber", "clientId", "clientName", "payerStatus", "charge", "paid",
                                "writtenOff", "patientResponsibility", "otherAdjustments", "status", "adjustments",
                                "linesMatchedByDateCodeAndCharge",
                            ])),
                    "providerAdjustments": S.array(
                        S.object(
                            ["reason": S.string, "reference": S.string, "amount": S.money], required: ["reason", "amount"])),
                    "exceptions": S.array(
                        S.object(
                            [
                                "id": S.uuid,
                                "kind": exceptionKind,
                                "patientControlNumber": S.string, "claimId": S.uuid, "amount": S.money,
                                "segment": S.integer, "description": S.string, "resolved": S.boolean,
                            ], required: ["kind", "amount", "segment", "description", "resolved"])),
                    "postedAt": S.instant, "postedBy": S.string,
                ],
                required: [
                    "posted", "payerName", "traceNumber", "payment", "paymentMethod", "claims", "providerAdjustments",
                    "exceptions",
                ]),
        ]
    }
}
