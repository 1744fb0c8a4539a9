// swift-tools-version:6.0
// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PackageDescription

let package = Package(
    name: "pacreport",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "pacreport", targets: ["pacreport"]),
        .library(name: "PacReportKit", targets: ["PacReportKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // C libraries enter through one small system-library target each.
        .systemLibrary(
            name: "CPangoCairo",
            pkgConfig: "pangocairo",
            providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CZlibCRC",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Every stage: Dataset -> Aggregates -> ReportDocument -> writers.
        .target(
            name: "PacReportKit",
            dependencies: [
                "CPangoCairo",
                "CLibXML2",
                "CZlibCRC",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            // ICU as the toolchain's Foundation carries it (alpha-3 country codes).
            linkerSettings: [.linkedLibrary("_FoundationICU")]
        ),
        // The command line: argument parsing and exit codes, nothing else.
        .executableTarget(
            name: "pacreport",
            dependencies: [
                "PacReportKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "PacReportKitTests",
            dependencies: [
                "PacReportKit", "pacreport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            exclude: ["Fixtures"]
        ),
    ]
)
