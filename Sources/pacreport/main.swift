import PacReportKit
print("stub")
