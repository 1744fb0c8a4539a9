/// Runs one arbitrary input through the loaders, the aggregation and the
/// CSV exports: the body of the libFuzzer target (Fuzz/) and of the
/// regression tests for what it ever found (Fixtures/crashes).
///
/// The first byte chooses which file of a small valid dataset the rest
/// replaces; with 0x1E (record separator) bytes the input holds several
/// files at once (report.yaml, activities, participation, plan).
public enum LoaderExercise {
    static let seed: [[UInt8]] = [
        Array("year: 2020\ncontract: {id: C, title: T, parties: [a]}\ncentres:\n  - {id: a, name: A, country: KZ}\n".utf8),
        Array("id,date,centres,kind,format,title,hours,plan_item\nA1,2020-01-02,a,meeting,online,\"x, y\",1.5,P1\n".utf8),
        Array("activity,country,participants\nA1,KZ,3\nA1,RU,\n".utf8),
        Array("id,year,centres,kind,title\nP1,2020,a,meeting,t\nN1,2021,a,seminar,u\n".utf8),
    ]

    /// Returns the load result, for tests.
    @discardableResult
    public static func run(_ bytes: [UInt8]) -> LoadResult? {
        guard let selector = bytes.first else { return nil }
        let body = Array(bytes.dropFirst())
        _ = CSVReader(bytes: body)
        var files = seed
        let parts = body.split(separator: 0x1E, maxSplits: 3, omittingEmptySubsequences: false).map(Array.init)
        if parts.count > 1 {
            for (i, part) in parts.enumerated() { files[i] = part }
        } else {
            files[Int(selector) % 4] = body
        }
        let result = DatasetLoader.load(reportYAML: files[0], activitiesCSV: files[1], participationCSV: files[2], planCSV: files[3])
        if let dataset = result.dataset {
            let aggregates = Aggregates(dataset)
            for table in ExportTable.allCases { _ = CSVExporter().export(table, of: aggregates) }
        }
        return result
    }
}
