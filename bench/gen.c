/* bench/gen: a deterministic generator of benchmark data.
 *
 *   gen plan-items ROWS [SEED]   plan items (重点計画の項目) as CSV on stdout
 *   gen roadmap ROWS [SEED]      roadmap rows (工程表, long form) as CSV on stdout
 *   gen plan-items-as-written ROWS [SEED]
 *                                plan items as officers write them: the
 *                                deadline only (2023年度（令和5年度）中, 令和５年度末,
 *                                ...), its start and end dates left for
 *                                planconv to derive; 和暦 and full-width digits;
 *                                ①-⑩ list markers in descriptions
 *
 * The same ROWS and SEED always give the same bytes (its own xorshift
 * generator, no locale, no time). The text is realistic Japanese: plan
 * names, ministries, headings, sentences, 和暦 and Gregorian deadlines.
 * About 2% of all fields hold a comma, a double quote or a line break,
 * so the CSV has quoted cells with doubled quotes and multi-line cells.
 * Every row is valid against the bundled schema: plan-item ids are unique
 * and each parent_id names an item written before it.
 * 1,000,000 plan-item rows are about 310 MB. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint32_t rnd(uint32_t n) /* uniform enough in [0, n) */
{
    uint64_t x = rng_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    rng_state = x;
    return (uint32_t)(((x * 0x2545F4914F6CDD1Dull) >> 32) % n);
}

static const char *pick(const char *const *a, size_t n)
{
    return a[rnd((uint32_t)n)];
}
#define PICK(a) pick(a, N(a))

/* ---- output: one large buffer, written in big blocks ------------------ */

static char out[1 << 20];
static size_t outlen;

static void flush_out(void)
{
    if (outlen && fwrite(out, 1, outlen, stdout) != outlen) {
        perror("gen: write");
        exit(2);
    }
    outlen = 0;
}

static void put(const char *s, size_t n)
{
    if (outlen + n > sizeof out) flush_out();
    if (n > sizeof out) {
        fwrite(s, 1, n, stdout);
        return;
    }
    memcpy(out + outlen, s, n);
    outlen += n;
}

static void puts_(const char *s)
{
    put(s, strlen(s));
}

/* A cell: quoted (quotes doubled) only if it needs it, as RFC 4180 says. */
static void cell(const char *s, int first)
{
    if (!first) put(",", 1);
    if (!strpbrk(s, ",\"\r\n")) {
        puts_(s);
        return;
    }
    put("\"", 1);
    for (const char *q; (q = strchr(s, '"')); s = q + 1) {
        put(s, (size_t)(q - s) + 1);
        put("\"", 1);
    }
    puts_(s);
    put("\"", 1);
}

static void endrow(void)
{
    put("\n", 1);
}

/* ---- vocabulary -------------------------------------------------------- */

static const char *const plans[] = {
    "デジタル社会の実現に向けた重点計画", "デジタル田園都市国家構想総合戦略",
    "規制改革実施計画", "経済財政運営と改革の基本方針", "新しい資本主義のグランドデザイン及び実行計画",
    "サイバーセキュリティ戦略", "統合イノベーション戦略"};

static const char *const ministries[] = {
    "デジタル庁", "総務省", "内閣府", "内閣官房", "法務省", "外務省", "財務省",
    "文部科学省", "厚生労働省", "農林水産省", "経済産業省", "国土交通省", "環境省",
    "防衛省", "警察庁", "金融庁", "消費者庁", "こども家庭庁", "復興庁", "個人情報保護委員会"};

static const char *const subjects[] = {
    "マイナンバーカード", "行政手続のオンライン化", "ガバメントクラウド",
    "地方公共団体情報システム", "ベース・レジストリ", "公金受取口座", "医療DX",
    "教育データ", "オープンデータ", "データ連携基盤", "サイバーセキュリティ対策", "デジタル人材",
    "準公共分野のデジタル化", "電子署名・電子認証", "キャッシュレス決済", "防災DX",
    "自治体DX", "デジタル臨時行政調査会", "アナログ規制", "ガバメントソリューションサービス",
    "情報システムの調達", "電子インボイス", "GビズID", "政府相互運用性フレームワーク"};

static const char *const actions[] = {
    "の普及促進", "の整備", "の標準化・共通化", "の利活用推進", "に関する制度整備", "の推進",
    "の環境整備", "の抜本的強化", "の見直し", "の着実な実施"};

static const char *const goals[] = {
    "全国での利用を可能とする", "必要な法制上の措置を講ずる",
    "実証事業を行い、その結果を踏まえて本格導入を検討する",
    "ガイドラインを策定し、地方公共団体に周知する", "利用者の利便性の向上を図る",
    "関係府省庁と連携して取組を進める", "運用状況を検証し、必要な改善を行う",
    "民間事業者との連携を強化する", "国民への分かりやすい広報を行う",
    "手続の原則オンライン化を実現する"};

static const char *const clauses[] = {
    "利用者視点に立ち", "これまでの取組の成果を踏まえ", "地方公共団体の意見を聴きながら",
    "セキュリティの確保を前提として", "誰一人取り残されないよう", "費用対効果を検証しつつ"};

static const char *const notes[] = {"再掲", "新規", "一部再掲", "令和5年度補正予算を含む",
                                    "工程表参照", "関係法令の改正を要する"};

static const char *const kana4[] = {"ア", "イ", "ウ", "エ", "オ", "カ", "キ", "ク"};

static const char *const statuses[] = {"予定", "予定", "実施中", "完了"};

static const char *const milestones[] = {
    "基本方針の策定", "関係法案の国会提出", "システムの設計・開発", "実証事業の実施",
    "運用開始", "全国展開", "利用状況の検証", "ガイドラインの改定", "調達手続の開始",
    "地方公共団体への説明会の開催", "標準仕様書の公表", "移行計画の策定"};

static const char *const seasons[] = {"春", "夏", "秋", "冬"};

static const char *const kanji_digits[] = {"元", "2", "3", "4", "5", "6", "7", "8", "9"};

static const char *const circled[] = {"①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨", "⑩"};

static const char *const fullwidth_digits[] = {"０", "１", "２", "３", "４", "５", "６", "７", "８", "９"};

/* plan-items-as-written: deadlines as written, nothing derived. The rates
 * (bench/README.md says where each comes from): a full-width fiscal year in
 * 1 row of 20, a full-width deadline in 1 of 8, a ①-⑩ marker opening 1
 * description of 4. */
static int as_written;

/* ---- fields ------------------------------------------------------------ */

static char *cat(char *p, const char *s)
{
    size_t n = strlen(s);
    memcpy(p, s, n);
    p[n] = '\0';
    return p + n;
}

/* A ';'-separated list of 1-3 different ministries. */
static void ministry_list(char *buf)
{
    int k = 1 + (int)rnd(3);
    unsigned a = rnd(N(ministries)), b = (a + 1 + rnd(5)) % N(ministries),
             c = (b + 1 + rnd(5)) % N(ministries);
    if (c == a) k = k > 2 ? 2 : k;
    char *p = cat(buf, ministries[a]);
    if (k > 1) p = cat(cat(p, ";"), ministries[b]);
    if (k > 2) cat(cat(p, ";"), ministries[c]);
}

static int days_in(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && y % 4 == 0 && (y % 100 || y % 400 == 0) ? 29 : d[m - 1];
}

/* `n` in full-width digits. */
static char *fullwidth(char *p, int n)
{
    char d[16];
    int k = sprintf(d, "%d", n);
    for (int i = 0; i < k; i++) p = cat(p, fullwidth_digits[d[i] - '0']);
    return p;
}

/* The deadline forms of the priority plan (seeds/priority-plan-overview.txt:
 * 2023年度（令和5年度）中, 2025年度末まで, ...) and of officers' tables (令和5年度末,
 * 令和６年度上期); every one is a period planconv derives dates from. */
static void period_as_written(char *text, int fy)
{
    static const char *const halves[] = {"上期", "下期"};
    int r = fy - 2018;
    char *p = text;
    switch (rnd(9)) {
    case 0:
    case 1: sprintf(text, "%d年度（令和%d年度）中", fy, r); break;
    case 2: sprintf(text, "%d年度(令和%d年度)中を目途に", fy, r); break;
    case 3:
        p = cat(p, "令和");
        p = rnd(2) ? fullwidth(p, r) : p + sprintf(p, "%d", r);
        cat(p, "年度末");
        break;
    case 4: sprintf(text, "%d年度末まで", fy); break;
    case 5: sprintf(text, "%d年度（令和%d年度）%s", fy, r, halves[rnd(2)]); break;
    case 6: sprintf(text, "%d年（令和%d年）%s", fy, r, seasons[rnd(4)]); break;
    case 7: sprintf(text, "令和%d年%u月", r, 1 + rnd(12)); break;
    default: cat(fullwidth(p, fy), "年度中"); break;
    }
}

/* A period as officers write it, with the dates it stands for filled in
 * (as planconv derives them), so that a valid file raises no warning. */
static void period(char *text, char *start, char *end, int fy)
{
    static const int season_from[] = {3, 6, 9, 12};
    int m, s;
    *start = *end = '\0';
    if (as_written) {
        if (rnd(7) == 6) text[0] = '\0'; /* as often empty as the filled-in form */
        else period_as_written(text, fy);
        return;
    }
    switch (rnd(7)) {
    case 0:
        sprintf(text, "%d年度末", fy);
        sprintf(start, "%d-03-01", fy + 1);
        sprintf(end, "%d-03-31", fy + 1);
        break;
    case 1:
    case 2:
        if (rnd(2) && fy >= 2019 && fy - 2019 < 9)
            sprintf(text, "令和%s年度", kanji_digits[fy - 2019]);
        else
            sprintf(text, "%d年度中", fy);
        sprintf(start, "%d-04-01", fy);
        sprintf(end, "%d-03-31", fy + 1);
        break;
    case 3:
        s = (int)rnd(4);
        sprintf(text, "%d年%s", fy, seasons[s]);
        m = season_from[s];
        sprintf(start, "%d-%02d-01", fy, m);
        if (m == 12) sprintf(end, "%d-02-%02d", fy + 1, days_in(fy + 1, 2));
        else sprintf(end, "%d-%02d-%02d", fy, m + 2, days_in(fy, m + 2));
        break;
    case 4:
        m = 1 + (int)rnd(12);
        sprintf(text, "%d年%d月", fy, m);
        sprintf(start, "%d-%02d-01", fy, m);
        sprintf(end, "%d-%02d-%02d", fy, m, days_in(fy, m));
        break;
    case 5:
        sprintf(text, "%d年度上期", fy);
        sprintf(start, "%d-04-01", fy);
        sprintf(end, "%d-09-30", fy);
        break;
    default: text[0] = '\0';
    }
}

/* One or two sentences; `special` puts a comma, quotes or a line break in. */
static void sentences(char *buf, const char *subject, int fy, int special)
{
    char *p = buf;
    p = cat(p, subject);
    p = cat(p, "について、");
    if (rnd(2)) p = cat(p, PICK(clauses)), p = cat(p, "、");
    p += sprintf(p, "%d年度までに", fy + (int)rnd(3));
    p = cat(p, PICK(goals));
    p = cat(p, "。");
    if (rnd(3) == 0) {
        p = cat(p, "また、");
        p = cat(p, PICK(subjects));
        p = cat(p, "との連携を図り、");
        p = cat(p, PICK(goals));
        p = cat(p, "。");
    }
    switch (special) {
    case 1: p = cat(p, "（対象: 申請,届出,報告）"); break;
    case 2: p = cat(p, "いわゆる\"ワンスオンリー\"の原則を徹底する。"); break;
    case 3: p = cat(p, "\n（詳細は別紙の工程表を参照）"); break;
    default: break;
    }
}

/* ---- plan items -------------------------------------------------------- */

static unsigned long rows_left;

static void plan_item(const char *id, const char *parent, int level, const char *number,
                      const char *plan, int fy)
{
    char title[512], desc[2048], mins[256], dl[64], ds[16], de[16], kpi[256];
    const char *subject = PICK(subjects);
    int special = rnd(1000);
    /* ~2% of the 14 fields: 0.28 special fields per row */
    int sdesc = special < 250 ? 1 + (int)rnd(3) : 0;
    int stitle = special >= 250 && special < 330;
    char *p = cat(title, subject);
    p = cat(p, PICK(actions));
    if (stitle) cat(p, rnd(2) ? "（申請,届出等）" : "（\"原則デジタル\"）");
    if (level == 1 || rnd(6) == 0)
        desc[0] = '\0';
    else if (as_written && rnd(4) == 0)
        sentences(cat(desc, PICK(circled)), subject, fy, sdesc);
    else
        sentences(desc, subject, fy, sdesc);
    if (level > 1 && rnd(5)) ministry_list(mins);
    else mins[0] = '\0';
    if (level >= 3) period(dl, ds, de, fy + (int)rnd(4));
    else dl[0] = ds[0] = de[0] = '\0';
    kpi[0] = '\0';
    if (level >= 3 && rnd(3) == 0) {
        if (rnd(2))
            sprintf(kpi, "%sの利用率%u%%以上", subject, 50 + rnd(50));
        else
            sprintf(kpi, "対象手続のオンライン利用率を%u%%に引き上げる", 60 + rnd(40));
    }
    char fys[16], lv[16];
    if (as_written && rnd(20) == 0) fullwidth(fys, fy);
    else sprintf(fys, "%d", fy);
    sprintf(lv, "%d", level);
    cell(id, 1);
    cell(plan, 0);
    cell(fys, 0);
    cell(lv, 0);
    cell(parent, 0);
    cell(number, 0);
    cell(title, 0);
    cell(desc, 0);
    cell(mins, 0);
    cell(dl, 0);
    cell(ds, 0);
    cell(de, 0);
    cell(kpi, 0);
    cell(rnd(12) == 0 ? PICK(notes) : "", 0);
    endrow();
    rows_left--;
}

static void gen_plan_items(unsigned long rows)
{
    puts_("id,plan,fiscal_year,level,parent_id,number,title,description,ministries,deadline,"
          "deadline_start,deadline_end,kpi,note\n");
    rows_left = rows;
    char id1[32], id2[48], id3[64], id4[80], num[32];
    for (unsigned k1 = 1; rows_left; k1++) {
        const char *plan = PICK(plans);
        int fy = 2021 + (int)rnd(5);
        sprintf(id1, "%u", k1);
        sprintf(num, "第%u", k1);
        plan_item(id1, "", 1, num, plan, fy);
        unsigned n2 = 3 + rnd(6);
        for (unsigned k2 = 1; k2 <= n2 && rows_left; k2++) {
            sprintf(id2, "%s-%u", id1, k2);
            sprintf(num, "%u.", k2);
            plan_item(id2, id1, 2, num, plan, fy);
            unsigned n3 = rnd(5);
            for (unsigned k3 = 1; k3 <= n3 && rows_left; k3++) {
                sprintf(id3, "%s-(%u)", id2, k3);
                sprintf(num, "(%u)", k3);
                plan_item(id3, id2, 3, num, plan, fy);
                unsigned n4 = rnd(4);
                for (unsigned k4 = 1; k4 <= n4 && rows_left; k4++) {
                    sprintf(id4, "%s-%u", id3, k4);
                    plan_item(id4, id3, 4, kana4[k4 - 1], plan, fy);
                }
            }
        }
    }
}

/* ---- roadmap ----------------------------------------------------------- */

static void gen_roadmap(unsigned long rows)
{
    puts_("measure_id,measure,ministries,fiscal_year,period,period_start,period_end,milestone,"
          "status\n");
    char id[32], measure[512], mins[256], fys[16], per[64], ps[16], pe[16], ms[1024];
    for (unsigned long m = 1; rows; m++) {
        sprintf(id, "R-%06lu", m);
        char *p = cat(measure, PICK(subjects));
        cat(p, PICK(actions));
        ministry_list(mins);
        int fy = 2020 + (int)rnd(4);
        unsigned n = 3 + rnd(10);
        for (unsigned i = 0; i < n && rows; i++, rows--) {
            int y = fy + (int)(i / 3);
            sprintf(fys, "%d", y);
            period(per, ps, pe, y);
            int special = rnd(1000); /* 9 fields: 0.18 special fields per row */
            p = cat(ms, PICK(milestones));
            if (rnd(2)) {
                p = cat(p, "（");
                p = cat(p, PICK(clauses));
                p = cat(p, "、");
                p = cat(p, PICK(goals));
                p = cat(p, "）");
            }
            if (special < 60) cat(p, "（対象: 申請,届出）");
            else if (special < 120) cat(p, "いわゆる\"ワンスオンリー\"の徹底");
            else if (special < 180) cat(p, "\n（詳細は別紙）");
            cell(id, 1);
            cell(measure, 0);
            cell(mins, 0);
            cell(fys, 0);
            cell(per, 0);
            cell(ps, 0);
            cell(pe, 0);
            cell(ms, 0);
            cell(y < 2023 ? "完了" : PICK(statuses), 0);
            endrow();
        }
    }
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: gen plan-items|plan-items-as-written|roadmap ROWS [SEED]\n");
        return 2;
    }
    char *end;
    unsigned long rows = strtoul(argv[2], &end, 10);
    if (*end) {
        fprintf(stderr, "gen: ROWS must be a number\n");
        return 2;
    }
    if (argc == 4) rng_state ^= strtoull(argv[3], NULL, 10) * 0xD6E8FEB86659FD93ull;
    if (!rng_state) rng_state = 1;
    as_written = strcmp(argv[1], "plan-items-as-written") == 0;
    if (as_written || strcmp(argv[1], "plan-items") == 0)
        gen_plan_items(rows);
    else if (strcmp(argv[1], "roadmap") == 0)
        gen_roadmap(rows);
    else {
        fprintf(stderr, "gen: unknown kind %s\n", argv[1]);
        return 2;
    }
    flush_out();
    return fflush(stdout) ? 2 : 0;
}
