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
 * refused and nothing is fetched from the network. A shared string is
 * held once but copied into every cell that names it, so a small file can
 * name a large one millions of times: a row's text is bounded by
 * PC_XLSX_MAX_ROW (or the field size limit, if larger), and the text
 * copied from shared strings over the whole sheet by PC_XLSX_MAX_EXPANDED
 * once it is over PC_XLSX_RATIO times the workbook's size. A cell without
 * a reference is the next column, and none is past XFD.
 *
 * Rows: the first row with a value is the header; each later row with a
 * value is a record, its line the sheet's row number. Cells are text as
 * Excel shows it: shared and inline strings (phonetic runs left out),
 * numbers (at most 15 significant digits, as Excel shows them), booleans
 * as true/false, and numbers with a date or time format as ISO 8601
 * (1900 date system with its 1900-02-29, or 1904). */
#include "xlsx_reader.h"

/* ---- workbook: which member is the sheet --------------------------------------- */

struct sheet_choice {
    char *rid;
    int index; /* 1-based position of the chosen sheet */
    int count;
};

static pc_status read_workbook(struct xlsx_reader *r, struct sheet_choice *c)
{
    xmlTextReaderPtr x;
    pc_status st = pc_xlsx_open_member(r, "xl/workbook.xml", true, &x);
    if (st) return st;
    const char *want = pc_format_option(r->ctx.options, "xlsx", "sheet");
    char number[24];
    const struct pc_dialect *d = r->ctx.dialect;
    if (!want && d->sheet_name[0]) want = d->sheet_name; /* the option wins over the dialect */
    if (!want && d->sheet_number) {
        snprintf(number, sizeof number, "%lu", d->sheet_number);
        want = number;
    }
    char *end = NULL;
    long n = want ? strtol(want, &end, 10) : 1;
    bool by_number = !want || (*want && !*end && n > 0);
    int rc;
    while ((rc = pc_xlsx_next_node(r, x)) == 1) {
        if (xmlTextReaderNodeType(x) != XML_READER_TYPE_ELEMENT) continue;
        if (pc_xlsx_is_element(x, "workbookPr")) {
            char *v = pc_xlsx_attr(x, "date1904");
            r->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
            xmlFree(v);
        } else if (pc_xlsx_is_element(x, "sheet")) {
            c->count++;
            char *name = pc_xlsx_attr(x, "name");
            bool hit = want && name && strcmp(name, want) == 0; /* a name wins over a number */
            if ((!hit && !(by_number && c->count == n && !c->rid)) || (c->rid && !hit)) {
                xmlFree(name);
                continue;
            }
            free(r->sheet_name);
            r->sheet_name = name ? strdup(name) : NULL;
            xmlFree(name);
            free(c->rid);
            char *rid = pc_xlsx_attr_ns_local(x, "id");
            c->rid = rid ? strdup(rid) : NULL;
            xmlFree(rid);
            c->index = c->count;
            if (!c->rid) return pc_xlsx_close_xml(r, x, pc_xlsx_archive_error(r, "a sheet has no r:id",
                                                               "xl/workbook.xml"));
        }
    }
    st = pc_xlsx_close_xml(r, x, rc < 0 ? PC_INVALID : PC_OK);
    if (st) return st;
    if (!c->rid) {
        if (c->count == 0) return pc_xlsx_archive_error(r, "it has no sheet", "xl/workbook.xml");
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
    pc_status st = pc_xlsx_open_member(r, "xl/_rels/workbook.xml.rels", true, &x);
    if (st) return st;
    int rc;
    path[0] = '\0';
    bool chart = false;
    while ((rc = pc_xlsx_next_node(r, x)) == 1) {
        if (xmlTextReaderNodeType(x) != XML_READER_TYPE_ELEMENT || !pc_xlsx_is_element(x, "Relationship"))
            continue;
        char *id = pc_xlsx_attr(x, "Id"), *target = pc_xlsx_attr(x, "Target"), *type = pc_xlsx_attr(x, "Type");
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
    st = pc_xlsx_close_xml(r, x, rc < 0 ? PC_INVALID : PC_OK);
    if (st) return st;
    if (path[0] == '\1' || (path[0] && strncmp(path, "xl/", 3) != 0))
        return pc_xlsx_archive_error(r, "a sheet's target leaves xl/ and is refused",
                             "xl/_rels/workbook.xml.rels");
    if (!path[0]) return pc_xlsx_archive_error(r, "the sheet has no target", "xl/_rels/workbook.xml.rels");
    if (chart) return pc_xlsx_fail(r, 0, "sheet %s is a chart, not a worksheet", c->rid);
    return PC_OK;
}

/* ---- shared strings ------------------------------------------------------------ */

static pc_status read_shared_strings(struct xlsx_reader *r)
{
    xmlTextReaderPtr x;
    pc_status st = pc_xlsx_open_member(r, "xl/sharedStrings.xml", false, &x);
    if (st || !x) return st;
    pc_vec_init(&r->sst, 2 * sizeof(size_t));
    size_t start = 0;
    int rc, in_t = 0, in_rph = 0;
    while ((rc = pc_xlsx_next_node(r, x)) == 1) {
        int type = xmlTextReaderNodeType(x);
        if (type == XML_READER_TYPE_ELEMENT) {
            if (pc_xlsx_is_element(x, "si")) start = r->strings.len;
            else if (pc_xlsx_is_element(x, "rPh")) in_rph = !xmlTextReaderIsEmptyElement(x);
            else if (pc_xlsx_is_element(x, "t")) in_t = !xmlTextReaderIsEmptyElement(x);
            if (pc_xlsx_is_element(x, "si") && xmlTextReaderIsEmptyElement(x)) type = XML_READER_TYPE_END_ELEMENT;
        }
        if (pc_xlsx_is_text_node(type) && in_t && !in_rph) {
            const char *v = (const char *)xmlTextReaderConstValue(x);
            if (v && pc_buf_append(&r->strings, v, strlen(v))) return pc_xlsx_close_xml(r, x, PC_ENOMEM);
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            if (pc_xlsx_is_element(x, "t")) in_t = 0;
            else if (pc_xlsx_is_element(x, "rPh")) in_rph = 0;
            else if (pc_xlsx_is_element(x, "si")) {
                size_t *e = pc_vec_push(&r->sst);
                if (!e) return pc_xlsx_close_xml(r, x, PC_ENOMEM);
                e[0] = start;
                e[1] = r->strings.len - start;
            }
        }
    }
    return pc_xlsx_close_xml(r, x, rc < 0 ? PC_INVALID : PC_OK);
}

/* ---- styles: which cells hold dates ---------------------------------------------- */

struct custom_format {
    long id;
    enum pc_numkind kind;
};

static pc_status read_styles(struct xlsx_reader *r)
{
    xmlTextReaderPtr x;
    pc_status st = pc_xlsx_open_member(r, "xl/styles.xml", false, &x);
    if (st || !x) return st;
    struct pc_vec custom;
    pc_vec_init(&custom, sizeof(struct custom_format));
    int rc, in_xfs = 0;
    while ((rc = pc_xlsx_next_node(r, x)) == 1) {
        int type = xmlTextReaderNodeType(x);
        if (type == XML_READER_TYPE_END_ELEMENT && pc_xlsx_is_element(x, "cellXfs")) in_xfs = 0;
        if (type != XML_READER_TYPE_ELEMENT) continue;
        if (pc_xlsx_is_element(x, "cellXfs")) {
            in_xfs = !xmlTextReaderIsEmptyElement(x);
        } else if (pc_xlsx_is_element(x, "numFmt")) {
            char *id = pc_xlsx_attr(x, "numFmtId"), *code = pc_xlsx_attr(x, "formatCode");
            struct custom_format *cf = pc_vec_push(&custom);
            if (cf) *cf = (struct custom_format){id ? atol(id) : -1, code ? pc_xlsx_format_kind(code) : 0};
            xmlFree(id);
            xmlFree(code);
            if (!cf) st = PC_ENOMEM;
        } else if (in_xfs && pc_xlsx_is_element(x, "xf")) {
            char *id = pc_xlsx_attr(x, "numFmtId");
            long n = id ? atol(id) : 0;
            xmlFree(id);
            enum pc_numkind k = pc_xlsx_builtin_kind(n);
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
    return pc_xlsx_close_xml(r, x, st ? st : rc < 0 ? PC_INVALID : PC_OK);
}

/* ---- values ---------------------------------------------------------------------- */

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
            pc_xlsx_column_name(r->cell_col, col);
            char msg[96];
            snprintf(msg, sizeof msg, "cell %s%lu refers to shared string %s, which does not exist",
                     col, r->row_no, "%s");
            return pc_xlsx_fail(r, r->row_no, msg, v);
        }
        const size_t *e = &PC_VEC_AT(&r->sst, size_t, 2 * i);
        *text = r->strings.data + e[0];
        *len = e[1];
    } else if (strcmp(t, "b") == 0) {
        *text = strcmp(v, "1") == 0 ? "true" : "false";
        *len = strlen(*text);
    } else if (strcmp(t, "e") == 0) {
        char col[4], msg[128];
        pc_xlsx_column_name(r->cell_col, col);
        snprintf(msg, sizeof msg, PC_("cell %s%lu holds the spreadsheet error %s"), col, r->row_no,
                 "%s");
        struct pc_error e = {.code = PC_INVALID, .type = "type-error", .line = r->row_no,
                             .record = r->recno + 1, .cell = v, .column = r->cell_col + 1};
        pc_report(r->ctx.sink, &e, msg, v);
        r->row_invalid = true;
        *len = 0;
    } else if (strcmp(t, "d") == 0) {
        if (*len > 10 && strcmp(v + 10, "T00:00:00") == 0) *len = 10;
    } else if (strcmp(t, "n") == 0 && *len) {
        unsigned long s = r->style.len ? strtoul(r->style.data, NULL, 10) : 0;
        enum pc_numkind k = s < r->nxf ? r->xf[s] : NUM_PLAIN;
        char *end;
        double d = strtod(v, &end);
        if (k != NUM_PLAIN && !*end && pc_xlsx_serial_iso(d, k, r->date1904, scratch, cap)) {
            *text = scratch;
        } else {
            pc_xlsx_number_text(v, scratch, cap);
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
    char *ref = pc_xlsx_attr(x, "r"), *t = pc_xlsx_attr(x, "t"), *s = pc_xlsx_attr(x, "s");
    long col = ref ? pc_xlsx_column_of(ref) : (long)r->cell_col + 1;
    r->val.len = r->type.len = r->style.len = 0;
    pc_status st = PC_OK;
    if (col < 0) st = pc_xlsx_fail(r, r->row_no, "a cell has the reference \"%s\", which is no column "
                                         "from A to XFD", ref ? ref : "");
    else if (col >= PC_XLSX_MAX_COLS)
        st = r->fatal = pc_reader_error(r->ctx.sink, PC_INVALID, "format-error", r->row_no, 0,
                                        "a cell without a reference comes after column XFD, "
                                        "the last one");
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

/* Counts a cell's text against the bounds on a row and on the copies of
 * shared strings (see the top of this file). */
static pc_status count_text(struct xlsx_reader *r, size_t len)
{
    size_t max_row = r->ctx.max_field_size > PC_XLSX_MAX_ROW ? r->ctx.max_field_size
                                                              : PC_XLSX_MAX_ROW;
    if ((r->row_bytes += len) > max_row)
        return r->fatal = pc_reader_error(r->ctx.sink, PC_INVALID, "format-error", r->row_no, 0,
                                          "row %lu holds over %zu MiB of text, more than a "
                                          "record may hold",
                                          r->row_no, max_row >> 20);
    if (r->type.len && strcmp(r->type.data, "s") == 0) r->expanded += len;
    if (r->expanded > PC_XLSX_MAX_EXPANDED && r->expanded / PC_XLSX_RATIO > r->file_size)
        return r->fatal = pc_reader_error(r->ctx.sink, PC_INVALID, "format-error", r->row_no, 0,
                                          "the sheet repeats its shared strings into over 1 GiB "
                                          "of text, over 500 times the workbook's size: refused");
    return PC_OK;
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
    if ((st = count_text(r, len))) return st;
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
    l[r->nlabels].column = r->first_col + r->nlabels + 1; /* take_header sets first_col */
    r->nlabels++;
    return PC_OK;
}

/* A label's text by column: a cell of the row read, or a joined label. */
typedef const char *(*label_fn)(const struct xlsx_reader *r, size_t col, size_t *len);

static const char *row_label(const struct xlsx_reader *r, size_t col, size_t *len)
{
    const struct cellval *v = &r->row[col];
    *len = v->set ? v->len : 0;
    return v->set ? r->batch.text.data + v->off : "";
}

static const char *joined_label(const struct xlsx_reader *r, size_t col, size_t *len)
{
    const char *s = pc_header_join_label(&r->join, col);
    *len = strlen(s);
    return s;
}

/* The header: from its first to its last filled column; a blank or
 * repeated name between is an error, as in CSV. */
static pc_status take_labels(struct xlsx_reader *r, size_t ncols, label_fn label)
{
    size_t first = 0, last = ncols, n;
    while (first < ncols && (label(r, first, &n), n == 0)) first++;
    while (last > first && (label(r, last - 1, &n), n == 0)) last--;
    r->first_col = first;
    struct pc_strset seen = {0}; /* a set, not a scan per name: 16384 columns stay fast */
    pc_status st = PC_OK;
    for (size_t c = first; !st && c < last; c++) {
        const char *name = label(r, c, &n);
        if ((st = add_label(r, name, n))) break;
        char col[4];
        pc_xlsx_column_name(c, col);
        uint32_t at = (uint32_t)c;
        bool repeated = false;
        if (!n)
            pc_xlsx_fail(r, r->row_no, "column %s has an empty header", col);
        else if ((st = pc_strset_add(&seen, name, n, &at, &repeated)))
            break;
        if (repeated) pc_xlsx_fail(r, r->row_no, "the header \"%s\" is repeated", r->labels[r->nlabels - 1].name);
    }
    pc_strset_free(&seen);
    r->header_done = true;
    return st ? st : r->fatal;
}

static pc_status take_header(struct xlsx_reader *r, size_t ncols)
{
    return take_labels(r, ncols, row_label);
}

/* One header row joined into the labels, its merged ranges filled. */
static const char *cell_label(const void *r, size_t col, size_t *len)
{
    return row_label(r, col, len);
}

static pc_status join_header_row(struct xlsx_reader *r, size_t ncols)
{
    if (pc_xlsx_merge_row(&r->merges, r->row_no, &ncols, cell_label, r)) return PC_ENOMEM;
    const char **cells = calloc(ncols ? ncols : 1, sizeof *cells);
    size_t *lens = calloc(ncols ? ncols : 1, sizeof *lens);
    pc_status st = cells && lens ? PC_OK : PC_ENOMEM;
    for (size_t c = 0; !st && c < ncols; c++) {
        size_t n = 0;
        const char *v = c < r->row_cols ? row_label(r, c, &n) : "";
        const char *m = n ? NULL : pc_xlsx_merge_value(&r->merges, r->row_no, c);
        cells[c] = m ? m : v;
        lens[c] = m ? strlen(m) : n;
    }
    if (!st) st = pc_header_join_row(&r->join, cells, lens, ncols);
    free(cells);
    free(lens);
    return st;
}

/* Labels for a sheet without a header: field1, field2 ... */
static pc_status number_labels(struct xlsx_reader *r, size_t ncols)
{
    for (size_t c = 0; c < ncols; c++) {
        char name[32];
        int n = snprintf(name, sizeof name, "field%zu", c + 1);
        pc_status st = add_label(r, name, (size_t)n);
        if (st) return st;
    }
    r->first_col = 0;
    r->header_done = true;
    return PC_OK;
}

/* A row up to the last header row the dialect gives (rows are the
 * sheet's row numbers): a header row is joined into the labels, another
 * row is skipped and reported; *used when the row is no record. */
static pc_status header_rows(struct xlsx_reader *r, size_t ncols, bool *used)
{
    const struct pc_dialect *d = r->ctx.dialect;
    if (!d->header) return ncols ? number_labels(r, ncols) : PC_OK;
    unsigned long last = d->header_rows[d->nheader_rows - 1];
    if (r->row_no > last) return take_labels(r, r->join.n, joined_label); /* rows were empty */
    *used = true;
    pc_status st = PC_OK;
    if (pc_dialect_row_listed(d->header_rows, d->nheader_rows, r->row_no)) {
        st = join_header_row(r, ncols);
    } else if (ncols) {
        struct pc_error e = {.code = PC_OK, .type = "skipped-row", .line = r->row_no,
                             .severity = PC_SEV_WARNING};
        pc_report(r->ctx.sink, &e, "row %lu is above the header rows and is skipped", r->row_no);
    }
    if (!st && r->row_no == last) st = take_labels(r, r->join.n, joined_label);
    return st;
}

/* A data row: one cell per header column, empty where the sheet has none. */
static pc_status take_row(struct xlsx_reader *r, size_t ncols)
{
    size_t first = r->batch.cells.len;
    for (size_t c = 0; c < ncols; c++) {
        if (!r->row[c].set) continue;
        if (c >= r->first_col && c < r->first_col + r->nlabels) continue;
        char col[4], msg[160];
        pc_xlsx_column_name(c, col);
        snprintf(msg, sizeof msg, "cell %s%lu is outside the header's columns; its value is "
                                  "left out",
                 col, r->row_no);
        struct pc_error e = {.code = PC_INVALID, .type = "extra-cell", .line = r->row_no,
                             .record = r->recno + 1, .column = c + 1};
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
    struct pc_row_gist g = {0}; /* a title above the header, a footnote, a total */
    for (size_t c = 0, n; c < ncols && g.nonempty < PC_GIST_CELLS; c++) {
        const char *s = row_label(r, c, &n);
        pc_row_gist_add(&g, s, n);
    }
    g.ncells = ncols;
    if (r->recno == 0 && r->nlabels == 1 && !r->ctx.dialect->header_rows_given)
        pc_hint_title_row(r->ctx.sink, r->labels[0].line, &g);
    struct pc_row *row = pc_vec_push(&r->batch.rows);
    if (!row) return PC_ENOMEM;
    *row = (struct pc_row){.first_cell = first, .ncells = r->nlabels, .line = r->row_no,
                           .recno = ++r->recno, .invalid = r->row_invalid};
    pc_hint_data_row(r->ctx.sink, row->line, row->recno, &g);
    return PC_OK;
}

/* At a row's end: the header, a record, or nothing for an empty row.
 * *done when a record is ready. */
static pc_status end_row(struct xlsx_reader *r, bool *done)
{
    size_t ncols = r->row_cols;
    pc_status st = PC_OK;
    const struct pc_dialect *d = r->ctx.dialect;
    bool rows = d->header_rows_given || !d->header, used = false;
    if (rows && !r->header_done) st = header_rows(r, ncols, &used);
    if (st || used) {
    } else if (ncols && !r->header_done) {
        st = take_header(r, ncols);
    } else if (ncols) {
        st = take_row(r, ncols), *done = true;
    }
    if (r->row) memset(r->row, 0, ncols * sizeof *r->row);
    r->row_cols = 0;
    r->row_bytes = 0;
    r->row_invalid = false;
    return st;
}

static pc_status start_row(struct xlsx_reader *r, xmlTextReaderPtr x)
{
    char *n = pc_xlsx_attr(x, "r");
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
    if (pc_xlsx_is_element(x, "row")) {
        st = start_row(r, x);
        if (!st && empty) st = end_row(r, done);
    } else if (pc_xlsx_is_element(x, "c")) {
        st = start_cell(r, x);
        if (!st && empty) st = end_cell(r);
    } else if (r->in_cell && !empty) {
        if (pc_xlsx_is_element(x, "v")) r->in_v = true;
        else if (pc_xlsx_is_element(x, "is")) r->in_is = true;
        else if (pc_xlsx_is_element(x, "rPh")) r->in_rph = true;
        else if (pc_xlsx_is_element(x, "t") && r->in_is) r->in_t = true;
    }
    return st;
}

static pc_status on_end(struct xlsx_reader *r, bool *done)
{
    xmlTextReaderPtr x = r->x;
    if (pc_xlsx_is_element(x, "row")) return end_row(r, done);
    if (!r->in_cell) return PC_OK;
    if (pc_xlsx_is_element(x, "c")) return end_cell(r);
    if (pc_xlsx_is_element(x, "v")) r->in_v = false;
    else if (pc_xlsx_is_element(x, "t")) r->in_t = false;
    else if (pc_xlsx_is_element(x, "rPh")) r->in_rph = false;
    else if (pc_xlsx_is_element(x, "is")) r->in_is = false;
    return PC_OK;
}

/* Reads nodes until a record is ready or the sheet ends. */
static pc_status parse_rows(struct xlsx_reader *r)
{
    bool done = false;
    while (!done) {
        int rc = pc_xlsx_next_node(r, r->x);
        if (rc == 0) {
            r->eof = true;
            /* a sheet that ends before its last header row: the rows read */
            if (!r->header_done && !r->fatal && r->join.n)
                take_labels(r, r->join.n, joined_label);
            return r->fatal;
        }
        if (rc < 0) return r->fatal ? r->fatal : PC_INVALID;
        int type = xmlTextReaderNodeType(r->x);
        pc_status st = PC_OK;
        if (type == XML_READER_TYPE_ELEMENT) {
            st = on_element(r, &done);
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            st = on_end(r, &done);
        } else if (pc_xlsx_is_text_node(type) && (r->in_v || (r->in_t && !r->in_rph))) {
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
    pc_xlsx_merge_free(&r->merges);
    pc_header_join_free(&r->join);
    pc_buf_free(&r->val);
    pc_buf_free(&r->ref);
    pc_buf_free(&r->type);
    pc_buf_free(&r->style);
    if (r->ctx.sink->sheet == r->sheet_name) r->ctx.sink->sheet = NULL;
    free(r->sheet_name);
    free(r);
}

static const struct pc_reader_ops xlsx_ops = {xlsx_next, xlsx_labels, xlsx_free};

/* Merged ranges are listed after the sheet's rows: when the dialect
 * gives header rows, the sheet is read once more before, for those that
 * reach into the header. */
static pc_status read_merges(struct xlsx_reader *r, const char *path)
{
    const struct pc_dialect *d = r->ctx.dialect;
    if (!d->header_rows_given || !d->header) return PC_OK;
    xmlTextReaderPtr x;
    pc_status st = pc_xlsx_open_member(r, path, true, &x);
    if (st) return st;
    int rc;
    while (!st && (rc = pc_xlsx_next_node(r, x)) == 1) {
        if (xmlTextReaderNodeType(x) != XML_READER_TYPE_ELEMENT || !pc_xlsx_is_element(x, "mergeCell"))
            continue;
        char *ref = pc_xlsx_attr(x, "ref");
        if (ref) st = pc_xlsx_merge_add(&r->merges, ref, d->header_rows[d->nheader_rows - 1]);
        if (st == PC_END) st = pc_xlsx_fail(r, 0, "the header has more than %s merged ranges", "65536");
        xmlFree(ref);
    }
    return pc_xlsx_close_xml(r, x, st ? st : rc < 0 ? PC_INVALID : PC_OK);
}

static pc_status open_workbook(struct xlsx_reader *r)
{
    struct sheet_choice c = {0};
    char *path = r->sheet_path;
    pc_status st = read_workbook(r, &c);
    if (!st) st = find_sheet(r, &c, path, sizeof r->sheet_path);
    free(c.rid);
    if (!st) st = read_shared_strings(r);
    if (!st) st = read_styles(r);
    if (!st) st = read_merges(r, path);
    if (!st) st = pc_xlsx_open_member(r, path, true, &r->x);
    if (!st) r->ctx.sink->sheet = r->sheet_name;
    return st;
}

static pc_status xlsx_reader_new(const struct pc_read_ctx *ctx, struct pc_reader **out)
{
    struct xlsx_reader *r = calloc(1, sizeof *r);
    if (!r) return PC_ENOMEM;
    r->base.ops = &xlsx_ops;
    r->ctx = *ctx;
    r->join.join = ctx->dialect->header_join;
    pc_batch_init(&r->batch);
    pc_vec_init(&r->sst, 2 * sizeof(size_t));
    *out = &r->base; /* freed by the caller, also on failure */
    if (!ctx->path || strcmp(ctx->path, "-") == 0) {
        struct pc_error e = {.code = PC_EUSAGE, .type = "usage-error"};
        return pc_report(ctx->sink, &e, "an .xlsx workbook cannot be read from standard input; "
                                        "give its file name");
    }
    /* a file that cannot be read is an I/O error, not bad data */
    int fd = open(ctx->path, O_RDONLY | O_CLOEXEC);
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb) != 0) {
        struct pc_error e = {.code = PC_EIO, .type = "source-error"};
        pc_status st = pc_report(ctx->sink, &e, "cannot open: %s", strerror(errno));
        if (fd >= 0) close(fd);
        return st;
    }
    close(fd);
    r->file_size = (uint64_t)sb.st_size;
    r->zip = unzOpen64(ctx->path);
    if (!r->zip) return pc_xlsx_fail(r, 0, "%s is not a zip archive, so not an .xlsx workbook", ctx->path);
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
    PC_FORMAT_READS_FILE | PC_FORMAT_TABULAR, xlsx_ext, xlsx_keys, xlsx_probe, xlsx_reader_new, NULL};
