/* XML: read with libxml2's xmlTextReader (streaming, one node at a time)
 * into the tree record builder; written with xmlTextWriter.
 *
 * Layout, from the schema's x-xml names:
 *   <root><record><field>value</field><multi><item>a</item>...</multi></record>...</root>
 * and for nested kinds (x-nest) the child records inside their parent:
 *   <record>parent fields<children><child>child fields</child>...</children></record>
 * The reader needs no schema: an element holding text is a value, one
 * holding elements is a list, and a list item holding elements is a
 * child record.
 *
 * Hostile input is refused, not obeyed: no network, no DTD at all (so no
 * external entities and no entity expansion), and nesting is bounded. */
#include "format.h"
#include "tree.h"

#include <libxml/parserInternals.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>

/* ---- reader ------------------------------------------------------------ */

enum opened { OPEN_LEAF, OPEN_ARRAY, OPEN_OBJECT };

struct xml_reader {
    struct pc_reader base;
    struct pc_read_ctx ctx;
    xmlTextReaderPtr xr;
    struct pc_tree tree;
    const char *chunk; /* decoded input not yet given to libxml2 */
    size_t chunk_len;
    bool eof, done, stream_failed;
    enum opened opened[PC_TREE_MAX_DEPTH + 2];
    /* an element whose kind is not known yet: a value, or a container */
    bool pending, pending_is_item;
    int pending_depth;
    struct pc_buf text;
    char error[256];
    unsigned long error_line;
    /* libxml2 gives a DTD node no line: the prolog's bytes are scanned as
     * they are read for where <!DOCTYPE starts, until the root element */
    bool prolog_done;
    unsigned long prolog_line, doctype_line;
    size_t doctype_match; /* bytes of "<!DOCTYPE" matched so far */
    bool after_lt;
    /* names the root and record elements: the schema given, else the
     * bundled kind whose root element the document has (owned), else none */
    const struct pc_schema *layout;
    struct pc_schema *by_root;
};

static void scan_prolog(struct xml_reader *r, const char *p, size_t n)
{
    static const char doctype[] = "<!DOCTYPE";
    for (size_t i = 0; i < n && !r->prolog_done; i++) {
        char c = p[i];
        if (c == '\n') r->prolog_line++;
        if (r->after_lt && ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) r->prolog_done = true;
        r->after_lt = c == '<';
        r->doctype_match = c == doctype[r->doctype_match] ? r->doctype_match + 1 : c == '<';
        if (r->doctype_match == sizeof doctype - 1 && !r->doctype_line) {
            r->doctype_line = r->prolog_line + 1;
            r->prolog_done = true;
        }
    }
}

static int read_input(void *ctx, char *buf, int len)
{
    struct xml_reader *r = ctx;
    if (r->chunk_len == 0 && !r->eof) {
        if (pc_istream_next(r->ctx.in, &r->chunk, &r->chunk_len)) {
            r->stream_failed = true;
            return -1;
        }
        if (r->chunk_len == 0) r->eof = true;
    }
    size_t n = r->chunk_len < (size_t)len ? r->chunk_len : (size_t)len;
    if (n == 0) return 0; /* the end: chunk may be NULL */
    if (!r->prolog_done) scan_prolog(r, r->chunk, n);
    memcpy(buf, r->chunk, n);
    r->chunk += n;
    r->chunk_len -= n;
    return (int)n;
}

static int close_input(void *ctx)
{
    (void)ctx;
    return 0;
}

static void on_xml_error(void *arg, const char *msg, xmlParserSeverities severity,
                         xmlTextReaderLocatorPtr loc)
{
    struct xml_reader *r = arg;
    if (severity != XML_PARSER_SEVERITY_ERROR || r->error[0]) return;
    snprintf(r->error, sizeof r->error, "%s", msg);
    size_t n = strlen(r->error);
    while (n && (r->error[n - 1] == '\n' || r->error[n - 1] == ' ')) r->error[--n] = '\0';
    r->error_line = (unsigned long)xmlTextReaderLocatorLineNumber(loc);
}

static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strchr(" \t\r\n", s[i])) return false;
    return true;
}

/* The pending element turns out to hold elements: a list (for a field)
 * or a child record (for a list item). */
static int resolve_container(struct xml_reader *r)
{
    r->pending = false;
    if (r->pending_is_item) {
        r->opened[r->pending_depth] = OPEN_OBJECT;
        return pc_tree_start_object(&r->tree);
    }
    r->opened[r->pending_depth] = OPEN_ARRAY;
    return pc_tree_start_array(&r->tree);
}

/* The pending element ended holding only text: a value. */
static int resolve_leaf(struct xml_reader *r, bool empty)
{
    r->pending = false;
    if (empty) return pc_tree_scalar(&r->tree, PC_T_NULL, "", 0);
    return pc_tree_scalar(&r->tree, PC_T_STRING, r->text.data ? r->text.data : "", r->text.len);
}

/* The layout's schema names the root and record elements (x-xml); with
 * none (-k table, or a root no bundled kind has) any name goes. Field
 * elements are checked as labels, by the pipeline. */
static int expect_element(struct xml_reader *r, const char *name, const char *fmt,
                          const char *expected)
{
    if (!expected || strcmp(name, expected) == 0) return 1;
    char msg[320];
    snprintf(msg, sizeof msg, PC_(fmt), name,
             r->layout->name, expected);
    return pc_tree_fail(&r->tree, msg);
}

/* The element name the schema gives the items of the list `key` (its
 * child records for a nested kind's child array); NULL: any. */
static const char *item_name(const struct xml_reader *r, const char *key)
{
    if (!r->layout) return NULL;
    if (r->layout->nest.on && strcmp(key, r->layout->nest.child) == 0) return r->layout->xml_child;
    for (size_t i = 0; i < r->layout->nfields; i++)
        if (strcmp(r->layout->fields[i].name, key) == 0 && r->layout->fields[i].separator)
            return r->layout->fields[i].xml_item;
    return NULL;
}

/* With no schema given, the bundled kind whose root this is. */
static int start_root(struct xml_reader *r, const char *name)
{
    if (!r->layout) {
        pc_status st = pc_schema_by_xml_root(name, &r->by_root);
        if (st > PC_OK) return r->tree.fatal = st, 0;
        r->layout = st == PC_OK ? r->by_root : NULL;
    }
    return expect_element(r, name, N_("the root element is <%s>; %s expects <%s>"), r->layout ? r->layout->xml_root : NULL);
}

/* Values are elements; an attribute is no field, so it is left out, and
 * said so (a warning; namespace declarations and xsi: attributes, which
 * hold no data, are not). */
static void report_attributes(struct xml_reader *r, const char *element)
{
    while (xmlTextReaderMoveToNextAttribute(r->xr) == 1) {
        const char *attr = (const char *)xmlTextReaderConstName(r->xr);
        const char *ns = (const char *)xmlTextReaderConstNamespaceUri(r->xr);
        if (xmlTextReaderIsNamespaceDecl(r->xr) == 1 ||
            (ns && strcmp(ns, "http://www.w3.org/2001/XMLSchema-instance") == 0))
            continue;
        pc_reader_error(r->ctx.sink, PC_OK, "extra-label", r->tree.line, r->tree.recno + 1,
                        "the attribute %s of <%s> is no field: its value is left out", attr,
                        element);
    }
    xmlTextReaderMoveToElement(r->xr);
}

static int on_element(struct xml_reader *r, int depth)
{
    struct pc_tree *t = &r->tree;
    if (depth > PC_TREE_MAX_DEPTH) return pc_tree_fail(t, "the XML is nested too deeply");
    if (r->pending && !blank(r->text.data, r->text.len))
        return pc_tree_fail(t, "an element mixes text and child elements");
    if (r->pending && !resolve_container(r)) return 0;
    const char *name = (const char *)xmlTextReaderConstLocalName(r->xr);
    bool empty = xmlTextReaderIsEmptyElement(r->xr);
    if (xmlTextReaderHasAttributes(r->xr) == 1) report_attributes(r, name);
    enum pc_tree_ctx c = t->depth ? t->stack[t->depth - 1] : TREE_NONE;
    switch (c) {
    case TREE_NONE: /* the root: a list of records */
        if (!start_root(r, name)) return 0;
        r->opened[depth] = OPEN_ARRAY;
        if (!pc_tree_start_array(t)) return 0;
        return empty ? pc_tree_end_array(t) : 1;
    case TREE_TOP:
    case TREE_CHILDREN:
        if (!expect_element(r, name, N_("the record element is <%s>; %s expects <%s>"), !r->layout       ? NULL
                                               : c == TREE_TOP ? r->layout->xml_record
                                                               : r->layout->xml_child))
            return 0;
        r->opened[depth] = OPEN_OBJECT;
        if (!pc_tree_start_object(t)) return 0;
        return empty ? pc_tree_end_object(t) : 1;
    case TREE_RECORD:
    case TREE_CHILD:
        if (!pc_tree_key(t, name, strlen(name))) return 0;
        r->pending_is_item = false;
        break;
    case TREE_ARRAY:
        if (!expect_element(r, name, "list item", item_name(r, t->labels[t->label].name)))
            return 0;
        r->pending_is_item = true;
        break;
    default:
        return pc_tree_fail(t, "unexpected element");
    }
    r->opened[depth] = OPEN_LEAF;
    r->text.len = 0;
    r->pending = true;
    r->pending_depth = depth;
    return empty ? resolve_leaf(r, true) : 1;
}

static int on_end_element(struct xml_reader *r, int depth)
{
    if (r->pending) return resolve_leaf(r, false);
    switch (r->opened[depth]) {
    case OPEN_ARRAY: return pc_tree_end_array(&r->tree);
    case OPEN_OBJECT: return pc_tree_end_object(&r->tree);
    default: return 1;
    }
}

static int on_text(struct xml_reader *r)
{
    const char *v = (const char *)xmlTextReaderConstValue(r->xr);
    size_t n = v ? strlen(v) : 0;
    if (!r->pending) /* text between elements: only layout may be there */
        return blank(v, n) ? 1 : pc_tree_fail(&r->tree, "text is not allowed between elements here");
    if (r->text.len + n > r->ctx.max_field_size) return pc_tree_too_large(&r->tree);
    if (pc_buf_append(&r->text, v, n)) return r->tree.fatal = PC_ENOMEM, 0;
    return 1;
}

static int on_node(struct xml_reader *r)
{
    /* the node's own line; the parser's position may be further on */
    xmlNodePtr node = xmlTextReaderCurrentNode(r->xr);
    long line = node ? xmlGetLineNo(node) : -1;
    r->tree.line = (unsigned long)(line > 0 ? line : xmlTextReaderGetParserLineNumber(r->xr));
    int depth = xmlTextReaderDepth(r->xr);
    switch (xmlTextReaderNodeType(r->xr)) {
    case XML_READER_TYPE_ELEMENT: return on_element(r, depth);
    case XML_READER_TYPE_END_ELEMENT: return on_end_element(r, depth);
    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
    case XML_READER_TYPE_WHITESPACE:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE: return on_text(r);
    case XML_READER_TYPE_DOCUMENT_TYPE:
        if (r->doctype_line) r->tree.line = r->doctype_line;
        return pc_tree_fail(&r->tree, "a document type declaration (<!DOCTYPE>) is not allowed: "
                                      "planconv neither loads DTDs nor expands entities");
    case XML_READER_TYPE_ENTITY_REFERENCE:
        return pc_tree_fail(&r->tree, "entity references are not allowed");
    default: return 1; /* comments, processing instructions */
    }
}

/* Reads nodes until the batch has records or the document ends. */
static pc_status parse_some(void *reader)
{
    struct xml_reader *r = reader;
    struct pc_tree *t = &r->tree;
    size_t rows = t->batch.rows.len;
    while (t->batch.rows.len == rows || t->batch.rows.len < 256) {
        int rc = xmlTextReaderRead(r->xr);
        if (rc == 1) {
            if (!on_node(r)) return t->fatal;
            continue;
        }
        if (r->stream_failed) return t->fatal = PC_INVALID;
        if (rc < 0 || r->error[0]) {
            t->line = r->error_line ? r->error_line : t->line;
            return t->fatal = pc_reader_error(r->ctx.sink, PC_INVALID, "format-error", t->line,
                                              t->recno + 1, "invalid XML: %s",
                                              r->error[0] ? r->error : "cannot parse");
        }
        r->done = true;
        if (!t->top_seen)
            return t->fatal = pc_reader_error(r->ctx.sink, PC_INVALID, "format-error", t->line, 0,
                                              "the file is empty; expected an XML document");
        break;
    }
    return PC_OK;
}

static pc_status xml_next(struct pc_reader *base, struct pc_record *rec)
{
    struct xml_reader *r = (struct xml_reader *)base;
    return pc_tree_next(&r->tree, &r->done, parse_some, r, rec);
}

static size_t xml_labels(struct pc_reader *base, const struct pc_label **labels)
{
    struct xml_reader *r = (struct xml_reader *)base;
    *labels = r->tree.labels;
    return r->tree.nlabels;
}

static void xml_reader_free(struct pc_reader *base)
{
    struct xml_reader *r = (struct xml_reader *)base;
    if (r->xr) xmlFreeTextReader(r->xr);
    pc_schema_free(r->by_root);
    pc_tree_free(&r->tree);
    pc_buf_free(&r->text);
    free(r);
}

static const struct pc_reader_ops xml_reader_ops = {xml_next, xml_labels, xml_reader_free};

static pc_status xml_reader_new(const struct pc_read_ctx *ctx, struct pc_reader **out)
{
    struct xml_reader *r = calloc(1, sizeof *r);
    if (!r) return PC_ENOMEM;
    r->base.ops = &xml_reader_ops;
    r->ctx = *ctx;
    r->layout = ctx->schema;
    pc_tree_init(&r->tree, ctx->sink, ctx->max_field_size, false, false);
    r->tree.line = 1;
    /* The input is decoded to UTF-8 already, whatever the declaration says.
     * No XML_PARSE_NOENT, DTDLOAD or DTDATTR: entities stay unexpanded and
     * nothing outside the file is read; NONET forbids the network too. */
    r->xr = xmlReaderForIO(read_input, close_input, r, NULL, "UTF-8",
                           XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT);
    if (!r->xr) {
        xml_reader_free(&r->base);
        return PC_ENOMEM;
    }
    xmlTextReaderSetErrorHandler(r->xr, on_xml_error, r);
    *out = &r->base;
    return PC_OK;
}

/* ---- writer ------------------------------------------------------------ */

struct xml_writer {
    struct pc_writer base;
    struct pc_write_ctx ctx;
    xmlTextWriterPtr xw;
    struct pc_group group; /* nested: the open parent */
    struct pc_buf scratch; /* NUL-terminated copy of a value */
    bool bad;              /* a value held bad_char, which XML cannot */
    unsigned bad_char;
    size_t too_long;       /* the length of a value no XML reader would read back */
};

static int write_output(void *ctx, const char *buf, int len)
{
    struct pc_ostream *o = ctx;
    pc_out_write(o, buf, (size_t)len);
    pc_out_maybe_flush(o);
    /* a failure stays in o->status, which the pipeline reports; -1 would
     * make libxml2 print its own "I/O error" too */
    return len;
}

static int close_output(void *ctx)
{
    (void)ctx;
    return 0;
}

static const xmlChar *X(const char *s)
{
    return (const xmlChar *)s;
}

static int write_text_element(struct xml_writer *w, const char *name, const struct pc_batch *b,
                              const struct pc_value *v)
{
    /* libxml2 (planconv's reader too) refuses a text node over
     * XML_MAX_TEXT_LENGTH: what it could not read back is not written */
    if (v->len > XML_MAX_TEXT_LENGTH) {
        w->too_long = v->len;
        return -1;
    }
    w->scratch.len = 0;
    if (pc_buf_append(&w->scratch, pc_value_text(b, v), v->len)) return -1;
    /* XML 1.0 has no control characters but tab, CR and LF (nor U+FFFE,
     * U+FFFF): refused, never dropped or cut at a NUL */
    const unsigned char *t = (const unsigned char *)w->scratch.data;
    for (size_t i = 0; i < v->len; i++)
        if ((t[i] < 0x20 && t[i] != '\t' && t[i] != '\n' && t[i] != '\r') ||
            (t[i] == 0xEF && i + 2 < v->len && t[i + 1] == 0xBF && t[i + 2] >= 0xBE)) {
            w->bad = true;
            w->bad_char = t[i] < 0x20 ? t[i] : 0xFFFEu + (t[i + 2] - 0xBE);
            return -1;
        }
    return xmlTextWriterWriteElement(w->xw, X(name), X(w->scratch.data));
}

/* Writes the fields whose `child` flag is `child` (all when not nested). */
static int write_fields(struct xml_writer *w, const struct pc_record *rec, bool child)
{
    const struct pc_schema *s = w->ctx.schema;
    int rc = 0;
    for (size_t i = 0; i < s->nfields && rc >= 0; i++) {
        const struct pc_field *f = &s->fields[i];
        int slot = rec->slot[i];
        if (s->nest.on && f->child != child) continue;
        const struct pc_value *v = slot < 0 ? NULL : &pc_record_cell(rec, (size_t)slot)->v;
        if (!v || v->type == PC_T_NULL || v->type == PC_T_ABSENT) {
            /* -k table keeps the column: an empty element, read back as null */
            if (w->ctx.every_key) rc = xmlTextWriterWriteElement(w->xw, X(f->name), X(""));
            continue;
        }
        if (v->type != PC_T_ARRAY) {
            rc = write_text_element(w, f->name, rec->batch, v);
            continue;
        }
        rc = xmlTextWriterStartElement(w->xw, X(f->name));
        for (uint32_t k = 0; k < v->len && rc >= 0; k++)
            rc = write_text_element(w, f->xml_item, rec->batch, pc_value_item(rec->batch, v, k));
        if (rc >= 0) rc = xmlTextWriterEndElement(w->xw);
    }
    return rc;
}

static int close_parent(struct xml_writer *w)
{
    int rc = xmlTextWriterEndElement(w->xw); /* the child list */
    return rc < 0 ? rc : xmlTextWriterEndElement(w->xw);
}

static pc_status xml_write(struct pc_writer *base, const struct pc_record *rec)
{
    struct xml_writer *w = (struct xml_writer *)base;
    const struct pc_schema *s = w->ctx.schema;
    int rc = 0;
    if (!s->nest.on) {
        rc = xmlTextWriterStartElement(w->xw, X(s->xml_record));
        if (rc >= 0) rc = write_fields(w, rec, false);
        if (rc >= 0) rc = xmlTextWriterEndElement(w->xw);
    } else {
        bool was_open = w->group.open, starts;
        if (pc_group_next(&w->group, s, rec, &starts)) return PC_ENOMEM;
        if (starts) {
            if (was_open) rc = close_parent(w);
            if (rc >= 0) rc = xmlTextWriterStartElement(w->xw, X(s->xml_record));
            if (rc >= 0) rc = write_fields(w, rec, false);
            if (rc >= 0) rc = xmlTextWriterStartElement(w->xw, X(s->nest.child));
        }
        if (rc >= 0) rc = xmlTextWriterStartElement(w->xw, X(s->xml_child));
        if (rc >= 0) rc = write_fields(w, rec, true);
        if (rc >= 0) rc = xmlTextWriterEndElement(w->xw);
    }
    if (w->bad && !w->ctx.out->status)
        w->ctx.out->status = pc_reader_error(
            w->ctx.sink, PC_INVALID, "format-error", rec->line, rec->recno,
            "a value holds the character U+%04X, which XML cannot hold; write another format",
            w->bad_char);
    if (w->too_long && !w->ctx.out->status)
        w->ctx.out->status = pc_reader_error(
            w->ctx.sink, PC_INVALID, "format-error", rec->line, rec->recno,
            "a value of %zu bytes is longer than XML readers accept (%d bytes); write another "
            "format",
            w->too_long, XML_MAX_TEXT_LENGTH);
    if (rc < 0 && !w->ctx.out->status) w->ctx.out->status = PC_EINTERNAL;
    return w->ctx.out->status;
}

static pc_status xml_finish(struct pc_writer *base)
{
    struct xml_writer *w = (struct xml_writer *)base;
    int rc = w->group.open ? close_parent(w) : 0;
    if (rc >= 0) rc = xmlTextWriterEndDocument(w->xw);
    if (rc >= 0) rc = xmlTextWriterFlush(w->xw);
    if (rc < 0 && !w->ctx.out->status) w->ctx.out->status = PC_EINTERNAL;
    return w->ctx.out->status;
}

static void xml_writer_free(struct pc_writer *base)
{
    struct xml_writer *w = (struct xml_writer *)base;
    if (w->xw) xmlFreeTextWriter(w->xw);
    pc_group_free(&w->group);
    pc_buf_free(&w->scratch);
    free(w);
}

static const struct pc_writer_ops xml_writer_ops = {xml_write, xml_finish, xml_writer_free};

/* Every element name the schema will make must be an XML name. */
static const char *bad_name(const struct pc_schema *s)
{
    const char *names[] = {s->xml_root, s->xml_record, s->xml_child, s->nest.child};
    for (size_t i = 0; i < PC_ARRAY_LEN(names); i++)
        if (names[i] && xmlValidateNCName(X(names[i]), 0) != 0) return names[i];
    for (size_t i = 0; i < s->nfields; i++) {
        if (xmlValidateNCName(X(s->fields[i].name), 0) != 0) return s->fields[i].name;
        if (xmlValidateNCName(X(s->fields[i].xml_item), 0) != 0) return s->fields[i].xml_item;
    }
    return NULL;
}

static pc_status xml_writer_new(const struct pc_write_ctx *ctx, struct pc_writer **out)
{
    const char *bad = bad_name(ctx->schema);
    if (bad) {
        struct pc_error e = {.code = PC_EUSAGE, .type = "schema-error"};
        return pc_report(ctx->sink, &e, "\"%s\" cannot be an XML element name; rename it or "
                                        "write another format", bad);
    }
    struct xml_writer *w = calloc(1, sizeof *w);
    if (!w) return PC_ENOMEM;
    w->base.ops = &xml_writer_ops;
    w->ctx = *ctx;
    xmlOutputBufferPtr buf = xmlOutputBufferCreateIO(write_output, close_output, ctx->out, NULL);
    if (buf) w->xw = xmlNewTextWriter(buf);
    if (!w->xw) {
        if (buf) xmlOutputBufferClose(buf);
        free(w);
        return PC_ENOMEM;
    }
    xmlTextWriterSetIndent(w->xw, 1);
    xmlTextWriterSetIndentString(w->xw, X("  "));
    if (xmlTextWriterStartDocument(w->xw, "1.0", "UTF-8", NULL) < 0 ||
        xmlTextWriterStartElement(w->xw, X(ctx->schema->xml_root)) < 0) {
        xml_writer_free(&w->base);
        return PC_EINTERNAL;
    }
    *out = &w->base;
    return PC_OK;
}

/* ---- probe ------------------------------------------------------------- */

static int xml_probe(const char *head, size_t n)
{
    size_t i = 0;
    while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) i++;
    if (i < n && head[i] != '<') return 0;
    return n - i >= 5 && memcmp(head + i, "<?xml", 5) == 0 ? 95 : 70;
}

static const char *const xml_ext[] = {"xml", NULL};

const struct pc_format pc_format_xml = {"xml",     "application/xml", PC_FORMAT_TREE, xml_ext, NULL,
                                        xml_probe, xml_reader_new, xml_writer_new};
