// swift-tools-version:6.0
// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
// libFuzzer targets for pacreport's loaders, kept apart from the main
// package because they only link with -sanitize=fuzzer. See Fuzz/README.md.
import PackageDescription

let package = Package(
    name: "pacreport-fuzz",
    dependencies: [.package(name: "pacreport", path: "..")],
    targets: [
        .executableTarget(
            name: "PacReportFuzz",
            dependencies: [.product(name: "PacReportKit", package: "pacreport")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)
