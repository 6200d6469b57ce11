/* What officers' tables carry besides the header and the records: a
 * title row or a #LINK metadata row above the header, footnote rows
 * (注：, 出典：, ※) and total rows (合計) among the records. Readers of
 * tables (CSV, .xlsx) ask here and warn, naming what skips such a row;
 * nothing is dropped unasked. */
#ifndef PC_TABLE_HINTS_H
#define PC_TABLE_HINTS_H

#include "../core/core.h"

/* A row in short: its first non-empty cells (a total's 合計 may follow a
 * number or a code) and how many cells are not empty (counting may stop
 * at PC_GIST_CELLS), of how many. */
#define PC_GIST_CELLS 3
struct pc_row_gist {
    const char *first;
    size_t first_len, nonempty, ncells;
    const char *lead[PC_GIST_CELLS];
    size_t lead_len[PC_GIST_CELLS];
};

/* Adds one cell to the gist (cells in order). */
void pc_row_gist_add(struct pc_row_gist *g, const char *s, size_t len);

/* The first row, read as the header: warns when it is a #LINK-style
 * metadata row. Returns whether it warned. */
bool pc_hint_header_row(struct pc_errsink *sink, unsigned long line, const struct pc_row_gist *g);

/* The first record, when the header named a single column and the
 * record has more cells: the "header" was a title. */
void pc_hint_title_row(struct pc_errsink *sink, unsigned long header_line,
                       const struct pc_row_gist *g);

/* A record: warns when it is a footnote or a total row. */
void pc_hint_data_row(struct pc_errsink *sink, unsigned long line, unsigned long recno,
                      const struct pc_row_gist *g);

#endif
