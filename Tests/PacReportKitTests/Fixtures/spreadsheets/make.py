#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 the pacreport developers
# SPDX-License-Identifier: Apache-2.0
"""Makes the spreadsheet fixtures with LibreOffice Calc itself, from the CSV
fixtures, the way a centre keeps its records:

  NAME/xlsx/       activities.xlsx, participation.xlsx, plan.xlsx (one table each)
  NAME/ods/        the same as .ods
  NAME/workbook-xlsx/pac.xlsx   one workbook, sheets activities, participation, plan
  NAME/workbook-ods/pac.ods     the same as .ods
  NAME/semicolon/  the CSV files as Calc saves them in a Russian locale:
                   ';' between fields, decimal comma, UTF-8
  NAME/utf16/      the CSV files as "Unicode text": UTF-16 with a byte order
                   mark, tab between fields
  hostile/         repeated rows and columns as Calc writes them; an
                   external entity; a zip bomb (made with Python's zipfile)
  broken/          workbooks with mistakes a librarian makes (text dates,
                   country names, a table twice)

NAME is each dataset of SOURCES (report.yaml stays the source's). The tests
check that every form loads clean and exports byte-identically to its CSV
original. Run it again after changing a source fixture:

  apt-get install libreoffice-calc-nogui python3-uno
  /usr/bin/python3 Tests/PacReportKitTests/Fixtures/spreadsheets/make.py
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib

import uno
from com.sun.star.beans import PropertyValue

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.dirname(HERE)
SOURCES = {
    "base": os.path.join(FIXTURES, "base"),
    "multiscript": os.path.join(FIXTURES, "multiscript"),
}
TABLES = ["activities", "participation", "plan"]
# Columns kept as text on import, as a careful user formats them: ids that
# Calc would otherwise read as dates or numbers.
TEXT_COLUMNS = {"id", "activity", "plan_item", "centres", "countries", "year"}


def props(**values):
    result = []
    for name, value in values.items():
        p = PropertyValue()
        p.Name = name
        p.Value = value
        result.append(p)
    return tuple(result)


def url(path):
    return uno.systemPathToFileUrl(os.path.abspath(path))


class Calc:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="pacfix-profile-")
        self.proc = subprocess.Popen([
            "soffice", f"-env:UserInstallation=file://{self.profile}", "--headless", "--invisible",
            "--norestore", "--accept=pipe,name=pacfixtures;urp;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(100):
            try:
                context = resolver.resolve("uno:pipe,name=pacfixtures;urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.2)
        else:
            sys.exit("make.py: LibreOffice did not start")
        self.desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)

    def close(self):
        try:
            self.desktop.terminate()
        except Exception:
            pass
        self.proc.wait(timeout=30)
        shutil.rmtree(self.profile, ignore_errors=True)

    def open_csv(self, path, text_columns=TEXT_COLUMNS):
        with open(path, encoding="utf-8-sig") as f:
            header = f.readline().rstrip("\r\n").split(",")
        formats = "/".join(f"{i + 1}/{2 if h.strip().lower() in text_columns else 1}" for i, h in enumerate(header))
        # 44 = comma, 34 = double quote, 76 = UTF-8, 1 = first line; then column formats.
        options = f"44,34,76,1,{formats}"
        return self.desktop.loadComponentFromURL(url(path), "_blank", 0,
                                                 props(FilterName="Text - txt - csv (StarCalc)",
                                                       FilterOptions=options, Hidden=True))

    def save(self, doc, path, filter_name, options=None):
        values = {"FilterName": filter_name, "Overwrite": True}
        if options is not None:
            values["FilterOptions"] = options
        doc.storeToURL(url(path), props(**values))


def russian_numbers(doc):
    """Numbers shown as a Russian locale shows them (decimal comma); dates keep their format."""
    from com.sun.star.lang import Locale
    from com.sun.star.table.CellContentType import VALUE
    formats = doc.NumberFormats
    ru = Locale("ru", "RU", "")
    standard = formats.getStandardFormat(0, ru)  # NumberFormat.ALL
    for sheet in doc.Sheets:
        cursor = sheet.createCursor()
        cursor.gotoEndOfUsedArea(False)
        rows, cols = cursor.RangeAddress.EndRow + 1, cursor.RangeAddress.EndColumn + 1
        for r in range(rows):
            for c in range(cols):
                cell = sheet.getCellByPosition(c, r)
                if cell.Type == VALUE and formats.getByKey(cell.NumberFormat).Type & 2 == 0:  # not a date
                    cell.NumberFormat = standard


def make_dataset(calc, name, source):
    out = os.path.join(HERE, name)
    shutil.rmtree(out, ignore_errors=True)
    for sub in ["xlsx", "ods", "workbook-xlsx", "workbook-ods", "semicolon", "utf16"]:
        os.makedirs(os.path.join(out, sub))
    docs = {}
    for table in TABLES:
        path = os.path.join(source, f"{table}.csv")
        if not os.path.exists(path):
            continue
        doc = calc.open_csv(path)
        docs[table] = doc
        calc.save(doc, os.path.join(out, "xlsx", f"{table}.xlsx"), "Calc MS Excel 2007 XML")
        calc.save(doc, os.path.join(out, "ods", f"{table}.ods"), "calc8")
        # "Unicode text": tab (9), no text delimiter beyond need (34), UTF-16 (65535), as shown.
        calc.save(doc, os.path.join(out, "utf16", f"{table}.csv"), "Text - txt - csv (StarCalc)", "9,34,65535,1,,0,false,true,true")
    # The ';' CSV of a Russian locale: numbers with a decimal comma, saved as shown.
    for table, doc in docs.items():
        russian_numbers(doc)
        calc.save(doc, os.path.join(out, "semicolon", f"{table}.csv"), "Text - txt - csv (StarCalc)", "59,34,76,1,,0,false,true,true")
    # One workbook with a sheet per table.
    book = calc.desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, props(Hidden=True))
    for position, (table, doc) in enumerate(docs.items()):
        source_sheet = doc.Sheets.ElementNames[0]
        book.Sheets.importSheet(doc, source_sheet, position)
        book.Sheets.getByIndex(position).Name = table
    for extra in list(book.Sheets.ElementNames):
        if extra not in docs:
            book.Sheets.removeByName(extra)
    calc.save(book, os.path.join(out, "workbook-xlsx", "pac.xlsx"), "Calc MS Excel 2007 XML")
    calc.save(book, os.path.join(out, "workbook-ods", "pac.ods"), "calc8")
    book.close(True)
    for doc in docs.values():
        doc.close(True)


def make_hostile(calc):
    out = os.path.join(HERE, "hostile")
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    base = SOURCES["base"]
    # Calc's repeats: a formatted cell at the far corner of the sheet and a
    # formatted column make Calc write a million repeated empty rows and
    # repeated empty columns up to the last one (AMJ in Calc 7.4).
    for table in ["activities", "participation"]:
        doc = calc.open_csv(os.path.join(base, f"{table}.csv"))
        sheet = doc.Sheets.getByIndex(0)
        last_column = sheet.Columns.Count - 1
        corner = sheet.getCellByPosition(last_column, 1048575)
        corner.CellBackColor = 0xFFFF00
        wide = sheet.getCellRangeByPosition(20, 0, last_column, 0)
        wide.CellBackColor = 0xEEEEEE
        sheet.Columns.getByIndex(2).CellBackColor = 0xDDEEFF
        os.makedirs(os.path.join(out, "repeats-ods"), exist_ok=True)
        os.makedirs(os.path.join(out, "repeats-xlsx"), exist_ok=True)
        calc.save(doc, os.path.join(out, "repeats-ods", f"{table}.ods"), "calc8")
        calc.save(doc, os.path.join(out, "repeats-xlsx", f"{table}.xlsx"), "Calc MS Excel 2007 XML")
        doc.close(True)

    # An external entity in the shared strings, pointing at a local file.
    source = os.path.join(HERE, "base", "xlsx", "participation.xlsx")
    os.makedirs(os.path.join(out, "entity"), exist_ok=True)
    target = os.path.join(out, "entity", "participation.xlsx")
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/sharedStrings.xml":
                text = data.decode("utf-8")
                head, rest = text.split("?>", 1)
                doctype = '<!DOCTYPE sst [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
                rest = rest.replace("<t xml:space=\"preserve\">Inst R</t>", "<t xml:space=\"preserve\">&secret;</t>", 1)
                rest = rest.replace("<t>Inst R</t>", "<t>&secret;</t>", 1)
                data = (head + "?>" + doctype + rest).encode("utf-8")
            zout.writestr(item, data)

    # Zip bombs: a sheet that unpacks to 2 GB of XML from 2 MB (its size in
    # the zip's directory says so), and one of 960 MB (below the size
    # limit: stopped by its packing ratio while it unpacks).
    for name, chunks in [("bomb", 128), ("bomb-ratio", 60)]:
        os.makedirs(os.path.join(out, name), exist_ok=True)
        source = os.path.join(HERE, "base", "xlsx", "activities.xlsx")
        target = os.path.join(out, name, "activities.xlsx")
        with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
            for item in zin.infolist():
                if item.filename == "xl/worksheets/sheet1.xml":
                    info = zipfile.ZipInfo(item.filename, date_time=item.date_time)
                    info.compress_type = zipfile.ZIP_DEFLATED
                    with zout.open(info, "w", force_zip64=True) as w:
                        w.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
                        chunk = b" " * (1 << 24)
                        for _ in range(chunks):
                            w.write(chunk)
                        w.write(b"</sheetData></worksheet>")
                else:
                    zout.writestr(item, zin.read(item.filename))


def make_broken(calc):
    """Workbooks with the mistakes a librarian makes; expect.txt beside each."""
    out = os.path.join(HERE, "broken")
    shutil.rmtree(out, ignore_errors=True)
    base = SOURCES["base"]
    work = tempfile.mkdtemp(prefix="pacfix-broken-")
    # Text dates (typed 17.03.2020 into a text column), a country name, a grouped number.
    with open(os.path.join(base, "activities.csv"), encoding="utf-8") as f:
        activities = f.read().replace("A2,2020-03-02,2020-03-04", "A2,02.03.2020,2020-03-04")
    with open(os.path.join(base, "participation.csv"), encoding="utf-8") as f:
        participation = f.read().replace("A1,RU,Inst R,4", "A1,Россия,Inst R,\"1 204\"")
    for name, text in [("activities", activities), ("participation", participation)]:
        with open(os.path.join(work, f"{name}.csv"), "w", encoding="utf-8") as f:
            f.write(text)
    shutil.copy(os.path.join(base, "plan.csv"), work)
    docs = {t: calc.open_csv(os.path.join(work, f"{t}.csv"), TEXT_COLUMNS | {"date", "participants"}) for t in TABLES}
    book = calc.desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, props(Hidden=True))
    for position, (table, doc) in enumerate(docs.items()):
        book.Sheets.importSheet(doc, doc.Sheets.ElementNames[0], position)
        book.Sheets.getByIndex(position).Name = table
    for extra in list(book.Sheets.ElementNames):
        if extra not in docs:
            book.Sheets.removeByName(extra)
    notes = book.Sheets.insertNewByName("Notes", 3)
    os.makedirs(os.path.join(out, "workbook-mistakes"))
    calc.save(book, os.path.join(out, "workbook-mistakes", "pac-2020.xlsx"), "Calc MS Excel 2007 XML")
    os.makedirs(os.path.join(out, "workbook-mistakes-ods"))
    calc.save(book, os.path.join(out, "workbook-mistakes-ods", "pac-2020.ods"), "calc8")
    book.close(True)
    # The activities table twice: activities.csv stays, and activities.ods beside it.
    os.makedirs(os.path.join(out, "table-twice"))
    calc.save(docs["activities"], os.path.join(out, "table-twice", "activities.ods"), "calc8")
    for doc in docs.values():
        doc.close(True)
    shutil.rmtree(work)


def main():
    calc = Calc()
    try:
        for name, source in SOURCES.items():
            make_dataset(calc, name, source)
        make_hostile(calc)
        make_broken(calc)
    finally:
        calc.close()


if __name__ == "__main__":
    main()
