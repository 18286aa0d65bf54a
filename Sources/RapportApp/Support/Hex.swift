import Crypto
import Foundation

/// Lower-case hexadecimal text of bytes (hashes of tokens and audit events), without a format
/// string per byte.
func hexString(_ bytes: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(64)
    for byte in bytes {
        text.append(digits[Int(byte >> 4)])
        text.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: text, as: UTF8.self)
}

/// The SHA-256 of a text's UTF-8, as lower-case hex.
func sha256Hex(_ text: String) -> String { hexString(SHA256.hash(data: Data(text.utf8))) }
