import RapportCore

/// JSON Schemas of the insurance bodies: identifiers, and (as they come) payers, policies and claims.
enum InsuranceSchemas {
    typealias S = OpenAPISchemas

    static var addressInput: [String: Any] {
        S.object([
            "line1": S.string, "line2": S.string, "city": S.string,
            "state": ["type": "string", "description": "two-letter state code"],
            "zip": [
                "type": "string", "description": "62701 or 62701-1234; the billing provider needs all nine digits",
            ],
        ])
    }

    static var address: [String: Any] {
        S.object(
            ["line1": S.string, "line2": S.string, "city": S.string, "state": S.string, "zip": S.string],
            required: ["line1", "city", "state", "zip"])
    }

    static var filingIndicator: [String: Any] {
        [
            "type": "string", "enum": ClaimFilingIndicator.allCases.map(\.rawValue),
            "description":
                "claim filing indicator: CI commercial, BL Blue Cross/Blue Shield, HM HMO, MB Medicare Part B, MC Medicaid, CH TRICARE, WC workers' comp, …",
        ]
    }

    static var payerRate: [String: Any] {
        S.object(
            ["serviceId": S.uuid, "serviceCode": S.string, "amount": S.money, "effectiveFrom": S.date],
            required: ["serviceId", "serviceCode", "amount"])
    }

    static var diagnosis: [String: Any] {
        S.object(
            [
                "code": ["type": "string", "description": "ICD-10-CM with its dot, such as F41.1"],
                "description": S.string,
            ], required: ["code"])
    }

    static var subscriberInput: [String: Any] {
        S.object(
            [
                "firstName": S.string, "lastName": S.string, "dateOfBirth": S.date,
                "sex": S.enumeration(Sex.allCases.map(\.rawValue)),
                // Left out: the client's own address is the subscriber's.
                "address": addressInput,
            ], required: ["firstName", "lastName", "dateOfBirth", "sex"])
    }

    static var authorization: [String: Any] {
        S.object(
            [
                "id": S.uuid, "number": S.string, "visits": S.integer, "startsOn": S.date, "endsOn": S.date,
                "visitsUsed": ["type": "integer", "description": "held, or past with attendance not recorded"],
                "visitsScheduled": ["type": "integer", "description": "still on the calendar"],
                "visitsRemaining": ["type": "integer", "description": "negative when more are booked than allowed"],
            ],
            required: [
                "id", "number", "visits", "startsOn", "endsOn", "visitsUsed", "visitsScheduled", "visitsRemaining",
            ])
    }

    /// A policy and its authorizations.
    static var policies: [String: Any] {
        let reference: [String: Any] = [
            "type": "string", "maxLength": 50, "description": "letters, digits and hyphens as the card prints them",
        ]
        return [
            "PolicyInput": S.object([
                "payerId": S.uuid, "rank": S.enumeration(PayerRank.allCases.map(\.word)), "memberId": reference,
                "groupNumber": S.nullable(reference), "effectiveFrom": S.date,
                "effectiveTo": S.nullable(S.date),
                "relationship": S.enumeration(SubscriberRelationship.allCases.map(\.word)),
                "subscriber": S.nullable(subscriberInput), "copay": S.nullable(S.money),
                "coinsurancePercent": S.nullable(S.integer(0...100)), "deductibleRemaining": S.nullable(S.money),
            ]),
            "SelfPayInput": S.object(["selfPay": S.boolean], required: ["selfPay"]),
            "PolicyPreviewInput": S.object([
                "policyId": S.uuid, "policy": OpenAPIDocument.ref("PolicyInput"),
                "remove": ["type": "boolean", "description": "with policyId: preview removing it"],
            ]),
            "CoverageChangeReport": S.object(
                [
                    "changeId": S.uuid, "applied": S.boolean,
                    "rerouted": S.array(
                        S.object(
                            [
                                "sessionId": S.uuid, "start": S.instant,
                                "before": OpenAPIDocument.ref("SessionBilling"),
                                "after": OpenAPIDocument.ref("SessionBilling"),
                            ], required: ["sessionId", "start", "before", "after"])),
                    "billedDiffering": S.array(BillingSchemas.billedDifference),
                    "claimedDiffering": S.array(BillingSchemas.claimDifference),
                ], required: ["applied", "rerouted", "billedDiffering", "claimedDiffering"]),
            "SessionBilling": S.object(
                [
                    "to": S.enumeration(["insurance", "client"]),
                    "reason": S.enumeration(SelfPayReason.allCases.map(\.rawValue)), "policyId": S.uuid,
                    "payerId": S.uuid, "payerName": S.string, "allowed": S.money,
                    "contracted": ["type": "boolean", "description": "the allowed amount is the payer's contracted rate"],
                    "clientShare": S.money,
                ], required: ["to"]),
            "AuthorizationInput": S.object([
                "number": reference, "visits": S.integer(1...999), "startsOn": S.date, "endsOn": S.date,
            ]),
            "Policy": S.object(
                [
                    "id": S.uuid, "clientId": S.uuid, "payerId": S.uuid, "payerName": S.string,
                    "rank": S.enumeration(PayerRank.allCases.map(\.word)), "memberId": S.string,
                    "groupNumber": S.string, "effectiveFrom": S.date, "effectiveTo": S.date,
                    "inForce": ["type": "boolean", "description": "whether it covers today"],
                    "relationship": S.enumeration(SubscriberRelationship.allCases.map(\.word)),
                    "subscriber": S.object(
                        [
                            "firstName": S.string, "lastName": S.string, "dateOfBirth": S.date,
                            "sex": S.enumeration(Sex.allCases.map(\.rawValue)), "address": address,
                        ], required: ["firstName", "lastName"]),
                    "copay": S.money, "coinsurancePercent": S.integer(0...100), "deductibleRemaining": S.money,
                    "authorizations": S.array(authorization),
                    "changeId": [
                        "type": "string", "format": "uuid",
                        "description": "on the answer to a change: undo it with POST /billing-changes/{id}/undo",
                    ],
                ],
                required: [
                    "id", "clientId", "payerId", "payerName", "rank", "memberId", "effectiveFrom", "inForce",
                    "relationship", "authorizations",
                ]),
        ]
    }

    static var all: [String: Any] {
        policies.merging(identifiers) { first, _ in first }
    }

    private static var identifiers: [String: Any] {
        [
            "DiagnosesInput": S.object(
                [
                    "codes": [
                        "type": "array", "maxItems": 12, "items": S.string,
                        "description": "ICD-10-CM codes, principal first; [] without effectiveFrom removes them all",
                    ],
                    "effectiveFrom": S.date,
                ], required: ["codes"]),
            "Diagnosis": diagnosis,
            "ClientDiagnoses": S.object(
                [
                    "clientId": S.uuid, "current": S.array(diagnosis),
                    "history": S.array(
                        S.object(["effectiveFrom": S.date, "codes": S.array(diagnosis)], required: ["codes"])),
                ], required: ["clientId", "current", "history"]),
            "PayerInput": S.object([
                "name": S.string, "payerId": ["type": "string", "description": "as the clearinghouse lists it"],
                "filingIndicator": filingIndicator, "address": S.nullable(addressInput),
                "telehealthModifier": S.boolean, "active": S.boolean,
            ]),
            "PayerRateInput": S.object(
                ["serviceId": S.uuid, "amount": S.money, "effectiveFrom": S.date], required: ["serviceId", "amount"]),
            "Payer": S.object(
                [
                    "id": S.uuid, "name": S.string, "payerId": S.string, "filingIndicator": filingIndicator,
                    "address": address, "telehealthModifier": S.boolean, "active": S.boolean,
                    "rates": S.array(payerRate), "currentRates": S.array(payerRate),
                    "changeId": ["type": "string", "format": "uuid", "description": "after a rate change: to undo it"],
                ],
                required: [
                    "id", "name", "payerId", "filingIndicator", "telehealthModifier", "active", "rates", "currentRates",
                ]),
            "BillingProviderInput": S.object(
                [
                    "entity": S.enumeration(["organization", "person"]), "organizationName": S.string,
                    "lastName": S.string, "firstName": S.string,
                    "npi": ["type": "string", "description": "10 digits with a valid check digit"],
                    "taxId": [
                        "type": "string",
                        "description": "9 digits: 12-3456789 or 123-45-6789; left out once set, the stored one is kept",
                    ],
                    "taxIdKind": S.enumeration(["ein", "ssn"]),
                    "taxonomy": ["type": "string", "description": "NUCC taxonomy code such as 101YP2500X"],
                    "address": addressInput, "payToAddress": addressInput,
                    "placeOfService": ["type": "string", "description": "two digits: 11 office, 02 or 10 telehealth"],
                    "phone": ["type": "string", "description": "10 digits, such as (217) 555-0100; superbills carry it"],
                ], required: ["entity", "npi", "taxIdKind", "taxonomy", "address"]),
            "BillingProvider": S.object(
                [
                    "entity": S.enumeration(["organization", "person"]), "organizationName": S.string,
                    "lastName": S.string, "firstName": S.string, "npi": S.string, "taxIdEnding": S.string,
                    "taxIdKind": S.enumeration(["ein", "ssn"]), "taxonomy": S.string, "address": address,
                    "payToAddress": address, "placeOfService": S.string, "phone": S.string,
                ], required: ["entity", "npi", "taxIdEnding", "taxIdKind", "taxonomy", "address", "placeOfService"]),
        ]
    }
}
