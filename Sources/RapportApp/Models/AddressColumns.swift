import RapportCore

/// A row that keeps a postal address in five columns (all set, or none).
protocol AddressColumns: AnyObject {
    var addressLine1: String? { get set }
    var addressLine2: String? { get set }
    var addressCity: String? { get set }
    var addressState: String? { get set }
    var addressZIP: ZIPCode? { get set }
}

extension AddressColumns {
    var address: PostalAddress? {
        get {
            guard let line1 = addressLine1, let city = addressCity, let state = addressState, let zip = addressZIP
            else { return nil }
            return PostalAddress(line1: line1, line2: addressLine2, city: city, state: state, zip: zip)
        }
        set {
            (addressLine1, addressLine2, addressCity, addressState, addressZIP) =
                (newValue?.line1, newValue?.line2, newValue?.city, newValue?.state, newValue?.zip)
        }
    }
}

extension Client: AddressColumns {}
extension Payer: AddressColumns {}
