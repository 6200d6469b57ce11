/* XML: read with libxml2's SAX2 push parser (streaming, one event at a
 * time, no tree) into the tree record builder; written with xmlTextWriter.
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
 * external entities and no entity expansion), nesting is bounded, and a
 * text is held to libxml2's limit for a text node (XML_MAX_TEXT_LENGTH). */
#include "format.h"
#include "tree.h"

#include <libxml/parserInternals.h>
#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>

/* ---- reader ------------------------------------------------------------ */

/* Bytes handed to libxml2 at a time: a batch of records ends at the end of
 * a piece, so a piece bounds what one batch holds past its 256 records. */
#define PC_XML_PIECE (16 * 1024)

enum opened { OPEN_LEAF, OPEN_ARRAY, OPEN_OBJECT };

struct xml_reader {
    struct pc_reader base;
    struct pc_read_ctx ctx;
    xmlParserCtxtPtr px;
    struct pc_tree tree;
    const char *chunk; /* decoded input not yet given to libxml2 */
    size_t chunk_len;
    bool eof, done;
    int depth; /* elements open; the root is at depth 0 */
    enum opened opened[PC_TREE_MAX_DEPTH + 2];
    /* where each open element starts: libxml2's errors are placed at the
     * innermost open element, as its xmlTextReader placed them */
    unsigned long open_line[PC_TREE_MAX_DEPTH + 2];
    bool skip_end; /* the next end event is an empty element's, already handled */
    /* an element whose kind is not known yet: a value, or a container */
    bool pending, pending_is_item;
    int pending_depth;
    struct pc_buf text;
    /* characters since the last other event make one text node: its first
     * line and its length, which libxml2's tree builder would have bounded */
    bool in_text;
    unsigned long text_line;
    size_t text_len;
    /* libxml2's first error, reported when it ends the document (fatal)
     * or at the end (a namespace error leaves the document readable) */
    char error[256];
    unsigned long error_line;
    bool broken_tag; /* a start tag that libxml2 reports as unfinished next */
    /* libxml2 gives the document type declaration no line of its own: the
     * prolog's bytes are scanned as they are fed for where <!DOCTYPE
     * starts, until the root element */
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

/* No event is taken after an error: libxml2 sends none after one of its
 * own that ends the document (a fatal one), nor after halt(). */
static bool stopped(const struct xml_reader *r)
{
    return r->tree.fatal || r->broken_tag;
}

/* After an error of ours (reported, t->fatal set) libxml2 stops at once:
 * it checks for this after every callback, so nothing more is parsed, not
 * even the internal subset of a DTD just refused. */
static void halt(struct xml_reader *r)
{
    xmlStopParser(r->px);
}

static unsigned long parser_line(const struct xml_reader *r)
{
    return r->px->input ? (unsigned long)r->px->input->line : r->tree.line;
}

static void on_xml_error(void *arg, xmlErrorPtr e)
{
    struct xml_reader *r = arg;
    /* warnings, and validity errors (there is no DTD), do not stop the
     * document; xmlTextReader left them out too */
    if (e->level < XML_ERR_ERROR || e->domain == XML_FROM_VALID || e->domain == XML_FROM_DTD ||
        r->tree.fatal || r->error[0])
        return;
    snprintf(r->error, sizeof r->error, "%s", e->message ? e->message : "");
    size_t n = strlen(r->error);
    while (n && (r->error[n - 1] == '\n' || r->error[n - 1] == ' '))
        r->error[--n] = '\0';
    r->error_line = r->depth > 0 ? r->open_line[r->depth - 1] : (unsigned long)e->line;
}

static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n') return false;
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
    snprintf(msg, sizeof msg, PC_(fmt), name, r->layout->name, expected);
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
    return expect_element(r, name, N_("the root element is <%s>; %s expects <%s>"),
                          r->layout ? r->layout->xml_root : NULL);
}

/* Values are elements; an attribute is no field, so it is left out, and
 * said so (a warning; namespace declarations and xsi: attributes, which
 * hold no data, are not). `attrs` holds libxml2's five pointers per
 * attribute: local name, prefix, namespace, value, value end. */
static void report_attributes(struct xml_reader *r, const char *element, int n,
                              const xmlChar **attrs)
{
    for (int i = 0; i < n; i++, attrs += 5) {
        const char *prefix = (const char *)attrs[1], *ns = (const char *)attrs[2];
        if (ns && strcmp(ns, "http://www.w3.org/2001/XMLSchema-instance") == 0) continue;
        char name[256]; /* as written: prefix:local */
        snprintf(name, sizeof name, "%s%s%s", prefix ? prefix : "", prefix ? ":" : "",
                 (const char *)attrs[0]);
        pc_reader_error(r->ctx.sink, PC_OK, "extra-label", r->tree.line, r->tree.recno + 1,
                        "the attribute %s of <%s> is no field: its value is left out", name,
                        element);
    }
}

static int on_element(struct xml_reader *r, int depth, const char *name, bool empty, int nattrs,
                      const xmlChar **attrs)
{
    struct pc_tree *t = &r->tree;
    if (depth > PC_TREE_MAX_DEPTH) return pc_tree_fail(t, "the XML is nested too deeply");
    if (r->pending && !blank(r->text.data, r->text.len))
        return pc_tree_fail(t, "an element mixes text and child elements");
    if (r->pending && !resolve_container(r)) return 0;
    if (nattrs > 0) report_attributes(r, name, nattrs, attrs);
    enum pc_tree_ctx c = t->depth ? t->stack[t->depth - 1] : TREE_NONE;
    switch (c) {
    case TREE_NONE: /* the root: a list of records */
        if (!start_root(r, name)) return 0;
        r->opened[depth] = OPEN_ARRAY;
        if (!pc_tree_start_array(t)) return 0;
        return empty ? pc_tree_end_array(t) : 1;
    case TREE_TOP:
    case TREE_CHILDREN:
        if (!expect_element(r, name, N_("the record element is <%s>; %s expects <%s>"),
                            !r->layout      ? NULL
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
        if (!expect_element(r, name, "list item", item_name(r, t->labels[t->label].name))) return 0;
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

static void on_start(void *arg, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                     int nns, const xmlChar **ns, int nattrs, int ndefaulted, const xmlChar **attrs)
{
    (void)prefix, (void)uri, (void)nns, (void)ns, (void)ndefaulted;
    struct xml_reader *r = arg;
    if (stopped(r)) return;
    r->in_text = false;
    int depth = r->depth++;
    r->tree.line = parser_line(r);
    if (depth < PC_TREE_MAX_DEPTH + 2) r->open_line[depth] = r->tree.line;
    /* libxml2 is at the end of the start tag: "/>" makes it empty, as
     * xmlTextReader tells <a/> (null) from <a></a> (an empty string);
     * neither (the input ends inside the tag) is the error it reports next */
    const xmlChar *cur = r->px->input->cur;
    bool empty = cur[0] == '/' && cur[1] == '>';
    if (!empty && cur[0] != '>') {
        r->broken_tag = true;
        return;
    }
    r->skip_end = empty;
    if (!on_element(r, depth, (const char *)local, empty, nattrs, attrs)) halt(r);
}

static void on_end(void *arg, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    (void)local, (void)prefix, (void)uri;
    struct xml_reader *r = arg;
    if (stopped(r)) return;
    r->in_text = false;
    int depth = --r->depth;
    if (r->skip_end) {
        r->skip_end = false;
        return;
    }
    r->tree.line = r->open_line[depth];
    int ok = r->pending                        ? resolve_leaf(r, false)
             : r->opened[depth] == OPEN_ARRAY  ? pc_tree_end_array(&r->tree)
             : r->opened[depth] == OPEN_OBJECT ? pc_tree_end_object(&r->tree)
                                               : 1;
    if (!ok) halt(r);
}

static int take_text(struct xml_reader *r, const char *s, size_t n)
{
    if (!r->in_text) {
        r->in_text = true;
        r->text_line = parser_line(r);
        r->text_len = 0;
    }
    r->tree.line = r->text_line;
    r->text_len += n;
    if (r->text_len > XML_MAX_TEXT_LENGTH) {
        char msg[160];
        snprintf(msg, sizeof msg,
                 PC_("a text of more than %d bytes is longer than XML readers "
                     "accept; read it from another format"),
                 XML_MAX_TEXT_LENGTH);
        return pc_tree_fail(&r->tree, msg);
    }
    if (!r->pending) /* text between elements: only layout may be there */
        return blank(s, n) ? 1
                           : pc_tree_fail(&r->tree, "text is not allowed between elements here");
    if (r->text.len + n > r->ctx.max_field_size) return pc_tree_too_large(&r->tree);
    if (pc_buf_append(&r->text, s, n)) return r->tree.fatal = PC_ENOMEM, 0;
    return 1;
}

static void on_text(void *arg, const xmlChar *s, int len)
{
    struct xml_reader *r = arg;
    if (!stopped(r) && !take_text(r, (const char *)s, (size_t)len)) halt(r);
}

/* Comments and processing instructions are ignored, but each ends a text node. */
static void on_comment(void *arg, const xmlChar *value)
{
    (void)value;
    ((struct xml_reader *)arg)->in_text = false;
}

static void on_pi(void *arg, const xmlChar *target, const xmlChar *data)
{
    (void)target, (void)data;
    ((struct xml_reader *)arg)->in_text = false;
}

/* Called at <!DOCTYPE, before its internal subset is read. */
static void on_doctype(void *arg, const xmlChar *name, const xmlChar *public_id,
                       const xmlChar *system_id)
{
    (void)name, (void)public_id, (void)system_id;
    struct xml_reader *r = arg;
    if (stopped(r)) return;
    r->tree.line = r->doctype_line ? r->doctype_line : parser_line(r);
    pc_tree_fail(&r->tree, "a document type declaration (<!DOCTYPE>) is not allowed: "
                           "planconv neither loads DTDs nor expands entities");
    halt(r);
}

/* No entity handlers: only the predefined entities and character
 * references resolve; the document type declaration is refused. */
static const xmlSAXHandler sax = {
    .internalSubset = on_doctype,
    .characters = on_text,
    .ignorableWhitespace = on_text,
    .processingInstruction = on_pi,
    .comment = on_comment,
    .initialized = XML_SAX2_MAGIC,
    .startElementNs = on_start,
    .endElementNs = on_end,
    .serror = on_xml_error,
};

static pc_status xml_error(struct xml_reader *r)
{
    struct pc_tree *t = &r->tree;
    t->line = r->error_line ? r->error_line : t->line;
    return t->fatal =
               pc_reader_error(r->ctx.sink, PC_INVALID, "format-error", t->line, t->recno + 1,
                               "invalid XML: %s", r->error[0] ? r->error : "cannot parse");
}

/* Gives libxml2 the next piece of input (the end, once the input ends). */
static pc_status feed(struct xml_reader *r)
{
    struct pc_tree *t = &r->tree;
    if (r->chunk_len == 0) {
        if (pc_istream_next(r->ctx.in, &r->chunk, &r->chunk_len)) return t->fatal = PC_INVALID;
        r->eof = r->chunk_len == 0;
    }
    size_t n = r->chunk_len < PC_XML_PIECE ? r->chunk_len : PC_XML_PIECE;
    if (!r->prolog_done) scan_prolog(r, r->chunk, n);
    int rc = xmlParseChunk(r->px, r->chunk, (int)n, r->eof);
    if (n) { /* at the end the chunk may be NULL */
        r->chunk += n;
        r->chunk_len -= n;
    }
    if (t->fatal) return t->fatal;
    if (rc != 0 || r->broken_tag || (r->eof && r->error[0])) return xml_error(r);
    if (!r->eof) return PC_OK;
    r->done = true;
    if (!t->top_seen)
        return t->fatal = pc_reader_error(r->ctx.sink, PC_INVALID, "format-error", t->line, 0,
                                          "the file is empty; expected an XML document");
    return PC_OK;
}

/* Parses until the batch has records or the document ends. */
static pc_status parse_some(void *reader)
{
    struct xml_reader *r = reader;
    struct pc_tree *t = &r->tree;
    size_t rows = t->batch.rows.len;
    while (!r->done && (t->batch.rows.len == rows || t->batch.rows.len < 256)) {
        pc_status st = feed(r);
        if (st) return st;
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
    if (r->px) xmlFreeParserCtxt(r->px);
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
    r->px = xmlCreatePushParserCtxt((xmlSAXHandler *)&sax, r, NULL, 0, NULL);
    if (!r->px) {
        xml_reader_free(&r->base);
        return PC_ENOMEM;
    }
    /* The input is decoded to UTF-8 already, whatever the declaration says.
     * No XML_PARSE_NOENT, DTDLOAD or DTDATTR: nothing outside the file is
     * read; NONET forbids the network too. */
    xmlCtxtUseOptions(r->px, XML_PARSE_NONET | XML_PARSE_IGNORE_ENC);
    xmlSwitchEncoding(r->px, XML_CHAR_ENCODING_UTF8);
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
    size_t too_long; /* the length of a value no XML reader would read back */
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
        return pc_report(ctx->sink, &e,
                         "\"%s\" cannot be an XML element name; rename it or "
                         "write another format",
                         bad);
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
    while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n'))
        i++;
    if (i < n && head[i] != '<') return 0;
    return n - i >= 5 && memcmp(head + i, "<?xml", 5) == 0 ? 95 : 70;
}

static const char *const xml_ext[] = {"xml", NULL};

const struct pc_format pc_format_xml = {"xml", "application/xml", PC_FORMAT_TREE, xml_ext,
                                        NULL,  xml_probe,         xml_reader_new, xml_writer_new};
