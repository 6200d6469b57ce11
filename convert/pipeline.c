/* The pipeline: reader -> map labels to fields -> cast and check ->
 * writer. It knows no format and no schema by name. */
#include "../formats/format.h"
#include "../validate/check.h"
#include "../validate/lint.h"
#include "../validate/normalize.h"
#include "../validate/types.h"
#include "outfile.h"
#include "package.h"
#include "reshape.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEFAULT_MAX_FIELD (16u << 20)

struct job {
    const struct pc_options *opt;
    const char *input, *output; /* output NULL: validate only */
    struct pc_errsink sink;
    struct pc_istream *in;
    const struct pc_format *fin, *fout;
    struct pc_reader *reader;
    struct pc_schema *schema;
    struct pc_writer *writer;
    struct pc_ostream out;
    bool out_open;
    int out_fd;
    bool out_direct; /* out_fd is a device or pipe opened in place */
    struct pc_outfile file; /* for a regular output file: put in place on success */
    bool out_file;
    int *label_field;
    size_t nmapped;
    int *slot;
    struct pc_checker *checker; /* unique, primary and foreign keys */
    struct pc_linter *linter;   /* --lint: machine-readability findings */
    struct pc_batch scratch;    /* a record that gained derived cells */
    struct pc_stats *stats;
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

static pc_status open_input(struct job *j)
{
    struct pc_read_ctx ctx = {
        .sink = &j->sink,
        .max_field_size = j->opt->max_field_size ? j->opt->max_field_size : DEFAULT_MAX_FIELD,
        .path = j->input,
        .options = j->opt->format_options,
        .schema = j->schema};
    const struct pc_format *named =
        j->opt->from ? pc_format_by_name(j->opt->from)
                     : strcmp(j->input, "-") != 0 ? pc_format_by_path(j->input) : NULL;
    if (named && (named->flags & PC_FORMAT_READS_FILE)) /* it opens the file itself */
        return (j->fin = named)->reader_new(&ctx, &j->reader);
    pc_status st = pc_istream_open(j->input, j->opt->encoding, &j->sink, &j->in);
    if (st) return st;
    if (j->opt->from) {
        j->fin = pc_format_by_name(j->opt->from);
        if (!j->fin)
            return usage_hint(j, PC_HINT_FORMATS_LIST, "unknown input format \"%s\"", j->opt->from);
    } else if (strcmp(j->input, "-") != 0) {
        j->fin = pc_format_by_path(j->input);
    }
    if (!j->fin) {
        const char *head;
        size_t n;
        if ((st = pc_istream_peek(j->in, &head, &n))) return st;
        j->fin = pc_format_probe(head, n);
        if (!j->fin)
            return usage_hint(j, PC_HINT_FROM_FORMAT, "%s: cannot tell the input format", j->input);
    }
    if (!j->fin->reader_new) return usage(j, "format %s cannot be read", j->fin->name);
    if (j->fin->flags & PC_FORMAT_READS_FILE) {
        struct pc_error e = {.code = PC_EUSAGE, .type = "usage-error", .severity = PC_SEV_ERROR,
                             .hint = PC_HINT_FROM_FORMAT};
        return pc_report(&j->sink, &e, "%s: format %s is read from a file named with its .%s extension",
                         j->input, j->fin->name, j->fin->extensions[0]);
    }
    ctx.in = j->in;
    return j->fin->reader_new(&ctx, &j->reader);
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
    struct stat sb;
    if (to_stdout) {
        j->out_fd = 1;
    } else if (stat(j->output, &sb) == 0 && !S_ISREG(sb.st_mode)) {
        /* a device or pipe (/dev/null, a FIFO) is written in place: a
         * rename would replace it with a plain file */
        j->out_fd = open(j->output, O_WRONLY | O_CLOEXEC);
        if (j->out_fd < 0) {
            struct pc_error e = {.code = PC_EIO, .type = "source-error", .source = j->output};
            return pc_report(&j->sink, &e, "cannot open the output: %s", strerror(errno));
        }
        j->out_direct = true;
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
                               .excel = j->opt->excel, .options = j->opt->format_options};
    return j->fout->writer_new(&ctx, &j->writer);
}

/* The schema the options name, known before reading (none for -k table
 * or an inferred kind). */
static pc_status load_given_schema(struct job *j)
{
    if (j->rj && j->rj->schema)
        return pc_schema_load_doc(json_deep_copy(j->rj->schema), j->sink.source, &j->sink,
                                  &j->schema);
    if (j->opt->schema_file) return pc_schema_load_file(j->opt->schema_file, &j->sink, &j->schema);
    if (j->opt->kind && strcmp(j->opt->kind, "table") != 0)
        return pc_schema_load_builtin(j->opt->kind, &j->sink, &j->schema);
    return PC_OK;
}

/* Otherwise the schema comes from the labels of the first records. */
static pc_status load_schema(struct job *j)
{
    if (j->schema) return PC_OK;
    const struct pc_label *labels;
    size_t n = j->reader->ops->labels(j->reader, &labels), k = 0;
    const char **names = malloc((n ? n : 1) * sizeof *names);
    if (!names) return PC_ENOMEM;
    for (size_t i = 0; i < n; i++)
        if (!labels[i].container) names[k++] = labels[i].name;
    pc_status st;
    if (j->opt->kind)
        st = pc_schema_from_labels(names, k, &j->schema)
                 ? usage(j, "the input has no header or keys to name its columns", NULL)
                 : PC_OK;
    else if (k == 0)
        st = usage_hint(j, PC_HINT_KIND, "the input is empty", NULL);
    else
        st = pc_schema_guess(names, k, &j->sink, &j->schema);
    free(names);
    return st;
}

/* The field called `name` exactly, or -1: tree input (JSON, XML)
 * is keyed by field names, as its exported JSON Schema and XSD say. */
static int field_named(const struct pc_schema *s, const char *name)
{
    for (size_t i = 0; i < s->nfields; i++)
        if (strcmp(s->fields[i].name, name) == 0) return (int)i;
    return -1;
}

/* Extends the label -> field map to labels the reader has added:
 * a field index, or UNKNOWN_LABEL until reported, then IGNORED_LABEL. */
enum { UNKNOWN_LABEL = -1, IGNORED_LABEL = -2 };

static pc_status map_labels(struct job *j)
{
    const struct pc_label *labels;
    size_t n = j->reader->ops->labels(j->reader, &labels);
    if (n <= j->nmapped) return PC_OK;
    int *m = realloc(j->label_field, n * sizeof *m);
    if (!m) return PC_ENOMEM;
    j->label_field = m;
    bool typed = j->fin && (j->fin->flags & PC_FORMAT_TREE);
    for (; j->nmapped < n; j->nmapped++)
        m[j->nmapped] = typed ? field_named(j->schema, labels[j->nmapped].name)
                              : pc_schema_field_index(j->schema, labels[j->nmapped].name);
    return PC_OK;
}

/* An unknown label is reported once, at the line it first appeared, when
 * a record uses it or at the end (a key that turns out to hold child
 * records is no value and never reported). */
static void report_label(struct job *j, size_t i)
{
    const struct pc_label *labels;
    j->reader->ops->labels(j->reader, &labels);
    j->label_field[i] = IGNORED_LABEL;
    if (labels[i].container) return;
    struct pc_error e = {.code = PC_INVALID, .type = "extra-label", .line = labels[i].line,
                         .field = labels[i].name};
    pc_report(&j->sink, &e, "\"%s\" is not a field of %s", labels[i].name, j->schema->name);
}

static pc_status process(struct job *j, struct pc_record *rec, bool *valid)
{
    pc_status st = map_labels(j);
    if (st) return st;
    if (j->linter) { /* values as written, before casting changes them */
        const struct pc_label *labels;
        size_t n = j->reader->ops->labels(j->reader, &labels);
        if ((st = pc_lint_record(j->linter, rec, labels, n, &j->sink))) return st;
    }
    for (size_t i = 0; i < j->schema->nfields; i++) j->slot[i] = -1;
    for (size_t i = 0; i < rec->ncells; i++) {
        uint32_t label = pc_record_cell(rec, i)->label;
        int f = j->label_field[label];
        if (f >= 0) j->slot[f] = (int)i;
        if (f == UNKNOWN_LABEL) report_label(j, label);
    }
    rec->slot = j->slot;
    struct pc_cast_opts cast = {.scratch = &j->scratch,
                                .flags = (j->opt->strict ? PC_CAST_STRICT : 0) |
                                         (j->opt->fix ? PC_CAST_FIX : 0) |
                                         (j->opt->keep_text ? PC_CAST_KEEP_TEXT : 0) |
                                         (j->fin->flags & PC_FORMAT_TREE ? PC_CAST_TREE : 0) |
                                         (j->fin->flags & PC_FORMAT_TYPED ? PC_CAST_TYPED : 0) |
                                         (j->output ? PC_CAST_RETYPE : 0)};
    *valid = pc_cast_record(j->schema, rec, j->slot, &j->sink, &cast);
    pc_status st2 = pc_checker_record(j->checker, rec, &j->sink, valid);
    if (st2 || !j->rj || !j->rj->on_record) return st2;
    return j->rj->on_record(j->rj->ud, j->checker, j->schema, rec, &j->sink, valid);
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
    if ((st = load_schema(j))) return st;
    struct pc_reader *plain = j->reader;
    if ((st = pc_reshape_reader(j->schema, j->opt->format_options, &j->sink,
                                next == PC_OK ? &rec : NULL, &j->reader)))
        return st;
    if (j->reader != plain && next == PC_OK) /* the first record, reshaped */
        next = j->reader->ops->next(j->reader, &rec);
    if (next > PC_OK) return next;
    j->slot = calloc(j->schema->nfields, sizeof *j->slot);
    if (!j->slot || !(j->checker = pc_checker_new(j->schema))) return PC_ENOMEM;
    if (j->opt->lint && !(j->linter = pc_lint_new())) return PC_ENOMEM;
    if (j->output && (st = open_output(j))) return st;
    for (; next == PC_OK; next = j->reader->ops->next(j->reader, &rec)) {
        bool valid;
        if ((st = process(j, &rec, &valid))) return st;
        j->stats->records++;
        if (j->opt->on_progress && (j->stats->records & 4095) == 0)
            j->opt->on_progress(j->opt->ud, j->in ? pc_istream_bytes_in(j->in) : 0,
                             j->stats->records);
        /* once an error is seen the output will be dropped: stop writing */
        if (j->writer && valid && (j->opt->keep_invalid || j->sink.errors == 0)) {
            if ((st = j->writer->ops->write(j->writer, &rec))) break;
            j->stats->written++;
        }
    }
    if (next > PC_OK) return next;
    pc_checker_finish(j->checker, &j->sink); /* dangling references: only now known */
    if (j->linter) {
        const struct pc_label *labels;
        size_t n = j->reader->ops->labels(j->reader, &labels);
        pc_lint_finish(j->linter, labels, n, &j->sink);
    }
    pc_status mst = map_labels(j);
    if (mst) return mst;
    for (size_t i = 0; i < j->nmapped; i++)
        if (j->label_field[i] == UNKNOWN_LABEL) report_label(j, i);
    if (j->writer && !st) st = j->writer->ops->finish(j->writer);
    return st;
}

static pc_status finish_output(struct job *j, pc_status st)
{
    if (!j->out_open) return st;
    j->out_open = false;
    bool keep = st == PC_OK && (j->sink.errors == 0 || j->opt->keep_invalid);
    pc_status wst = keep ? pc_ostream_close(&j->out) : (pc_ostream_discard(&j->out), PC_OK);
    if (wst) {
        struct pc_error e = {.code = PC_EIO, .type = "source-error",
                             .source = j->output ? j->output : "-"};
        pc_report(&j->sink, &e, "cannot write the output: %s", strerror(j->out.err_no));
        st = PC_EIO;
        keep = false;
    }
    if (j->out_direct) close(j->out_fd);
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

static pc_status run_job(const struct pc_options *opt, const char *input, const char *output,
                         bool write, const struct pc_resource_job *rj, struct pc_stats *stats)
{
    struct pc_stats local;
    if (!stats) stats = &local;
    memset(stats, 0, sizeof *stats);
    struct job j = {.opt = opt, .input = input, .output = write ? (output ? output : "-") : NULL,
                    .stats = stats, .rj = rj};
    pc_formats_init();
    pc_batch_init(&j.scratch);
    j.sink = (struct pc_errsink){.fn = opt->on_error,
                                 .ud = opt->ud,
                                 .source = rj && rj->source ? rj->source : input,
                                 .limit = opt->limit_errors ? opt->limit_errors
                                                            : PC_DEFAULT_LIMIT_ERRORS};
    pc_status st = run(&j);
    /* a writer may still flush into the stream as it is freed */
    if (j.writer) j.writer->ops->free(j.writer);
    st = finish_output(&j, st);
    if (j.in) {
        stats->bytes_in = pc_istream_bytes_in(j.in);
        stats->encoding = pc_istream_encoding(j.in);
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
    free(j.label_field);
    free(j.slot);
    pc_checker_free(j.checker);
    pc_lint_free(j.linter);
    pc_batch_free(&j.scratch);
    if (st == PC_OK && j.sink.errors) st = PC_INVALID;
    return st;
}

pc_status pc_convert_file(const struct pc_options *opt, const char *input, const char *output,
                          struct pc_stats *stats)
{
    return run_job(opt, input, output, true, NULL, stats);
}

pc_status pc_validate_file(const struct pc_options *opt, const char *input,
                           struct pc_stats *stats)
{
    return run_job(opt, input, NULL, false, NULL, stats);
}

pc_status pc_run_resource(const struct pc_options *opt, const char *input, const char *output,
                          const struct pc_resource_job *rj, struct pc_stats *stats)
{
    return run_job(opt, input, output, output != NULL, rj, stats);
}
