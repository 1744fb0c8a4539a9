import PacReportKit

/// One input, split into the dataset's files: the first byte chooses which
/// file the rest is (so the fuzzer explores each reader), and with a 0x1E
/// (record separator) byte the input holds several files at once.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let selector = bytes.first else { return 0 }
    let body = Array(bytes.dropFirst())
    // The CSV reader alone, on every input.
    _ = CSVReader(bytes: body)
    let parts = body.split(separator: 0x1E, maxSplits: 3, omittingEmptySubsequences: false).map(Array.init)
    let valid = FuzzSeed.files
    var files = [valid.yaml, valid.activities, valid.participation, valid.plan]
    if parts.count > 1 {
        for (i, part) in parts.enumerated() { files[i] = part }
    } else {
        files[Int(selector) % 4] = body
    }
    let result = DatasetLoader.load(reportYAML: files[0], activitiesCSV: files[1], participationCSV: files[2], planCSV: files[3])
    if let dataset = result.dataset {
        _ = Aggregates(dataset)
        for table in ExportTable.allCases { _ = CSVExporter().export(table, of: Aggregates(dataset)) }
    }
    return 0
}

/// A small valid dataset that inputs are laid over.
enum FuzzSeed {
    static let files = (
        yaml: Array("year: 2020\ncontract: {id: C, title: T, parties: [a]}\ncentres:\n  - {id: a, name: A, country: KZ}\n".utf8),
        activities: Array("id,date,centres,kind,format,title,hours,plan_item\nA1,2020-01-02,a,meeting,online,\"x, y\",1.5,P1\n".utf8),
        participation: Array("activity,country,participants\nA1,KZ,3\nA1,RU,\n".utf8),
        plan: Array("id,year,centres,kind,title\nP1,2020,a,meeting,t\nN1,2021,a,seminar,u\n".utf8)
    )
}
