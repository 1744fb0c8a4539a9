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

        package init(what: String, looked: [String], known: [String]? = nil) {
            self.what = what; self.looked = looked; self.known = known
        }

        public var description: String {
            if let known {
                return "error: cannot find \(what); looked in: \(looked.joined(separator: ", ")); templates here: \(known.joined(separator: ", "))"
            }
            return "error: cannot find \(what); looked in: \(looked.joined(separator: ", ")) (set PACREPORT_HOME to the folder that holds Templates/ and Fonts/)"
        }
    }

    package static func candidates() -> [URL] {
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
    package static func executableURL() -> URL {
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
}
