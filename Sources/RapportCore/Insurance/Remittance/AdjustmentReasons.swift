/// What the common claim adjustment reason codes (CARC) and remittance advice remark codes (RARC)
/// mean, in words a biller reads on a remittance. The code lists are X12's and CMS's, published at
/// x12.org/codes; these descriptions are short paraphrases of the public ones for the codes a
/// therapy practice meets, not the lists themselves. A code not here is shown as its code with
/// where to read it.
public enum AdjustmentReasons {
    /// The reason in words: "Co-payment amount", or "reason code 288 (see x12.org/codes)".
    public static func words(_ code: String) -> String {
        reasons[code] ?? "reason code \(code) (see the claim adjustment reason codes at x12.org/codes)"
    }

    /// The remark in words, or the code with where to read it.
    public static func remark(_ code: String) -> String {
        remarks[code] ?? "remark \(code) (see the remittance advice remark codes at x12.org/codes)"
    }

    /// "CO-45: Charge exceeds the fee schedule or maximum allowed amount".
    public static func describe(_ adjustment: Adjustment) -> String {
        "\(adjustment.group.rawValue)-\(adjustment.reason): \(words(adjustment.reason))"
    }

    public static let reasons: [String: String] = [
        "1": "Deductible amount",
        "2": "Coinsurance amount",
        "3": "Co-payment amount",
        "4": "The procedure code does not agree with the modifier, or a modifier is missing",
        "5": "The procedure code does not agree with the place of service",
        "6": "The procedure code does not agree with the patient's age",
        "11": "The diagnosis does not agree with the procedure",
        "16": "The claim or service lacks information or has errors needed to adjudicate it",
        "18": "Exact duplicate of a claim or service already processed",
        "19": "Work-related: the workers' compensation carrier is liable",
        "22": "The care may be covered by another payer (coordination of benefits)",
        "23": "The impact of an earlier payer's adjudication, including payments and adjustments",
        "24": "Charges are covered under a capitation agreement or managed care plan",
        "26": "Expenses incurred before coverage began",
        "27": "Expenses incurred after coverage ended",
        "29": "The time limit for filing has expired",
        "31": "The patient cannot be identified as this payer's insured",
        "32": "Our records show the patient is not an eligible dependent",
        "45": "Charge exceeds the fee schedule or maximum allowed amount",
        "49": "A routine or preventive service not covered by the plan",
        "50": "Not covered: the payer does not deem the service medically necessary",
        "55": "The procedure or treatment is deemed experimental or investigational by the payer",
        "59": "Processed under the multiple or concurrent procedure rules",
        "96": "Non-covered charge",
        "97": "The benefit for this service is included in the payment for another service",
        "109": "Not covered by this payer: send the claim to the correct payer",
        "119": "The benefit maximum for this period has been reached",
        "129": "Prior processing information appears incorrect",
        "140": "The patient or insured's health plan number and name do not match",
        "146": "The diagnosis was invalid for the date of service",
        "151": "The information submitted does not support this many services or this frequency",
        "167": "The diagnosis is not covered",
        "170": "Payment is denied when performed or billed by this type of provider",
        "185": "The rendering provider is not eligible to perform the service billed",
        "197": "Precertification, authorization or notification was absent",
        "198": "Precertification, authorization or notification was exceeded",
        "204": "The service is not covered under the patient's current benefit plan",
        "226": "Information requested from the provider was not provided, or was insufficient",
        "227": "Information requested from the patient or insured was not provided, or was insufficient",
        "242": "Services were not provided by network or primary care providers",
        "253": "Sequestration: a reduction of federal payment",
        "A1": "Claim or service denied",
        "B7": "The provider was not certified or eligible to be paid for this procedure on this date",
        "B11": "Transferred to the proper payer for processing",
    ]

    public static let remarks: [String: String] = [
        "M15": "Separately billed services or tests were bundled, as they are considered part of another service",
        "M76": "The patient's diagnosis is missing, incomplete or invalid",
        "MA01": "If you do not agree with what was approved, you may appeal",
        "MA130": "The claim has incomplete or invalid information, and no appeal rights apply: correct it and submit a new claim",
        "N130": "Consult plan benefit documents or guidelines for what is covered",
        "N362": "The number of days or units exceeds what is acceptable",
        "N381": "Consult the contract or agreement for the restrictions or billing and payment information",
        "N432": "Adjusted based on the provider's network contract",
        "N522": "Duplicate of a claim processed, or to be processed, as a crossover claim",
    ]
}
