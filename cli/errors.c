/* Library errors as the command line prints them: the library names no
 * flag, it gives a structured hint, rendered here as the flag to use. */
#include "cli.h"

#include <libintl.h>

/* Indexed by enum pc_hint. */
static const char *const hints[] = {
    [PC_HINT_NONE] = "",
    [PC_HINT_MAX_FIELD_SIZE] = N_(" (see --max-field-size)"),
    [PC_HINT_ENCODING] = N_("; give the right --encoding"),
    [PC_HINT_FROM_FORMAT] = N_("; give it with -f FORMAT"),
    [PC_HINT_TO_FORMAT] = N_("; give the output format with -t FORMAT"),
    [PC_HINT_KIND] = N_("; give its kind with -k KIND"),
    [PC_HINT_SCHEMA] = N_("; give your own schema with --schema FILE"),
    [PC_HINT_STRICT] = N_("; --strict refuses every change"),
    [PC_HINT_FIX] = N_("; --fix replaces those that have a standard spelling"),
    [PC_HINT_NORMALIZE] = N_("; --normalize ja reads it"),
    [PC_HINT_NO_FILL_DOWN] = N_(" (--no-fill-down leaves them empty)"),
    [PC_HINT_SHEET] = N_("; choose it with --sheet"),
    [PC_HINT_HEADER_ROWS] = N_("; say which rows with --header-rows"),
    [PC_HINT_FORMATS_LIST] = N_("; see 'planconv formats'"),
    [PC_HINT_HELP] = N_("; try 'planconv COMMAND --help'"),
    [PC_HINT_OUTPUT_DIR] = N_("; choose another -O DIR"),
    [PC_HINT_SCHEMA_LIST] = N_("; see 'planconv schema list'"),
};

const char *pc_cli_hint(enum pc_hint hint)
{
    if ((size_t)hint >= sizeof hints / sizeof hints[0] || !hints[hint] || !*hints[hint]) return "";
    return gettext(hints[hint]);
}

void pc_cli_print_error(FILE *out, const struct pc_error *e)
{
    bool normalized = e->severity == PC_SEV_NORMALIZATION;
    fputs(e->source ? e->source : "planconv", out);
    if (e->line) fprintf(out, ":%lu", e->line);
    if (e->field) fprintf(out, ":%s", e->field);
    fprintf(out, ": %s: %s%s\n",
            normalized         ? "normalized"
            : e->code == PC_OK ? "warning"
                               : e->type,
            e->message, pc_cli_hint(e->hint));
}

void pc_cli_print_more_errors(FILE *out, const char *input, unsigned long more)
{
    fprintf(out, ngettext("%s: ... and %lu more error\n", "%s: ... and %lu more errors\n", more),
            input, more);
}
