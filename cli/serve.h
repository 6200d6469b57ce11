/* planconv serve: the same engine behind a local web page (officers) and
 * an HTTP API (portals), on libmicrohttpd. serve.c runs the daemon and
 * reads requests, serve_job.c runs them on a fixed pool of workers,
 * serve_request.c parses what a request asks for (no I/O: fuzzed),
 * serve_assets.c (generated) holds the page and the OpenAPI description. */
#ifndef PC_SERVE_H
#define PC_SERVE_H

#include "planconv.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What planconv serve's options say; 0 (NULL) for a default. */
struct pc_serve_config {
    int port;            /* -1: the default, 8080; 0: any free port */
    const char *bind;    /* default 127.0.0.1 */
    uint64_t max_upload; /* default 100 MiB */
    unsigned jobs;       /* default 2 */
    unsigned queue;      /* default 64 */
    unsigned timeout;    /* seconds, default 60 */
};

/* The command: serves until SIGINT or SIGTERM. Returns the exit status. */
int pc_cli_serve(const struct pc_serve_config *cfg);

/* ---- what a request asks for (serve_request.c) ---- */

#define PC_SERVE_NAME_MAX 255

struct pc_serve_query {
    char name[PC_SERVE_NAME_MAX + 1]; /* the upload's file name, no folder; "" if none */
    const char *kind;     /* a bundled kind or "table" (static), NULL: inferred */
    const char *to;       /* a writable format's name (static), NULL: none given */
    const char *encoding; /* a known encoding (static), NULL: detected */
    char sheet[128];      /* .xlsx: the sheet; "" for the first */
    bool strict, fix, excel;
    bool html;            /* report=html: the report as a page */
    bool package;         /* to=datapackage: JSON and datapackage.json in a zip */
};

/* Takes one query parameter into `q`. Returns NULL, or on a bad one a
 * message (untranslated, static) with one %s for the parameter. */
const char *pc_serve_query_param(struct pc_serve_query *q, const char *key, const char *value);

/* Sets q->name from a client's file name: its last path component, which
 * must be 1 to 255 bytes of valid UTF-8 without control characters and
 * not "." or "..". Returns false (q->name unchanged) otherwise. */
bool pc_serve_set_name(struct pc_serve_query *q, const char *name);

/* Whether a Host header names this machine (localhost, 127.x.x.x, [::1],
 * with or without a port). A server on loopback answers no other: a web
 * page elsewhere cannot reach it through a DNS name made to point here. */
bool pc_serve_local_host(const char *host);

/* Whether Accept-Language prefers Japanese to English (NULL: no). */
bool pc_serve_prefers_japanese(const char *accept_language);

enum pc_serve_body {
    PC_BODY_RAW,       /* the body is the file */
    PC_BODY_MULTIPART, /* multipart/form-data with a boundary */
    PC_BODY_REFUSED    /* multipart without a boundary, or not form-data */
};
enum pc_serve_body pc_serve_body_kind(const char *content_type);

/* Writes a Content-Disposition value for downloading `name` with its
 * extension replaced by `ext` (.gz too): an ASCII filename= and the UTF-8
 * filename*= of RFC 6266. Always NUL-terminated; false if `cap` is short. */
bool pc_serve_disposition(char *out, size_t cap, const char *name, const char *ext);

/* Parses a byte count with an optional K, M or G suffix (powers of 1024). */
bool pc_serve_parse_size(const char *arg, uint64_t *out);

/* ---- the server and its requests (serve.c, serve_job.c) ---- */

#include <locale.h>
#include <pthread.h>
#include <time.h>

struct MHD_Connection;
struct MHD_Response;
struct MHD_PostProcessor;

enum pc_serve_route { PC_ROUTE_VALIDATE = 1, PC_ROUTE_CONVERT };

struct pc_server {
    char dir[4096];       /* private folder (0700): temporary files only, removed at exit */
    uint64_t max_upload;  /* bytes of file and schema together */
    unsigned jobs;        /* worker threads */
    unsigned queue_max;   /* requests waiting for a worker; one more gets 503 */
    unsigned timeout;     /* seconds: idle connection, whole upload, wait in the queue */
    bool loopback;        /* bound to a loopback address: only local Host names are served */
    locale_t ja, en;      /* the messages of a request, by its Accept-Language */
    pthread_mutex_t lock; /* guards what follows */
    pthread_cond_t wake;
    struct pc_serve_req *head, *tail;
    unsigned queued;
    unsigned long next_id; /* names the temporary files of a request */
    bool stopping;
    pthread_t *workers;
};

/* One request, from its first header to the end of its response. */
struct pc_serve_req {
    struct pc_server *srv;
    struct MHD_Connection *conn;
    enum pc_serve_route route;
    struct pc_serve_query q;
    bool ja;
    int fd, schema_fd;     /* anonymous temporary files of the upload, -1 before */
    uint64_t bytes;        /* stored so far, file and schema */
    bool chunked;          /* no Content-Length: an excess cannot be drained */
    struct MHD_PostProcessor *pp;
    bool pp_expected;      /* multipart/form-data: its fields are parameters too */
    char field[32];        /* multipart: the small field being read, and its value */
    char value[256];
    size_t value_len;
    bool file_seen;
    /* a verdict reached while reading (413, 400 ...), answered at the end */
    unsigned fail_status;
    const char *fail_msg, *fail_arg;
    char fail_arg_buf[64];
    struct timespec start, enqueued;
    /* set by the worker before it resumes the connection */
    unsigned status;
    struct MHD_Response *resp;
    bool suspended;
    struct pc_serve_req *next;
};

struct MHD_Daemon;
/* Sets the defaults (--max-upload 100M, --jobs 2, --queue 64, --timeout
 * 60) and the message locales. False on ENOMEM. Undone by pc_serve_free. */
bool pc_serve_init(struct pc_server *srv);
void pc_serve_free(struct pc_server *srv);
/* Creates the private folder, starts the workers and listens on
 * bind:port (port 0: any free one, told in *bound_port). NULL on failure,
 * said on stderr, with everything undone. */
struct MHD_Daemon *pc_serve_open(struct pc_server *srv, const char *bind, unsigned port,
                                 unsigned *bound_port);
/* Stops listening, answers what waits with 503, lets running jobs end,
 * stops the daemon and removes the private folder. */
void pc_serve_close(struct pc_server *srv, struct MHD_Daemon *d);

/* Starts srv->jobs workers. 0 or an errno. */
int pc_serve_pool_start(struct pc_server *srv);
/* Answers what waits with 503, lets running jobs end, joins the workers. */
void pc_serve_pool_stop(struct pc_server *srv);
/* Hands a fully read request to the workers; false when the queue is full. */
bool pc_serve_enqueue(struct pc_server *srv, struct pc_serve_req *r);
/* A JSON error body {"error": {"status", "title", "message"}}, the message
 * translated for the request (`fmt` untranslated, one %s for `arg`).
 * NULL on ENOMEM. MHD frees it with the response. */
struct MHD_Response *pc_serve_error(const struct pc_serve_req *r, unsigned status, const char *fmt,
                                    const char *arg);
/* to=datapackage (serve_package.c): converts `input` to JSON and zips it
 * with its datapackage.json into zip_path (under `dir`, named by `id`),
 * leaving nothing else behind. PC_EINTERNAL when the server's own files
 * fail; else the conversion's status (no zip unless PC_OK). */
pc_status pc_serve_package(const char *dir, unsigned long id, const struct pc_options *opt,
                           const char *input, struct pc_stats *st, char *zip_path, size_t cap);

/* What every response carries: no sniffing, no caching. */
void pc_serve_common_headers(struct MHD_Response *resp);

/* ---- embedded files (serve_assets.c, generated from cli/serve_page.html
 * and docs/openapi.json) ---- */
extern const char *const pc_serve_page_html;
extern const size_t pc_serve_page_html_len;
extern const char *const pc_serve_openapi_json;
extern const size_t pc_serve_openapi_json_len;

#endif
