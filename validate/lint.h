/* Machine-readability lint, in the spirit of the government's rules for
 * machine-readable tables: it looks at values as written, before casting,
 * and reports what makes a table hard for programs to read, each finding
 * with a rule id and a suggested fix. Header problems (a title row above
 * the header, empty or repeated names) are the readers' errors already. */
#ifndef PC_LINT_H
#define PC_LINT_H

#include "schema.h"

struct pc_linter;

/* Caller frees with pc_lint_free; NULL on ENOMEM. */
struct pc_linter *pc_lint_new(void);

/* One record as read (before casting). */
pc_status pc_lint_record(struct pc_linter *l, const struct pc_record *rec,
                         const struct pc_label *labels, size_t nlabels, struct pc_errsink *sink);

/* Findings that need the whole table: merged-cell remnants. */
void pc_lint_finish(struct pc_linter *l, const struct pc_label *labels, size_t nlabels,
                    struct pc_errsink *sink);

void pc_lint_free(struct pc_linter *l);

#endif
