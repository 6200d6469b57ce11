/* gijiroku.com VOICES minutes HTML (the viewer's frames: a meeting's
 * header frame, then one frame per statement): the text after each
 * frame's <A NAME="HUID…"> anchor, with <BR> as the line break, up to the
 * <FORM> that starts the viewer's script. A file may hold one frame or
 * several frames of one meeting one after another (their HTML documents
 * concatenated, as a scraper saves them): the documents are split apart
 * and each is parsed on its own, their texts joined in order. The text is
 * read by the minutes-text rules (text_minutes.c): the header frame gives
 * the body, date, times, roster and agenda; a statement frame
 * (○塩田　委員長　　…) one statement. A statement frame alone carries no
 * meeting fields. The pages declare Shift_JIS but are UTF-8: the
 * declaration is ignored, the input stream has decoded the bytes already. */
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

/* The offset of `pat` (lower case) in s[from, n), any case; n if absent. */
static size_t find_nocase(const char *s, size_t n, size_t from, const char *pat)
{
    size_t k = strlen(pat);
    for (size_t i = from; i + k <= n; i++)
        if (strncasecmp(s + i, pat, k) == 0) return i;
    return n;
}

/* s opens with the tag `name` (<html, <!doctype): the name, then a space,
 * a / or the > that ends it. */
static bool opens_tag(const char *s, size_t n, const char *name)
{
    size_t k = strlen(name);
    return n > k && strncasecmp(s, name, k) == 0 && memchr(" \t\r\n/>", s[k], 6);
}

/* Where the frame that starts at `at` ends: where the file's next HTML
 * document starts (a <!DOCTYPE, or an <HTML> once this document had its
 * own), else n. Always past `at` when at < n. Comments and scripts are
 * skipped: their text may spell those tags. */
static size_t frame_end(const char *s, size_t n, size_t at)
{
    bool doctype = false, html = false;
    for (size_t i = at; i < n; i++) {
        if (s[i] != '<') continue;
        if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
            i = find_nocase(s, n, i + 4, "-->");
            continue;
        }
        if (opens_tag(s + i, n - i, "<script")) {
            i = find_nocase(s, n, i + 7, "</script");
            continue;
        }
        bool d = opens_tag(s + i, n - i, "<!doctype"), h = opens_tag(s + i, n - i, "<html");
        if ((d && (doctype || html)) || (h && html)) return i;
        doctype = doctype || d;
        html = html || h;
    }
    return n;
}

/* One frame's text into `text`, a line break after it (the next frame
 * starts a line of its own). */
static pc_status frame_text(const struct pc_read_ctx *ctx, const char *s, size_t n,
                            struct pc_buf *text)
{
    /* n <= PC_NDL_MAX_MEETING (pc_minutes_text_wrap): it fits an int */
    htmlDocPtr doc = htmlReadMemory(s, (int)n, NULL, "UTF-8",
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
    return st ? st : pc_buf_append(text, "\n", 1);
}

static pc_status voices_text(const struct pc_read_ctx *ctx, const struct pc_buf *in,
                             struct pc_buf *text)
{
    const char *s = in->data ? in->data : "";
    pc_status st;
    size_t at = 0;
    do {
        size_t end = frame_end(s, in->len, at);
        st = frame_text(ctx, s + at, end - at, text);
        at = end;
    } while (!st && at < in->len);
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
