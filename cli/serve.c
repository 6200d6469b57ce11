/* planconv serve: the daemon. libmicrohttpd's one polling thread reads
 * every connection and streams each upload into an anonymous temporary
 * file (never into memory); once the body is in, the connection is
 * suspended and handed to the workers (serve_job.c), which resume it with
 * the response. No name from a request reaches the file system. */
#include "cli.h"
#include "serve.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <libintl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>


/* multipart bodies carry boundaries and part headers beside the files */
#define MULTIPART_SLACK (64u << 10)

/* A --bind that is no address: said like the command line's usage errors. */
static void bind_error(const char *addr)
{
    fputs("planconv: ", stderr);
    fprintf(stderr, gettext("--bind takes an IPv4 or IPv6 address, not \"%s\""), addr);
    fprintf(stderr, gettext("\nTry 'planconv %.*s--help'.\n"), 6, "serve ");
}

/* ---- requests ---- */

static enum MHD_Result answer(struct MHD_Connection *conn, unsigned status, struct MHD_Response *resp)
{
    if (!resp) return MHD_NO;
    enum MHD_Result ok = MHD_queue_response(conn, status, resp);
    MHD_destroy_response(resp);
    return ok;
}

static enum MHD_Result fail(struct pc_serve_req *r, unsigned status, const char *fmt, const char *arg)
{
    return answer(r->conn, status, pc_serve_error(r, status, fmt, arg));
}

static struct MHD_Response *static_response(const char *body, size_t n, const char *type)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(n, (void *)body, MHD_RESPMEM_PERSISTENT);
    if (!resp) return NULL;
    MHD_add_response_header(resp, "Content-Type", type);
    pc_serve_common_headers(resp);
    return resp;
}

/* The page, in the language of the request: the same file, told its
 * language by the <html lang> it starts with. */
static enum MHD_Result answer_page(struct pc_serve_req *r)
{
    static const char marker[] = "<html lang=\"en\">";
    const char *page = pc_serve_page_html;
    size_t n = pc_serve_page_html_len;
    struct MHD_Response *resp;
    const char *at = strstr(page, marker);
    if (r->ja && at) {
        char *copy = malloc(n);
        if (!copy) return MHD_NO;
        memcpy(copy, page, n);
        memcpy(copy + (at - page) + strlen("<html lang=\""), "ja", 2);
        resp = MHD_create_response_from_buffer(n, copy, MHD_RESPMEM_MUST_FREE);
        if (!resp) free(copy);
        if (resp) {
            MHD_add_response_header(resp, "Content-Type", "text/html; charset=utf-8");
            pc_serve_common_headers(resp);
        }
    } else {
        resp = static_response(page, n, "text/html; charset=utf-8");
    }
    if (!resp) return MHD_NO;
    MHD_add_response_header(resp, "Content-Language", r->ja ? "ja" : "en");
    MHD_add_response_header(resp, "Vary", "Accept-Language");
    /* the page's own script and styles, requests to this server only */
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'none'; script-src 'unsafe-inline'; style-src "
                            "'unsafe-inline'; connect-src 'self'; frame-src 'self' blob:; "
                            "img-src data:; base-uri 'none'; form-action 'none'");
    return answer(r->conn, 200, resp);
}

static enum MHD_Result take_query(void *cls, enum MHD_ValueKind kind, const char *key,
                                  const char *value)
{
    (void)kind;
    struct pc_serve_req *r = cls;
    const char *bad = r->fail_status ? NULL : pc_serve_query_param(&r->q, key, value);
    if (bad) {
        r->fail_status = 400;
        r->fail_msg = bad;
        snprintf(r->fail_arg_buf, sizeof r->fail_arg_buf, "%s", key);
        r->fail_arg = r->fail_arg_buf;
    }
    return MHD_YES;
}

static void set_failure(struct pc_serve_req *r, unsigned status, const char *msg)
{
    if (r->fail_status) return;
    r->fail_status = status;
    r->fail_msg = msg;
}

/* An anonymous file in the private folder: no name, gone when closed. */
static int anonymous_file(const struct pc_server *srv)
{
    int fd = open(srv->dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)) return fd;
    char path[sizeof srv->dir + 16];
    snprintf(path, sizeof path, "%s/up-XXXXXX", srv->dir);
    fd = mkostemp(path, O_CLOEXEC);
    if (fd >= 0) unlink(path);
    return fd;
}

/* Stores upload bytes in *fd (opened on first use), counting them
 * against --max-upload. */
static void store(struct pc_serve_req *r, int *fd, const char *data, size_t n)
{
    if (r->fail_status) return;
    if (r->bytes + n > r->srv->max_upload) {
        set_failure(r, 413, N_("the upload is larger than the server accepts"));
        return;
    }
    if (*fd < 0 && (*fd = anonymous_file(r->srv)) < 0) {
        set_failure(r, 500, N_("the server could not answer: out of memory or disk"));
        return;
    }
    for (size_t done = 0; done < n;) {
        ssize_t k = write(*fd, data + done, n - done);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) {
            set_failure(r, 500, N_("the server could not answer: out of memory or disk"));
            return;
        }
        done += (size_t)k;
    }
    r->bytes += n;
}

/* A small form field (kind, to ...), once its value is whole. */
static void finish_field(struct pc_serve_req *r)
{
    if (!r->field[0]) return;
    r->value[r->value_len] = '\0';
    take_query(r, MHD_POSTDATA_KIND, r->field, r->value);
    r->field[0] = '\0';
    r->value_len = 0;
}

static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *filename, const char *content_type,
                               const char *transfer_encoding, const char *data, uint64_t off,
                               size_t size)
{
    (void)kind, (void)content_type, (void)transfer_encoding;
    struct pc_serve_req *r = cls;
    if (off == 0 || strcmp(key, r->field) != 0) finish_field(r);
    if (strcmp(key, "file") == 0) {
        if (off == 0 && r->file_seen) set_failure(r, 400, N_("give one file per request"));
        r->file_seen = true;
        if (off == 0 && filename && !r->q.name[0] && !pc_serve_set_name(&r->q, filename))
            set_failure(r, 400, N_("the uploaded file's name is not a file name"));
        store(r, &r->fd, data, size);
    } else if (strcmp(key, "schema") == 0) {
        store(r, &r->schema_fd, data, size);
    } else if (off == 0 && strlen(key) >= sizeof r->field) {
        take_query(r, kind, "unknown", "");
    } else {
        if (off == 0) snprintf(r->field, sizeof r->field, "%s", key);
        if (r->value_len + size >= sizeof r->value) {
            set_failure(r, 400, N_("a form field is too long"));
            return MHD_YES;
        }
        memcpy(r->value + r->value_len, data, size);
        r->value_len += size;
    }
    return MHD_YES;
}

/* Parameters that need others or fit one route only, once all are known. */
static bool check_route_params(struct pc_serve_req *r)
{
    if (r->route == PC_ROUTE_CONVERT && !r->q.to)
        set_failure(r, 400, N_("give the output format in the parameter to"));
    if (r->route == PC_ROUTE_VALIDATE && (r->q.to || r->q.excel))
        set_failure(r, 400, N_("the parameters to and excel are for /api/convert"));
    return r->fail_status != 0;
}

/* The first call: the headers are in, no body yet. */
static enum MHD_Result begin(struct pc_server *srv, struct MHD_Connection *conn, const char *url,
                             const char *method, void **con_cls)
{
    struct pc_serve_req *r = calloc(1, sizeof *r);
    if (!r) return MHD_NO;
    *con_cls = r;
    r->srv = srv;
    r->conn = conn;
    r->fd = r->schema_fd = -1;
    clock_gettime(CLOCK_MONOTONIC, &r->start);
    r->ja = pc_serve_prefers_japanese(
        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_LANGUAGE));
    if (srv->loopback &&
        !pc_serve_local_host(MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST)))
        return fail(r, 400, N_("this server answers requests for this machine only (Host: localhost or 127.0.0.1)"),
                    NULL);
    bool get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    bool post = strcmp(method, "POST") == 0;
    if (strcmp(url, "/") == 0 || strcmp(url, "/api/openapi.json") == 0) {
        if (!get) return fail(r, 405, N_("this address takes GET only"), NULL);
        if (url[1] == '\0') return answer_page(r);
        return answer(conn, 200, static_response(pc_serve_openapi_json, pc_serve_openapi_json_len,
                                                 "application/json; charset=utf-8"));
    }
    r->route = strcmp(url, "/api/validate") == 0  ? PC_ROUTE_VALIDATE
               : strcmp(url, "/api/convert") == 0 ? PC_ROUTE_CONVERT : 0;
    if (!r->route) return fail(r, 404, N_("there is nothing at this address"), NULL);
    if (!post) return fail(r, 405, N_("this address takes POST only"), NULL);
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, take_query, r);
    const char *type = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    enum pc_serve_body body = pc_serve_body_kind(type);
    r->pp_expected = body == PC_BODY_MULTIPART; /* form fields may still bring parameters */
    if (r->fail_status || (!r->pp_expected && check_route_params(r)))
        return fail(r, r->fail_status, r->fail_msg, r->fail_arg);
    const char *len = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    uint64_t declared = 0, limit = srv->max_upload + (body == PC_BODY_MULTIPART ? MULTIPART_SLACK : 0);
    r->chunked = !len;
    /* refused before a byte of the body is read */
    if (len && (!pc_serve_parse_size(len, &declared) || declared > limit) && strcmp(len, "0") != 0)
        return fail(r, 413, N_("the upload is larger than the server accepts"), NULL);
    if (body == PC_BODY_REFUSED)
        return fail(r, 415, N_("send the file as the body, or as multipart/form-data with a boundary"),
                    NULL);
    if (body == PC_BODY_MULTIPART &&
        !(r->pp = MHD_create_post_processor(conn, 64 * 1024, on_part, r)))
        return fail(r, 400, N_("the multipart/form-data body cannot be read"), NULL);
    return MHD_YES;
}

static bool overdue(const struct pc_serve_req *r)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec - r->start.tv_sec > (time_t)r->srv->timeout;
}

/* The body is in: answer what was decided while reading, or queue the job. */
static enum MHD_Result body_done(struct pc_serve_req *r)
{
    if (r->pp) {
        finish_field(r);
        MHD_destroy_post_processor(r->pp);
        r->pp = NULL;
        if (!r->fail_status && !r->file_seen)
            set_failure(r, 400, N_("the form has no field named file"));
        check_route_params(r);
    }
    if (!r->fail_status && r->fd < 0 && (r->fd = anonymous_file(r->srv)) < 0) /* an empty body */
        set_failure(r, 500, N_("the server could not answer: out of memory or disk"));
    if (r->fail_status) return fail(r, r->fail_status, r->fail_msg, r->fail_arg);
    /* suspended before a worker can see it: its resume must come after */
    r->suspended = true;
    MHD_suspend_connection(r->conn);
    if (!pc_serve_enqueue(r->srv, r)) {
        r->status = 503;
        r->resp = pc_serve_error(r, 503, N_("the server is busy or stopping; try again later"), NULL);
        MHD_resume_connection(r->conn);
    }
    return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *data,
                                  size_t *size, void **con_cls)
{
    (void)version;
    struct pc_serve_req *r = *con_cls;
    if (!r) return begin(cls, conn, url, method, con_cls);
    if (r->suspended) { /* resumed by its worker: the response is ready */
        r->suspended = false;
        return answer(conn, r->status, r->resp);
    }
    if (*size == 0) return body_done(r);
    if (overdue(r)) return MHD_NO; /* a client too slow to finish its upload in time */
    if (r->fail_status == 413 && r->chunked) return MHD_NO; /* no end to wait for */
    if (r->pp && !r->fail_status) {
        if (MHD_post_process(r->pp, data, *size) != MHD_YES)
            set_failure(r, 400, N_("the multipart/form-data body cannot be read"));
    } else {
        store(r, &r->fd, data, *size);
    }
    *size = 0;
    return MHD_YES;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode code)
{
    (void)cls, (void)conn, (void)code;
    struct pc_serve_req *r = *con_cls;
    if (!r) return;
    if (r->pp) MHD_destroy_post_processor(r->pp);
    if (r->fd >= 0) close(r->fd);
    if (r->schema_fd >= 0) close(r->schema_fd);
    free(r);
    *con_cls = NULL;
}

/* ---- the daemon ---- */

/* sockaddr for --bind, IPv4 or IPv6. */
static bool bind_address(const char *addr, unsigned port, struct sockaddr_storage *ss, bool *v6)
{
    memset(ss, 0, sizeof *ss);
    struct sockaddr_in *in4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
    if (inet_pton(AF_INET, addr, &in4->sin_addr) == 1) {
        in4->sin_family = AF_INET;
        in4->sin_port = htons((uint16_t)port);
        *v6 = false;
        return true;
    }
    if (inet_pton(AF_INET6, addr, &in6->sin6_addr) == 1) {
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons((uint16_t)port);
        *v6 = true;
        return true;
    }
    return false;
}

static struct MHD_Daemon *start_daemon(struct pc_server *srv, const struct sockaddr_storage *ss,
                                       bool v6)
{
    unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME |
                     (v6 ? MHD_USE_IPv6 : 0);
    /* connections: the queue, the workers and as many again still uploading */
    unsigned limit = 2 * (srv->queue_max + srv->jobs) + 16;
    return MHD_start_daemon(flags, 0, NULL, NULL, on_request, srv,
                            MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)ss,
                            MHD_OPTION_CONNECTION_TIMEOUT, srv->timeout,
                            MHD_OPTION_CONNECTION_LIMIT, limit,
                            MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128u << 10),
                            MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv, MHD_OPTION_END);
}

static int make_private_dir(struct pc_server *srv)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(srv->dir, sizeof srv->dir, "%s/planconv-serve-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    return mkdtemp(srv->dir) ? 0 : errno;
}

struct MHD_Daemon *pc_serve_open(struct pc_server *srv, const char *bind, unsigned port,
                                 unsigned *bound_port)
{
    struct sockaddr_storage ss;
    bool v6;
    if (!bind_address(bind, port, &ss, &v6)) {
        bind_error(bind);
        return NULL;
    }
    srv->loopback = v6 ? IN6_IS_ADDR_LOOPBACK(&((struct sockaddr_in6 *)&ss)->sin6_addr)
                       : (ntohl(((struct sockaddr_in *)&ss)->sin_addr.s_addr) >> 24) == 127;
    int rc = make_private_dir(srv);
    if (rc) {
        fprintf(stderr, gettext("planconv: cannot create a temporary folder: %s\n"), strerror(rc));
        return NULL;
    }
    struct MHD_Daemon *d = NULL;
    if ((rc = pc_serve_pool_start(srv)))
        fprintf(stderr, gettext("planconv: cannot start the workers: %s\n"), strerror(rc));
    else if (!(d = start_daemon(srv, &ss, v6)))
        fprintf(stderr, gettext("planconv: cannot listen on %s port %u\n"), bind, port);
    if (!d) {
        pc_serve_pool_stop(srv);
        rmdir(srv->dir);
        return NULL;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    *bound_port = info ? info->port : port;
    return d;
}

void pc_serve_close(struct pc_server *srv, struct MHD_Daemon *d)
{
    MHD_quiesce_daemon(d);
    pc_serve_pool_stop(srv);
    MHD_stop_daemon(d);
    if (rmdir(srv->dir) != 0)
        fprintf(stderr, gettext("planconv: cannot remove the temporary folder %s: %s\n"), srv->dir,
                strerror(errno));
}

bool pc_serve_init(struct pc_server *srv)
{
    *srv = (struct pc_server){.max_upload = 100u << 20, .jobs = 2, .queue_max = 64, .timeout = 60};
    srv->en = newlocale(LC_MESSAGES_MASK | LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    if (!srv->en) srv->en = newlocale(LC_MESSAGES_MASK, "C", (locale_t)0);
    if (!srv->en) return false;
    srv->ja = newlocale(LC_MESSAGES_MASK | LC_CTYPE_MASK, "ja_JP.UTF-8", (locale_t)0);
    if (!srv->ja) srv->ja = srv->en; /* without the Japanese locale, English */
    pthread_mutex_init(&srv->lock, NULL);
    pthread_cond_init(&srv->wake, NULL);
    return true;
}

void pc_serve_free(struct pc_server *srv)
{
    pthread_cond_destroy(&srv->wake);
    pthread_mutex_destroy(&srv->lock);
    if (srv->ja != srv->en) freelocale(srv->ja);
    freelocale(srv->en);
}

int pc_cli_serve(const struct pc_serve_config *cfg)
{
    struct pc_server srv;
    if (!pc_serve_init(&srv)) {
        fputs("planconv: out of memory\n", stderr);
        return 2;
    }
    if (cfg->max_upload) srv.max_upload = cfg->max_upload;
    if (cfg->jobs) srv.jobs = cfg->jobs;
    if (cfg->queue) srv.queue_max = cfg->queue;
    if (cfg->timeout) srv.timeout = cfg->timeout;
    const char *bind = cfg->bind ? cfg->bind : "127.0.0.1";
    unsigned port = cfg->port >= 0 ? (unsigned)cfg->port : 8080;
    /* the signals that end the server are waited for, not handled:
     * blocked before any thread starts, so every thread inherits it */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    int rc = 2;
    struct MHD_Daemon *d = pc_serve_open(&srv, bind, port, &port);
    if (d) {
        printf(strchr(bind, ':') ? "http://[%s]:%u/\n" : "http://%s:%u/\n", bind, port);
        fflush(stdout);
        int sig;
        sigwait(&stop, &sig);
        pc_serve_close(&srv, d);
        rc = 0;
    }
    pc_serve_free(&srv);
    return rc;
}
