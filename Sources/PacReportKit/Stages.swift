// SPDX-FileCopyrightText: 2026 the pacreport developers
// SPDX-License-Identifier: Apache-2.0
// `import PacReportKit` brings every stage's public types, as one library
// (docs/architecture.md draws the stages).
@_exported import PacAggregates
@_exported import PacBase
@_exported import PacCSV
@_exported import PacDataset
@_exported import PacDocument
@_exported import PacLayout
@_exported import PacODT
@_exported import PacOutput
@_exported import PacPDF
@_exported import PacWorkbook
