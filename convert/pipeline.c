/* The pipeline: reader -> map labels to fields -> cast and check ->
 * writer. It knows no format and no schema by name. */
#include "../formats/format.h"
#include "../validate/check.h"
#include "../validate/infer.h"
#include "../validate/lint.h"
#include "../validate/normalize.h"
#include "../validate/types.h"
#include "labels.h"
#include "outfile.h"
#include "package.h"
#include "reshape.h"
#include "threads.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_MAX_FIELD (16u << 20)

struct job {
    const struct pc_options *opt;
    const char *input, *output; /* output NULL: validate only */
    struct pc_errsink sink;
    int threads;                       /* 2: the input is read in a thread of its own (threads.h) */
    struct pc_reader_sink reader_sink; /* with two: what the stream and reader report to */
    struct pc_reader *ahead;           /* the reader thread's end (inside `reader`), or NULL */
    struct pc_istream *in;
    struct pc_dialect dialect;
    const struct pc_format *fin, *fout;
    struct pc_reader *reader;
    struct pc_schema *schema;
    struct pc_writer *writer;
    struct pc_ostream out;
    bool out_open;
    int out_fd;
    struct pc_outfile file; /* for an output file: put in place on success */
    bool out_file;
    bool plain_table; /* -k table: the columns as read, every one kept */
    struct pc_label_map labels;
    int *slot;
    struct pc_checker *checker; /* unique, primary and foreign keys */
    struct pc_linter *linter;   /* --lint: machine-readability findings */
    struct pc_batch scratch;    /* a record that gained derived cells */
    struct pc_norm_cache *norm_cache; /* the periods derived from, by their text */
    struct pc_stats *stats;
    /* infer: the sample is read into `infer` instead of being cast */
    struct pc_infer *infer;
    const struct pc_infer_options *infer_opt;
    const char *infer_out;
    const struct pc_resource_job *rj; /* a Data Package resource, or NULL */
};

static pc_status usage_hint(struct job *j, enum pc_hint hint, const char *fmt, const char *arg)
{
    struct pc_error e = {.code = PC_EUSAGE, .type = "usage-error", .hint = hint};
    return pc_report(&j->sink, &e, fmt, arg);
}

static pc_status usage(struct job *j, const char *fmt, const char *arg)
{
    return usage_hint(j, PC_HINT_NONE, fmt, arg);
}

/* Whether the normalizer may scan text for half-width kana and 機種依存文字:
 * the reader thread then does the scans (pc_norm_prescan). Unknown while
 * the kind is still to be guessed from the header: the bundled kinds do. */
static bool scans_text(const struct job *j)
{
    if (!j->schema || j->opt->normalize || j->opt->fix) return true;
    for (size_t i = 0; i < j->schema->nfields; i++)
        if (j->schema->fields[i].rules & (PC_RULE_JA_KANA | PC_RULE_JA_NONSTANDARD)) return true;
    return false;
}

/* Two threads: the reader is run by a thread of its own from here. The
 * thread costs ~30 us a run (a 13 kB CSV converted in 0.58 ms, 0.60 ms
 * with it), so small tables take it too, and big ones gain the reader's
 * time (a third of CSV to JSONL's, most of a workbook's: xlsx too). */
static pc_status read_in_thread(struct job *j)
{
    /* Documents (minutes and outline text, the NDL's answers) are small,
     * and their readers give a record or so per call, which would be handed
     * over alone: a thread pays for tables and trees of records only. */
    if (j->threads < 2 || !(j->fin->flags & (PC_FORMAT_TABULAR | PC_FORMAT_TREE))) return PC_OK;
    /* a tree reader marks a key holding child records as such, later */
    struct pc_reader *plain = j->reader;
    pc_status st = pc_thread_reader_new(&j->reader, j->in, &j->reader_sink,
                                        (j->fin->flags & PC_FORMAT_TREE) != 0,
                                        scans_text(j) ? pc_norm_prescan : NULL);
    if (j->reader != plain) j->ahead = j->reader;
    return st;
}

static pc_status open_input(struct job *j)
{
    /* with two threads, what reads reports to the reader sink, which
     * passes each error on to j->sink at its place among the records */
    if (j->threads > 1) pc_reader_sink_init(&j->reader_sink, &j->sink);
    struct pc_errsink *rsink = j->threads > 1 ? &j->reader_sink.sink : &j->sink;
    struct pc_read_ctx ctx = {
        .sink = rsink,
        .max_field_size = j->opt->max_field_size ? j->opt->max_field_size : DEFAULT_MAX_FIELD,
        .path = j->input,
        .options = j->opt->format_options,
        .schema = j->schema,
        .dialect = &j->dialect};
    const char *name = j->opt->source_name ? j->opt->source_name : j->input;
    const struct pc_format *named =
        j->opt->from ? pc_format_by_name(j->opt->from)
                     : strcmp(name, "-") != 0 ? pc_format_by_path(name) : NULL;
    pc_status st;
    if (named && (named->flags & PC_FORMAT_READS_FILE)) { /* it opens the file itself */
        if ((st = (j->fin = named)->reader_new(&ctx, &j->reader))) return st;
        /* the sheet it reads names the errors about its rows too; the
         * reader keeps the name until it is freed, after the last error */
        j->sink.sheet = rsink->sheet;
        return read_in_thread(j);
    }
    const char *encoding = j->opt->encoding ? j->opt->encoding
                           : j->dialect.encoding[0] ? j->dialect.encoding
                                                    : NULL;
    if ((st = pc_istream_open(j->input, encoding, rsink, &j->in))) return st;
    if (j->opt->from) {
        j->fin = pc_format_by_name(j->opt->from);
        if (!j->fin)
            return usage_hint(j, PC_HINT_FORMATS_LIST, "unknown input format \"%s\"", j->opt->from);
    } else if (strcmp(name, "-") != 0 && (j->fin = pc_format_by_path(name))) {
        const char *head;
        size_t n;
        if ((st = pc_istream_peek(j->in, &head, &n))) return st;
        j->fin = pc_format_refine(j->fin, head, n);
    }
    if (!j->fin) {
        const char *head;
        size_t n;
        if ((st = pc_istream_peek(j->in, &head, &n))) return st;
        /* nothing to probe: read as an empty table, as an empty .csv is, not
         * as whatever format scores an empty head highest */
        j->fin = n == 0 ? pc_format_by_name("csv") : pc_format_probe(head, n);
        if (!j->fin)
            return usage_hint(j, PC_HINT_FROM_FORMAT, "%s: cannot tell the input format", name);
    }
    if (!j->fin->reader_new) return usage(j, "format %s cannot be read", j->fin->name);
    if (j->fin->flags & PC_FORMAT_READS_FILE) {
        struct pc_error e = {.code = PC_EUSAGE, .type = "usage-error", .severity = PC_SEV_ERROR,
                             .hint = PC_HINT_FROM_FORMAT};
        return pc_report(&j->sink, &e, "%s: format %s is read from a file named with its .%s extension",
                         name, j->fin->name, j->fin->extensions[0]);
    }
    ctx.in = j->in;
    if ((st = j->fin->reader_new(&ctx, &j->reader))) return st;
    return read_in_thread(j);
}

static pc_status pick_output_format(struct job *j)
{
    if (j->opt->to) {
        j->fout = pc_format_by_name(j->opt->to);
        if (!j->fout)
            return usage_hint(j, PC_HINT_FORMATS_LIST, "unknown output format \"%s\"", j->opt->to);
    } else if (j->output && strcmp(j->output, "-") != 0) {
        j->fout = pc_format_by_path(j->output);
    }
    if (!j->fout) return usage_hint(j, PC_HINT_TO_FORMAT, "the output format is unknown", NULL);
    if (!j->fout->writer_new) return usage(j, "format %s cannot be written", j->fout->name);
    return PC_OK;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Opens the temporary file beside the target (or stdout). */
static pc_status open_output(struct job *j)
{
    bool to_stdout = !j->output || strcmp(j->output, "-") == 0;
    if (to_stdout) {
        j->out_fd = 1;
    } else {
        pc_status st = pc_outfile_open(&j->file, j->output, &j->sink);
        if (st) return st;
        j->out_file = true;
        j->out_fd = j->file.fd;
    }
    bool gz = !to_stdout && ends_with(j->output, ".gz");
    int level = j->opt->gzip_level ? j->opt->gzip_level : 6;
    if (pc_ostream_init(&j->out, j->out_fd, gz, level)) return PC_ENOMEM;
    j->out_open = true;
    struct pc_write_ctx ctx = {.out = &j->out, .sink = &j->sink, .schema = j->schema,
                               .excel = j->opt->excel, .options = j->opt->format_options,
                               .every_key = j->plain_table};
    return j->fout->writer_new(&ctx, &j->writer);
}

/* The schema the options name, known before reading (none for -k table
 * or an inferred kind). */
static pc_status load_given_schema(struct job *j)
{
    pc_dialect_init(&j->dialect);
    pc_status st = j->rj && j->rj->dialect
                       ? pc_dialect_from_json(j->rj->dialect, j->sink.source, &j->sink, &j->dialect)
                   : j->opt->dialect_file
                       ? pc_dialect_load_file(j->opt->dialect_file, &j->sink, &j->dialect)
                       : PC_OK;
    if (!st && j->opt->header_rows)
        st = pc_dialect_set_header_rows(&j->dialect, j->opt->header_rows, &j->sink);
    if (st) return st;
    if (j->rj && j->rj->schema)
        return pc_schema_load_doc(json_deep_copy(j->rj->schema), j->sink.source, &j->sink,
                                  &j->schema);
    if (j->opt->schema_file) return pc_schema_load_file(j->opt->schema_file, &j->sink, &j->schema);
    if (j->opt->kind && strcmp(j->opt->kind, "table") != 0)
        return pc_schema_load_builtin(j->opt->kind, &j->sink, &j->schema);
    return PC_OK;
}

/* Otherwise the schema comes from the labels of the first records. */
static pc_status load_schema(struct job *j, pc_status next)
{
    const struct pc_label *labels;
    size_t n = j->reader->ops->labels(j->reader, &labels), k = 0;
    if (n == 0 && next == PC_END) {
        /* nothing to check is no valid table: 0 bytes, a BOM only, or
         * fewer rows than the header rows */
        struct pc_error e = {.code = PC_INVALID, .type = "source-error",
                             .note = "the source is empty", .severity = PC_SEV_ERROR};
        return pc_report(&j->sink, &e, "the file is empty: it has no header and no rows");
    }
    if (j->schema) return PC_OK;
    const char **names = malloc((n ? n : 1) * sizeof *names);
    if (!names) return PC_ENOMEM;
    for (size_t i = 0; i < n; i++)
        if (!labels[i].container) names[k++] = labels[i].name;
    pc_status st;
    if (j->opt->kind) {
        st = pc_schema_from_labels(names, k, &j->schema)
                 ? usage(j, "the input has no header or keys to name its columns", NULL)
                 : PC_OK;
        j->plain_table = st == PC_OK;
    } else if (k == 0) {
        st = usage_hint(j, PC_HINT_KIND, "the input has no header or keys to name its columns",
                        NULL);
    } else {
        st = pc_schema_guess(names, k, &j->sink, &j->schema);
    }
    free(names);
    return st;
}

static pc_status map_labels(struct job *j)
{
    const struct pc_label *labels;
    size_t n = j->reader->ops->labels(j->reader, &labels);
    return pc_labels_update(&j->labels, labels, n, &j->sink);
}

/* The labels, for reports (Frictionless lists them with each table). */
static pc_status report_labels(struct job *j)
{
    if (!j->opt->facts) return PC_OK;
    const struct pc_label *labels;
    size_t n = j->reader->ops->labels(j->reader, &labels), k = 0;
    const char **names = malloc((n ? n : 1) * sizeof *names);
    if (!names) return PC_ENOMEM;
    for (size_t i = 0; i < n; i++)
        if (!labels[i].container) names[k++] = labels[i].name;
    struct pc_error e = {.code = PC_OK, .type = "labels", .cells = names, .ncells = k,
                         .severity = PC_SEV_INFO};
    pc_report(&j->sink, &e, "the header's labels");
    free(names);
    return PC_OK;
}

/* A blank row is reported as such alone, as Frictionless does: its
 * fields are all null (no casting, no required errors), and it still
 * meets the key checks. */
static pc_status process_blank(struct job *j, struct pc_record *rec, bool *valid)
{
    for (size_t i = 0; i < j->schema->nfields; i++) j->slot[i] = -1;
    rec->slot = j->slot;
    *valid = false;
    return pc_checker_record(j->checker, rec, &j->sink, valid);
}

static pc_status process(struct job *j, struct pc_record *rec, bool *valid)
{
    pc_status st = map_labels(j);
    if (st) return st;
    j->sink.rec = rec;
    j->sink.nlabels = j->reader->ops->labels(j->reader, &j->sink.labels);
    if (j->linter && /* values as written, before casting changes them */
        (st = pc_lint_record(j->linter, rec, j->sink.labels, j->sink.nlabels, &j->sink)))
        return st;
    if (pc_labels_blank_row(&j->labels, rec, &j->sink)) return process_blank(j, rec, valid);
    for (size_t i = 0; i < j->schema->nfields; i++) j->slot[i] = -1;
    size_t ncells = rec->ncells; /* as read: casting may derive more */
    for (size_t i = 0; i < rec->ncells; i++) {
        int f = pc_labels_field(&j->labels, pc_record_cell(rec, i)->label, &j->sink);
        if (f >= 0) j->slot[f] = (int)i;
    }
    rec->slot = j->slot;
    struct pc_cast_opts cast = {.scratch = &j->scratch,
                                .cache = j->norm_cache,
                                .flags = (j->opt->strict ? PC_CAST_STRICT : 0) |
                                         (j->opt->fix ? PC_CAST_FIX : 0) |
                                         (j->opt->keep_text ? PC_CAST_KEEP_TEXT : 0) |
                                         (j->opt->normalize ? PC_CAST_NORMALIZE_ALL : 0) |
                                         (j->fin->flags & PC_FORMAT_TREE ? PC_CAST_TREE : 0) |
                                         (j->fin->flags & PC_FORMAT_TYPED ? PC_CAST_TYPED : 0) |
                                         (j->output ? PC_CAST_RETYPE : 0)};
    *valid = pc_cast_record(j->schema, rec, j->slot, &j->sink, &cast);
    /* Frictionless's order: the cells' errors, then missing and extra cells */
    if (!pc_labels_check_cells(&j->labels, rec, ncells, &j->sink)) *valid = false;
    st = pc_checker_record(j->checker, rec, &j->sink, valid);
    if (st || !j->rj || !j->rj->on_record) return st;
    return j->rj->on_record(j->rj->ud, j->checker, j->schema, rec, &j->sink, valid);
}

/* Writes `doc` to `path` (NULL or "-": stdout) whole or not at all. */
static pc_status write_json(struct job *j, const char *path, const json_t *doc)
{
    char *text = json_dumps(doc, JSON_INDENT(2));
    if (!text) return PC_ENOMEM;
    size_t n = strlen(text);
    text[n++] = '\n'; /* over the NUL: the text is written by length */
    pc_status st = PC_OK;
    if (!path || strcmp(path, "-") == 0) {
        if (fwrite(text, 1, n, stdout) != n || fflush(stdout)) {
            struct pc_error e = {.code = PC_EIO, .type = "source-error", .source = "-"};
            st = pc_report(&j->sink, &e, "cannot write the output: %s", strerror(errno));
        }
    } else {
        struct pc_outfile f;
        if ((st = pc_outfile_open(&f, path, &j->sink))) {
            free(text);
            return st;
        }
        for (size_t done = 0; !st && done < n;) {
            ssize_t k = write(f.fd, text + done, n - done);
            if (k < 0 && errno == EINTR) continue;
            if (k <= 0) st = PC_EIO;
            else done += (size_t)k;
        }
        if (st) {
            struct pc_error e = {.code = PC_EIO, .type = "source-error", .source = path};
            pc_report(&j->sink, &e, "cannot write the output: %s", strerror(errno));
            pc_outfile_abort(&f);
        } else {
            st = pc_outfile_commit(&f, &j->sink);
        }
    }
    free(text);
    return st;
}

/* The end of infer: the schema (and the dialect) written, and a word
 * when the header is that of a bundled kind. */
static pc_status finish_infer(struct job *j)
{
    const struct pc_label *labels;
    size_t n = j->reader->ops->labels(j->reader, &labels);
    json_t *schema = pc_infer_schema(j->infer, labels, n);
    if (!schema) return PC_ENOMEM;
    const char **names = malloc((n ? n : 1) * sizeof *names);
    if (!names) {
        json_decref(schema);
        return PC_ENOMEM;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!labels[i].container) names[k++] = labels[i].name;
    struct pc_errsink quiet = {0};
    struct pc_schema *kind = NULL;
    if (k && pc_schema_guess(names, k, &quiet, &kind) == PC_OK) {
        struct pc_error e = {.code = PC_OK, .type = "bundled-kind", .severity = PC_SEV_WARNING,
                             .hint = PC_HINT_KIND};
        pc_report(&j->sink, &e, "the header is that of the bundled kind %s, which knows more "
                  "than an inferred schema", kind->name);
    }
    pc_schema_free(kind);
    free(names);
    pc_status st = write_json(j, j->infer_out, schema);
    json_decref(schema);
    if (st || !j->infer_opt->dialect_out) return st;
    json_t *d = pc_dialect_to_json(&j->dialect, j->in ? pc_istream_encoding(j->in) : NULL);
    if (!d) return PC_ENOMEM;
    st = write_json(j, j->infer_opt->dialect_out, d);
    json_decref(d);
    return st;
}

/* The input's bytes read as of the last record: counted by the reader
 * thread when there is one, which may still be reading. */
static uint64_t input_bytes(const struct job *j)
{
    return j->ahead ? pc_thread_reader_bytes_in(j->ahead) : j->in ? pc_istream_bytes_in(j->in) : 0;
}

static pc_status run(struct job *j)
{
    pc_status st = pc_format_options_check(j->opt->format_options, "reshape",
                                           pc_reshape_option_keys, &j->sink);
    if (!st) st = load_given_schema(j);
    if (!st) st = open_input(j);
    if (st) return st;
    if (j->output && (st = pick_output_format(j))) return st;
    struct pc_record rec;
    pc_status next = j->reader->ops->next(j->reader, &rec);
    if (next > PC_OK) return next;
    if ((st = load_schema(j, next))) return st;
    struct pc_reader *plain = j->reader;
    if ((st = pc_reshape_reader(j->schema, j->opt->format_options, &j->sink,
                                next == PC_OK ? &rec : NULL, &j->reader)))
        return st;
    if (j->reader != plain && next == PC_OK) /* the first record, reshaped */
        next = j->reader->ops->next(j->reader, &rec);
    if (next > PC_OK) return next;
    j->labels.schema = j->schema;
    j->labels.tabular = (j->fin->flags & PC_FORMAT_TABULAR) && j->reader == plain;
    j->labels.nocase = !j->dialect.case_sensitive_header;
    j->labels.names_only = (j->fin->flags & PC_FORMAT_TREE) != 0;
    j->labels.no_header = !j->dialect.header;
    j->slot = calloc(j->schema->nfields, sizeof *j->slot);
    if (!j->slot || !(j->checker = pc_checker_new(j->schema))) return PC_ENOMEM;
    if (!(j->norm_cache = pc_norm_cache_new())) return PC_ENOMEM;
    if (j->opt->lint && !(j->linter = pc_lint_new())) return PC_ENOMEM;
    if (j->output && (st = open_output(j))) return st;
    for (; next == PC_OK; next = j->reader->ops->next(j->reader, &rec)) {
        if (j->infer) { /* the values as read; nothing is cast */
            if ((st = pc_infer_record(j->infer, &rec))) return st;
            unsigned long limit = j->infer_opt->sample_rows ? j->infer_opt->sample_rows : 10000;
            if (++j->stats->records >= limit) break;
            continue;
        }
        bool valid;
        st = process(j, &rec, &valid);
        j->sink.rec = NULL;
        if (st) return st;
        j->stats->records++;
        if (j->opt->on_progress && (j->stats->records & 4095) == 0)
            j->opt->on_progress(j->opt->ud, input_bytes(j), j->stats->records);
        /* once an error is seen the output will be dropped: stop writing */
        if (j->writer && valid && (j->opt->keep_invalid || j->sink.errors == 0)) {
            if ((st = j->writer->ops->write(j->writer, &rec))) break;
            j->stats->written++;
        }
    }
    j->sink.rec = NULL; /* the reader's labels and cells are gone with the last record */
    if (next > PC_OK) return next;
    if (j->infer) return finish_infer(j);
    if (j->stats->records == 0) {
        struct pc_error e = {.code = PC_OK, .type = "no-rows", .severity = PC_SEV_WARNING};
        pc_report(&j->sink, &e, "the table has a header but no rows");
    }
    pc_checker_finish(j->checker, &j->sink); /* dangling references: only now known */
    if (j->linter) {
        const struct pc_label *labels;
        size_t n = j->reader->ops->labels(j->reader, &labels);
        pc_lint_finish(j->linter, labels, n, &j->sink);
    }
    pc_status mst = map_labels(j); /* a header with no rows is checked too */
    if (!mst) mst = report_labels(j);
    if (mst) return mst;
    pc_labels_finish(&j->labels, &j->sink);
    if (j->writer && !st) st = j->writer->ops->finish(j->writer);
    return st;
}

static pc_status finish_output(struct job *j, pc_status st)
{
    if (!j->out_open) return st;
    j->out_open = false;
    bool keep = st == PC_OK && (j->sink.errors == 0 || j->opt->keep_invalid);
    /* a write that failed during the run (a full disk) stopped it: said here */
    bool failed_writing = st == PC_EIO && j->out.status == PC_EIO;
    pc_status wst = keep ? pc_ostream_close(&j->out) : (pc_ostream_discard(&j->out), PC_OK);
    if (wst || failed_writing) {
        struct pc_error e = {.code = PC_EIO, .type = "source-error",
                             .source = j->output ? j->output : "-"};
        pc_report(&j->sink, &e, "cannot write the output: %s", strerror(j->out.err_no));
        st = PC_EIO;
        keep = false;
    }
    if (!keep) j->stats->written = 0; /* `written` counts what was kept, not what was tried */
    if (!j->out_file) return st;
    if (!keep) {
        pc_outfile_abort(&j->file);
        return st;
    }
    pc_status cst = pc_outfile_commit(&j->file, &j->sink);
    if (cst) j->stats->written = 0;
    return cst ? cst : st;
}

/* The schema's name as a string that outlives the job. */
static const char *static_kind_name(const struct job *j)
{
    if (j->opt->schema_file || (j->rj && j->rj->schema)) return "custom";
    const char *name = pc_schema_name_static(j->schema->name);
    return name ? name : "table";
}

/* `io` set: infer, writing the schema to `infer_out`. */
static pc_status run_job(const struct pc_options *opt, const char *input, const char *output,
                         bool write, struct pc_stats *stats, const struct pc_infer_options *io,
                         const char *infer_out, const struct pc_resource_job *rj)
{
    struct pc_stats local;
    if (!stats) stats = &local;
    memset(stats, 0, sizeof *stats);
    struct job j = {.opt = opt, .input = input, .output = write ? (output ? output : "-") : NULL,
                    .stats = stats, .infer_opt = io, .infer_out = infer_out, .rj = rj,
                    .threads = pc_reader_threads(opt->threads)};
    if (io && !(j.infer = pc_infer_new(io->enums))) return PC_ENOMEM;
    pc_formats_init();
    pc_batch_init(&j.scratch);
    j.sink = (struct pc_errsink){.fn = opt->on_error,
                                 .ud = opt->ud,
                                 .source = rj && rj->source ? rj->source
                                           : opt->source_name ? opt->source_name
                                                              : input,
                                 .limit = opt->limit_errors ? opt->limit_errors
                                                            : PC_DEFAULT_LIMIT_ERRORS};
    j.sink.tally = opt->tally;
    pc_status st = run(&j);
    j.sink.rec = NULL; /* run() may have left early, its record gone */
    /* a writer may still flush into the stream as it is freed */
    if (j.writer) j.writer->ops->free(j.writer);
    st = finish_output(&j, st);
    if (j.in) {
        stats->bytes_in = input_bytes(&j);
        stats->encoding = pc_istream_encoding(j.in);
        snprintf(stats->encoding_basis, sizeof stats->encoding_basis, "%s",
                 pc_istream_encoding_basis(j.in));
    }
    stats->errors = j.sink.errors;
    stats->warnings = j.sink.warnings;
    stats->normalizations = j.sink.normalizations;
    stats->format_in = j.fin ? j.fin->name : NULL;
    stats->format_out = j.fout ? j.fout->name : NULL;
    stats->kind = j.schema ? static_kind_name(&j) : NULL;
    if (j.reader) j.reader->ops->free(j.reader);
    pc_schema_free(j.schema);
    pc_istream_free(j.in);
    pc_labels_free(&j.labels);
    free(j.slot);
    pc_checker_free(j.checker);
    pc_norm_cache_free(j.norm_cache);
    pc_lint_free(j.linter);
    pc_infer_free(j.infer);
    pc_batch_free(&j.scratch);
    if (st == PC_OK && j.sink.errors) st = PC_INVALID;
    return st;
}

pc_status pc_convert_file(const struct pc_options *opt, const char *input, const char *output,
                          struct pc_stats *stats)
{
    return run_job(opt, input, output, true, stats, NULL, NULL, NULL);
}

pc_status pc_validate_file(const struct pc_options *opt, const char *input,
                           struct pc_stats *stats)
{
    return run_job(opt, input, NULL, false, stats, NULL, NULL, NULL);
}

pc_status pc_infer_file(const struct pc_options *opt, const struct pc_infer_options *io,
                        const char *input, const char *output, struct pc_stats *stats)
{
    struct pc_options o = *opt;
    o.kind = "table"; /* the columns as read */
    o.schema_file = NULL;
    o.lint = 0;
    return run_job(&o, input, NULL, false, stats, io, output, NULL);
}

pc_status pc_run_resource(const struct pc_options *opt, const char *input, const char *output,
                          const struct pc_resource_job *rj, struct pc_stats *stats)
{
    return run_job(opt, input, output, output != NULL, stats, NULL, NULL, rj);
}
