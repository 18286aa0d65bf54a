// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Rapport",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "rapport", targets: ["rapport"]),
        .library(name: "RapportCore", targets: ["RapportCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        // Already Vapor's; named because Support/Hex.swift imports Crypto for SHA-256.
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0"..<"5.0.0"),
        // `/metrics` in Prometheus's text format.
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // Reading imported CSV files (quoted fields, line breaks in fields, byte-order marks).
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
    ],
    targets: [
        // Pure domain: money, dates, recurrence, pricing. No Vapor, no Fluent.
        .target(name: "RapportCore"),
        // The server: models, migrations, use cases, controllers.
        .target(
            name: "RapportApp",
            dependencies: [
                "RapportCore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            // The common-password list and its licence, read by PasswordPolicy.
            resources: [.copy("Resources/common-passwords.txt"), .copy("Resources/common-passwords-LICENSE.txt")]
        ),
        // The executable: boots RapportApp.
        .executableTarget(name: "rapport", dependencies: ["RapportApp"]),
        .testTarget(name: "RapportCoreTests", dependencies: ["RapportCore"]),
        .testTarget(
            name: "RapportAppTests",
            dependencies: [
                "RapportApp",
                .product(name: "VaporTesting", package: "vapor"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
