/* gijiroku.com VOICES minutes HTML (the viewer's frames: a meeting's
 * header frame, or a statement's frame): the text after the frame's
 * <A NAME="HUID…"> anchor, with <BR> as the line break, up to the <FORM>
 * that starts the viewer's script. The text is read by the minutes-text
 * rules (text_minutes.c): a header frame gives the date, times and
 * agenda; a statement frame (○塩田　委員長　　…) one statement. Each file
 * is read on its own: a statement frame carries no meeting fields. The
 * pages declare Shift_JIS but are UTF-8: the declaration is ignored, the
 * input stream has decoded the bytes already. */
#include "format.h"
#include "text_lines.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <string.h>
#include <strings.h>

static bool named(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && xmlStrcasecmp(n->name, (const xmlChar *)name) == 0;
}

/* The text under `n` into out: <BR> a line break, scripts and styles
 * skipped; returns 1 at the <FORM> (the end of the minutes). */
static int walk(const xmlNode *n, struct pc_buf *out, pc_status *st)
{
    for (; n && !*st; n = n->next) {
        if (named(n, "form")) return 1;
        if (named(n, "script") || named(n, "style") || named(n, "head")) continue;
        if (named(n, "br")) {
            *st = pc_buf_append(out, "\n", 1);
        } else if (n->type == XML_TEXT_NODE && n->content) {
            /* the source's own line ends are layout of the HTML, not of the text */
            for (const char *p = (const char *)n->content; *p && !*st; p++)
                if (*p != '\n' && *p != '\r') *st = pc_buf_append(out, p, 1);
        } else if (n->children && walk(n->children, out, st)) {
            return 1;
        }
    }
    return 0;
}

static pc_status voices_text(const struct pc_read_ctx *ctx, const struct pc_buf *in,
                             struct pc_buf *text)
{
    /* in->len <= PC_NDL_MAX_MEETING (pc_minutes_text_wrap): it fits an int */
    htmlDocPtr doc = htmlReadMemory(in->data ? in->data : "", (int)in->len, NULL, "UTF-8",
                                    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                        HTML_PARSE_IGNORE_ENC);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root) {
        if (doc) xmlFreeDoc(doc);
        return pc_reader_error(ctx->sink, PC_INVALID, "format-error", 0, 0,
                               "the VOICES minutes are not HTML");
    }
    pc_status st = PC_OK;
    walk(root, text, &st);
    xmlFreeDoc(doc);
    return st;
}

static pc_status voices_reader_new(const struct pc_read_ctx *ctx, struct pc_reader **out)
{
    return pc_minutes_text_wrap(ctx, voices_text, out);
}

/* An HTML page with the viewer's HUID anchor: surely VOICES. */
static int voices_probe(const char *head, size_t n)
{
    bool html = false;
    for (size_t i = 0; i + 5 <= n && !html; i++) html = strncasecmp(head + i, "<html", 5) == 0;
    return html && pc_text_find(head, n, "NAME=\"HUID") < n ? 95 : 0;
}

static const char *const voices_ext[] = {NULL}; /* found by the probe or -f */
const struct pc_format pc_format_voices = {"voices", "text/html", 0, voices_ext, NULL,
                                           voices_probe, voices_reader_new, NULL};
