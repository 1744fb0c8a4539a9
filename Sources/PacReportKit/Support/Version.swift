/// The program's version, written into PDF and ODT metadata.
public enum PacReportVersion {
    public static let current = "0.1.0"
}
