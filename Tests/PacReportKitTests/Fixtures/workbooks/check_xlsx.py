"""Reads an xlsx workbook with openpyxl (as Excel's own files are read) and
compares every sheet with the CSV export of the same table: the same values,
each with the cell type its column should have. Prints one line per
difference; exit status 1 when there is any.

usage: check_xlsx.py WORKBOOK CSV-FOLDER EXPECTED.json

EXPECTED.json: {"sheets": [{"name", "table", "headers"}], "labels": {group: {name: label}}}
"""
import csv, json, sys, datetime, openpyxl
from openpyxl.utils import get_column_letter

# Column types: d date, b boolean, n number; everything else is text ('s').
NUMBERS = {"participants", "activities", "organized", "participated", "online", "onsite", "hybrid", "hours",
           "year", "planned_in", "due_year", "partner_institutions", "training_hours"}
TYPES = {"date": "d", "end_date": "d", "participants_complete": "b", "fulfilled": "b"}
# A country count in the centres' tables, a list of codes in the activities.
COUNTED = {("by-centre", "countries"), ("by-year", "countries"), ("by-year-centre", "countries")}
# Columns whose words the workbook shows in the report language.
WORDS = {"kind": "kinds", "format": "formats", "status": "statuses"}

book_path, csv_folder, expected_path = sys.argv[1:4]
expected = json.load(open(expected_path, encoding="utf-8"))
book = openpyxl.load_workbook(book_path)
problems = []
if book.sheetnames != [s["name"] for s in expected["sheets"]]:
    problems.append(f"sheets {book.sheetnames}")
for spec in expected["sheets"]:
    ws = book[spec["name"]]
    table = spec["table"]
    rows = list(csv.reader(open(f"{csv_folder}/{table}.csv", encoding="utf-8", newline="")))
    columns, body = rows[0], rows[1:]
    last = get_column_letter(len(columns))
    if ws.freeze_panes != "A2":
        problems.append(f"{table}: frozen at {ws.freeze_panes}")
    if ws.auto_filter.ref != f"A1:{last}{len(body) + 1}":
        problems.append(f"{table}: auto-filter {ws.auto_filter.ref}")
    if ws.max_row != len(body) + 1:
        problems.append(f"{table}: {ws.max_row} rows, the CSV {len(body) + 1}")
    header = [c.value for c in ws[1]]
    if header != spec["headers"]:
        problems.append(f"{table}: header {header}")
    longest = [len(h) for h in spec["headers"]]
    for r, row in enumerate(body, start=2):
        for i, name in enumerate(columns):
            cell = ws.cell(r, i + 1)
            want = row[i]
            kind = TYPES.get(name) or ("n" if name in NUMBERS or (table, name) in COUNTED else "s")
            role = "participation_roles" if table == "participation" else "roles"
            group = role if name == "role" else WORDS.get(name)
            if group and want:
                want = expected["labels"][group][want]
            value = cell.value
            if value is None:
                got = ""
            elif cell.data_type == "d" or isinstance(value, datetime.datetime):
                got = value.date().isoformat()
            elif cell.data_type == "b":
                got = "true" if value else "false"
            elif cell.data_type == "n":
                got = str(int(value)) if float(value).is_integer() and "." not in want else str(value)
            else:
                got = value
            longest[i] = max([longest[i]] + [len(line) for line in want.split("\n")])
            if got != want:
                problems.append(f"{table} {cell.coordinate} ({name}): {got!r}, the CSV {want!r}")
            elif value is not None and cell.data_type != kind:
                problems.append(f"{table} {cell.coordinate} ({name}): type {cell.data_type}, not {kind}")
            if cell.data_type == "f":
                problems.append(f"{table} {cell.coordinate}: a formula")
    # Each column as wide as its longest text (the header, in bold, with room
    # for the filter button), within 6 to 60 characters.
    for i, name in enumerate(columns):
        width = ws.column_dimensions[get_column_letter(i + 1)].width
        if not (min(longest[i], 60) <= width <= max(longest[i], 6) * 1.15 + 6):
            problems.append(f"{table}.{name}: width {width} for text of {longest[i]} characters")
props = book.properties
for key in ("title", "creator", "language", "created"):
    if not getattr(props, key):
        problems.append(f"document property {key} missing")
print("\n".join(problems))
print(json.dumps({"title": props.title, "language": props.language, "created": props.created.isoformat()}))
sys.exit(1 if problems else 0)
