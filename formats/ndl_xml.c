/* The NDL minutes API's XML packing (recordPacking=xml):
 *   <data><numberOfRecords>..<records><record><recordData><meetingRecord>
 *   <session>..<speechRecord><speechOrder>..</speechRecord>..</meetingRecord>
 * read with xmlTextReader one node at a time into the builder's events
 * (ndl.h): an element holding elements is a container, one holding text a
 * value. Hostile input is refused as formats/xml.c refuses it: no
 * network, no DTD, no entities, bounded nesting. */
#include "ndl.h"

#include <libxml/xmlreader.h>
#include <stdlib.h>
#include <string.h>

#define NDL_XML_MAX_DEPTH 16

struct ndl_xml {
    struct pc_reader base;
    struct pc_ndl b;
    xmlTextReaderPtr xr;
    const char *chunk; /* decoded input not yet given to libxml2 */
    size_t chunk_len;
    bool eof, done, stream_failed, any;
    /* an element not known yet to be a value or a container */
    bool pending;
    struct pc_buf name, text;
    bool opened[NDL_XML_MAX_DEPTH + 1]; /* depth -> a container was opened there */
    unsigned long line;
    char error[256];
    unsigned long error_line;
};

static int read_input(void *ctx, char *buf, int len)
{
    struct ndl_xml *r = ctx;
    if (r->chunk_len == 0 && !r->eof) {
        if (pc_istream_next(r->b.ctx.in, &r->chunk, &r->chunk_len)) {
            r->stream_failed = true;
            return -1;
        }
        if (r->chunk_len == 0) r->eof = true;
    }
    size_t n = r->chunk_len < (size_t)len ? r->chunk_len : (size_t)len;
    if (n == 0) return 0;
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
    struct ndl_xml *r = arg;
    if (severity != XML_PARSER_SEVERITY_ERROR || r->error[0]) return;
    snprintf(r->error, sizeof r->error, "%s", msg);
    size_t n = strlen(r->error);
    while (n && (r->error[n - 1] == '\n' || r->error[n - 1] == ' '))
        r->error[--n] = '\0';
    r->error_line = (unsigned long)xmlTextReaderLocatorLineNumber(loc);
}

/* The pending element holds elements: it opens a container. */
static int open_pending(struct ndl_xml *r, int depth)
{
    r->pending = false;
    r->opened[depth] = true;
    return pc_ndl_open(&r->b, r->name.data, r->name.len, r->line);
}

static int on_element(struct ndl_xml *r, int depth)
{
    if (depth >= NDL_XML_MAX_DEPTH)
        return pc_ndl_fail(&r->b, r->line, PC_HINT_NONE, "the XML is nested too deeply");
    if (r->pending && !open_pending(r, depth - 1)) return 0;
    r->any = true;
    const char *name = (const char *)xmlTextReaderConstLocalName(r->xr);
    r->name.len = r->text.len = 0;
    if (pc_buf_append(&r->name, name, strlen(name)) || pc_buf_append(&r->name, "", 1))
        return r->b.fatal = PC_ENOMEM, 0;
    r->name.len--;
    r->opened[depth] = false;
    r->pending = true;
    if (!xmlTextReaderIsEmptyElement(r->xr)) return 1;
    r->pending = false; /* <closing/>: an empty value */
    return pc_ndl_value(&r->b, r->name.data, r->name.len, "", 0, true, r->line);
}

static int on_end_element(struct ndl_xml *r, int depth)
{
    if (r->pending) {
        r->pending = false;
        return pc_ndl_value(&r->b, r->name.data, r->name.len, r->text.data ? r->text.data : "",
                            r->text.len, r->text.len == 0, r->line);
    }
    if (!r->opened[depth]) return 1;
    r->opened[depth] = false;
    return pc_ndl_close(&r->b, r->line);
}

static int on_text(struct ndl_xml *r)
{
    if (!r->pending) return 1; /* layout between elements */
    const char *v = (const char *)xmlTextReaderConstValue(r->xr);
    size_t n = v ? strlen(v) : 0;
    if (r->text.len + n > r->b.ctx.max_field_size) return pc_ndl_too_large(&r->b, r->line);
    return pc_buf_append(&r->text, v, n) ? (r->b.fatal = PC_ENOMEM, 0) : 1;
}

static int on_node(struct ndl_xml *r)
{
    xmlNodePtr node = xmlTextReaderCurrentNode(r->xr);
    long line = node ? xmlGetLineNo(node) : -1;
    r->line = (unsigned long)(line > 0 ? line : xmlTextReaderGetParserLineNumber(r->xr));
    int depth = xmlTextReaderDepth(r->xr);
    switch (xmlTextReaderNodeType(r->xr)) {
    case XML_READER_TYPE_ELEMENT:
        return on_element(r, depth);
    case XML_READER_TYPE_END_ELEMENT:
        return on_end_element(r, depth);
    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
    case XML_READER_TYPE_WHITESPACE:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        return on_text(r);
    case XML_READER_TYPE_DOCUMENT_TYPE:
        return pc_ndl_fail(&r->b, r->line, PC_HINT_NONE,
                           "a document type declaration (<!DOCTYPE>) is not allowed: planconv "
                           "neither loads DTDs nor expands entities");
    case XML_READER_TYPE_ENTITY_REFERENCE:
        return pc_ndl_fail(&r->b, r->line, PC_HINT_NONE, "entity references are not allowed");
    default:
        return 1;
    }
}

/* Reads nodes until a meeting is ready or the document ends. */
static pc_status parse_some(struct ndl_xml *r)
{
    for (size_t nodes = 0; r->b.ready == r->b.batch.next || nodes < 4096; nodes++) {
        int rc = xmlTextReaderRead(r->xr);
        if (rc == 1) {
            if (!on_node(r)) return r->b.fatal;
            continue;
        }
        if (r->stream_failed) return r->b.fatal = PC_INVALID;
        if (rc < 0 || r->error[0]) {
            pc_ndl_fail(&r->b, r->error_line ? r->error_line : r->line, PC_HINT_NONE,
                        "invalid XML: %s", r->error[0] ? r->error : "cannot parse");
            return r->b.fatal;
        }
        r->done = true;
        if (!r->any) {
            pc_ndl_fail(&r->b, r->line, PC_HINT_NONE,
                        "the file is empty; expected the NDL API's XML answer");
            return r->b.fatal;
        }
        return pc_ndl_end(&r->b, r->line);
    }
    return PC_OK;
}

static pc_status ndl_xml_next(struct pc_reader *base, struct pc_record *rec)
{
    struct ndl_xml *r = (struct ndl_xml *)base;
    for (;;) {
        if (r->b.fatal) return r->b.fatal;
        pc_status st = pc_ndl_take(&r->b, rec);
        if (st != PC_END || r->done) return st;
        if ((st = parse_some(r))) return r->b.fatal ? r->b.fatal : st;
    }
}

static size_t ndl_xml_labels(struct pc_reader *base, const struct pc_label **labels)
{
    (void)base;
    return pc_ndl_labels(labels);
}

static void ndl_xml_free(struct pc_reader *base)
{
    struct ndl_xml *r = (struct ndl_xml *)base;
    if (r->xr) xmlFreeTextReader(r->xr);
    pc_buf_free(&r->name);
    pc_buf_free(&r->text);
    pc_ndl_free(&r->b);
    free(r);
}

static const struct pc_reader_ops ndl_xml_ops = {ndl_xml_next, ndl_xml_labels, ndl_xml_free};

pc_status pc_ndl_xml_reader_new(const struct pc_read_ctx *ctx, struct pc_reader **out)
{
    struct ndl_xml *r = calloc(1, sizeof *r);
    if (!r) return PC_ENOMEM;
    r->base.ops = &ndl_xml_ops;
    pc_ndl_init(&r->b, ctx);
    r->line = 1;
    /* decoded to UTF-8 already; no NOENT, DTDLOAD or DTDATTR; NONET */
    r->xr = xmlReaderForIO(read_input, close_input, r, NULL, "UTF-8",
                           XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT);
    if (!r->xr) {
        ndl_xml_free(&r->base);
        return PC_ENOMEM;
    }
    xmlTextReaderSetErrorHandler(r->xr, on_xml_error, r);
    *out = &r->base;
    return PC_OK;
}
