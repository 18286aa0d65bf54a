import Foundation

/// Clients as a list to choose from: "Last, First", and for two or more clients of one name what
/// tells them apart — the date of birth, else the email, else the phone, else the first letters of
/// their record's id — so the wrong Avery Nguyen is not booked.
enum ClientChoices {
    static func options(_ clients: [ClientDetails], formatter: DisplayFormat = DisplayFormat()) -> [(String, String)] {
        func name(_ client: ClientDetails) -> String { "\(client.lastName), \(client.firstName)" }
        var counts: [String: Int] = [:]
        for client in clients { counts[name(client).lowercased(), default: 0] += 1 }
        return clients.map { client in
            let plain = name(client)
            guard counts[plain.lowercased(), default: 0] > 1 else { return (client.id.uuidString, plain) }
            let detail =
                client.dateOfBirth.map { "born \(formatter.date($0))" } ?? client.email ?? client.phone
                ?? "record \(client.id.uuidString.prefix(6))"
            return (client.id.uuidString, "\(plain) · \(detail)")
        }
    }
}
