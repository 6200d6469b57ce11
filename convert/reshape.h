/* Reshaping a sheet between reading and casting: a wide sheet (one column
 * per fiscal year) becomes long records, and merged-cell remnants (empty
 * key cells below a filled one) are filled down. Driven by the schema's
 * x-pivot (validate/pivot_spec.h). */
#ifndef PC_RESHAPE_H
#define PC_RESHAPE_H

#include "../formats/format.h"

/* The keys of its "reshape:KEY=VALUE" options: pivot=no (never pivot,
 * even a wide sheet), fill-down=always|never (default: when pivoting). */
extern const char *const pc_reshape_option_keys[];

/* Wraps *reader when the schema's x-pivot applies: the labels have two or
 * more fiscal-year headers and none for the year or value field (then each
 * non-empty year cell becomes one record: the row's other cells, the year
 * and the value, in row then column order), or fill-down is on.
 * `current` is the record the reader handed out last (NULL if none): the
 * wrapper hands it out first, reshaped. *reader may become the wrapper,
 * which then owns the reader it wraps (even when an error is returned);
 * free it with its ops->free. Year headers out of order or repeated are
 * reported and give PC_INVALID; a bad option value is PC_EUSAGE. `options`:
 * "FORMAT:KEY=VALUE" strings (pc_options.format_options), NULL: none. */
pc_status pc_reshape_reader(const struct pc_schema *s, const char *const *options,
                            struct pc_errsink *sink, const struct pc_record *current,
                            struct pc_reader **reader);

#endif
