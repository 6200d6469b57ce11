/* pc_report's own shortcuts (core/error.c): the sink's cache of translated
 * formats and the writer of formats with only %s in them must give the
 * message vsnprintf gives from gettext's format, whatever the formats
 * before it were and wherever a format lives. */
#include "util.h"

#include "core/utf8.h"

#include <stdarg.h>

struct last {
    char message[4096];
    unsigned long count;
};

static void keep_message(void *ud, const struct pc_error *e)
{
    struct last *l = ud;
    snprintf(l->message, sizeof l->message, "%s", e->message);
    l->count++;
}

static struct pc_errsink sink_for(struct last *l)
{
    return (struct pc_errsink){.fn = keep_message, .ud = l};
}

/* What pc_report must have written: vsnprintf of the translated format,
 * cut where pc_report cuts (1023 bytes, at a character). */
static void expect(const struct last *l, const char *fmt, ...)
{
    char want[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(want, sizeof want, PC_(fmt), ap);
    va_end(ap);
    if (n >= (int)sizeof want) want[pc_utf8_cut(want, sizeof want - 1)] = '\0';
    assert_string_equal(l->message, want);
}

/* A format composed in a buffer (as formats/xlsx.c does) is read again
 * each time it changes, at the same address. */
static void test_format_in_a_buffer(void **state)
{
    (void)state;
    struct last l = {0};
    struct pc_errsink sink = sink_for(&l);
    struct pc_error e = {.code = PC_INVALID, .type = "type-error"};
    char fmt[64];
    for (int i = 0; i < 20; i++) {
        snprintf(fmt, sizeof fmt, "cell A%d holds the error %%s", i);
        pc_report(&sink, &e, fmt, "#N/A");
        expect(&l, fmt, "#N/A");
    }
    /* the same buffer, now with a conversion the plain writer cannot do */
    snprintf(fmt, sizeof fmt, "cell A%d holds the error %%s", 0);
    pc_report(&sink, &e, fmt, "#N/A");
    snprintf(fmt, sizeof fmt, "row %%d holds the error %%s");
    pc_report(&sink, &e, fmt, 7, "#N/A");
    assert_string_equal(l.message, "row 7 holds the error #N/A");
    assert_int_equal(l.count, 22);
}

/* More formats than the sink keeps, taking turns, and ones too long to be
 * kept: each message is its own format's. */
static void test_formats_taking_turns(void **state)
{
    (void)state;
    static const char *const formats[] = {
        "a %s", "b %s %s", "c %% %s", "d", "%s e", "f %s%%", "g %s (%s)", "h %s", "i %s",
        "j %s", "k %s", "l %s", "m %s", "n %s", "o %s", "p %s", "q %s",
        ("the value \"%s\" is %s, which a format of more than ninety-six bytes describes at "
         "length: %s"),
    };
    struct last l = {0};
    struct pc_errsink sink = sink_for(&l);
    struct pc_error e = {.code = PC_INVALID, .type = "type-error"};
    for (int round = 0; round < 3; round++)
        for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
            pc_report(&sink, &e, formats[i], "x", "y", "z");
            expect(&l, formats[i], "x", "y", "z");
        }
}

/* Formats with other conversions go through vsnprintf; a NULL string and a
 * message longer than the buffer come out as vsnprintf writes them. */
static void test_plain_and_printf_agree(void **state)
{
    (void)state;
    struct last l = {0};
    struct pc_errsink sink = sink_for(&l);
    struct pc_error e = {.code = PC_INVALID, .type = "type-error"};
    pc_report(&sink, &e, "%s has %d items", "list", 3);
    expect(&l, "%s has %d items", "list", 3);
    const char *volatile none = NULL; /* not known to be NULL when compiled */
    pc_report(&sink, &e, "value %s", none);
    assert_string_equal(l.message, "value (null)");
    char long_text[3000];
    size_t n = 0;
    while (n + 3 < sizeof long_text) n += (size_t)snprintf(long_text + n, 4, "期"); /* 3 bytes */
    long_text[n] = '\0';
    pc_report(&sink, &e, "\"%s\" is long", long_text);
    char plain[sizeof l.message];
    snprintf(plain, sizeof plain, "%s", l.message);
    pc_report(&sink, &e, "\"%s\" is long%.0d", long_text, 0); /* the same text, by vsnprintf */
    assert_string_equal(plain, l.message);
    expect(&l, "\"%s\" is long", long_text);
}

/* A tallying sink: past its limit, normalizations and warnings reach the
 * callback counted, with their type and rule but unformed (message NULL);
 * errors past it do not reach it at all. */
static void keep_message_or_null(void *ud, const struct pc_error *e)
{
    struct last *l = ud;
    snprintf(l->message, sizeof l->message, "%s", e->message ? e->message : "(unformed)");
    l->count++;
}

static void test_tally_past_the_limit(void **state)
{
    (void)state;
    struct last l = {0};
    struct pc_errsink sink = {.fn = keep_message_or_null, .ud = &l, .limit = 2, .tally = true};
    struct pc_error n = {.severity = PC_SEV_NORMALIZATION, .rule = "period", .type = "normalized"};
    struct pc_error w = {.severity = PC_SEV_WARNING, .type = "nonstandard-character"};
    struct pc_error e = {.code = PC_INVALID, .type = "type-error"};
    for (unsigned long i = 1; i <= 3; i++) {
        pc_report(&sink, &n, "filled from \"%s\" (%s)", "令和5年度", "period");
        assert_string_equal(l.message,
                            i <= 2 ? "filled from \"令和5年度\" (period)" : "(unformed)");
        pc_report(&sink, &w, "%s is machine-dependent", "①");
        assert_string_equal(l.message, i <= 2 ? "① is machine-dependent" : "(unformed)");
        assert_int_equal(l.count, 2 * i);
    }
    for (int i = 0; i < 3; i++)
        pc_report(&sink, &e, "bad %s", "x");
    assert_int_equal(l.count, 8); /* the third error is counted, not told */
    assert_int_equal(sink.normalizations, 3);
    assert_int_equal(sink.warnings, 3);
    assert_int_equal(sink.errors, 3);
    /* held reports (the reader thread's) are told the same way */
    pc_report_formed(&sink, &(struct pc_error){.severity = PC_SEV_WARNING, .message = "held"});
    assert_string_equal(l.message, "(unformed)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_in_a_buffer),
        cmocka_unit_test(test_formats_taking_turns),
        cmocka_unit_test(test_plain_and_printf_agree),
        cmocka_unit_test(test_tally_past_the_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
