# A workbook whose sheet inflates about 1000:1 (32 MiB of <row/> from 32 KiB).
import zipfile

with zipfile.ZipFile("bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("xl/workbook.xml", '<workbook xmlns:r="urn:r"><sheets>'
               '<sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<Relationships><Relationship Id="rId1" '
               'Type="urn:x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    z.writestr("xl/worksheets/sheet1.xml",
               "<worksheet><sheetData>" + "<row/>" * (6 << 20) + "</sheetData></worksheet>")
