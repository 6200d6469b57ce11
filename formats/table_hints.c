/* Title, metadata, footnote and total rows (see table_hints.h). The
 * words are those of Japanese government tables; the rows are only
 * named, in warnings, with the dialect property that skips them. */
#include "table_hints.h"

#include <string.h>

void pc_row_gist_add(struct pc_row_gist *g, const char *s, size_t len)
{
    g->ncells++;
    if (!len) return;
    if (g->nonempty < PC_GIST_CELLS) g->lead[g->nonempty] = s, g->lead_len[g->nonempty] = len;
    if (!g->nonempty++) g->first = s, g->first_len = len;
}

/* A cell that names a total: 合計, 総計, 小計, 計. */
static bool is_total(const char *s, size_t n)
{
    static const char *const words[] = {"合計", "総計", "小計"};
    for (size_t i = 0; i < PC_ARRAY_LEN(words); i++)
        if (n >= strlen(words[i]) && memcmp(s, words[i], strlen(words[i])) == 0) return true;
    return n == strlen("計") && memcmp(s, "計", n) == 0;
}

static bool starts(const struct pc_row_gist *g, const char *word)
{
    size_t n = strlen(word);
    return g->first_len >= n && memcmp(g->first, word, n) == 0;
}

/* fmt is translated here: the message has no arguments (the place is the
 * error's line). */
static void layout_warning(struct pc_errsink *sink, const char *type, unsigned long line,
                           unsigned long recno, enum pc_hint hint, const char *fmt)
{
    struct pc_error e = {.code = PC_OK,
                         .type = type,
                         .line = line,
                         .record = recno,
                         .severity = PC_SEV_WARNING,
                         .hint = hint};
    pc_report(sink, &e, "%s", PC_(fmt));
}

bool pc_hint_header_row(struct pc_errsink *sink, unsigned long line, const struct pc_row_gist *g)
{
    if (!starts(g, "#")) return false;
    layout_warning(
        sink, "metadata-row", line, 0, PC_HINT_COMMENT_CHAR,
        "this row starts with \"#\": it looks like a metadata row (#LINK, #lang), not the header");
    return true;
}

void pc_hint_title_row(struct pc_errsink *sink, unsigned long header_line,
                       const struct pc_row_gist *g)
{
    if (g->ncells < 3) return;
    layout_warning(sink, "title-row", header_line, 0, PC_HINT_HEADER_ROWS,
                   "this row names a single column: it looks like a title above the header");
}

void pc_hint_data_row(struct pc_errsink *sink, unsigned long line, unsigned long recno,
                      const struct pc_row_gist *g)
{
    if (!g->nonempty) return;
    if (g->nonempty == 1 && (starts(g, "注") || starts(g, "※") || starts(g, "出典") ||
                             starts(g, "資料：") || starts(g, "（注")))
        layout_warning(sink, "footnote-row", line, recno, PC_HINT_COMMENT_ROWS,
                       "this row looks like a footnote (注, 出典, ※), not a record");
    else
        for (size_t i = 0; i < g->nonempty && i < PC_GIST_CELLS; i++)
            if (is_total(g->lead[i], g->lead_len[i])) {
                layout_warning(sink, "total-row", line, recno, PC_HINT_COMMENT_ROWS,
                               "this row looks like a total row (合計), not a record");
                break;
            }
}
