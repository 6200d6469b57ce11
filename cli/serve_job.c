/* planconv serve: a fixed pool of workers runs the fully uploaded
 * requests through the library's streaming pipeline, one at a time each,
 * and prepares the response before resuming the connection. A request
 * waits in a bounded queue; past it, or past the timeout, it gets 503. */
#include "cli.h"
#include "serve.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <libintl.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


static const char *status_title(unsigned status)
{
    switch (status) {
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 503: return "Service Unavailable";
    default: return "Internal Server Error";
    }
}

void pc_serve_common_headers(struct MHD_Response *resp)
{
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
}

struct MHD_Response *pc_serve_error(const struct pc_serve_req *r, unsigned status, const char *fmt,
                                    const char *arg)
{
    locale_t old = uselocale(r->ja ? r->srv->ja : r->srv->en);
    char msg[512];
    snprintf(msg, sizeof msg, gettext(fmt), arg ? arg : "");
    uselocale(old);
    json_t *doc = json_pack("{s:{s:I, s:s, s:s}}", "error", "status", (json_int_t)status, "title",
                            status_title(status), "message", msg);
    char *text = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
    json_decref(doc);
    if (!text) return NULL;
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        free(text);
        return NULL;
    }
    MHD_add_response_header(resp, "Content-Type", "application/json; charset=utf-8");
    pc_serve_common_headers(resp);
    return resp;
}

/* What the run said, for the HTTP status: the first error that stopped it. */
struct run {
    struct pc_run_report *report;
    const char *output;        /* our own output file: its I/O errors are ours (500) */
    bool report_failed;
    bool stopped;              /* an error with a code past PC_INVALID was seen */
    enum pc_hint stop_hint;
    bool stop_ours;
};

static void on_error(void *ud, const struct pc_error *e)
{
    struct run *run = ud;
    if (e->code > PC_INVALID && !run->stopped) {
        run->stopped = true;
        run->stop_hint = e->hint;
        run->stop_ours = run->output && e->source && strcmp(e->source, run->output) == 0;
    }
    /* past the limit, as in the command line's report: counted in its
     * stats only, so a request's memory does not grow with its rows */
    if (!e->message) return;
    if (pc_run_report_error(run->report, e)) run->report_failed = true;
}

/* HTTP codes by cause: never 500 for what the client sent. */
static unsigned http_status(const struct pc_serve_req *r, pc_status st, const struct run *run)
{
    switch (st) {
    case PC_OK: return 200;
    case PC_INVALID: return r->route == PC_ROUTE_VALIDATE ? 200 : 422;
    case PC_EUSAGE:
        return run->stopped && (run->stop_hint == PC_HINT_FROM_FORMAT ||
                                run->stop_hint == PC_HINT_FORMATS_LIST)
                   ? 415 : 400;
    case PC_EIO: return run->stop_ours ? 500 : 422; /* a corrupt, truncated or bomb upload */
    default: return 500;
    }
}

/* Opens a file the worker just wrote and unlinks it at once: the response
 * holds the only reference, and MHD closes it when the response is done.
 * NULL (and nothing left behind) on failure. */
static struct MHD_Response *response_from_file(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    unlink(path);
    struct stat sb;
    if (fd < 0) return NULL;
    struct MHD_Response *resp = fstat(fd, &sb) == 0
                                    ? MHD_create_response_from_fd((uint64_t)sb.st_size, fd)
                                    : NULL;
    if (!resp) close(fd);
    return resp;
}

static const char *format_extension(const char *format)
{
    const char *name;
    const char *const *ext;
    int rd, wr;
    for (size_t i = 0; pc_format_info(i, &name, &ext, &rd, &wr); i++)
        if (strcmp(name, format) == 0 && ext[0]) return ext[0];
    return format;
}

static void fill_options(const struct pc_serve_req *r, struct pc_options *opt, char *schema,
                         size_t cap, const char **fopts, char *sheet_opt, size_t sheet_cap)
{
    opt->source_name = r->q.name[0] ? r->q.name : "upload";
    opt->kind = r->q.kind;
    opt->encoding = r->q.encoding;
    opt->strict = r->q.strict;
    opt->fix = r->q.fix;
    opt->excel = r->q.excel;
    opt->to = r->q.package ? NULL : r->q.to;
    if (r->schema_fd >= 0) {
        snprintf(schema, cap, "/proc/self/fd/%d", r->schema_fd);
        opt->schema_file = schema;
    }
    if (r->q.sheet[0]) {
        snprintf(sheet_opt, sheet_cap, "xlsx:sheet=%s", r->q.sheet);
        fopts[0] = sheet_opt;
        fopts[1] = NULL;
        opt->format_options = fopts;
    }
}

/* The converted file (or the Data Package's zip) as a download. */
static struct MHD_Response *download(const struct pc_serve_req *r, const char *path,
                                     const struct pc_stats *st)
{
    struct MHD_Response *resp = response_from_file(path);
    if (!resp) return NULL;
    const char *type = r->q.package ? NULL : pc_format_media_type(st->format_out);
    char ctype[96], disp[2 * PC_SERVE_NAME_MAX * 3 + 96];
    if (r->q.package)
        snprintf(ctype, sizeof ctype, "application/zip");
    else
        snprintf(ctype, sizeof ctype, "%s; charset=utf-8", type ? type : "application/octet-stream");
    MHD_add_response_header(resp, "Content-Type", ctype);
    if (pc_serve_disposition(disp, sizeof disp, r->q.name,
                             r->q.package ? "zip" : format_extension(st->format_out)))
        MHD_add_response_header(resp, "Content-Disposition", disp);
    return resp;
}

/* The report of the run, JSON or a page, written to the private folder
 * and served from its unlinked file. */
static struct MHD_Response *report(const struct pc_serve_req *r, unsigned long id,
                                   const struct run *run, pc_status st, double seconds)
{
    char path[sizeof r->srv->dir + 32];
    snprintf(path, sizeof path, "%s/%lu-report.%s", r->srv->dir, id, r->q.html ? "html" : "json");
    if (pc_run_report_write(run->report, path, st == PC_OK, seconds)) {
        unlink(path);
        return NULL;
    }
    struct MHD_Response *resp = response_from_file(path);
    if (resp)
        MHD_add_response_header(resp, "Content-Type", r->q.html ? "text/html; charset=utf-8"
                                                                : "application/json; charset=utf-8");
    /* the report page is inline CSS and nothing else: it may load nothing */
    if (resp && r->q.html)
        MHD_add_response_header(resp, "Content-Security-Policy",
                                "default-src 'none'; style-src 'unsafe-inline'");
    return resp;
}

static double since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Runs one request: sets r->status and r->resp. */
static void run_request(struct pc_server *srv, struct pc_serve_req *r, unsigned long id)
{
    struct run run = {.report = pc_run_report_new()};
    char input[32], schema[32], sheet_opt[160], output[sizeof srv->dir + 32];
    const char *fopts[2];
    /* several workers share the cores: an upload gets a reader thread of
     * its own (the library's default) only when one worker runs them */
    struct pc_options opt = {.on_error = on_error, .ud = &run, .threads = srv->jobs > 1 ? 1 : 0,
                             .tally = 1};
    fill_options(r, &opt, schema, sizeof schema, fopts, sheet_opt, sizeof sheet_opt);
    snprintf(input, sizeof input, "/proc/self/fd/%d", r->fd);
    struct pc_stats st = {0};
    pc_status s = PC_ENOMEM;
    locale_t old = uselocale(r->ja ? srv->ja : srv->en);
    if (run.report && r->route == PC_ROUTE_VALIDATE) {
        s = pc_validate_file(&opt, input, &st);
    } else if (run.report && r->q.package) {
        s = pc_serve_package(srv->dir, id, &opt, input, &st, output, sizeof output);
    } else if (run.report) {
        /* the library writes beside `output` and renames on success only */
        snprintf(output, sizeof output, "%s/%lu.%s", srv->dir, id, format_extension(r->q.to));
        run.output = output;
        s = pc_convert_file(&opt, input, output, &st);
    }
    const char *verdict = s == PC_OK ? "ok" : s == PC_INVALID ? "invalid" : "error";
    if (run.report && pc_run_report_file(run.report, opt.source_name, NULL, &st, verdict))
        run.report_failed = true;
    r->status = run.report_failed ? 500 : http_status(r, s, &run);
    if (r->route == PC_ROUTE_CONVERT && s == PC_OK)
        r->resp = download(r, output, &st);
    else if (run.report && !run.report_failed)
        r->resp = report(r, id, &run, s, since(&r->start));
    uselocale(old);
    pc_run_report_free(run.report);
    if (!r->resp) {
        r->status = 500;
        r->resp = pc_serve_error(r, 500, N_("the server could not answer: out of memory or disk"),
                                 NULL);
        return;
    }
    pc_serve_common_headers(r->resp);
    char n[24];
    MHD_add_response_header(r->resp, "X-Planconv-Valid", s == PC_OK ? "true" : "false");
    snprintf(n, sizeof n, "%lu", st.errors);
    MHD_add_response_header(r->resp, "X-Planconv-Errors", n);
}

static void *worker(void *arg)
{
    struct pc_server *srv = arg;
    pthread_mutex_lock(&srv->lock);
    for (;;) {
        while (!srv->head && !srv->stopping) pthread_cond_wait(&srv->wake, &srv->lock);
        struct pc_serve_req *r = srv->head;
        if (!r) break;
        srv->head = r->next;
        if (!srv->head) srv->tail = NULL;
        srv->queued--;
        unsigned long id = ++srv->next_id;
        bool late = srv->stopping || since(&r->enqueued) > srv->timeout;
        pthread_mutex_unlock(&srv->lock);
        if (late) {
            r->status = 503;
            r->resp = pc_serve_error(r, 503, N_("the server is busy or stopping; try again later"),
                                     NULL);
        } else {
            run_request(srv, r, id);
        }
        MHD_resume_connection(r->conn);
        pthread_mutex_lock(&srv->lock);
    }
    pthread_mutex_unlock(&srv->lock);
    return NULL;
}

bool pc_serve_enqueue(struct pc_server *srv, struct pc_serve_req *r)
{
    pthread_mutex_lock(&srv->lock);
    bool room = !srv->stopping && srv->queued < srv->queue_max;
    if (room) {
        clock_gettime(CLOCK_MONOTONIC, &r->enqueued);
        r->next = NULL;
        if (srv->tail) srv->tail->next = r;
        else srv->head = r;
        srv->tail = r;
        srv->queued++;
        pthread_cond_signal(&srv->wake);
    }
    pthread_mutex_unlock(&srv->lock);
    return room;
}

int pc_serve_pool_start(struct pc_server *srv)
{
    srv->workers = calloc(srv->jobs, sizeof *srv->workers);
    if (!srv->workers) return ENOMEM;
    for (unsigned i = 0; i < srv->jobs; i++) {
        int rc = pthread_create(&srv->workers[i], NULL, worker, srv);
        if (rc) {
            srv->jobs = i; /* stop joins the ones started */
            return rc;
        }
    }
    return 0;
}

void pc_serve_pool_stop(struct pc_server *srv)
{
    pthread_mutex_lock(&srv->lock);
    srv->stopping = true;
    pthread_cond_broadcast(&srv->wake);
    pthread_mutex_unlock(&srv->lock);
    for (unsigned i = 0; i < srv->jobs; i++) pthread_join(srv->workers[i], NULL);
    free(srv->workers);
    srv->workers = NULL;
}
