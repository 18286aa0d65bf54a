/// Good Faith Estimates in the OpenAPI document: the operations and their schemas.
enum EstimateOpenAPI {
    typealias Op = OpenAPIDocument.Operation
    typealias S = OpenAPISchemas

    static let operations: [Op] = [
        Op(
            method: "post", path: "/clients/{id}/good-faith-estimates",
            summary:
                "Give the client a Good Faith Estimate of the sessions booked for them that bill them, at today's fees, for periodMonths (1–12, default 12) from start (default today); the one it replaces is kept as an earlier version",
            body: "GoodFaithEstimateInput", response: (201, "GoodFaithEstimate")),
        Op(
            method: "get", path: "/clients/{id}/good-faith-estimates",
            summary: "Every version of the client's estimates, newest first; the current one with what no longer matches",
            response: (200, "[GoodFaithEstimate]")),
        Op(
            method: "get", path: "/good-faith-estimates/{id}", summary: "One estimate as given",
            response: (200, "GoodFaithEstimate")),
        Op(
            method: "get", path: "/good-faith-estimates/due",
            summary:
                "Clients who pay for themselves with sessions booked whose estimate is missing, too short or out of date, with the day it is due by",
            response: (200, "[GoodFaithEstimateDue]")),
    ]

    static var item: [String: Any] {
        S.object([
            "serviceCode": S.string, "description": S.string, "diagnosisCodes": S.array(S.string),
            "frequency": S.string, "sessions": S.integer, "charge": S.money, "total": S.money,
        ])
    }

    static var provider: [String: Any] {
        S.object([
            "id": S.string, "name": S.string, "npi": S.string, "taxID": S.string, "location": InsuranceSchemas.address,
            "items": S.array(item), "total": S.money,
        ])
    }

    static var schemas: [String: Any] {
        [
            "GoodFaithEstimateInput": S.object([
                "periodMonths": ["type": "integer", "minimum": 1, "maximum": 12], "start": S.date,
                "requested": S.boolean,
            ]),
            "GoodFaithEstimate": S.object([
                "id": S.uuid, "clientId": S.uuid, "version": S.integer, "current": S.boolean, "issuedOn": S.date,
                "requested": S.boolean, "createdBy": S.string,
                "estimate": S.object([
                    "clientName": S.string, "clientDateOfBirth": S.date, "primaryService": S.string,
                    "primaryServiceDate": S.date, "periodStart": S.date, "periodEnd": S.date,
                    "providers": S.array(provider), "total": S.money,
                ]),
                "changes": S.array(S.string), "revisionDue": S.date, "disclaimers": S.array(S.string),
                "charges": S.array(
                    S.object([
                        "provider": S.string, "estimated": S.money, "charged": S.money, "disputable": S.boolean,
                    ])),
            ]),
            "GoodFaithEstimateDue": S.object([
                "kind": S.enumeration(["missing", "tooShort", "changed", "overEstimate"]), "clientId": S.uuid, "clientName": S.string, "reason": S.string, "nextSession": S.date,
                "dueOn": S.date, "late": S.boolean, "estimateId": S.uuid,
            ]),
        ]
    }
}
