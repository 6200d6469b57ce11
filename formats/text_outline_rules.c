/* The line rules of the outline text reader (text_outline.c): headings
 * (第1, 1., (1), ①, bullets), deadlines and ministries named in an item.
 * Pure functions over one line, tested on their own
 * (tests/unit/test_text.c). */
#include "text_lines.h"

#include <string.h>

/* ---- rules ------------------------------------------------------------- */

static bool is_dash(uint32_t c)
{
    return c == '-' || c == 0xFF0D || c == 0x2010 || c == 0x2212;
}

/* "-M" after a number: 第3-1, ③-1. */
static size_t sub_number(const char *s, size_t n, long *sub)
{
    size_t len;
    *sub = -1;
    if (n == 0 || !is_dash(pc_utf8_decode(s, n, &len))) return 0;
    size_t d = pc_text_number(s + len, n - len, sub);
    if (!d) {
        *sub = -1;
        return 0;
    }
    return len + d;
}

static bool ends_clause(const char *s, size_t n)
{
    return pc_text_ends_with(s, n, "。") || pc_text_ends_with(s, n, "、") || pc_text_ends_with(s, n, "，");
}

static bool heading_dai(const char *s, size_t n, struct pc_outline_heading *h)
{
    if (!pc_text_starts_with(s, n, "第")) return false;
    size_t i = 3, d = pc_text_number(s + i, n - i, &h->num);
    if (!d) return false;
    i += d;
    i += sub_number(s + i, n - i, &h->sub);
    size_t len;
    if (i < n && !pc_text_is_space(pc_utf8_decode(s + i, n - i, &len))) return false; /* 第1条 */
    h->style = PC_OL_DAI;
    h->title_at = pc_text_skip_spaces(s, n, i);
    return true;
}

static bool heading_numbered(const char *s, size_t n, struct pc_outline_heading *h)
{
    size_t len, i = 0;
    uint32_t c = pc_utf8_decode(s, n, &len);
    h->sub = -1;
    if (pc_text_is_circled(c, &h->num)) {
        h->style = PC_OL_CIRCLED;
        i = len;
        i += sub_number(s + i, n - i, &h->sub);
    } else if (c == '(' || c == 0xFF08) {
        size_t d = pc_text_number(s + len, n - len, &h->num);
        if (!d || len + d >= n) return false;
        c = pc_utf8_decode(s + len + d, n - len - d, &i);
        if (c != ')' && c != 0xFF09) return false;
        h->style = PC_OL_PAREN;
        i += len + d;
    } else {
        size_t d = pc_text_number(s, n, &h->num);
        if (!d || d >= n || (c >= 0x3000 && !(c >= 0xFF10 && c <= 0xFF19)))
            return false; /* kanji numerals start words (一体化) */
        c = pc_utf8_decode(s + d, n - d, &len);
        if (c == '.' || c == 0xFF0E) {
            i = d + len;
            if (i < n && s[i] >= '0' && s[i] <= '9') return false; /* 1.5 */
        } else if (pc_text_is_space(c)) {
            i = d;
        } else {
            return false; /* 4次元, 2025年 */
        }
        h->style = PC_OL_DOT;
    }
    h->title_at = pc_text_skip_spaces(s, n, i);
    return h->title_at < n && !ends_clause(s, n);
}

static bool heading_bullet(const char *s, size_t n, struct pc_outline_heading *h)
{
    static const char *const marks[] = {"- ", "-\t", "● ", "●", "■ ", "■", "◆ ", "◆"};
    for (size_t k = 0; k < PC_ARRAY_LEN(marks); k++)
        if (pc_text_starts_with(s, n, marks[k]) && n > strlen(marks[k])) {
            h->style = PC_OL_BULLET;
            h->num = h->sub = -1;
            h->title_at = pc_text_skip_spaces(s, n, strlen(marks[k]));
            return true;
        }
    return false;
}

bool pc_outline_heading(const char *s, size_t n, struct pc_outline_heading *h)
{
    memset(h, 0, sizeof *h);
    size_t i = 0;
    while (i < n && s[i] == ' ') i++;
    h->indent = (int)i;
    const char *t = s + i;
    size_t tn = n - i, len;
    pc_text_trim(&t, &tn);
    if (tn && pc_text_is_space(pc_utf8_decode(s + i, n - i, &len))) i = (size_t)(t - s);
    bool ok = heading_dai(t, tn, h) || heading_numbered(t, tn, h) || heading_bullet(t, tn, h);
    if (ok) h->title_at += (size_t)(t - s);
    return ok;
}

static size_t digits4(const char *s, size_t n)
{
    size_t i = 0, len, count = 0;
    while (i < n && count < 5) {
        uint32_t c = pc_utf8_decode(s + i, n - i, &len);
        if (!((c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19))) break;
        i += len;
        count++;
    }
    return count == 4 ? i : 0;
}

/* （令和7年度） after a year: an era gloss, skipped. */
static size_t era_gloss(const char *s, size_t n)
{
    size_t len;
    if (!n) return 0;
    uint32_t c = pc_utf8_decode(s, n, &len);
    if (c != '(' && c != 0xFF08) return 0;
    for (size_t i = len; i < n && i < 40;) {
        c = pc_utf8_decode(s + i, n - i, &len);
        i += len;
        if (c == ')' || c == 0xFF09) return i;
    }
    return 0;
}

/* One deadline candidate at s (a 4-digit year): its length in the text,
 * the canonical spelling in out; 0 when it is no deadline. */
static size_t deadline_at(const char *s, size_t n, struct pc_buf *out)
{
    static const char *const quals[] = {"上半期", "下半期", "上期", "下期", "年央", "初め",
                                        "初頭", "前半", "後半", "中", "末", "春", "夏", "秋",
                                        "冬"};
    static const char *const cues[] = {"まで", "を目途", "を目処", "めど", "を目指"};
    size_t y = digits4(s, n);
    if (!y || !pc_text_starts_with(s + y, n - y, "年")) return 0;
    out->len = 0;
    size_t i = y + 3;
    if (pc_text_starts_with(s + i, n - i, "度")) i += 3;
    if (pc_buf_append(out, s, i)) return 0;
    i += era_gloss(s + i, n - i);
    long m;
    size_t d = pc_text_number(s + i, n - i, &m);
    if (d && pc_text_starts_with(s + i + d, n - i - d, "月")) {
        if (pc_buf_append(out, s + i, d + 3)) return 0;
        i += d + 3;
    }
    bool ok = false;
    for (size_t k = 0; k < PC_ARRAY_LEN(quals) && !ok; k++)
        if (pc_text_starts_with(s + i, n - i, quals[k])) {
            if (pc_buf_append(out, quals[k], strlen(quals[k]))) return 0;
            i += strlen(quals[k]);
            ok = true;
        }
    if (pc_text_starts_with(s + i, n - i, "以降") || pc_text_starts_with(s + i, n - i, "から")) return 0;
    for (size_t k = 0; k < PC_ARRAY_LEN(cues) && !ok; k++)
        if (pc_text_starts_with(s + i, n - i, cues[k])) ok = true;
    return ok ? i : 0;
}

bool pc_outline_deadline(const char *s, size_t n, struct pc_buf *out)
{
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9') continue;
        if (deadline_at(s + i, n - i, out)) return true;
    }
    out->len = 0;
    return false;
}

static const char *const ministries[] = {
    "デジタル庁", "内閣官房", "内閣府", "内閣法制局", "宮内庁", "公正取引委員会",
    "国家公安委員会", "警察庁", "個人情報保護委員会", "カジノ管理委員会", "金融庁",
    "消費者庁", "こども家庭庁", "復興庁", "総務省", "消防庁", "法務省", "出入国在留管理庁",
    "公安調査庁", "外務省", "財務省", "国税庁", "文部科学省", "文化庁", "スポーツ庁",
    "厚生労働省", "農林水産省", "林野庁", "水産庁", "経済産業省", "資源エネルギー庁",
    "特許庁", "中小企業庁", "国土交通省", "観光庁", "気象庁", "海上保安庁", "環境省",
    "原子力規制委員会", "防衛省", "防衛装備庁", "会計検査院", "人事院",
};

pc_status pc_outline_ministries(const char *s, size_t n, struct pc_buf *found)
{
    /* in order of first mention */
    size_t pos[PC_ARRAY_LEN(ministries)];
    for (size_t k = 0; k < PC_ARRAY_LEN(ministries); k++) pos[k] = pc_text_find(s, n, ministries[k]);
    for (;;) {
        size_t best = PC_ARRAY_LEN(ministries);
        for (size_t k = 0; k < PC_ARRAY_LEN(ministries); k++)
            if (pos[k] < n && (best == PC_ARRAY_LEN(ministries) || pos[k] < pos[best])) best = k;
        if (best == PC_ARRAY_LEN(ministries)) return PC_OK;
        pos[best] = n;
        const char *name = ministries[best];
        size_t k = strlen(name);
        bool dup = false;
        for (size_t i = 0; i + k <= found->len && !dup; i++)
            dup = memcmp(found->data + i, name, k) == 0 && (i == 0 || found->data[i - 1] == ';') &&
                  (i + k == found->len || found->data[i + k] == ';');
        if (dup) continue;
        if (found->len && pc_buf_append(found, ";", 1)) return PC_ENOMEM;
        if (pc_buf_append(found, name, k)) return PC_ENOMEM;
    }
}
