/* The text readers' rules (formats/text_lines.h), one test per rule, with
 * variants the seeds do not hold: full-width digits, CRLF, leading spaces,
 * numbering without dots, 日 時：, 配付資料, 第十二回. */
#include "util.h"

#include "formats/ndl.h"
#include "formats/text_lines.h"

static char *str(const struct pc_buf *b)
{
    static char out[4096];
    snprintf(out, sizeof out, "%.*s", (int)b->len, b->data ? b->data : "");
    return out;
}

static char *span(const struct pc_span *s)
{
    static char out[256];
    snprintf(out, sizeof out, "%.*s", (int)s->n, s->s);
    return out;
}

#define S(lit) lit, sizeof lit - 1

static void test_number(void **state)
{
    (void)state;
    long v;
    assert_int_equal(pc_text_number(S("12x"), &v), 2);
    assert_int_equal(v, 12);
    assert_int_equal(pc_text_number(S("１２"), &v), 6);
    assert_int_equal(v, 12);
    assert_int_equal(pc_text_number(S("十二回"), &v), 6);
    assert_int_equal(v, 12);
    assert_int_equal(pc_text_number(S("二十三"), &v), 9);
    assert_int_equal(v, 23);
    assert_int_equal(pc_text_number(S("〇〇審議官"), &v), 0);
}

static void test_page_marks(void **state)
{
    (void)state;
    assert_true(pc_text_is_page_mark(S("－1－")));
    assert_true(pc_text_is_page_mark(S(" - 2 - ")));
    assert_true(pc_text_is_page_mark(S("―３―")));
    assert_true(pc_text_is_page_mark(S("12")));
    assert_false(pc_text_is_page_mark(S("- 2025年度")));
    assert_false(pc_text_is_page_mark(S("十")));
}

static void test_join_hard_wrapped(void **state)
{
    (void)state;
    struct pc_buf b = {0};
    assert_int_equal(pc_text_join_line(&b, S("共有する防")), PC_OK);
    assert_int_equal(pc_text_join_line(&b, S("災デジタルの構築です。")), PC_OK);
    assert_int_equal(pc_text_join_line(&b, S("以上です。")), PC_OK);
    assert_int_equal(pc_text_join_line(&b, S("Data Free")), PC_OK);
    assert_int_equal(pc_text_join_line(&b, S("Flow")), PC_OK);
    assert_string_equal(str(&b), "共有する防災デジタルの構築です。\n以上です。\nData Free Flow");
    pc_buf_free(&b);
}

static void test_squeeze_and_parens(void **state)
{
    (void)state;
    struct pc_buf b = {0};
    assert_int_equal(pc_text_append_squeezed(&b, S("開 会　と AI 利用")), PC_OK);
    assert_string_equal(str(&b), "開会と AI 利用");
    pc_buf_free(&b);
    const char *in;
    size_t n;
    assert_true(pc_text_parenthesized(S("（報道関係者入室）"), &in, &n));
    assert_int_equal(n, strlen("報道関係者入室"));
    assert_true(pc_text_parenthesized(S("  (報道関係者退室) "), &in, &n));
    assert_true(pc_text_parenthesized(S("（「異議なし」と声あり）"), &in, &n));
    assert_false(pc_text_parenthesized(S("(1) その他"), &in, &n));
    assert_false(pc_text_parenthesized(S("（１）"), &in, &n));
    assert_false(pc_text_parenthesized(S("(案) と (改正案)"), &in, &n));
}

static void test_minutes_title(void **state)
{
    (void)state;
    struct pc_buf b = {0};
    long session;
    assert_int_equal(pc_minutes_title(S("第4回デジタル社会推進会議 議事録"), &b, &session), PC_OK);
    assert_string_equal(str(&b), "デジタル社会推進会議");
    assert_int_equal(session, 4);
    pc_minutes_title(S("デジタル社会構想会議（第１回）議事要旨"), &b, &session);
    assert_string_equal(str(&b), "デジタル社会構想会議");
    assert_int_equal(session, 1);
    pc_minutes_title(S("  第十二回 規制改革推進会議 議事録"), &b, &session);
    assert_string_equal(str(&b), "規制改革推進会議");
    assert_int_equal(session, 12);
    pc_minutes_title(S("幹事会"), &b, &session);
    assert_int_equal(session, 0);
    pc_buf_free(&b);
}

static void test_minutes_header_forms(void **state)
{
    (void)state;
    long num;
    size_t at;
    assert_int_equal(pc_minutes_header(S("1 開催日時"), &num, &at), PC_SEC_DATE);
    assert_int_equal(num, 1);
    assert_int_equal(pc_minutes_header(S("１　開催日時"), &num, &at), PC_SEC_DATE);
    assert_int_equal(num, 1);
    assert_int_equal(pc_minutes_header(S("1. 日時"), &num, &at), PC_SEC_DATE);
    const char dt[] = "日 時：令和5年6月6日(火) 8:45～8:55";
    assert_int_equal(pc_minutes_header(S(dt), &num, &at), PC_SEC_DATE);
    assert_int_equal(num, -1);
    assert_string_equal(dt + at, "令和5年6月6日(火) 8:45～8:55");
    assert_int_equal(pc_minutes_header(S("２．場 所"), &num, &at), PC_SEC_PLACE);
    assert_int_equal(pc_minutes_header(S("3 議事次第"), &num, &at), PC_SEC_AGENDA);
    assert_int_equal(pc_minutes_header(S("議題"), &num, &at), PC_SEC_AGENDA);
    assert_int_equal(pc_minutes_header(S("5 配付資料"), &num, &at), PC_SEC_MATERIALS);
    assert_int_equal(pc_minutes_header(S("６　出席者"), &num, &at), PC_SEC_OTHER);
    assert_int_equal(pc_minutes_header(S("資料1-1：説明資料"), &num, &at), PC_SEC_NONE);
    assert_int_equal(pc_minutes_header(S("議事録"), &num, &at), PC_SEC_NONE);
    /* an assembly's headings, spaced out (つくば市議会) */
    const char agenda[] = "議　　事　　日　　程";
    assert_int_equal(pc_minutes_header(S(agenda), &num, &at), PC_SEC_AGENDA);
    assert_int_equal(at, strlen(agenda)); /* 日程 is no item */
    assert_int_equal(pc_minutes_header(S("出　席　委　員"), &num, &at), PC_SEC_ATTENDANCE);
    assert_int_equal(pc_minutes_header(S("議　　　　　長"), &num, &at), PC_SEC_OTHER);
    assert_int_equal(pc_minutes_header(S("委 員 外 議 員"), &num, &at), PC_SEC_OTHER);
    assert_int_equal(pc_minutes_header(S("出席議会局職員"), &num, &at), PC_SEC_OTHER);
    assert_int_equal(pc_minutes_header(S("議長選挙"), &num, &at), PC_SEC_NONE);
}

static void test_minutes_datetime(void **state)
{
    (void)state;
    struct pc_span d, a, e;
    assert_true(pc_minutes_datetime(S("令和5年6月6日(火) 8:45～8:55"), &d, &a, &e));
    assert_string_equal(span(&d), "令和5年6月6日");
    assert_string_equal(span(&a), "8:45");
    assert_string_equal(span(&e), "8:55");
    assert_true(pc_minutes_datetime(S("令和５年１０月２日（月）１４：３０〜１５：００"), &d, &a, &e));
    assert_string_equal(span(&d), "令和５年１０月２日");
    assert_string_equal(span(&a), "１４：３０");
    assert_string_equal(span(&e), "１５：００");
    assert_true(pc_minutes_datetime(S("2023年6月6日 14時30分から15時まで"), &d, &a, &e));
    assert_string_equal(span(&a), "14時30分");
    assert_string_equal(span(&e), "15時");
    assert_true(pc_minutes_datetime(S("10:00-11:30"), &d, &a, &e));
    assert_int_equal(d.n, 0);
    assert_string_equal(span(&e), "11:30");
    assert_false(pc_minutes_datetime(S("オンライン開催"), &d, &a, &e));
}

static void check_speaker(const char *label, const char *name, const char *role)
{
    struct pc_buf n = {0}, r = {0};
    assert_int_equal(pc_minutes_speaker(label, strlen(label), &n, &r), PC_OK);
    assert_string_equal(str(&n), name);
    assert_string_equal(str(&r), role);
    pc_buf_free(&n);
    pc_buf_free(&r);
}

static void test_minutes_speaker(void **state)
{
    (void)state;
    check_speaker("河野大臣", "河野", "大臣");
    check_speaker("岸田内閣総理大臣", "岸田", "内閣総理大臣");
    check_speaker("井出副大臣", "井出", "副大臣");
    check_speaker("松本総務大臣", "松本", "総務大臣");
    check_speaker("山田文部科学大臣政務官", "山田", "文部科学大臣政務官");
    check_speaker("平井デジタル改革担当大臣", "平井", "デジタル改革担当大臣");
    check_speaker("事務局（〇〇審議官）", "〇〇", "事務局審議官");
    check_speaker("議長（岸田内閣総理大臣）", "岸田", "議長（内閣総理大臣）");
    check_speaker("村井委員", "村井", "委員");
    check_speaker("議長", "議長", "議長");
}

static void test_minutes_statement_split(void **state)
{
    (void)state;
    struct pc_span label, text;
    size_t m = pc_minutes_statement_mark(S("○河野大臣： ただいまから"));
    assert_int_equal(m, 3);
    const char line[] = "河野大臣： ただいまから";
    pc_minutes_split_statement(S(line), &label, &text);
    assert_string_equal(span(&label), "河野大臣");
    assert_string_equal(span(&text), "ただいまから");
    pc_minutes_split_statement(S("村井委員:はい"), &label, &text);
    assert_string_equal(span(&text), "はい");
    pc_minutes_split_statement(S("村井委員　はい、そうです"), &label, &text);
    assert_string_equal(span(&label), "村井委員");
    assert_string_equal(span(&text), "はい、そうです");
    assert_int_equal(pc_minutes_statement_mark(S("◯座長")), 3);
    assert_int_equal(pc_minutes_statement_mark(S("〇座長")), 3);
    assert_int_equal(pc_minutes_statement_mark(S("座長")), 0);
}

/* Assemblies' and the Diet's forms: spaced names, brackets holding spaces,
 * ◎ ◆ markers; the NDL rules shared with the text reader. */
static void test_minutes_assembly_forms(void **state)
{
    (void)state;
    struct pc_span label, text;
    pc_minutes_split_statement(S("関　三郎委員長　ただいまから"), &label, &text);
    assert_string_equal(span(&label), "関　三郎委員長");
    assert_string_equal(span(&text), "ただいまから");
    pc_minutes_split_statement(S("市長（櫻田　宏）　おはようございます"), &label, &text);
    assert_string_equal(span(&label), "市長（櫻田　宏）");
    assert_string_equal(span(&text), "おはようございます");
    pc_minutes_split_statement(S("塩田　委員長　　改めまして"), &label, &text);
    assert_string_equal(span(&label), "塩田　委員長");
    pc_minutes_split_statement(S("山田　はい"), &label, &text); /* no title: the name alone */
    assert_string_equal(span(&label), "山田");
    assert_int_equal(pc_minutes_statement_mark(S("◎副区長（岸川紀子）")), 3);
    assert_int_equal(pc_minutes_statement_mark(S("◆山田委員")), 3);
    assert_int_equal(pc_minutes_dai_number(S("第１　会期の決定")), 9);
    assert_int_equal(pc_minutes_dai_number(S("第１号")), 0);
    bool paren;
    assert_int_equal(pc_minutes_item_number(S("３　事件"), &paren), strlen("３　"));
    assert_false(paren);
    assert_int_equal(pc_minutes_item_number(S("(1) 「重点計画」について"), &paren), 4);
    assert_true(paren);
    assert_int_equal(pc_minutes_item_number(S("本日の議事について"), &paren), 0);
    size_t at, len;
    const char tsukuba[] = "つくば市議会議会運営委員会";
    assert_true(pc_minutes_assembly(S(tsukuba), &at, &len));
    assert_memory_equal(tsukuba + at, "つくば市議会", len);
    assert_int_equal(len, strlen("つくば市議会"));
    const char sumida[] = "令和６年度定例会１２月緊急議会　墨田区議会会議録";
    assert_true(pc_minutes_assembly(S(sumida), &at, &len));
    assert_int_equal(len, strlen("墨田区議会"));
    assert_memory_equal(sumida + at, "墨田区議会", len);
    const char dated[] = "令和６年度墨田区議会定例会"; /* the year is no part of the name */
    assert_true(pc_minutes_assembly(S(dated), &at, &len));
    assert_memory_equal(dated + at, "墨田区議会", len);
    assert_false(pc_minutes_assembly(S("市議会だより"), &at, &len));
    assert_false(pc_minutes_assembly(S("議会運営委員会"), &at, &len));

    static const char *const opening[] = {"開議", "開会", NULL};
    static const char *const bare[] = {"", NULL};
    struct pc_span t;
    assert_true(pc_ndl_time_line(S("　　　　午後三時開議"), opening, &t));
    assert_string_equal(span(&t), "午後三時");
    assert_true(pc_ndl_time_line(S("　　午前10時00分　開会"), opening, &t));
    assert_string_equal(span(&t), "午前10時00分");
    assert_true(pc_ndl_time_line(S("正午開議"), opening, &t));
    assert_true(pc_ndl_time_line(S("　　　　午後一時四分"), bare, &t));
    assert_false(pc_ndl_time_line(S("午後一時四分休憩"), opening, &t));
    assert_false(pc_ndl_time_line(S("三時に開会"), opening, &t));
    assert_true(pc_ndl_rule_line(S("　　　　―――――――――――――")));
    assert_true(pc_ndl_rule_line(S("　　　　　――――◇―――――")));
    assert_true(pc_ndl_rule_line(S("…………………………………")));
    assert_false(pc_ndl_rule_line(S("―　案件")));

    struct pc_buf names = {0};
    pc_status st;
    assert_int_equal(pc_ndl_roster_names(S("　　　理事　村井　英樹君　理事　田野瀬太道君"), &names, &st), 2);
    assert_int_equal(pc_ndl_roster_names(S("　　　　　　吉川　　元君　　　　蓮　　　舫君"), &names, &st), 2);
    assert_int_equal(pc_ndl_roster_names(S("　　衆議院"), &names, &st), 0);
    assert_memory_equal(names.data, "村井英樹\0田野瀬太道\0吉川元\0蓮舫\0", names.len);
    pc_buf_free(&names);

    struct pc_span role, name;
    size_t k = pc_ndl_label(S("○国務大臣（坂本哲志君）　農地や"), S("坂本哲志"), &role, &name);
    assert_string_equal(span(&role), "国務大臣");
    assert_string_equal(span(&name), "坂本哲志");
    assert_int_equal(k, strlen("○国務大臣（坂本哲志君）　"));
    pc_ndl_label(S("○下野六太君　医療的"), S("下野六太"), &role, &name);
    assert_int_equal(role.n, 0);
    pc_ndl_label(S("○小泉委員長　これより"), S("小泉進次郎"), &role, &name);
    assert_string_equal(span(&role), "委員長");
}

static void test_minutes_agenda_and_materials(void **state)
{
    (void)state;
    struct pc_buf b = {0};
    pc_minutes_agenda_item(S("1. 開 会"), &b);
    assert_string_equal(str(&b), "開会");
    pc_minutes_agenda_item(S("（１）　重点計画について"), &b);
    assert_string_equal(str(&b), "（１）重点計画について");
    pc_minutes_agenda_item(S("３　閉　会"), &b);
    assert_string_equal(str(&b), "閉会");
    pc_minutes_agenda_item(S("・その他"), &b);
    assert_string_equal(str(&b), "・その他");
    assert_true(pc_minutes_material(S("資料1-1：デジタル社会の実現に向けた重点計画(案)説明資料"), &b));
    assert_string_equal(str(&b), "資料1-1：デジタル社会の実現に向けた重点計画(案)説明資料");
    assert_true(pc_minutes_material(S("参考資料２　委員名簿"), &b));
    assert_string_equal(str(&b), "参考資料２：委員名簿");
    assert_true(pc_minutes_material(S("資料３"), &b));
    assert_string_equal(str(&b), "資料３");
    assert_false(pc_minutes_material(S("委員名簿"), &b));
    pc_buf_free(&b);
}

/* The whole reader on a small variant: CRLF, full-width numbers, leading
 * spaces, a page mark inside a wrapped sentence, a stage direction, an
 * unknown header warned about. */
static void test_minutes_reader(void **state)
{
    (void)state;
    const char data[] =
        "第十二回　規制改革推進会議　議事録\r\n\r\n"
        "１　日　時：令和５年１０月２日（月）１４：３０〜１５：００\r\n"
        "２　場　所：中央合同庁舎８号館\r\n"
        "３　議　題\r\n（１）　規制改革について\r\n（２）　その他\r\n"
        "４　配付資料\r\n資料１　規制改革の論点\r\n"
        "５　出席者\r\n山田委員\r\n"
        "  ○大槻議長：ただいまから会議を開催いたします。本日は規制の見\r\n\r\n"
        "－2－\r\n\r\n直しについて議論します。\r\n"
        "（報道関係者退室）\r\n"
        "○事務局（佐藤審議官）　資料１に沿って御説明します。\r\n";
    struct fixture f;
    assert_int_equal(open_reader(&f, "minutes-text", data, sizeof data - 1, NULL), PC_OK);
    struct pc_record r;
    const char *want[][3] = {{"speech", "大槻", "議長"}, {"note", NULL, NULL},
                             {"speech", "佐藤", "事務局審議官"}};
    for (size_t k = 0; k < 3; k++) {
        assert_int_equal(f.reader->ops->next(f.reader, &r), PC_OK);
        const struct pc_label *labels;
        size_t nl = f.reader->ops->labels(f.reader, &labels);
        assert_int_equal(nl, 18);
        char got[18][512] = {{0}};
        for (size_t i = 0; i < r.ncells; i++) {
            const struct pc_cell *c = pc_record_cell(&r, i);
            if (c->v.type == PC_T_ARRAY)
                snprintf(got[c->label], sizeof got[0], "%u items", c->v.len);
            else
                snprintf(got[c->label], sizeof got[0], "%.*s", (int)(sizeof got[0] - 1), cell_text(&r, i));
        }
        assert_string_equal(got[0], "規制改革推進会議-令和５年１０月２日");
        assert_string_equal(got[2], "12");
        assert_string_equal(got[4], "１４：３０");
        assert_string_equal(got[5], "１５：００");
        assert_string_equal(got[6], "中央合同庁舎８号館");
        assert_string_equal(got[10], "2 items");
        assert_string_equal(got[11], "1 items");
        assert_string_equal(got[16], want[k][0]);
        assert_string_equal(got[14], want[k][1] ? want[k][1] : "");
        assert_string_equal(got[15], want[k][2] ? want[k][2] : "");
        if (k == 0)
            assert_string_equal(got[17], "ただいまから会議を開催いたします。"
                                         "本日は規制の見直しについて議論します。");
        if (k == 1) assert_string_equal(got[17], "報道関係者退室");
    }
    assert_int_equal(f.reader->ops->next(f.reader, &r), PC_END);
    if (!strstr(f.errs.text, "11:warning:header text without a field")) fail_msg("%s", f.errs.text);
    close_reader(&f);
}

static void test_minutes_probe(void **state)
{
    (void)state;
    const struct pc_format *fmt = pc_format_by_name("minutes-text");
    const char yes[] = "第1回会議\n1 開催日時\n令和5年6月6日\n○議長：開会します。\n";
    const char no[] = "id,title\n1,x\n";
    assert_int_equal(fmt->probe(S(yes)), 90);
    assert_int_equal(fmt->probe(S(no)), 0);
    assert_ptr_equal(pc_format_probe(S(yes)), fmt);
}

static void test_outline_headings(void **state)
{
    (void)state;
    struct pc_outline_heading h;
    assert_true(pc_outline_heading(S("第1 安全・安心"), &h));
    assert_int_equal(h.style, PC_OL_DAI);
    assert_int_equal(h.num, 1);
    assert_true(pc_outline_heading(S("第３－１ 戦略"), &h));
    assert_int_equal(h.num, 3);
    assert_int_equal(h.sub, 1);
    assert_false(pc_outline_heading(S("第1条 利用者のニーズ"), &h));
    assert_true(pc_outline_heading(S("1. マイナンバーカード"), &h));
    assert_int_equal(h.style, PC_OL_DOT);
    assert_true(pc_outline_heading(S("１　マイナンバーカード"), &h)); /* no dot */
    assert_int_equal(h.style, PC_OL_DOT);
    assert_false(pc_outline_heading(S("4次元時空間IDの整備"), &h));
    assert_true(pc_outline_heading(S("（１２）健康・医療"), &h));
    assert_int_equal(h.style, PC_OL_PAREN);
    assert_int_equal(h.num, 12);
    assert_true(pc_outline_heading(S("③-1 デジタル社会推進会議"), &h));
    assert_int_equal(h.style, PC_OL_CIRCLED);
    assert_int_equal(h.sub, 1);
    assert_false(pc_outline_heading(S("①今後のAIの活用に向けた検討と、"), &h)); /* a sentence */
    assert_true(pc_outline_heading(S("  - 書かない窓口"), &h));
    assert_int_equal(h.style, PC_OL_BULLET);
    assert_int_equal(h.indent, 2);
}

static void test_outline_deadline(void **state)
{
    (void)state;
    struct pc_buf b = {0};
    assert_true(pc_outline_deadline(S("公共サービスメッシュを2025年度（令和7年度）中に整備する。"), &b));
    assert_string_equal(str(&b), "2025年度中");
    assert_true(pc_outline_deadline(S("2026年度末までに移行"), &b));
    assert_string_equal(str(&b), "2026年度末");
    assert_true(pc_outline_deadline(S("２０２４年（令和６年）６月までを目途に"), &b));
    assert_string_equal(str(&b), "２０２４年６月");
    assert_false(pc_outline_deadline(S("2022年（令和4年）6月7日に策定した"), &b));
    assert_false(pc_outline_deadline(S("2023年度（令和5年度）下期以降順次"), &b) &&
                 strcmp(str(&b), "2023年度下期") != 0);
    pc_buf_free(&b);
}

static void test_outline_ministries(void **state)
{
    (void)state;
    struct pc_buf b = {0};
    assert_int_equal(pc_outline_ministries(S("総務省及びデジタル庁が、総務省と連携"), &b), PC_OK);
    assert_string_equal(str(&b), "総務省;デジタル庁");
    assert_int_equal(pc_outline_ministries(S("内閣府、内閣官房、こども家庭庁"), &b), PC_OK);
    assert_string_equal(str(&b), "総務省;デジタル庁;内閣府;内閣官房;こども家庭庁");
    pc_buf_free(&b);
}

/* Hierarchy, ／ lists, repeats. */
static void test_outline_reader(void **state)
{
    (void)state;
    const char data[] = "重点計画 概要資料\n\n"
                        "第1 取組\n\n１．カード\n\n（１） 交付\n\n"
                        "A／B／\nC\n\n"
                        "（２） 拡充 デジタル庁が2025年度末までに行う\n\n"
                        "第1 取組\n\n１．カード\n\n"
                        "第2 考え方\n\n- 原則\n";
    struct fixture f;
    assert_int_equal(open_reader(&f, "outline-text", data, sizeof data - 1, NULL), PC_OK);
    const char *want[][4] = {{"1", "", "1", "取組"},           {"1-1", "1", "2", "カード"},
                             {"1-1-(1)", "1-1", "3", "交付"}, {"1-1-(1)-1", "1-1-(1)", "4", "A"},
                             {"1-1-(1)-2", "1-1-(1)", "4", "B"}, {"1-1-(1)-3", "1-1-(1)", "4", "C"},
                             {"1-1-(2)", "1-1", "3", NULL},   {"2", "", "1", "考え方"},
                             {"2-b1", "2", "2", "原則"}};
    for (size_t k = 0; k < PC_ARRAY_LEN(want); k++) {
        struct pc_record r;
        assert_int_equal(f.reader->ops->next(f.reader, &r), PC_OK);
        char got[9][256] = {{0}};
        for (size_t i = 0; i < r.ncells; i++) {
            const struct pc_cell *c = pc_record_cell(&r, i);
            if (c->v.type == PC_T_ARRAY)
                snprintf(got[c->label], sizeof got[0], "%.*s", (int)pc_value_item(r.batch, &c->v, 0)->len,
                         pc_value_text(r.batch, pc_value_item(r.batch, &c->v, 0)));
            else
                snprintf(got[c->label], sizeof got[0], "%.*s", (int)(sizeof got[0] - 1), cell_text(&r, i));
        }
        assert_string_equal(got[0], want[k][0]);
        assert_string_equal(got[1], "重点計画");
        assert_string_equal(got[3], want[k][1]);
        assert_string_equal(got[2], want[k][2]);
        if (want[k][3]) assert_string_equal(got[5], want[k][3]);
        if (k == 6) {
            assert_string_equal(got[7], "デジタル庁");
            assert_string_equal(got[8], "2025年度末");
        }
    }
    struct pc_record r;
    assert_int_equal(f.reader->ops->next(f.reader, &r), PC_END);
    assert_non_null(strstr(f.errs.text, "14:warning:item 1 repeats the heading at line 3"));
    close_reader(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_number),
        cmocka_unit_test(test_page_marks),
        cmocka_unit_test(test_join_hard_wrapped),
        cmocka_unit_test(test_squeeze_and_parens),
        cmocka_unit_test(test_minutes_title),
        cmocka_unit_test(test_minutes_header_forms),
        cmocka_unit_test(test_minutes_datetime),
        cmocka_unit_test(test_minutes_speaker),
        cmocka_unit_test(test_minutes_statement_split),
        cmocka_unit_test(test_minutes_assembly_forms),
        cmocka_unit_test(test_minutes_agenda_and_materials),
        cmocka_unit_test(test_minutes_reader),
        cmocka_unit_test(test_minutes_probe),
        cmocka_unit_test(test_outline_headings),
        cmocka_unit_test(test_outline_deadline),
        cmocka_unit_test(test_outline_ministries),
        cmocka_unit_test(test_outline_reader),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
