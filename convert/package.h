/* Data Packages read (convert/package.c): each resource is run through the
 * pipeline with what its descriptor says, which the public pc_options
 * cannot carry: an inline schema, the name to give a multipart input, and
 * a look at every record for foreign keys into other resources. */
#ifndef PC_PACKAGE_H
#define PC_PACKAGE_H

#include "../validate/check.h"

struct pc_resource_job {
    json_t *schema;     /* a Table Schema descriptor (borrowed), or NULL: opt's */
    json_t *dialect;    /* a Table Dialect descriptor (borrowed), or NULL: opt's */
    const char *source; /* the name errors give the input, or NULL: the input's */
    /* After each record is cast and checked: may report to `sink` and set
     * *valid to false. NULL: none. */
    pc_status (*on_record)(void *ud, struct pc_checker *ck, const struct pc_schema *s,
                           const struct pc_record *rec, struct pc_errsink *sink, bool *valid);
    void *ud;
};

/* pc_convert_file (output non-NULL) or pc_validate_file with `rj`. */
pc_status pc_run_resource(const struct pc_options *opt, const char *input, const char *output,
                          const struct pc_resource_job *rj, struct pc_stats *stats);

#endif
