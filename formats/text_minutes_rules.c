/* The line rules of the minutes text reader (text_minutes.c): which line
 * is a title, a header (開催日時, 場所, 議事次第, 資料), a statement mark or
 * a speaker, and how each splits. Pure functions over one line, tested on
 * their own (tests/unit/test_text.c). */
#include "text_lines.h"

#include <string.h>

/* ---- rules ------------------------------------------------------------- */

size_t pc_minutes_statement_mark(const char *s, size_t n)
{
    /* ○ ◯ 〇, and ◎ ◆ that assemblies' systems put before answers and questions */
    static const char *const marks[] = {"\xE2\x97\x8B", "\xE2\x97\xAF", "\xE3\x80\x87",
                                        "\xE2\x97\x8E", "\xE2\x97\x86"};
    while (n && (*s == ' ' || *s == '\t')) s++, n--;
    for (size_t i = 0; i < PC_ARRAY_LEN(marks); i++)
        if (pc_text_starts_with(s, n, marks[i])) return strlen(marks[i]);
    return 0;
}

/* 第N回 anywhere in s: its span and N. */
static bool find_session(const char *s, size_t n, size_t *at, size_t *len, long *session)
{
    for (size_t i = 0; i + 3 <= n; i++) {
        if (!pc_text_starts_with(s + i, n - i, "第")) continue;
        long v;
        size_t d = pc_text_number(s + i + 3, n - i - 3, &v);
        if (d && pc_text_starts_with(s + i + 3 + d, n - i - 3 - d, "回")) {
            *at = i;
            *len = 3 + d + 3;
            *session = v;
            return true;
        }
    }
    return false;
}

pc_status pc_minutes_title(const char *s, size_t n, struct pc_buf *body, long *session)
{
    static const char *const suffixes[] = {"議事録", "議事要旨", "議事概要", "会議録", "記録"};
    pc_text_trim(&s, &n);
    *session = 0;
    size_t at, len;
    struct pc_buf tmp = {0};
    pc_status st = PC_OK;
    if (find_session(s, n, &at, &len, session)) {
        st = pc_buf_append(&tmp, s, at);
        if (!st) st = pc_buf_append(&tmp, s + at + len, n - at - len);
    } else {
        st = pc_buf_append(&tmp, s, n);
    }
    if (st) goto done;
    const char *t = tmp.data ? tmp.data : "";
    size_t tn = tmp.len;
    /* brackets left empty by 第N回: （第4回） */
    size_t e;
    while ((e = pc_text_find(t, tn, "（）")) < tn || (e = pc_text_find(t, tn, "()")) < tn) {
        size_t k = t[e] == '(' ? 2 : 6;
        memmove(tmp.data + e, tmp.data + e + k, tn - e - k);
        tn -= k;
    }
    for (bool again = true; again;) {
        again = false;
        pc_text_trim(&t, &tn);
        for (size_t i = 0; i < PC_ARRAY_LEN(suffixes); i++)
            if (pc_text_ends_with(t, tn, suffixes[i]) && tn > strlen(suffixes[i])) {
                tn -= strlen(suffixes[i]);
                again = true;
            }
    }
    body->len = 0;
    st = pc_text_append_squeezed(body, t, tn);
done:
    pc_buf_free(&tmp);
    return st;
}

static const struct {
    const char *word;
    enum pc_minutes_section sec;
} header_words[] = {
    /* longest first where one is the start of another */
    {"開催日時", PC_SEC_DATE},      {"開催日", PC_SEC_DATE},        {"日時", PC_SEC_DATE},
    {"日程", PC_SEC_DATE},          {"期日", PC_SEC_DATE},
             {"開催場所", PC_SEC_PLACE},     {"場所", PC_SEC_PLACE},
    {"会場", PC_SEC_PLACE},         {"議事次第", PC_SEC_AGENDA},    {"議事日程", PC_SEC_AGENDA},
    {"議事", PC_SEC_AGENDA},
    {"議題", PC_SEC_AGENDA},        {"次第", PC_SEC_AGENDA},        {"配付資料", PC_SEC_MATERIALS},
    {"配布資料", PC_SEC_MATERIALS}, {"資料", PC_SEC_MATERIALS},     {"出席者", PC_SEC_OTHER},
    {"出席委員", PC_SEC_ATTENDANCE}, {"出席議員", PC_SEC_ATTENDANCE}, {"出席構成員", PC_SEC_OTHER},
    {"欠席者", PC_SEC_OTHER},       {"欠席委員", PC_SEC_OTHER},     {"欠席議員", PC_SEC_OTHER},
    {"陪席者", PC_SEC_OTHER},
    /* assemblies and the Diet */
    {"会議名", PC_SEC_BODY},        {"招集日時", PC_SEC_DATE},      {"招集場所", PC_SEC_PLACE},
    {"本日の会議に付した案件", PC_SEC_AGENDA},
    {"本日の会議に付した事件", PC_SEC_AGENDA}, {"会議に付した事件", PC_SEC_AGENDA},
    {"会議に付した案件", PC_SEC_AGENDA},
    /* the Diet's rosters that are no attendance, and its notices */
    {"委員氏名", PC_SEC_OTHER},     {"出席国務大臣", PC_SEC_OTHER}, {"出席政府特別補佐人", PC_SEC_OTHER},
    {"出席政府参考人", PC_SEC_OTHER}, {"出席参考人", PC_SEC_OTHER}, {"委員外の出席者", PC_SEC_OTHER},
    {"委員の異動", PC_SEC_OTHER},
    /* an assembly's rosters of those present who are not members */
    {"議長", PC_SEC_OTHER},         {"委員外議員", PC_SEC_OTHER},   {"出席議会局職員", PC_SEC_OTHER},
    {"出席事務局職員", PC_SEC_OTHER},
};

/* Matches `word` at s, skipping spaces inside it (日 時); returns bytes used. */
static size_t match_spaced(const char *s, size_t n, const char *word)
{
    size_t i = 0, w = 0, wn = strlen(word), len;
    while (w < wn) {
        if (i >= n) return 0;
        uint32_t c = pc_utf8_decode(s + i, n - i, &len);
        if (w && pc_text_is_space(c)) {
            i += len;
            continue;
        }
        size_t wl;
        pc_utf8_decode(word + w, wn - w, &wl);
        if (len != wl || memcmp(s + i, word + w, len) != 0) return 0;
        i += len;
        w += wl;
    }
    return i;
}

/* A leading number: 1 / １ / 1. / 1． / 1、 / (1) / 一、 followed by a space
 * or punctuation; returns bytes used, 0 if none. */
static size_t leading_number(const char *s, size_t n, long *value, bool *paren)
{
    size_t i = 0, len;
    *paren = false;
    uint32_t c = n ? pc_utf8_decode(s, n, &len) : 0;
    if (c == '(' || c == 0xFF08) *paren = true, i += len;
    size_t d = pc_text_number(s + i, n - i, value);
    if (!d) return 0;
    i += d;
    if (i >= n) return *paren ? 0 : i;
    c = pc_utf8_decode(s + i, n - i, &len);
    if (*paren) {
        if (c != ')' && c != 0xFF09) return 0;
        i += len;
    } else if (c == '.' || c == 0xFF0E || c == 0x3001 || c == ')' || c == 0xFF09) {
        i += len;
        if (i < n && s[i] >= '0' && s[i] <= '9') return 0; /* 1.5 */
    } else if (!pc_text_is_space(c)) {
        return 0;
    }
    while (i < n && pc_text_is_space(pc_utf8_decode(s + i, n - i, &len))) i += len;
    return i;
}

enum pc_minutes_section pc_minutes_header(const char *s, size_t n, long *number,
                                          size_t *value_at)
{
    const char *start = s;
    pc_text_trim(&s, &n);
    bool paren;
    size_t i = leading_number(s, n, number, &paren);
    if (!i) *number = -1;
    for (size_t k = 0; k < PC_ARRAY_LEN(header_words); k++) {
        size_t m = match_spaced(s + i, n - i, header_words[k].word);
        if (!m) continue;
        size_t j = i + m, len;
        enum pc_minutes_section sec = header_words[k].sec;
        if (j < n && pc_utf8_decode(s + j, n - j, &len) == 0xFF08 && sec != PC_SEC_DATE &&
            sec != PC_SEC_PLACE && sec != PC_SEC_BODY) {
            /* 出席議員（25名）, 議事日程（第１号）: a count or number, no value */
            *value_at = (size_t)(s - start) + n;
            return sec;
        }
        if (j < n) {
            uint32_t c = pc_utf8_decode(s + j, n - j, &len);
            if (c != ':' && c != 0xFF1A && !pc_text_is_space(c)) continue;
            while (j < n) {
                c = pc_utf8_decode(s + j, n - j, &len);
                if (c != ':' && c != 0xFF1A && !pc_text_is_space(c)) break;
                j += len;
            }
        }
        *value_at = (size_t)(s - start) + j;
        return header_words[k].sec;
    }
    return PC_SEC_NONE;
}

static const char *const range_marks[] = {"～", "〜", "~", "から", "－", "-", "–", "—", "―"};

static void strip_until(const char **s, size_t *n)
{
    pc_text_trim(s, n);
    if (pc_text_ends_with(*s, *n, "まで")) *n -= strlen("まで");
    pc_text_trim(s, n);
}

/* ASCII or full-width (０-９: EF BC 90-99) digits; kanji numerals are words. */
static bool has_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9') return true;
        if (i + 2 < n && (unsigned char)s[i] == 0xEF && (unsigned char)s[i + 1] == 0xBC &&
            (unsigned char)s[i + 2] >= 0x90 && (unsigned char)s[i + 2] <= 0x99)
            return true;
    }
    return false;
}

/* Splits "8:45～8:55" or "14時30分から15時まで" into two times. */
static void split_times(const char *s, size_t n, struct pc_span *start, struct pc_span *end)
{
    pc_text_trim(&s, &n);
    if (!n || !has_digit(s, n)) return;
    size_t best = n, mlen = 0;
    for (size_t k = 0; k < PC_ARRAY_LEN(range_marks); k++) {
        size_t at = pc_text_find(s, n, range_marks[k]);
        if (at < best && at > 0) best = at, mlen = strlen(range_marks[k]);
    }
    const char *a = s, *b = s + best + mlen;
    size_t an = best, bn = best < n ? n - best - mlen : 0;
    strip_until(&a, &an);
    strip_until(&b, &bn);
    *start = (struct pc_span){a, an};
    if (bn) *end = (struct pc_span){b, bn};
}

/* After a date: (火) or （火）. */
static size_t skip_weekday(const char *s, size_t n)
{
    const char *t = s;
    size_t tn = n, len, i = 0;
    while (i < tn && pc_text_is_space(pc_utf8_decode(t + i, tn - i, &len))) i += len;
    uint32_t c = i < tn ? pc_utf8_decode(t + i, tn - i, &len) : 0;
    if (c != '(' && c != 0xFF08) return 0;
    size_t close = i + len;
    while (close < tn) {
        c = pc_utf8_decode(t + close, tn - close, &len);
        if (c == ')' || c == 0xFF09) return close + len;
        if (close - i > 12) return 0; /* not a weekday */
        close += len;
    }
    return 0;
}

bool pc_minutes_datetime(const char *s, size_t n, struct pc_span *date, struct pc_span *start,
                         struct pc_span *end)
{
    *date = *start = *end = (struct pc_span){s, 0};
    pc_text_trim(&s, &n);
    size_t mon = pc_text_find(s, n, "月");
    size_t day = mon < n ? mon + pc_text_find(s + mon, n - mon, "日") : n;
    size_t rest = 0;
    if (day < n && has_digit(s, mon)) {
        rest = day + strlen("日");
        *date = (struct pc_span){s, rest};
        rest += skip_weekday(s + rest, n - rest);
    }
    split_times(s + rest, n - rest, start, end);
    return date->n || start->n;
}

/* Titles that end a speaker label, longest first within each family. */
static const char *const titles[] = {
    "内閣総理大臣", "内閣官房副長官", "内閣官房長官", "官房副長官", "官房長官", "総理大臣",
    "副総理", "総理", "大臣政務官", "政務官", "副大臣", "大臣", "副議長", "議長",
    "副委員長", "委員長", "委員", "副座長", "座長", "構成員", "事務局長", "事務局次長",
    "事務次官", "審議官", "参事官", "統括官", "局長", "次長", "部長", "課長", "室長",
    "副長官", "長官", "副会長", "会長", "理事長", "社長", "准教授", "教授", "知事", "市長",
    "町長", "村長", "主査", "参考人", "代表",
    /* the Diet and assemblies */
    "政府参考人", "政府特別補佐人", "衆議院議員", "参議院議員", "証人", "幹事", "理事",
    "会長代理", "副市長", "区長", "副区長", "副知事", "教育長", "議会局長",
};

/* Ministries that prefix a minister's title: 総務大臣, 文部科学副大臣. */
static const char *const minister_of[] = {
    "内閣府", "総務", "法務", "外務", "財務", "文部科学", "厚生労働", "農林水産",
    "経済産業", "国土交通", "環境", "防衛", "復興", "デジタル", "国務",
};

static bool is_kanji(uint32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || c == 0x3005 || (c >= 0x3400 && c <= 0x4DBF);
}

/* 平井デジタル改革担当大臣: the name is the kanji run before the script
 * changes; 0 when there is no change. */
static size_t name_before_script_change(const char *s, size_t n)
{
    size_t i = 0, len;
    while (i < n && is_kanji(pc_utf8_decode(s + i, n - i, &len))) i += len;
    return i < n ? i : 0;
}

/* name + title with nothing around it: 河野大臣 -> 河野 / 大臣. */
static void split_title(const char *s, size_t n, struct pc_span *name, struct pc_span *role)
{
    size_t best = 0;
    for (size_t i = 0; i < PC_ARRAY_LEN(titles); i++)
        if (pc_text_ends_with(s, n, titles[i]) && strlen(titles[i]) > best) best = strlen(titles[i]);
    *name = (struct pc_span){s, n};
    *role = (struct pc_span){s + n, 0};
    if (!best) return;
    size_t at = n - best;
    if (pc_text_ends_with(s, at, "担当") || pc_text_ends_with(s, at, "特命担当")) {
        size_t k = name_before_script_change(s, at);
        if (k) at = k;
    } else if (pc_text_ends_with(s + at, best, "大臣") || pc_text_ends_with(s + at, best, "政務官")) {
        for (size_t i = 0; i < PC_ARRAY_LEN(minister_of); i++) {
            size_t m = strlen(minister_of[i]);
            if (pc_text_ends_with(s, at, minister_of[i]) && at > m) {
                at -= m;
                break;
            }
        }
    }
    if (at == 0) { /* a bare title: 議長 */
        *role = (struct pc_span){s, n};
        return;
    }
    *name = (struct pc_span){s, at};
    *role = (struct pc_span){s + at, n - at};
    pc_text_trim(&name->s, &name->n); /* 塩田　委員長: the space parts name and role */
}

static bool has_title_suffix(const char *s, size_t n)
{
    for (size_t i = 0; i < PC_ARRAY_LEN(titles); i++)
        if (pc_text_ends_with(s, n, titles[i])) return true;
    return false;
}

static bool is_title(const char *s, size_t n)
{
    for (size_t i = 0; i < PC_ARRAY_LEN(titles); i++)
        if (strlen(titles[i]) == n && memcmp(s, titles[i], n) == 0) return true;
    return false;
}

pc_status pc_minutes_speaker(const char *s, size_t n, struct pc_buf *name, struct pc_buf *role)
{
    pc_text_trim(&s, &n);
    name->len = role->len = 0;
    size_t open = pc_text_find(s, n, "（"), olen = 3;
    if (open == n) open = pc_text_find(s, n, "("), olen = 1;
    struct pc_span nm, rl;
    if (open < n && open > 0 && (pc_text_ends_with(s, n, "）") || pc_text_ends_with(s, n, ")"))) {
        /* 事務局（〇〇審議官）, 議長（岸田内閣総理大臣） */
        const char *outer = s, *inner = s + open + olen;
        size_t on = open, in = n - open - olen - (pc_text_ends_with(s, n, "）") ? 3 : 1);
        pc_text_trim(&outer, &on);
        pc_text_trim(&inner, &in);
        split_title(inner, in, &nm, &rl);
        if (nm.n == 0) nm = rl, rl.n = 0; /* （山田） */
        if (pc_buf_append(name, nm.s, nm.n)) return PC_ENOMEM;
        pc_status st = pc_buf_append(role, outer, on);
        if (!st && rl.n && is_title(outer, on)) st = pc_buf_printf(role, "（%.*s）", (int)rl.n, rl.s);
        else if (!st && rl.n) st = pc_buf_append(role, rl.s, rl.n);
        return st;
    }
    split_title(s, n, &nm, &rl);
    if (pc_buf_append(name, nm.s, nm.n) || pc_buf_append(role, rl.s, rl.n)) return PC_ENOMEM;
    return PC_OK;
}

void pc_minutes_split_statement(const char *s, size_t n, struct pc_span *label,
                                struct pc_span *text)
{
    size_t at = pc_text_find(s, n, "："), k = 3;
    size_t a2 = pc_text_find(s, n, ":");
    if (a2 < at) at = a2, k = 1;
    if (at == n) { /* no colon: the first space outside brackets ends the label */
        size_t len;
        int depth = 0;
        for (size_t i = 0; i < n; i += len) {
            uint32_t c = pc_utf8_decode(s + i, n - i, &len);
            depth += c == 0xFF08 || c == '(' ? 1 : c == 0xFF09 || c == ')' ? -1 : 0;
            if (depth <= 0 && pc_text_is_space(c)) {
                at = i;
                k = len;
                break;
            }
        }
    }
    /* a name written with a space before its title: ○関　三郎委員長, ○塩田　委員長 */
    if (at < n && (k != 1 || s[at] != ':')) {
        const char *next = s + at + k;
        size_t rest = n - at - k, len, w = 0;
        while (w < rest && !pc_text_is_space(pc_utf8_decode(next + w, rest - w, &len))) w += len;
        struct pc_span nm, rl;
        split_title(s, at, &nm, &rl);
        if (!rl.n && w && w <= 8 * 3 && has_title_suffix(next, w) &&
            pc_text_find(s, at, "（") == at) {
            at += k + w;
            k = 0;
            if (at < n) pc_utf8_decode(s + at, n - at, &k);
        }
    }
    *label = (struct pc_span){s, at};
    *text = at < n ? (struct pc_span){s + at + k, n - at - k} : (struct pc_span){s + n, 0};
    pc_text_trim(&label->s, &label->n);
    pc_text_trim(&text->s, &text->n);
}

bool pc_minutes_assembly(const char *s, size_t n, size_t *at, size_t *len)
{
    static const char *const kinds[] = {"市議会", "区議会", "町議会", "村議会",
                                        "都議会", "道議会", "府議会", "県議会"};
    size_t found = n, k = 0, l;
    for (size_t i = 0; i < PC_ARRAY_LEN(kinds); i++) {
        size_t f = pc_text_find(s, n, kinds[i]);
        if (f < found) found = f, k = strlen(kinds[i]);
    }
    size_t start = 0;
    for (size_t i = 0; i < found; i += l) {
        uint32_t c = pc_utf8_decode(s + i, n - i, &l);
        if (pc_text_is_space(c) || c == 0x5E74 || c == 0x5EA6 || /* 年 度 */
            (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19))
            start = i + l;
    }
    if (found == n || start == found) return false; /* none, or 市議会 with no place */
    *at = start;
    *len = found + k - start;
    return true;
}

size_t pc_minutes_item_number(const char *s, size_t n, bool *paren)
{
    long v;
    return leading_number(s, n, &v, paren);
}

size_t pc_minutes_dai_number(const char *s, size_t n)
{
    long v;
    if (!pc_text_starts_with(s, n, "第")) return 0;
    size_t d = pc_text_number(s + 3, n - 3, &v), len;
    if (!d || 3 + d >= n || !pc_text_is_space(pc_utf8_decode(s + 3 + d, n - 3 - d, &len)))
        return 0;
    return 3 + d + len;
}

pc_status pc_minutes_agenda_item(const char *s, size_t n, struct pc_buf *out)
{
    pc_text_trim(&s, &n);
    long v;
    bool paren;
    size_t k = leading_number(s, n, &v, &paren);
    out->len = 0;
    if (k && !paren) s += k, n -= k;
    if ((k = pc_minutes_dai_number(s, n))) s += k, n -= k; /* 第１　会期の決定 */
    pc_text_trim(&s, &n);
    return pc_text_append_squeezed(out, s, n);
}

bool pc_minutes_material(const char *s, size_t n, struct pc_buf *out)
{
    static const char *const marks[] = {"参考資料", "配付資料", "配布資料", "机上配布資料",
                                        "資料", "別紙", "別添", "参考"};
    pc_text_trim(&s, &n);
    if (pc_text_starts_with(s, n, "・")) s += 3, n -= 3;
    size_t m = 0;
    for (size_t i = 0; i < PC_ARRAY_LEN(marks) && !m; i++)
        if (pc_text_starts_with(s, n, marks[i])) m = strlen(marks[i]);
    if (!m) return false;
    size_t i = m, len;
    while (i < n) { /* the id: up to a colon or a space */
        uint32_t c = pc_utf8_decode(s + i, n - i, &len);
        if (c == ':' || c == 0xFF1A || pc_text_is_space(c)) break;
        i += len;
    }
    const char *title = s + i;
    size_t tn = n - i;
    while (tn) {
        uint32_t c = pc_utf8_decode(title, tn, &len);
        if (c != ':' && c != 0xFF1A && !pc_text_is_space(c)) break;
        title += len, tn -= len;
    }
    out->len = 0;
    if (pc_buf_append(out, s, i)) return false;
    if (tn && pc_buf_printf(out, "：%.*s", (int)tn, title)) return false;
    return true;
}
