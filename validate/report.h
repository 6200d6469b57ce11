/* The run report's renderings other than JSON. */
#ifndef PC_REPORT_H
#define PC_REPORT_H

#include "../core/core.h"

#include <jansson.h>
#include <stdio.h>

/* Writes `doc` (a report shaped as docs/report.schema.json) to `out` as one
 * self-contained HTML page: no scripts, styles inline, nothing fetched. */
pc_status pc_report_html_write(const json_t *doc, FILE *out);

#endif
