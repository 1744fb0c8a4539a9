// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing

/// The stages' arrows (docs/architecture.md), checked on the sources: each
/// target imports only the stages before it, no writer sees the dataset
/// or the aggregates, and the C libraries stay in the targets that wrap
/// them. (`swift build --explicit-target-dependency-import-check error`,
/// which scripts/test runs, holds the imports to Package.swift's lists.)
@Suite struct ArchitectureTests {
    static let stages: [String: Set<String>] = [
        "PacBase": [],
        "PacDataset": ["PacBase", "CLibXML2", "CZlibCRC", "Yams", "ZIPFoundation", "_FoundationICU"],
        "PacAggregates": ["PacBase", "PacDataset"],
        "PacDocument": ["PacBase", "PacDataset", "PacAggregates", "Yams", "Mustache", "_FoundationICU"],
        "PacOutput": ["PacBase", "CLibXML2", "ZIPFoundation"],
        "PacLayout": ["PacBase", "PacDocument", "CPangoCairo"],
        "PacPDF": ["PacBase", "PacDocument", "PacLayout", "PacOutput", "CPangoCairo", "CZlibCRC"],
        "PacODT": ["PacBase", "PacDocument", "PacLayout", "PacOutput"],
        "PacCSV": ["PacBase", "PacDocument", "PacOutput"],
        "PacWorkbook": ["PacBase", "PacDocument", "PacOutput"],
        "PacReportKit": ["PacBase", "PacDataset", "PacAggregates", "PacDocument", "PacLayout", "PacOutput", "PacPDF",
                         "PacODT", "PacCSV", "PacWorkbook"],
        "pacreport": ["PacReportKit", "ArgumentParser"],
    ]
    static let system: Set<String> = ["Foundation", "Dispatch", "Glibc", "FoundationEssentials"]

    @Test func everyStageImportsOnlyWhatComesBeforeIt() throws {
        let sources = TestSupport.repository.appendingPathComponent("Sources")
        var seen = Set<String>()
        for target in try FileManager.default.contentsOfDirectory(atPath: sources.path).sorted() where !target.hasPrefix("C") {
            let allowed = try #require(Self.stages[target], "\(target) is not in the architecture's list of stages")
            seen.insert(target)
            let folder = sources.appendingPathComponent(target)
            let files = FileManager.default.enumerator(atPath: folder.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
            #expect(!files.isEmpty)
            for file in files {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                for line in text.split(separator: "\n") {
                    let words = line.split(separator: " ")
                    // `import X`, `@_exported import X`, `public import X`, `package import X` ...
                    let modifiers: Set<Substring> = ["public", "package", "internal", "fileprivate", "private"]
                    guard let at = words.firstIndex(of: "import"),
                          words[..<at].allSatisfy({ $0.hasPrefix("@") || modifiers.contains($0) }),
                          at + 1 < words.count else { continue }
                    let module = String(words[at + 1])
                    #expect(allowed.contains(module) || Self.system.contains(module), "\(target)/\(file) imports \(module)")
                }
            }
        }
        #expect(seen == Set(Self.stages.keys))
    }
}
