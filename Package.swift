// swift-tools-version:6.2
// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import PackageDescription

/// The release build leaves out the run-time checks of exclusive access
/// (the debug build, which the tests run, keeps them): in the loader, the
/// aggregates and the table writers, where each read of a class's array
/// was checked, they took 5-6 % of the time of a large dataset
/// (Benchmarks/README.md, "Second step"). Tools version 6.2: a package of
/// unsafe flags may still be a dependency of another.
let unchecked: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

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
        // The stages, one target each, so that the compiler holds the arrows
        // (docs/architecture.md): files -> dataset -> aggregates -> document
        // -> layout -> writers -> commands -> the executable. A writer sees
        // the document and its style sheet, never the dataset.
        .target(name: "PacBase", swiftSettings: unchecked),
        .target(
            name: "PacDataset",
            dependencies: [
                "PacBase", "CLibXML2", "CZlibCRC",
                .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: unchecked,
            // ICU as the toolchain's Foundation carries it (country names and codes).
            linkerSettings: [.linkedLibrary("_FoundationICU")]
        ),
        .target(name: "PacAggregates", dependencies: ["PacBase", "PacDataset"], swiftSettings: unchecked),
        .target(
            name: "PacDocument",
            dependencies: [
                "PacBase", "PacDataset", "PacAggregates",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: unchecked,
            // ICU as the toolchain's Foundation carries it: CLDR's plurals, numbers, dates and lists.
            linkerSettings: [.linkedLibrary("_FoundationICU")]
        ),
        // Output plumbing under every writer: staged files, cancellation, XML.
        .target(name: "PacOutput", dependencies: ["PacBase", "CLibXML2", .product(name: "ZIPFoundation", package: "ZIPFoundation")], swiftSettings: unchecked),
        // Measures, splits and places: Pango shapes the text.
        .target(name: "PacLayout", dependencies: ["PacBase", "PacDocument", "CPangoCairo"]),
        // The writers.
        .target(name: "PacPDF", dependencies: ["PacBase", "PacDocument", "PacLayout", "PacOutput", "CPangoCairo", "CZlibCRC"]),
        .target(
            name: "PacODT",
            dependencies: ["PacBase", "PacDocument", "PacLayout", "PacOutput"]
        ),
        .target(name: "PacCSV", dependencies: ["PacBase", "PacDocument", "PacOutput"], swiftSettings: unchecked),
        // Workbooks out: xlsx and ods.
        .target(name: "PacWorkbook", dependencies: ["PacBase", "PacDocument", "PacOutput"], swiftSettings: unchecked),
        // The commands (check, render, export, init ...), and the library's
        // front door: `import PacReportKit` brings every stage.
        .target(
            name: "PacReportKit",
            dependencies: ["PacBase", "PacDataset", "PacAggregates", "PacDocument", "PacLayout", "PacPDF", "PacODT",
                           "PacCSV", "PacWorkbook", "PacOutput"]
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
                "PacReportKit", "pacreport", "PacAggregates", "PacBase", "PacCSV", "PacDataset", "PacDocument",
                "PacLayout", "PacODT", "PacOutput", "PacPDF", "PacWorkbook",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"), .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["Fixtures"]
        ),
    ]
)
