// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
/// The program's version, written into PDF and ODT metadata.
public enum PacReportVersion {
    public static let current = "0.1.0"
}
