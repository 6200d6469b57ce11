# A row of 16390 cells without an r= reference: each is the next column,
# and the last six would be past XFD (column 16384).
import zipfile

with zipfile.ZipFile("wide.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("xl/workbook.xml", '<workbook xmlns:r="urn:r"><sheets>'
               '<sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<Relationships><Relationship Id="rId1" '
               'Type="urn:x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    z.writestr("xl/worksheets/sheet1.xml", "<worksheet><sheetData><row>"
               + "<c><v>1</v></c>" * 16390 + "</row></sheetData></worksheet>")
