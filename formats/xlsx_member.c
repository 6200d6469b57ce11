/* .xlsx zip members as XML streams: inflated and bounded as they are read
 * (formats/xlsx.c says the limits), and the XML helpers the reader uses. */
#include "xlsx_reader.h"

/* ---- errors ---------------------------------------------------------------- */

pc_status pc_xlsx_fail(struct xlsx_reader *r, unsigned long line, const char *fmt, const char *arg)
{
    struct pc_error e = {.code = PC_INVALID, .type = "format-error", .line = line};
    return r->fatal = pc_report(r->ctx.sink, &e, fmt, arg);
}

pc_status pc_xlsx_archive_error(struct xlsx_reader *r, const char *what, const char *member)
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
        pc_xlsx_archive_error(m->r, "a member is corrupt", m->name);
        return -1;
    }
    m->out += (uint64_t)n;
    uint64_t in = (uint64_t)unzGetCurrentFileZStreamPos64(m->r->zip) - m->start;
    if (m->out > PC_XLSX_MAX_MEMBER ||
        (m->out > PC_XLSX_RATIO_FROM && m->out / PC_XLSX_RATIO > in)) {
        m->failed = true;
        pc_xlsx_fail(m->r, 0,
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
    if (rc == UNZ_CRCERROR && !m->failed) pc_xlsx_archive_error(m->r, "a member fails its CRC", m->name);
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
pc_status pc_xlsx_open_member(struct xlsx_reader *r, const char *name, bool required,
                             xmlTextReaderPtr *x)
{
    *x = NULL;
    if (unzLocateFile(r->zip, name, 1) != UNZ_OK)
        return required ? pc_xlsx_archive_error(r, "a member is missing", name) : PC_OK;
    unz_file_info64 info;
    if (unzGetCurrentFileInfo64(r->zip, &info, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK)
        return pc_xlsx_archive_error(r, "a member is corrupt", name);
    if (info.flag & 1) return pc_xlsx_archive_error(r, "a member is encrypted", name);
    if (info.uncompressed_size > PC_XLSX_MAX_MEMBER)
        return pc_xlsx_fail(r, 0, "the workbook member %s is over 1 GiB: refused", name);
    if (unzOpenCurrentFile(r->zip) != UNZ_OK) return pc_xlsx_archive_error(r, "a member is corrupt", name);
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
int pc_xlsx_next_node(struct xlsx_reader *r, xmlTextReaderPtr x)
{
    int rc = xmlTextReaderRead(x);
    if (rc == 1 && xmlTextReaderNodeType(x) == XML_READER_TYPE_DOCUMENT_TYPE) {
        pc_xlsx_fail(r, 0, "the workbook member %s has a document type declaration (<!DOCTYPE>), which "
                   "is not allowed",
             r->m.name);
        return -1;
    }
    if (rc < 0 && !r->fatal) {
        char msg[400];
        snprintf(msg, sizeof msg, PC_("%s is not well-formed XML: %s"), r->m.name,
                 r->xml_error[0] ? r->xml_error : PC_("parse error"));
        pc_xlsx_fail(r, 0, "%s", msg);
    }
    return rc;
}

bool pc_xlsx_is_element(xmlTextReaderPtr x, const char *local)
{
    const xmlChar *n = xmlTextReaderConstLocalName(x);
    return n && strcmp((const char *)n, local) == 0;
}

char *pc_xlsx_attr(xmlTextReaderPtr x, const char *name)
{
    return (char *)xmlTextReaderGetAttribute(x, (const xmlChar *)name);
}

/* A namespaced attribute such as r:id, whatever its prefix. */
char *pc_xlsx_attr_ns_local(xmlTextReaderPtr x, const char *local)
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

bool pc_xlsx_is_text_node(int type)
{
    return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
           type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

pc_status pc_xlsx_close_xml(struct xlsx_reader *r, xmlTextReaderPtr x, pc_status st)
{
    if (x) xmlFreeTextReader(x);
    return st ? st : r->fatal;
}
