/* Excel workbooks (.xlsx): the zip is opened with minizip and only known
 * members are read, by exact name: xl/workbook.xml and its rels (to find
 * the sheet), xl/sharedStrings.xml, xl/styles.xml (which cells are
 * dates) and the chosen sheet. Every member is parsed as it inflates by
 * xmlTextReader; the sheet is never held whole, one row at a time. The
 * shared strings are held (a sheet's cells refer to them by number).
 *
 * Hostile archives: a member that inflates past PC_XLSX_MAX_MEMBER, or
 * past PC_XLSX_RATIO times the compressed bytes read so far once over
 * PC_XLSX_RATIO_FROM, is refused (sizes in the zip directory are not
 * trusted: bytes are counted as they inflate); encrypted members are refused; a sheet
 * target outside xl/ or with ".." is refused; XML with a DOCTYPE is
 * refused and nothing is fetched from the network.
 *
 * Rows: the first row with a value is the header; each later row with a
 * value is a record, its line the sheet's row number. Cells are text as
 * Excel shows it: shared and inline strings (phonetic runs left out),
 * numbers (at most 15 significant digits, as Excel shows them), booleans
 * as true/false, and numbers with a date or time format as ISO 8601
 * (1900 date system with its 1900-02-29, or 1904). */
#include "format.h"

#include <libxml/xmlreader.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unzip.h>

#define PC_XLSX_MAX_MEMBER ((uint64_t)1 << 30)
#define PC_XLSX_RATIO_FROM ((uint64_t)16 << 20)
#define PC_XLSX_RATIO 500 /* real sheets stay under 100:1; deflate's best is about 1032:1 */
#define PC_XLSX_MAX_COLS 16384 /* XFD */

enum numkind { NUM_PLAIN, NUM_DATE, NUM_TIME, NUM_DATETIME };

struct member {
    struct xlsx_reader *r;
    const char *name;
    uint64_t out, start; /* start: where the member's compressed data begins */
    bool failed;
};

struct cellval {
    size_t off, len; /* in the batch text */
    bool set;
};

struct xlsx_reader {
    struct pc_reader base;
    struct pc_read_ctx ctx;
    unzFile zip;
    struct member m;
    xmlTextReaderPtr x; /* the sheet */
    char sheet_path[256]; /* its member name */
    char xml_error[256];
    bool date1904;
    /* shared strings: text in `strings`, offsets in `sst` (size_t pairs) */
    struct pc_buf strings;
    struct pc_vec sst;
    unsigned char *xf; /* numkind per cell style */
    size_t nxf;
    /* the sheet */
    struct pc_label *labels;
    size_t nlabels, first_col;
    bool header_done, eof;
    struct pc_batch batch;
    struct cellval *row; /* per column, of the row being read */
    size_t row_cap, row_cols; /* row_cols: one past the last column set */
    unsigned long row_no, recno;
    bool row_invalid;
    struct pc_buf val, ref, type, style; /* of the cell being read */
    unsigned long cell_col;
    bool in_cell, in_v, in_t, in_rph, in_is;
    pc_status fatal;
};

/* ---- errors ---------------------------------------------------------------- */

static pc_status fail(struct xlsx_reader *r, unsigned long line, const char *fmt, const char *arg)
{
    struct pc_error e = {.code = PC_INVALID, .type = "format-error", .line = line};
    return r->fatal = pc_report(r->ctx.sink, &e, fmt, arg);
}

static pc_status archive_error(struct xlsx_reader *r, const char *what, const char *member)
{
    struct pc_error e = {.code = PC_INVALID, .type = "format-error"};
    return r->fatal =
               pc_report(r->ctx.sink, &e, "the workbook is not a readable .xlsx file: %s (%s)",
                         PC_(what), member);
}

/* ---- zip members as XML streams --------------------------------------------- */

static int read_member(void *ctx, char *buf, int len)
{
    struct member *m = ctx;
    if (m->failed) return -1;
    int n = unzReadCurrentFile(m->r->zip, buf, (unsigned)len);
    if (n < 0) {
        m->failed = true;
        archive_error(m->r, "a member is corrupt", m->name);
        return -1;
    }
    m->out += (uint64_t)n;
    uint64_t in = (uint64_t)unzGetCurrentFileZStreamPos64(m->r->zip) - m->start;
    if (m->out > PC_XLSX_MAX_MEMBER ||
        (m->out > PC_XLSX_RATIO_FROM && m->out / PC_XLSX_RATIO > in)) {
        m->failed = true;
        fail(m->r, 0,
             "the workbook member %s inflates to over 1 GiB or over 500 times its compressed "
             "size: a zip bomb, refused",
             m->name);
        return -1;
    }
    return n;
}

static int close_member(void *ctx)
{
    struct member *m = ctx;
    int rc = unzCloseCurrentFile(m->r->zip);
    if (rc == UNZ_CRCERROR && !m->failed) archive_error(m->r, "a member fails its CRC", m->name);
    return 0;
}

static void xml_error(void *arg, const char *msg, xmlParserSeverities severity,
                      xmlTextReaderLocatorPtr loc)
{
    (void)loc;
    struct xlsx_reader *r = arg;
    if (severity != XML_PARSER_SEVERITY_ERROR || r->xml_error[0]) return;
    snprintf(r->xml_error, sizeof r->xml_error, "%s", msg);
    size_t n = strlen(r->xml_error);
    while (n && r->xml_error[n - 1] == '\n') r->xml_error[--n] = '\0';
}

/* Opens the member `name` as an XML stream; *x NULL (and PC_OK) when the
 * archive has no such member and it is optional. */
static pc_status open_member(struct xlsx_reader *r, const char *name, bool required,
                             xmlTextReaderPtr *x)
{
    *x = NULL;
    if (unzLocateFile(r->zip, name, 1) != UNZ_OK)
        return required ? archive_error(r, "a member is missing", name) : PC_OK;
    unz_file_info64 info;
    if (unzGetCurrentFileInfo64(r->zip, &info, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK)
        return archive_error(r, "a member is corrupt", name);
    if (info.flag & 1) return archive_error(r, "a member is encrypted", name);
    if (info.uncompressed_size > PC_XLSX_MAX_MEMBER)
        return fail(r, 0, "the workbook member %s is over 1 GiB: refused", name);
    if (unzOpenCurrentFile(r->zip) != UNZ_OK) return archive_error(r, "a member is corrupt", name);
    r->m = (struct member){.r = r, .name = name,
                           .start = (uint64_t)unzGetCurrentFileZStreamPos64(r->zip)};
    r->xml_error[0] = '\0';
    /* no NOENT, DTDLOAD or DTDATTR: no entity is expanded, no DTD loaded */
    *x = xmlReaderForIO(read_member, close_member, &r->m, NULL, NULL,
                        XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT);
    if (!*x) {
        unzCloseCurrentFile(r->zip);
        return PC_ENOMEM;
    }
    xmlTextReaderSetErrorHandler(*x, xml_error, r);
    return PC_OK;
}

/* The next node; 0 at the end, -1 (reported) on an error. */
static int next_node(struct xlsx_reader *r, xmlTextReaderPtr x)
{
    int rc = xmlTextReaderRead(x);
    if (rc == 1 && xmlTextReaderNodeType(x) == XML_READER_TYPE_DOCUMENT_TYPE) {
        fail(r, 0, "the workbook member %s has a document type declaration (<!DOCTYPE>), which "
                   "is not allowed",
             r->m.name);
        return -1;
    }
    if (rc < 0 && !r->fatal) {
        char msg[400];
        snprintf(msg, sizeof msg, PC_("%s is not well-formed XML: %s"), r->m.name,
                 r->xml_error[0] ? r->xml_error : PC_("parse error"));
        fail(r, 0, "%s", msg);
    }
    return rc;
}

static bool is_element(xmlTextReaderPtr x, const char *local)
{
    const xmlChar *n = xmlTextReaderConstLocalName(x);
    return n && strcmp((const char *)n, local) == 0;
}

static char *attr(xmlTextReaderPtr x, const char *name)
{
    return (char *)xmlTextReaderGetAttribute(x, (const xmlChar *)name);
}

/* A namespaced attribute such as r:id, whatever its prefix. */
static char *attr_ns_local(xmlTextReaderPtr x, const char *local)
{
    char *v = NULL;
    if (xmlTextReaderMoveToFirstAttribute(x) != 1) return NULL;
    do {
        const xmlChar *ln = xmlTextReaderConstLocalName(x), *ns = xmlTextReaderConstNamespaceUri(x);
        if (ln && ns && strcmp((const char *)ln, local) == 0) {
            v = (char *)xmlTextReaderValue(x);
            break;
        }
    } while (xmlTextReaderMoveToNextAttribute(x) == 1);
    xmlTextReaderMoveToElement(x);
    return v;
}

static bool is_text_node(int type)
{
    return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
           type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

static pc_status close_xml(struct xlsx_reader *r, xmlTextReaderPtr x, pc_status st)
{
    if (x) xmlFreeTextReader(x);
    return st ? st : r->fatal;
}

/* ---- workbook: which member is the sheet --------------------------------------- */

struct sheet_choice {
    char *rid;
    int index; /* 1-based position of the chosen sheet */
    int count;
};

static pc_status read_workbook(struct xlsx_reader *r, struct sheet_choice *c)
{
    xmlTextReaderPtr x;
    pc_status st = open_member(r, "xl/workbook.xml", true, &x);
    if (st) return st;
    const char *want = pc_format_option(r->ctx.options, "xlsx", "sheet");
    char *end = NULL;
    long n = want ? strtol(want, &end, 10) : 1;
    bool by_number = !want || (*want && !*end && n > 0);
    int rc;
    while ((rc = next_node(r, x)) == 1) {
        if (xmlTextReaderNodeType(x) != XML_READER_TYPE_ELEMENT) continue;
        if (is_element(x, "workbookPr")) {
            char *v = attr(x, "date1904");
            r->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
            xmlFree(v);
        } else if (is_element(x, "sheet")) {
            c->count++;
            char *name = attr(x, "name");
            bool hit = want && name && strcmp(name, want) == 0; /* a name wins over a number */
            xmlFree(name);
            if (!hit && !(by_number && c->count == n && !c->rid)) continue;
            if (c->rid && !hit) continue;
            free(c->rid);
            char *rid = attr_ns_local(x, "id");
            c->rid = rid ? strdup(rid) : NULL;
            xmlFree(rid);
            c->index = c->count;
            if (!c->rid) return close_xml(r, x, archive_error(r, "a sheet has no r:id",
                                                               "xl/workbook.xml"));
        }
    }
    st = close_xml(r, x, rc < 0 ? PC_INVALID : PC_OK);
    if (st) return st;
    if (!c->rid) {
        if (c->count == 0) return archive_error(r, "it has no sheet", "xl/workbook.xml");
        struct pc_error e = {.code = PC_INVALID, .type = "format-error", .hint = PC_HINT_SHEET};
        return r->fatal = pc_report(r->ctx.sink, &e,
                                    "the workbook has no sheet \"%s\" (it has %d: a name or a "
                                    "number from 1)",
                                    want, c->count);
    }
    return PC_OK;
}

/* Only members under xl/ named plainly are read: no "..", no backslash,
 * no scheme. */
static bool safe_target(const char *t)
{
    return *t && !strstr(t, "..") && !strchr(t, '\\') && !strchr(t, ':') && strlen(t) < 200;
}

static pc_status find_sheet(struct xlsx_reader *r, const struct sheet_choice *c, char *path,
                            size_t cap)
{
    xmlTextReaderPtr x;
    pc_status st = open_member(r, "xl/_rels/workbook.xml.rels", true, &x);
    if (st) return st;
    int rc;
    path[0] = '\0';
    bool chart = false;
    while ((rc = next_node(r, x)) == 1) {
        if (xmlTextReaderNodeType(x) != XML_READER_TYPE_ELEMENT || !is_element(x, "Relationship"))
            continue;
        char *id = attr(x, "Id"), *target = attr(x, "Target"), *type = attr(x, "Type");
        if (id && target && strcmp(id, c->rid) == 0) {
            chart = !type || strlen(type) < 10 || strcmp(type + strlen(type) - 10, "/worksheet");
            if (safe_target(target))
                snprintf(path, cap, "%s%s", target[0] == '/' ? "" : "xl/",
                         target[0] == '/' ? target + 1 : target);
            else
                path[0] = '\1';
        }
        xmlFree(id);
        xmlFree(target);
        xmlFree(type);
    }
    st = close_xml(r, x, rc < 0 ? PC_INVALID : PC_OK);
    if (st) return st;
    if (path[0] == '\1' || (path[0] && strncmp(path, "xl/", 3) != 0))
        return archive_error(r, "a sheet's target leaves xl/ and is refused",
                             "xl/_rels/workbook.xml.rels");
    if (!path[0]) return archive_error(r, "the sheet has no target", "xl/_rels/workbook.xml.rels");
    if (chart) return fail(r, 0, "sheet %s is a chart, not a worksheet", c->rid);
    return PC_OK;
}

/* ---- shared strings ------------------------------------------------------------ */

static pc_status read_shared_strings(struct xlsx_reader *r)
{
    xmlTextReaderPtr x;
    pc_status st = open_member(r, "xl/sharedStrings.xml", false, &x);
    if (st || !x) return st;
    pc_vec_init(&r->sst, 2 * sizeof(size_t));
    size_t start = 0;
    int rc, in_t = 0, in_rph = 0;
    while ((rc = next_node(r, x)) == 1) {
        int type = xmlTextReaderNodeType(x);
        if (type == XML_READER_TYPE_ELEMENT) {
            if (is_element(x, "si")) start = r->strings.len;
            else if (is_element(x, "rPh")) in_rph = !xmlTextReaderIsEmptyElement(x);
            else if (is_element(x, "t")) in_t = !xmlTextReaderIsEmptyElement(x);
            if (is_element(x, "si") && xmlTextReaderIsEmptyElement(x)) type = XML_READER_TYPE_END_ELEMENT;
        }
        if (is_text_node(type) && in_t && !in_rph) {
            const char *v = (const char *)xmlTextReaderConstValue(x);
            if (v && pc_buf_append(&r->strings, v, strlen(v))) return close_xml(r, x, PC_ENOMEM);
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            if (is_element(x, "t")) in_t = 0;
            else if (is_element(x, "rPh")) in_rph = 0;
            else if (is_element(x, "si")) {
                size_t *e = pc_vec_push(&r->sst);
                if (!e) return close_xml(r, x, PC_ENOMEM);
                e[0] = start;
                e[1] = r->strings.len - start;
            }
        }
    }
    return close_xml(r, x, rc < 0 ? PC_INVALID : PC_OK);
}

/* ---- styles: which cells hold dates ---------------------------------------------- */

static enum numkind builtin_kind(long id)
{
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) ||
        (id >= 50 && id <= 58))
        return NUM_DATE;
    if ((id >= 18 && id <= 21) || id == 32 || id == 33 || (id >= 45 && id <= 47)) return NUM_TIME;
    return id == 22 ? NUM_DATETIME : NUM_PLAIN;
}

/* A custom number format: a date if it has y, d, e, g or b (or m without
 * h or s), a time if h or s; quoted text, escapes and [colour] left out;
 * digits placeholders make it a number. Only the first section counts. */
static enum numkind format_kind(const char *f)
{
    if (strcasecmp(f, "General") == 0) return NUM_PLAIN;
    bool date = false, time = false, month = false;
    for (const char *p = f; *p && *p != ';'; p++) {
        char c = (char)(*p | 0x20);
        if (*p == '"') {
            while (p[1] && p[1] != '"') p++;
            if (p[1]) p++;
        } else if (*p == '\\' || *p == '_' || *p == '*') {
            if (p[1]) p++;
        } else if (*p == '[') {
            const char *e = strchr(p, ']');
            if (!e) break;
            if (strchr("hms", p[1] | 0x20) && p[1]) time = true; /* [h]:mm elapsed time */
            p = e;
        } else if (*p == '0' || *p == '#' || *p == '?') {
            return NUM_PLAIN;
        } else if (c == 'e' && (p[1] == '+' || p[1] == '-')) {
            return NUM_PLAIN;
        } else if (c == 'y' || c == 'd' || c == 'e' || c == 'g' || c == 'b') {
            date = true;
        } else if (c == 'h' || c == 's') {
            time = true;
        } else if (c == 'm') {
            month = true;
        }
    }
    if (month && !time) date = true;
    return date && time ? NUM_DATETIME : date ? NUM_DATE : time ? NUM_TIME : NUM_PLAIN;
}

struct custom_format {
    long id;
    enum numkind kind;
};

static pc_status read_styles(struct xlsx_reader *r)
{
    xmlTextReaderPtr x;
    pc_status st = open_member(r, "xl/styles.xml", false, &x);
    if (st || !x) return st;
    struct pc_vec custom;
    pc_vec_init(&custom, sizeof(struct custom_format));
    int rc, in_xfs = 0;
    while ((rc = next_node(r, x)) == 1) {
        int type = xmlTextReaderNodeType(x);
        if (type == XML_READER_TYPE_END_ELEMENT && is_element(x, "cellXfs")) in_xfs = 0;
        if (type != XML_READER_TYPE_ELEMENT) continue;
        if (is_element(x, "cellXfs")) {
            in_xfs = !xmlTextReaderIsEmptyElement(x);
        } else if (is_element(x, "numFmt")) {
            char *id = attr(x, "numFmtId"), *code = attr(x, "formatCode");
            struct custom_format *cf = pc_vec_push(&custom);
            if (cf) *cf = (struct custom_format){id ? atol(id) : -1, code ? format_kind(code) : 0};
            xmlFree(id);
            xmlFree(code);
            if (!cf) st = PC_ENOMEM;
        } else if (in_xfs && is_element(x, "xf")) {
            char *id = attr(x, "numFmtId");
            long n = id ? atol(id) : 0;
            xmlFree(id);
            enum numkind k = builtin_kind(n);
            for (size_t i = 0; i < custom.len; i++)
                if (PC_VEC_AT(&custom, struct custom_format, i).id == n)
                    k = PC_VEC_AT(&custom, struct custom_format, i).kind;
            unsigned char *xf = realloc(r->xf, r->nxf + 1);
            if (!xf) {
                st = PC_ENOMEM;
                break;
            }
            r->xf = xf;
            r->xf[r->nxf++] = (unsigned char)k;
        }
        if (st) break;
    }
    pc_vec_free(&custom);
    return close_xml(r, x, st ? st : rc < 0 ? PC_INVALID : PC_OK);
}

/* ---- values ---------------------------------------------------------------------- */

/* Days since 1970-01-01 -> y, m, d (proleptic Gregorian). */
static void civil(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* A serial number as ISO 8601. The 1900 system counts 1900-02-29, which
 * never was (Lotus 1-2-3's bug, kept by Excel): serial 60 is written so,
 * and is no valid date. */
static bool serial_iso(double v, enum numkind kind, bool date1904, char *out, size_t cap)
{
    if (!(v >= 0 && v < 2958466)) return false;
    long days = (long)v; /* v >= 0: truncation is floor, and no libm is needed */
    long secs = (long)((v - (double)days) * 86400.0 + 0.5);
    if (secs >= 86400) days++, secs -= 86400;
    int y, m, d;
    if (date1904)
        civil(days - 24107, &y, &m, &d); /* 1904-01-01 is day 0 */
    else if (days == 60)
        y = 1900, m = 2, d = 29;
    else if (days == 0)
        y = 1900, m = 1, d = 0;
    else
        civil(days - (days < 60 ? 25568 : 25569), &y, &m, &d);
    int hh = (int)(secs / 3600), mm = (int)(secs / 60 % 60), ss = (int)(secs % 60);
    if (kind == NUM_DATE) snprintf(out, cap, "%04d-%02d-%02d", y, m, d);
    else if (kind == NUM_TIME) snprintf(out, cap, "%02d:%02d:%02d", hh, mm, ss);
    else snprintf(out, cap, "%04d-%02d-%02dT%02d:%02d:%02d", y, m, d, hh, mm, ss);
    return true;
}

/* A number as Excel shows it: integers as written, others to 15
 * significant digits (0.1 stored as 0.10000000000000001). */
static void number_text(const char *s, char *out, size_t cap)
{
    char *end;
    double v = strtod(s, &end);
    if (*end || !*s || strspn(s, "-0123456789") == strlen(s) || !isfinite(v)) {
        snprintf(out, cap, "%s", s);
        return;
    }
    snprintf(out, cap, "%.15g", v);
}

static long column_of(const char *ref)
{
    long col = 0;
    size_t i = 0;
    for (; ref[i] >= 'A' && ref[i] <= 'Z' && i < 3; i++) col = col * 26 + (ref[i] - 'A' + 1);
    if (i == 0 || !(ref[i] >= '1' && ref[i] <= '9') || col > PC_XLSX_MAX_COLS) return -1;
    return col - 1;
}

static void column_name(unsigned long col, char *out)
{
    char tmp[4];
    int n = 0;
    for (col++; col && n < 3; col = (col - 1) / 26) tmp[n++] = (char)('A' + (col - 1) % 26);
    for (int i = 0; i < n; i++) out[i] = tmp[n - 1 - i];
    out[n] = '\0';
}

static pc_status cell_text(struct xlsx_reader *r, const char **text, size_t *len, char *scratch,
                           size_t cap)
{
    const char *t = r->type.len ? r->type.data : "n", *v = r->val.len ? r->val.data : "";
    *text = v;
    *len = r->val.len;
    if (strcmp(t, "s") == 0) {
        char *end;
        unsigned long i = strtoul(v, &end, 10);
        if (!*v || *end || i >= r->sst.len) {
            char col[4];
            column_name(r->cell_col, col);
            char msg[96];
            snprintf(msg, sizeof msg, "cell %s%lu refers to shared string %s, which does not exist",
                     col, r->row_no, "%s");
            return fail(r, r->row_no, msg, v);
        }
        const size_t *e = &PC_VEC_AT(&r->sst, size_t, 2 * i);
        *text = r->strings.data + e[0];
        *len = e[1];
    } else if (strcmp(t, "b") == 0) {
        *text = strcmp(v, "1") == 0 ? "true" : "false";
        *len = strlen(*text);
    } else if (strcmp(t, "e") == 0) {
        char col[4], msg[128];
        column_name(r->cell_col, col);
        snprintf(msg, sizeof msg, PC_("cell %s%lu holds the spreadsheet error %s"), col, r->row_no,
                 "%s");
        struct pc_error e = {.code = PC_INVALID, .type = "type-error", .line = r->row_no,
                             .record = r->recno + 1, .cell = v};
        pc_report(r->ctx.sink, &e, msg, v);
        r->row_invalid = true;
        *len = 0;
    } else if (strcmp(t, "d") == 0) {
        if (*len > 10 && strcmp(v + 10, "T00:00:00") == 0) *len = 10;
    } else if (strcmp(t, "n") == 0 && *len) {
        unsigned long s = r->style.len ? strtoul(r->style.data, NULL, 10) : 0;
        enum numkind k = s < r->nxf ? r->xf[s] : NUM_PLAIN;
        char *end;
        double d = strtod(v, &end);
        if (k != NUM_PLAIN && !*end && serial_iso(d, k, r->date1904, scratch, cap)) {
            *text = scratch;
        } else {
            number_text(v, scratch, cap);
            *text = scratch;
        }
        *len = strlen(*text);
    }
    return PC_OK;
}

/* ---- the sheet, row by row --------------------------------------------------------- */

static pc_status grow_row(struct xlsx_reader *r, size_t col)
{
    if (col < r->row_cap) return PC_OK;
    size_t cap = r->row_cap ? r->row_cap : 64;
    while (cap <= col) cap *= 2;
    struct cellval *row = realloc(r->row, cap * sizeof *row);
    if (!row) return PC_ENOMEM;
    memset(row + r->row_cap, 0, (cap - r->row_cap) * sizeof *row);
    r->row = row;
    r->row_cap = cap;
    return PC_OK;
}

static pc_status start_cell(struct xlsx_reader *r, xmlTextReaderPtr x)
{
    char *ref = attr(x, "r"), *t = attr(x, "t"), *s = attr(x, "s");
    long col = ref ? column_of(ref) : (long)r->cell_col + 1;
    r->val.len = r->type.len = r->style.len = 0;
    pc_status st = PC_OK;
    if (col < 0) st = fail(r, r->row_no, "a cell has the reference \"%s\", which is no column "
                                         "from A to XFD", ref ? ref : "");
    else if ((t && pc_buf_append(&r->type, t, strlen(t) + 1)) ||
             (s && pc_buf_append(&r->style, s, strlen(s) + 1)))
        st = PC_ENOMEM;
    r->cell_col = (unsigned long)col;
    r->in_cell = true;
    xmlFree(ref);
    xmlFree(t);
    xmlFree(s);
    return st;
}

static pc_status end_cell(struct xlsx_reader *r)
{
    r->in_cell = r->in_v = r->in_t = r->in_is = r->in_rph = false;
    if (pc_buf_append(&r->val, "", 1)) return PC_ENOMEM;
    r->val.len--;
    if (r->type.len == 0 && r->val.len == 0) return PC_OK; /* a styled empty cell */
    char scratch[64];
    const char *text;
    size_t len;
    pc_status st = cell_text(r, &text, &len, scratch, sizeof scratch);
    if (st || len == 0) return st;
    if (len > r->ctx.max_field_size)
        return r->fatal = pc_reader_too_large(r->ctx.sink, r->row_no, 0, r->ctx.max_field_size);
    if ((st = grow_row(r, r->cell_col))) return st;
    struct cellval *c = &r->row[r->cell_col];
    if (r->cell_col + 1 > r->row_cols) r->row_cols = r->cell_col + 1;
    c->set = true;
    c->len = len;
    return pc_batch_text(&r->batch, text, len, &c->off);
}

static pc_status add_label(struct xlsx_reader *r, const char *s, size_t n)
{
    struct pc_label *l = realloc(r->labels, (r->nlabels + 1) * sizeof *l);
    if (!l) return PC_ENOMEM;
    r->labels = l;
    if (!(l[r->nlabels].name = pc_strndup(s, n))) return PC_ENOMEM;
    l[r->nlabels].line = r->row_no;
    l[r->nlabels].container = false;
    r->nlabels++;
    return PC_OK;
}

/* The header: from its first to its last filled column; a blank or
 * repeated name between is an error, as in CSV. */
static pc_status take_header(struct xlsx_reader *r, size_t ncols)
{
    size_t first = 0, last = ncols;
    while (first < ncols && !r->row[first].set) first++;
    while (last > first && !r->row[last - 1].set) last--;
    r->first_col = first;
    for (size_t c = first; c < last; c++) {
        const struct cellval *v = &r->row[c];
        pc_status st = add_label(r, v->set ? r->batch.text.data + v->off : "", v->set ? v->len : 0);
        if (st) return st;
        char col[4];
        column_name(c, col);
        if (!v->set)
            fail(r, r->row_no, "column %s has an empty header", col);
        for (size_t k = 0; k + 1 < r->nlabels && v->set; k++)
            if (strcmp(r->labels[k].name, r->labels[r->nlabels - 1].name) == 0)
                fail(r, r->row_no, "the header \"%s\" is repeated", r->labels[k].name);
    }
    r->header_done = true;
    return r->fatal;
}

/* A data row: one cell per header column, empty where the sheet has none. */
static pc_status take_row(struct xlsx_reader *r, size_t ncols)
{
    size_t first = r->batch.cells.len;
    for (size_t c = 0; c < ncols; c++) {
        if (!r->row[c].set) continue;
        if (c >= r->first_col && c < r->first_col + r->nlabels) continue;
        char col[4], msg[160];
        column_name(c, col);
        snprintf(msg, sizeof msg, "cell %s%lu is outside the header's columns; its value is "
                                  "left out",
                 col, r->row_no);
        struct pc_error e = {.code = PC_INVALID, .type = "extra-cell", .line = r->row_no,
                             .record = r->recno + 1};
        pc_report(r->ctx.sink, &e, "%s", msg);
        r->row_invalid = true;
    }
    for (size_t i = 0; i < r->nlabels; i++) {
        size_t c = r->first_col + i;
        struct pc_cell *cell = pc_vec_push(&r->batch.cells);
        if (!cell) return PC_ENOMEM;
        cell->label = (uint32_t)i;
        cell->v = (struct pc_value){.type = PC_T_STRING};
        if (c < ncols && r->row[c].set) {
            cell->v.off = r->row[c].off;
            cell->v.len = (uint32_t)r->row[c].len;
        } else if (pc_batch_text(&r->batch, "", 0, &cell->v.off)) {
            return PC_ENOMEM;
        }
    }
    struct pc_row *row = pc_vec_push(&r->batch.rows);
    if (!row) return PC_ENOMEM;
    *row = (struct pc_row){.first_cell = first, .ncells = r->nlabels, .line = r->row_no,
                           .recno = ++r->recno, .invalid = r->row_invalid};
    return PC_OK;
}

/* At a row's end: the header, a record, or nothing for an empty row.
 * *done when a record is ready. */
static pc_status end_row(struct xlsx_reader *r, bool *done)
{
    size_t ncols = r->row_cols;
    pc_status st = PC_OK;
    if (ncols && !r->header_done)
        st = take_header(r, ncols);
    else if (ncols)
        st = take_row(r, ncols), *done = true;
    if (r->row) memset(r->row, 0, ncols * sizeof *r->row);
    r->row_cols = 0;
    r->row_invalid = false;
    return st;
}

static pc_status start_row(struct xlsx_reader *r, xmlTextReaderPtr x)
{
    char *n = attr(x, "r");
    unsigned long no = n ? strtoul(n, NULL, 10) : r->row_no + 1;
    xmlFree(n);
    r->row_no = no ? no : r->row_no + 1;
    r->cell_col = (unsigned long)-1; /* a cell without r is the next column */
    return PC_OK;
}

static pc_status on_element(struct xlsx_reader *r, bool *done)
{
    xmlTextReaderPtr x = r->x;
    bool empty = xmlTextReaderIsEmptyElement(x);
    pc_status st = PC_OK;
    if (is_element(x, "row")) {
        st = start_row(r, x);
        if (!st && empty) st = end_row(r, done);
    } else if (is_element(x, "c")) {
        st = start_cell(r, x);
        if (!st && empty) st = end_cell(r);
    } else if (r->in_cell && !empty) {
        if (is_element(x, "v")) r->in_v = true;
        else if (is_element(x, "is")) r->in_is = true;
        else if (is_element(x, "rPh")) r->in_rph = true;
        else if (is_element(x, "t") && r->in_is) r->in_t = true;
    }
    return st;
}

static pc_status on_end(struct xlsx_reader *r, bool *done)
{
    xmlTextReaderPtr x = r->x;
    if (is_element(x, "row")) return end_row(r, done);
    if (!r->in_cell) return PC_OK;
    if (is_element(x, "c")) return end_cell(r);
    if (is_element(x, "v")) r->in_v = false;
    else if (is_element(x, "t")) r->in_t = false;
    else if (is_element(x, "rPh")) r->in_rph = false;
    else if (is_element(x, "is")) r->in_is = false;
    return PC_OK;
}

/* Reads nodes until a record is ready or the sheet ends. */
static pc_status parse_rows(struct xlsx_reader *r)
{
    bool done = false;
    while (!done) {
        int rc = next_node(r, r->x);
        if (rc == 0) {
            r->eof = true;
            return r->fatal;
        }
        if (rc < 0) return r->fatal ? r->fatal : PC_INVALID;
        int type = xmlTextReaderNodeType(r->x);
        pc_status st = PC_OK;
        if (type == XML_READER_TYPE_ELEMENT) {
            st = on_element(r, &done);
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            st = on_end(r, &done);
        } else if (is_text_node(type) && (r->in_v || (r->in_t && !r->in_rph))) {
            const char *v = (const char *)xmlTextReaderConstValue(r->x);
            if (v && pc_buf_append(&r->val, v, strlen(v))) st = PC_ENOMEM;
            if (r->val.len > r->ctx.max_field_size)
                st = r->fatal =
                    pc_reader_too_large(r->ctx.sink, r->row_no, 0, r->ctx.max_field_size);
        }
        if (st) return r->fatal = st;
    }
    return PC_OK;
}

static pc_status xlsx_next(struct pc_reader *base, struct pc_record *rec)
{
    struct xlsx_reader *r = (struct xlsx_reader *)base;
    for (;;) {
        if (pc_batch_take(&r->batch, rec) == PC_OK) return PC_OK;
        if (r->fatal) return r->fatal;
        if (r->eof) return PC_END;
        pc_batch_reset(&r->batch);
        pc_status st = parse_rows(r);
        if (st) return st;
    }
}

static size_t xlsx_labels(struct pc_reader *base, const struct pc_label **labels)
{
    struct xlsx_reader *r = (struct xlsx_reader *)base;
    *labels = r->labels;
    return r->header_done ? r->nlabels : 0;
}

static void xlsx_free(struct pc_reader *base)
{
    struct xlsx_reader *r = (struct xlsx_reader *)base;
    if (r->x) xmlFreeTextReader(r->x);
    if (r->zip) unzClose(r->zip);
    pc_buf_free(&r->strings);
    pc_vec_free(&r->sst);
    free(r->xf);
    for (size_t i = 0; i < r->nlabels; i++) free(r->labels[i].name);
    free(r->labels);
    pc_batch_free(&r->batch);
    free(r->row);
    pc_buf_free(&r->val);
    pc_buf_free(&r->ref);
    pc_buf_free(&r->type);
    pc_buf_free(&r->style);
    free(r);
}

static const struct pc_reader_ops xlsx_ops = {xlsx_next, xlsx_labels, xlsx_free};

static pc_status open_workbook(struct xlsx_reader *r)
{
    struct sheet_choice c = {0};
    char *path = r->sheet_path;
    pc_status st = read_workbook(r, &c);
    if (!st) st = find_sheet(r, &c, path, sizeof r->sheet_path);
    free(c.rid);
    if (!st) st = read_shared_strings(r);
    if (!st) st = read_styles(r);
    if (!st) st = open_member(r, path, true, &r->x);
    return st;
}

static pc_status xlsx_reader_new(const struct pc_read_ctx *ctx, struct pc_reader **out)
{
    struct xlsx_reader *r = calloc(1, sizeof *r);
    if (!r) return PC_ENOMEM;
    r->base.ops = &xlsx_ops;
    r->ctx = *ctx;
    pc_batch_init(&r->batch);
    pc_vec_init(&r->sst, 2 * sizeof(size_t));
    *out = &r->base; /* freed by the caller, also on failure */
    if (!ctx->path || strcmp(ctx->path, "-") == 0) {
        struct pc_error e = {.code = PC_EUSAGE, .type = "usage-error"};
        return pc_report(ctx->sink, &e, "an .xlsx workbook cannot be read from standard input; "
                                        "give its file name");
    }
    r->zip = unzOpen64(ctx->path);
    if (!r->zip) return fail(r, 0, "%s is not a zip archive, so not an .xlsx workbook", ctx->path);
    return open_workbook(r);
}

/* A zip's local header; only a hint, as the reader needs the file. */
static int xlsx_probe(const char *head, size_t n)
{
    return n >= 4 && memcmp(head, "PK\x03\x04", 4) == 0 ? 20 : 0;
}

static const char *const xlsx_ext[] = {"xlsx", NULL};

static const char *const xlsx_keys[] = {"sheet", NULL};
const struct pc_format pc_format_xlsx = {
    "xlsx",   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    PC_FORMAT_READS_FILE, xlsx_ext, xlsx_keys, xlsx_probe, xlsx_reader_new, NULL};
