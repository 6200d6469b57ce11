/* The .xlsx reader's state and its zip-member helpers, shared by
 * formats/xlsx.c (workbook, styles, sheet rows) and formats/xlsx_member.c
 * (members as XML streams, bounded as they inflate). Private to them. */
#ifndef PC_XLSX_READER_H
#define PC_XLSX_READER_H

#include "format.h"
#include "header_join.h"
#include "table_hints.h"
#include "xlsx_merge.h"
#include "../core/hashset.h"
#include "xlsx_values.h"

#include <errno.h>
#include <fcntl.h>
#include <libxml/xmlreader.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <unzip.h>

#define PC_XLSX_MAX_MEMBER ((uint64_t)1 << 30)
#define PC_XLSX_RATIO_FROM ((uint64_t)16 << 20)
#define PC_XLSX_RATIO 500 /* real sheets stay under 100:1; deflate's best is about 1032:1 */
#define PC_XLSX_MAX_ROW ((size_t)64 << 20)
#define PC_XLSX_MAX_EXPANDED ((uint64_t)1 << 30)

struct member {
    struct xlsx_reader *r;
    const char *name;
    uint64_t out, start; /* start: where the member's compressed data begins */
    bool failed;
};

struct cellval {
    size_t off, len; /* in the batch text */
    bool set;
};

struct xlsx_reader {
    struct pc_reader base;
    struct pc_read_ctx ctx;
    unzFile zip;
    struct member m;
    xmlTextReaderPtr x; /* the sheet */
    char sheet_path[256]; /* its member name */
    char *sheet_name;     /* as the workbook names it, for errors (the sink's sheet) */
    char xml_error[256];
    bool date1904;
    /* shared strings: text in `strings`, offsets in `sst` (size_t pairs) */
    struct pc_buf strings;
    struct pc_vec sst;
    unsigned char *xf; /* numkind per cell style */
    size_t nxf;
    /* the sheet */
    struct pc_label *labels;
    size_t nlabels, first_col;
    bool header_done, eof;
    struct pc_batch batch;
    struct cellval *row; /* per column, of the row being read */
    size_t row_cap, row_cols; /* row_cols: one past the last column set */
    size_t row_bytes;         /* text of the row being read */
    uint64_t expanded, file_size; /* text copied from shared strings; the workbook's bytes */
    unsigned long row_no, recno;
    bool row_invalid;
    struct pc_buf val, ref, type, style; /* of the cell being read */
    unsigned long cell_col;
    bool in_cell, in_v, in_t, in_rph, in_is;
    pc_status fatal;
    /* header rows the dialect gives: their labels, and the merged cells
     * over them (filled with the top-left cell's value first) */
    struct pc_header_join join;
    struct pc_xlsx_merges merges;
};


pc_status pc_xlsx_fail(struct xlsx_reader *r, unsigned long line, const char *fmt, const char *arg);
pc_status pc_xlsx_archive_error(struct xlsx_reader *r, const char *what, const char *member);
pc_status pc_xlsx_open_member(struct xlsx_reader *r, const char *name, bool required, xmlTextReaderPtr *x);
int pc_xlsx_next_node(struct xlsx_reader *r, xmlTextReaderPtr x);
bool pc_xlsx_is_element(xmlTextReaderPtr x, const char *local);
char *pc_xlsx_attr(xmlTextReaderPtr x, const char *name);
char *pc_xlsx_attr_ns_local(xmlTextReaderPtr x, const char *local);
bool pc_xlsx_is_text_node(int type);
pc_status pc_xlsx_close_xml(struct xlsx_reader *r, xmlTextReaderPtr x, pc_status st);

#endif
