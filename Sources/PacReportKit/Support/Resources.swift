// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
import Foundation

/// Finds the `Templates/` and `Fonts/` folders that ship with pacreport,
/// from any working directory, in this order:
/// 1. `PACREPORT_HOME` (a folder holding `Templates/` and `Fonts/`),
/// 2. `../share/pacreport` beside the installed binary,
/// 3. the source checkout the binary was built in (run from `.build`).
public enum Resources {
    public struct NotFound: Error, CustomStringConvertible {
        public var what: String
        public var looked: [String]
        /// Templates that do exist, for the message.
        public var known: [String]? = nil
        public var description: String {
            if let known {
                return "error: cannot find \(what); looked in: \(looked.joined(separator: ", ")); templates here: \(known.joined(separator: ", "))"
            }
            return "error: cannot find \(what); looked in: \(looked.joined(separator: ", ")) (set PACREPORT_HOME to the folder that holds Templates/ and Fonts/)"
        }
    }

    static func candidates() -> [URL] {
        var list: [URL] = []
        if let home = ProcessInfo.processInfo.environment["PACREPORT_HOME"], !home.isEmpty {
            list.append(URL(fileURLWithPath: home))
        }
        let executable = executableURL()
        let binFolder = executable.deletingLastPathComponent()
        list.append(binFolder.deletingLastPathComponent().appendingPathComponent("share/pacreport"))
        // A source checkout: .build/<config>/pacreport, or a test bundle inside .build.
        var folder = binFolder
        for _ in 0..<6 {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                list.append(folder)
                break
            }
            folder.deleteLastPathComponent()
        }
        return list
    }

    /// The running program's file, links resolved: `/proc/self/exe` on
    /// Linux (argv[0] is only a name when the program is found on PATH).
    static func executableURL() -> URL {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        if let path = Bundle.main.executablePath { return URL(fileURLWithPath: path).resolvingSymlinksInPath() }
        return URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
    }

    /// The folder `name` (e.g. `Templates`) of the first candidate that has it.
    public static func folder(_ name: String) throws -> URL {
        let places = candidates().map { $0.appendingPathComponent(name) }
        for place in places {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: place.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return place.standardizedFileURL
            }
        }
        throw NotFound(what: name + "/", looked: places.map(\.standardizedFileURL.path))
    }

    /// A template by name (`contract-summary`) or folder path.
    public static func template(_ nameOrPath: String?) throws -> URL {
        let value = nameOrPath ?? ReportTemplate.defaultName
        if value.contains("/") || value.hasPrefix(".") {
            return URL(fileURLWithPath: value)
        }
        let local = URL(fileURLWithPath: value)
        if FileManager.default.fileExists(atPath: local.appendingPathComponent("template.yaml").path) { return local }
        let templates = try folder("Templates")
        let named = templates.appendingPathComponent(value)
        guard FileManager.default.fileExists(atPath: named.appendingPathComponent("template.yaml").path) else {
            let known = ((try? FileManager.default.contentsOfDirectory(atPath: templates.path)) ?? [])
                .filter { FileManager.default.fileExists(atPath: templates.appendingPathComponent("\($0)/template.yaml").path) }.sorted()
            throw NotFound(what: "the template '\(value)' (a folder with template.yaml)",
                           looked: [local.path, named.path], known: known)
        }
        return named
    }
}
