#!/usr/bin/env python3
"""Writes rule_12_merged_cells_NG-01.xlsx: the sheet "NG-01" of デジタル庁's
official machine-readability sample rule_12_merged_cells.xlsx, built from its
generator's content (digital-go-jp/machine_readability_rule,
tests/sample_by_mr_rules/sample_generators/rule_12_merged_cells.py::_write_ng01
and common.py, commit fe507fd2313d1e07feec6b8643710e8470119589): a two-row
header whose B1:F1 is merged ("人口推移（各年・千人）" over the years), A1 and
A2 both "都道府県", and five prefectures. The published .xlsx is binary, which
the index cannot give, so the same cells are written here with the standard
library only (zipfile, inline strings), deterministic bytes (fixed dates).
Usage: python3 make_xlsx.py [OUT]"""
import sys
import zipfile

PREFECTURES = ["北海道", "青森県", "岩手県", "宮城県", "秋田県"]
YEARS = [2020, 2021, 2022, 2023, 2024]
POP_DATA = [
    [5250, 5224, 5188, 5140, 5092],
    [1246, 1228, 1211, 1193, 1175],
    [1227, 1211, 1195, 1178, 1162],
    [2302, 2292, 2280, 2266, 2252],
    [960, 941, 923, 905, 888],
]


def cell(ref, value):
    if isinstance(value, int):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


def row(n, values):
    cols = "ABCDEF"
    cells = "".join(cell(f"{cols[i]}{n}", v) for i, v in enumerate(values) if v is not None)
    return f'<row r="{n}">{cells}</row>'


rows = [row(1, ["都道府県", "人口推移（各年・千人）"]),
        row(2, ["都道府県"] + [f"{y}年" for y in YEARS])]
for i, (pref, values) in enumerate(zip(PREFECTURES, POP_DATA), start=3):
    rows.append(row(i, [pref] + values))
sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
         f'<sheetData>{"".join(rows)}</sheetData>'
         '<mergeCells count="1"><mergeCell ref="B1:F1"/></mergeCells></worksheet>')
parts = {
    "[Content_Types].xml":
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '</Types>',
    "_rels/.rels":
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>',
    "xl/workbook.xml":
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="NG-01" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels":
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '</Relationships>',
    "xl/worksheets/sheet1.xml": sheet,
}
out = sys.argv[1] if len(sys.argv) > 1 else "rule_12_merged_cells_NG-01.xlsx"
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in parts.items():
        info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, text.encode("utf-8"))
