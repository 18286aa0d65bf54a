/// The columns a client list may have, and the names other products' exports give them.
public enum ClientImportField: String, ImportField {
    case externalID, firstName, lastName, fullName, dateOfBirth, sex, email, phone, addressLine1, addressLine2
    case city, state, zip, status, clinician, defaultService, fee

    /// The names (in ``ImportColumns/key(_:)`` form) that mean this column.
    public static let names: [ClientImportField: [String]] = [
        .externalID: [
            "externalid", "clientid", "id", "clientnumber", "chartnumber", "recordnumber", "patientid", "accountnumber",
            "mrn",
        ],
        .firstName: ["firstname", "first", "givenname", "clientfirstname", "patientfirstname", "legalfirstname"],
        .lastName: ["lastname", "last", "surname", "familyname", "clientlastname", "patientlastname", "legallastname"],
        .fullName: ["name", "clientname", "fullname", "patientname", "client"],
        .dateOfBirth: ["dateofbirth", "dob", "birthdate", "birthday", "clientdob", "dateofbirthmmddyyyy"],
        .sex: ["sex", "gender", "sexassignedatbirth", "legalsex"],
        .email: ["email", "emailaddress", "clientemail", "primaryemail"],
        .phone: ["phone", "phonenumber", "mobile", "mobilephone", "cellphone", "cell", "homephone", "primaryphone"],
        .addressLine1: ["address", "address1", "addressline1", "street", "streetaddress", "street1"],
        .addressLine2: ["address2", "addressline2", "street2", "apt", "suite", "unit"],
        .city: ["city", "town"],
        .state: ["state", "province", "region", "stateprovince"],
        .zip: ["zip", "zipcode", "postalcode", "postcode", "zippostalcode"],
        .status: ["status", "clientstatus", "active"],
        .clinician: ["clinician", "primaryclinician", "therapist", "provider", "counselor", "assignedclinician"],
        .defaultService: [
            "defaultservice", "servicecode", "cptcode", "cpt", "defaultcptcode", "service", "defaultservicecode",
        ],
        .fee: ["fee", "customfee", "rate", "sessionfee", "sessionrate"],
    ]

    /// How the column is named in Rapport's own export and in messages.
    public var title: String {
        switch self {
        case .externalID: "external_id"
        case .firstName: "first_name"
        case .lastName: "last_name"
        case .fullName: "name"
        case .dateOfBirth: "date_of_birth"
        case .sex: "sex"
        case .email: "email"
        case .phone: "phone"
        case .addressLine1: "address_line1"
        case .addressLine2: "address_line2"
        case .city: "city"
        case .state: "state"
        case .zip: "zip"
        case .status: "status"
        case .clinician: "primary_clinician"
        case .defaultService: "default_service"
        case .fee: "fee"
        }
    }

    /// A person's name from one column: `Nguyen, Avery` or `Avery Nguyen`.
    public static func split(fullName: String) -> (first: String, last: String)? {
        let name = fullName.trimmingCharacters(in: .whitespaces)
        if let comma = name.firstIndex(of: ",") {
            let last = name[..<comma].trimmingCharacters(in: .whitespaces)
            let first = name[name.index(after: comma)...].trimmingCharacters(in: .whitespaces)
            return first.isEmpty || last.isEmpty ? nil : (first, last)
        }
        let words = name.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count >= 2 else { return nil }
        return (words.dropLast().joined(separator: " "), String(words[words.count - 1]))
    }

    /// `yes`/`no` and the other ways a spreadsheet writes them; nil for anything else.
    public static func yesOrNo(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "yes", "y", "true", "1", "x": true
        case "no", "n", "false", "0": false
        default: nil
        }
    }
}
