import RapportCore

/// JSON Schemas of the billing bodies.
enum BillingSchemas {
    typealias S = OpenAPISchemas

    static var price: [String: Any] { S.object(["serviceCode": S.string, "amount": S.money]) }

    static var billedDifference: [String: Any] {
        S.object([
            "sessionId": S.uuid, "clientId": S.uuid, "dateOfService": S.date, "invoiceId": S.uuid,
            "invoiceNumber": S.integer,
            "billed": price, "rules": price, "canReissue": S.boolean,
            "nowBillsInsurer": [
                "type": "string", "description": "the insurer the client's policies now send the session to",
            ],
        ])
    }

    static var claimDifference: [String: Any] {
        S.object([
            "sessionId": S.uuid, "clientId": S.uuid, "dateOfService": S.date, "claimId": S.uuid,
            "claimNumber": S.integer, "sent": S.boolean, "claimed": price, "rules": price,
            "nowBills": ["type": "string", "description": "another payer's name, or client, when not the claim's payer"],
        ])
    }

    static var unbilledOverride: [String: Any] {
        S.object([
            "sessionId": S.uuid, "clientId": S.uuid, "start": S.instant, "billsAt": price, "rulesGive": price,
        ])
    }

    static var ledgerEntry: [String: Any] {
        S.object([
            "date": S.date,
            "kind": S.enumeration([
                "invoice", "payment", "invoiceDeleted", "claim", "insurerPayment", "adjustment", "patientResponsibility",
                "claimClosed",
            ]),
            "description": S.string, "amount": S.money, "balance": S.money, "insurerAmount": S.money,
            "insurerBalance": S.money, "invoiceId": S.uuid, "paymentId": S.uuid, "claimId": S.uuid,
        ])
    }

    static var patientResponsibility: [String: Any] {
        S.object([
            "id": S.uuid, "claimId": S.uuid, "claimNumber": S.integer, "payer": S.string, "postedOn": S.date,
            "dateFrom": S.date, "dateTo": S.date, "amount": S.money, "description": S.string, "invoiceId": S.uuid,
        ])
    }

    static var payerAging: [String: Any] {
        S.object([
            "payerId": S.uuid, "payerName": S.string, "claims": S.integer, "owed": S.money, "aging": aging,
            "unapplied": S.money,
        ])
    }

    static var party: [String: Any] { S.object(["name": S.string, "dateOfBirth": S.date]) }
    static var aging: [String: Any] { ["type": "object", "additionalProperties": S.money] }

    /// `"all"` or a list of invoice ids, re-issued in the change's transaction.
    static var reissue: [String: Any] { ["oneOf": [S.enumeration(["all"]), S.array(S.uuid)]] }
    static var reissued: [String: Any] {
        S.array(S.object(["invoiceId": S.uuid, "newInvoiceId": S.uuid, "newNumber": S.integer]))
    }

    static var all: [String: Any] {
        [
            "Invoice": S.object([
                "id": S.uuid, "number": S.integer, "clientId": S.uuid, "issueDate": S.date, "periodStart": S.date,
                "periodEnd": S.date, "origin": S.enumeration(InvoiceOrigin.allCases.map(\.rawValue)),
                "status": S.enumeration(["open", "paid", "deleted"]), "total": S.money, "broughtForward": S.money,
                "paid": S.money,
                "leftOut": S.array(S.object(["sessionId": S.uuid, "start": S.instant, "reason": S.string])),
                "balance": S.money,
                "createdBy": S.string, "deleted": S.object(["at": S.instant, "by": S.string, "reason": S.string]),
                "replacedByInvoiceId": S.uuid,
                "lines": S.array(
                    S.object([
                        "sessionId": S.nullable(S.uuid), "dateOfService": S.date, "serviceCode": S.string,
                        "description": S.string,
                        "clinicianId": S.uuid, "clinician": S.string, "attendance": S.string, "fee": S.money,
                        "amount": S.money,
                    ])),
                "patientResponsibility": S.array(patientResponsibility),
                "payments": S.array(
                    S.object([
                        "applicationId": S.uuid, "paymentId": S.uuid, "receivedOn": S.date, "method": S.string,
                        "amount": S.money,
                    ])),
            ]),
            "InvoiceInput": S.object(
                [
                    "clientId": S.uuid, "sessionIds": S.array(S.uuid), "issueDate": S.date,
                    "leaveOutUnbillable": S.boolean,
                ],
                required: ["clientId", "sessionIds"]),
            "InvoiceRunInput": S.object(["through": S.date]),
            "TokenSummary": S.object([
                "id": S.uuid, "name": S.string, "createdAt": S.instant, "lastUsedAt": S.instant, "revokedAt": S.instant,
            ]),
            "TokenInput": S.object(["name": S.string], required: ["name"]),
            "CalendarFeedStatus": S.object(["active": S.boolean, "createdAt": S.instant]),
            "CalendarFeedLink": S.object(["path": S.string, "url": S.string, "createdAt": S.instant]),
            "User": S.object([
                "id": S.uuid, "name": S.string, "email": S.string,
                "role": S.enumeration(["owner", "admin", "clinician", "biller"]),
                "clinicianId": S.uuid, "active": S.boolean,
            ]),
            "UserInput": S.object([
                "name": S.string, "email": S.string, "role": S.enumeration(["admin", "clinician", "biller"]),
                "password": ["type": "string", "minLength": 12], "clinicianId": S.uuid, "active": S.boolean,
            ]),
            "PasswordChange": S.object(
                ["currentPassword": S.string, "newPassword": ["type": "string", "minLength": 12]],
                required: ["currentPassword", "newPassword"]),
            "AuditEvent": S.object([
                "id": S.uuid, "sequence": S.integer, "at": S.instant, "actorUserId": S.uuid, "actorName": S.string,
                "entityType": S.string, "entityId": S.uuid, "action": S.string, "before": S.string, "after": S.string,
            ]),
            "TokenCreated": S.object(["id": S.uuid, "name": S.string, "token": S.string]),
            "InvoiceRunResult": S.object(["invoicesCreated": S.integer, "through": S.date]),
            "Payment": S.object([
                "id": S.uuid, "clientId": S.uuid, "receivedOn": S.date, "amount": S.money,
                "method": S.enumeration(["card", "cash", "check", "other"]), "reference": S.string, "applied": S.money,
                "unapplied": S.money,
                "applications": S.array(S.object(["id": S.uuid, "invoiceId": S.uuid, "amount": S.money])),
            ]),
            "PaymentInput": S.object(
                [
                    "clientId": S.uuid, "amount": S.money, "method": S.enumeration(["card", "cash", "check", "other"]),
                    "receivedOn": S.date, "reference": S.string,
                    "apply": [
                        "oneOf": [
                            S.enumeration(["auto", "none"]),
                            S.array(S.object(["invoiceId": S.uuid, "amount": S.money])),
                        ]
                    ],
                ], required: ["clientId", "amount", "method"]),
            "ApplicationInput": S.object(["invoiceId": S.uuid, "amount": S.money]),
            "ClientBalance": S.object([
                "clientId": S.uuid, "invoiced": S.money, "paid": S.money, "openBalance": S.money, "credit": S.money,
                "patientResponsibility": S.money, "insurersOwe": S.money,
                "balance": S.money, "unbilled": S.object(["sessions": S.integer, "amount": S.money]),
                "unclaimed": S.object(["sessions": S.integer, "amount": S.money]),
            ]),
            "LedgerEntry": ledgerEntry,
            "Superbill": S.object([
                "practice": S.object([
                    "name": S.string, "groupNpi": S.string, "taxId": S.string, "address": InsuranceSchemas.address,
                    "phone": S.string,
                ]),
                "clinicians": S.array(
                    S.object([
                        "name": S.string, "credentials": S.string, "npi": S.string, "licenseNumber": S.string,
                        "licenseState": S.string,
                    ])),
                "client": S.object([
                    "name": S.string, "dateOfBirth": S.date, "address": InsuranceSchemas.address, "memberId": S.string,
                ]),
                "from": S.date, "to": S.date,
                "diagnoses": S.array(S.object(["letter": S.string, "code": S.string, "description": S.string])),
                "lines": S.array(
                    S.object([
                        "dateOfService": S.date, "placeOfService": S.string, "serviceCode": S.string,
                        "modifiers": S.array(S.string), "units": S.integer, "description": S.string,
                        "diagnoses": S.array(S.string), "clinician": S.string, "fee": S.money, "charged": S.money,
                        "paid": S.money, "paidInFull": S.boolean,
                    ])),
                "totalCharged": S.money, "totalPaid": S.money, "signature": S.string,
            ]),
            "Statement": S.object([
                "practice": S.string,
                "practiceContact": S.object([
                    "address": InsuranceSchemas.address, "phone": S.string, "taxId": S.string,
                ]),
                "client": party, "from": S.date, "to": S.date, "issuedOn": S.date, "dueOn": S.date,
                "amountDue": S.money, "openingBalance": S.money,
                "entries": S.array(ledgerEntry), "closingBalance": S.money,
                "openInvoices": S.array(
                    S.object([
                        "invoiceId": S.uuid, "number": S.integer, "issueDate": S.date, "total": S.money,
                        "paid": S.money,
                        "balance": S.money,
                    ])),
                "insurance": S.array(
                    S.object([
                        "claimId": S.uuid, "number": S.integer, "payer": S.string, "dateFrom": S.date, "dateTo": S.date,
                        "charged": S.money, "insurerPaid": S.money, "adjusted": S.money,
                        "patientResponsibility": S.money, "status": S.string,
                    ])),
            ]),
            "OutstandingReport": S.object([
                "asOf": S.date, "clientCount": S.integer, "totalOpen": S.money, "aging": aging,
                "payers": S.array(payerAging), "insurersOwe": S.money, "payerAging": aging,
                "clients": S.array(
                    S.object([
                        "clientId": S.uuid, "clientName": S.string, "openBalance": S.money, "credit": S.money,
                        "balance": S.money,
                        "aging": aging,
                    ])),
            ]),
            "ClientOverview": S.object([
                "client": OpenAPIDocument.ref("Client"), "balance": OpenAPIDocument.ref("ClientBalance"),
                "billing": OpenAPIDocument.ref("ClientBilling"), "upcoming": S.array(OpenAPIDocument.ref("Session")),
                "recent": S.array(OpenAPIDocument.ref("Session")), "invoices": S.array(OpenAPIDocument.ref("Invoice")),
                "billedDifferently": S.array(billedDifference), "unbilledWithOverride": S.array(unbilledOverride),
                "claimedDifferently": S.array(claimDifference),
            ]),
            "BillingCheck": S.object([
                "unbilledWithOverride": S.array(unbilledOverride),
                "billedDifferently": S.array(billedDifference), "claimedDifferently": S.array(claimDifference),
            ]),
            "BillingChangeInput": S.object([
                "clientId": S.uuid, "defaultServiceId": S.nullable(S.uuid),
                "fees": S.array(
                    S.object(["serviceId": S.uuid, "amount": S.nullable(S.money)], required: ["serviceId"])),
                "serviceId": S.uuid, "rate": S.money, "effectiveFrom": S.date, "reissue": reissue,
                "reestimate": [
                    "type": "boolean",
                    "description": "give a new Good Faith Estimate to each client whose estimate the change makes out of date",
                ],
            ]),
            "BillingChangeReport": S.object([
                "changeId": S.uuid, "applied": S.boolean, "effectiveFrom": S.date, "sessionsRepriced": S.integer,
                "difference": S.money, "reissued": reissued,
                "estimatesChanged": S.array(
                    S.object([
                        "clientId": S.uuid, "clientName": S.string, "estimateId": S.uuid, "changes": S.array(S.string),
                        "newEstimateId": S.uuid,
                    ])),
                "repriced": S.array(
                    S.object([
                        "sessionId": S.uuid, "clientId": S.uuid, "start": S.instant, "before": price, "after": price,
                    ])),
                "overridesKept": S.array(
                    S.object([
                        "sessionId": S.uuid, "clientId": S.uuid, "start": S.instant, "fee": S.money, "reason": S.string,
                    ])),
                "billedDiffering": S.array(billedDifference),
                "sessionsRerouted": [
                    "type": "integer", "description": "undoing a policy change: sessions that bill someone else again",
                ],
            ]),
        ]
    }
}
