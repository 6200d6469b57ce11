/* Reshaping a sheet between reading and casting: a wide sheet (one column
 * per fiscal year) becomes long records, and merged-cell remnants (empty
 * key cells below a filled one) are filled down. Driven by the schema's
 * x-pivot (validate/pivot_spec.h). */
#ifndef PC_RESHAPE_H
#define PC_RESHAPE_H

#include "../formats/format.h"

struct pc_reshape_opts {
    bool no_pivot; /* never pivot, even a wide sheet */
    int fill_down; /* < 0: when pivoting; 0: never; > 0: also for long sheets */
};

/* Wraps *reader when the schema's x-pivot applies: the labels have two or
 * more fiscal-year headers and none for the year or value field (then each
 * non-empty year cell becomes one record: the row's other cells, the year
 * and the value, in row then column order), or fill-down is on.
 * `current` is the record the reader handed out last (NULL if none): the
 * wrapper hands it out first, reshaped. *reader may become the wrapper,
 * which then owns the reader it wraps (even when an error is returned);
 * free it with its ops->free. Year headers out of order or repeated are
 * reported and give PC_INVALID. */
pc_status pc_reshape_reader(const struct pc_schema *s, const struct pc_reshape_opts *o,
                            struct pc_errsink *sink, const struct pc_record *current,
                            struct pc_reader **reader);

#endif
