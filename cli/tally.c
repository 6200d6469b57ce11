/* What a run reported, counted for the lines at its end: a cron job or an
 * officer reads one line per kind of warning and one for the values
 * normalized, not one line per cell (-v lists each). */
#include "cli.h"

#include <libintl.h>
#include <string.h>

/* Whether `e` gets a line of its own: errors always; warnings and
 * normalizations only with -v, and never with --quiet. */
bool pc_cli_tally_shows(const struct pc_cli_tally *t, const struct pc_error *e)
{
    if (e->severity == PC_SEV_ERROR || e->severity == PC_SEV_LINT) return true;
    return t->verbose && !t->quiet;
}

/* The index of `name` in a table of `n` names `size` bytes apart, added
 * at the end when there is room; n when the table is full. */
static size_t slot(char *names, size_t stride, size_t *n, size_t max, const char *name)
{
    size_t i = 0;
    while (i < *n && strcmp(names + i * stride, name) != 0) i++;
    if (i == *n && i < max) {
        snprintf(names + i * stride, stride, "%s", name);
        (*n)++;
    }
    return i;
}

/* "file:line:field: message", the way a warning's own line starts; its
 * place alone for a warning past the limit, which has no message. */
static void first_line(char *out, size_t size, const struct pc_error *e)
{
    int k = snprintf(out, size, "%s", e->source ? e->source : "planconv");
    if (k > 0 && e->line && (size_t)k < size) k += snprintf(out + k, size - (size_t)k, ":%lu", e->line);
    if (k > 0 && e->field && (size_t)k < size)
        k += snprintf(out + k, size - (size_t)k, ":%s", e->field);
    if (k > 0 && (size_t)k < size && e->message)
        snprintf(out + k, size - (size_t)k, ": %s%s", e->message, pc_cli_hint(e->hint));
}

void pc_cli_tally_add(struct pc_cli_tally *t, const struct pc_error *e)
{
    if (e->severity == PC_SEV_NORMALIZATION) {
        size_t i = slot(&t->rules[0].name[0], sizeof t->rules[0], &t->nrules,
                        sizeof t->rules / sizeof t->rules[0], e->rule ? e->rule : "other");
        if (i < t->nrules) t->rules[i].n++;
        t->normalized++;
    } else if (e->severity == PC_SEV_WARNING) {
        size_t i = slot(&t->warns[0].name[0], sizeof t->warns[0], &t->nwarns,
                        sizeof t->warns / sizeof t->warns[0], e->type ? e->type : "warning");
        if (i < t->nwarns && t->warns[i].n++ == 0)
            first_line(t->warns[i].first, sizeof t->warns[i].first, e);
    }
}

bool pc_cli_tally_within_limit(const struct pc_cli_tally *t, unsigned long limit)
{
    return t->normalized <= (limit ? limit : PC_DEFAULT_LIMIT_ERRORS);
}

void pc_cli_tally_print(const struct pc_cli_tally *t, FILE *out)
{
    if (t->quiet) return;
    for (size_t i = 0; !t->verbose && i < t->nwarns; i++) {
        unsigned long n = t->warns[i].n;
        fprintf(out, ngettext("planconv: %lu warning of type %s; the first: %s",
                              "planconv: %lu warnings of type %s; the first: %s", n),
                n, t->warns[i].name, t->warns[i].first);
        fputs(gettext("; -v lists each\n"), out);
    }
    if (!t->normalized) return;
    fprintf(out, ngettext("planconv: %lu value normalized (", "planconv: %lu values normalized (",
                          t->normalized),
            t->normalized);
    for (size_t i = 0; i < t->nrules; i++)
        fprintf(out, "%s%s %lu", i ? ", " : "", t->rules[i].name, t->rules[i].n);
    fputs(t->verbose ? gettext(")\n") : gettext("); -v lists each, --strict refuses them\n"), out);
}
