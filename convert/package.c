/* Data Packages read: `planconv validate datapackage.json` validates every
 * resource with its own schema, dialect and encoding; checks its `bytes`
 * and `hash` (md5, sha1, sha256, sha512); reads gzip compression and
 * multipart `path` arrays (the parts are one stream: only the first holds
 * the header); and checks foreign keys into other resources. What it
 * cannot do is refused by name, never skipped: remote paths (no network),
 * inline data, zip compression, dialect options the CSV reader lacks.
 * `planconv convert datapackage.json -O DIR` converts every resource into
 * DIR and writes DIR/datapackage.json for what it wrote.
 *
 * A resource that names a bundled kind in "x-kind" (planconv's own
 * packages) is read as that kind: its descriptor schema was exported from
 * it, and for nested kinds and XML is a JSON Schema or XSD, not a Table
 * Schema. */
#include "many.h"
#include "package.h"
#include "sha256.h"

#include "../core/hashset.h"

#include <errno.h>
#include <fcntl.h>
#include <md5.h>
#include <sha1.h>
#include <sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* A foreign key into another resource: its values, read from there first. */
struct xref {
    json_t *fk;                  /* the descriptor's foreign key: holds the strings below */
    json_t *fields, *ref_fields; /* names in this and the other resource */
    const char *resource;
    struct pc_key from, to;      /* field indexes, resolved at the first record */
    bool resolved;
    struct pc_strset keys;
};

/* One resource, as its descriptor says to read it. */
struct res {
    const char *name;
    json_t *desc;
    char *input;      /* the file to read: the path, or a temporary multipart copy */
    bool temporary;   /* input is a copy to remove */
    const char *first_path; /* as written, for messages */
    const char *from, *encoding, *kind;
    json_t *schema;   /* a Table Schema without its external foreign keys, or NULL */
    json_t *dialect;  /* the resource's Table Dialect (owned), or NULL: the default */
    struct xref *xrefs;
    size_t nxrefs;
    uint64_t bytes;
    char hash[129];   /* of the algorithm the descriptor names */
    const char *algo;
};

struct pkg {
    const struct pc_options *opt;
    const char *descriptor;
    char *base;       /* the descriptor's folder */
    json_t *doc;
    struct pc_errsink sink;
    pc_package_fn on_resource;
};

static pc_status pkg_fail(struct pkg *p, pc_status code, const char *type, const char *fmt,
                      const char *a, const char *b)
{
    struct pc_error e = {.code = code, .type = type, .severity = PC_SEV_ERROR};
    return pc_report(&p->sink, &e, fmt, a, b);
}

static bool is_remote(const char *path)
{
    return strstr(path, "://") != NULL;
}

/* The spec's rule: relative, POSIX, no ".." and no leading "/" or "~". */
static bool is_safe(const char *path)
{
    if (path[0] == '/' || path[0] == '~' || path[0] == '\0') return false;
    for (const char *s = path; (s = strstr(s, "..")); s += 2)
        if ((s == path || s[-1] == '/') && (s[2] == '/' || s[2] == '\0')) return false;
    return true;
}

/* ---- bytes and hash ---------------------------------------------------- */

union digest {
    MD5_CTX md5;
    SHA1_CTX sha1;
    SHA2_CTX sha2;
};

static const char *const algos[] = {"md5", "sha1", "sha256", "sha512"};

static void digest_init(union digest *d, int algo)
{
    switch (algo) {
    case 0: MD5Init(&d->md5); break;
    case 1: SHA1Init(&d->sha1); break;
    case 2: SHA256Init(&d->sha2); break;
    default: SHA512Init(&d->sha2);
    }
}

static void digest_update(union digest *d, int algo, const void *data, size_t n)
{
    switch (algo) {
    case 0: MD5Update(&d->md5, data, n); break;
    case 1: SHA1Update(&d->sha1, data, n); break;
    case 2: SHA256Update(&d->sha2, data, n); break;
    default: SHA512Update(&d->sha2, data, n);
    }
}

static void digest_end(union digest *d, int algo, char hex[129])
{
    switch (algo) {
    case 0: MD5End(&d->md5, hex); break;
    case 1: SHA1End(&d->sha1, hex); break;
    case 2: SHA256End(&d->sha2, hex); break;
    default: SHA512End(&d->sha2, hex);
    }
}

/* Reads the parts in order, hashing them and, when `copy` is open,
 * copying them into it. Returns 0, or -1 with errno and *bad_part set. */
static int read_parts(char **parts, size_t n, int algo, FILE *copy, struct res *r,
                      size_t *bad_part)
{
    union digest d;
    digest_init(&d, algo);
    unsigned char buf[1 << 16];
    r->bytes = 0;
    for (size_t i = 0; i < n; i++) {
        int fd = open(parts[i], O_RDONLY | O_CLOEXEC);
        if (fd < 0) return *bad_part = i, -1;
        ssize_t k;
        while ((k = read(fd, buf, sizeof buf)) > 0) {
            digest_update(&d, algo, buf, (size_t)k);
            r->bytes += (uint64_t)k;
            if (copy && fwrite(buf, 1, (size_t)k, copy) != (size_t)k) break;
        }
        int saved = errno;
        close(fd);
        if (k != 0) return errno = saved, *bad_part = i, -1;
    }
    digest_end(&d, algo, r->hash);
    return 0;
}

/* The hash the descriptor gives: its algorithm (index into algos, md5
 * when unnamed, as the spec says) and hex digits; -1 if none or unknown. */
static int hash_algo(const char *hash, const char **hex)
{
    if (!hash) return 0; /* nothing to compare, md5 is as good as any */
    const char *colon = strchr(hash, ':');
    *hex = colon ? colon + 1 : hash;
    if (!colon) return 0;
    for (size_t i = 0; i < PC_ARRAY_LEN(algos); i++)
        if (strlen(algos[i]) == (size_t)(colon - hash) && strncmp(hash, algos[i], 3) == 0 &&
            strncmp(hash, algos[i], (size_t)(colon - hash)) == 0)
            return (int)i;
    return -1;
}

/* ---- the resource's descriptor ---------------------------------------- */

static const char *res_string(const struct res *r, const char *key)
{
    return json_string_value(json_object_get(r->desc, key));
}

/* A JSON descriptor given by path, relative to the package; new reference. */
static json_t *load_linked(struct pkg *p, struct res *r, const char *what, const char *path,
                           pc_status *st)
{
    if (is_remote(path) || !is_safe(path)) {
        *st = pkg_fail(p, is_remote(path) ? PC_EIO : PC_INVALID,
                   is_remote(path) ? "scheme-error" : "package-error",
                   is_remote(path) ? "resource \"%s\": the %s is remote; planconv does not use "
                                     "the network: download it and give its local path"
                                   : "resource \"%s\": the %s path is not safe: it must be "
                                     "relative to the descriptor, without \"..\"",
                   r->name, what);
        return NULL;
    }
    char *full = pc_path_join(p->base, path);
    json_error_t jerr;
    json_t *doc = full ? json_load_file(full, JSON_REJECT_DUPLICATES, &jerr) : NULL;
    free(full);
    if (!doc) *st = pkg_fail(p, PC_EIO, "resource-error", "resource \"%s\": cannot load its %s",
                         r->name, what);
    return doc;
}

/* The schema without foreign keys into other resources (kept in r->xrefs). */
static pc_status split_foreign_keys(struct pkg *p, struct res *r)
{
    json_t *fks = json_object_get(r->schema, "foreignKeys");
    if (!json_is_array(fks)) return PC_OK;
    json_t *keep = json_array();
    r->xrefs = calloc(json_array_size(fks) + 1, sizeof *r->xrefs);
    if (!keep || !r->xrefs) return json_decref(keep), PC_ENOMEM;
    size_t i;
    json_t *fk;
    json_array_foreach(fks, i, fk)
    {
        json_t *ref = json_object_get(fk, "reference");
        const char *to = json_string_value(json_object_get(ref, "resource"));
        if (!to || !*to || strcmp(to, r->name) == 0) {
            if (to && *to) json_object_set_new(ref, "resource", json_string(""));
            json_array_append(keep, fk);
            continue;
        }
        struct xref *x = &r->xrefs[r->nxrefs++];
        x->fk = json_incref(fk);
        x->fields = json_object_get(fk, "fields");
        x->ref_fields = json_object_get(ref, "fields");
        x->resource = to;
    }
    json_object_set_new(r->schema, "foreignKeys", keep);
    (void)p;
    return PC_OK;
}

static pc_status read_schema(struct pkg *p, struct res *r)
{
    const char *kind = res_string(r, "x-kind");
    if (kind && pc_schema_name_static(kind)) { /* planconv's own package */
        r->kind = kind;
        return PC_OK;
    }
    json_t *s = json_object_get(r->desc, "schema");
    pc_status st = PC_OK;
    if (json_is_string(s))
        s = load_linked(p, r, "schema", json_string_value(s), &st);
    else
        s = s ? json_deep_copy(s) : NULL;
    if (st) return st;
    if (!s) {
        r->kind = "table"; /* no schema: every column as text */
        return PC_OK;
    }
    if (!json_is_array(json_object_get(s, "fields"))) {
        json_decref(s);
        return pkg_fail(p, PC_INVALID, "schema-error",
                    "resource \"%s\": its schema is not a Table Schema (no \"fields\")%s",
                    r->name, "");
    }
    r->schema = s;
    return split_foreign_keys(p, r);
}

/* The part paths, joined to the package folder; checked to be local. */
static pc_status read_paths(struct pkg *p, struct res *r, char ***parts, size_t *n)
{
    json_t *path = json_object_get(r->desc, "path");
    if (!path && json_object_get(r->desc, "data"))
        return pkg_fail(p, PC_EUSAGE, "resource-error",
                    "resource \"%s\": inline \"data\" is not read; put the data in a file and "
                    "give its \"path\"%s", r->name, "");
    size_t k = json_is_array(path) ? json_array_size(path) : json_is_string(path) ? 1 : 0;
    if (k == 0)
        return pkg_fail(p, PC_INVALID, "package-error", "resource \"%s\" has no \"path\"%s", r->name,
                    "");
    *parts = calloc(k, sizeof **parts);
    if (!*parts) return PC_ENOMEM;
    for (size_t i = 0; i < k; i++) {
        const char *s = json_string_value(json_is_array(path) ? json_array_get(path, i) : path);
        if (!s)
            return pkg_fail(p, PC_INVALID, "package-error",
                        "resource \"%s\": a path is not a string%s", r->name, "");
        if (is_remote(s))
            return pkg_fail(p, PC_EIO, "scheme-error",
                        "resource \"%s\": \"%s\" is a remote path; planconv does not use the "
                        "network: download the file and give its local path",
                        r->name, s);
        if (!is_safe(s))
            return pkg_fail(p, PC_INVALID, "package-error",
                        "resource \"%s\": the path \"%s\" is not safe: it must be relative to "
                        "the descriptor, without \"..\"",
                        r->name, s);
        if (i == 0) r->first_path = s;
        if (!((*parts)[i] = pc_path_join(p->base, s))) return PC_ENOMEM;
        (*n)++;
    }
    return PC_OK;
}

static const char *format_of(struct res *r)
{
    const char *format = res_string(r, "format");
    if (format) return strcmp(format, "ndjson") == 0 ? "jsonl" : format;
    return NULL; /* the pipeline goes by the path's extension (a .gz too) */
}

/* Reads the parts once: their bytes and hash, and for several parts one
 * temporary file holding them all, the input to read. */
static pc_status gather(struct pkg *p, struct res *r, char **parts, size_t n)
{
    const char *hex = NULL;
    int algo = hash_algo(res_string(r, "hash"), &hex);
    if (algo < 0)
        return pkg_fail(p, PC_INVALID, "package-error",
                    "resource \"%s\": the hash \"%s\" names no algorithm planconv knows (md5, "
                    "sha1, sha256, sha512)",
                    r->name, res_string(r, "hash"));
    r->algo = algos[algo];
    FILE *copy = NULL;
    if (n > 1) {
        const char *tmpdir = getenv("TMPDIR");
        char *tmpl = pc_path_join(tmpdir && *tmpdir ? tmpdir : "/tmp", "planconv-part-XXXXXX");
        int fd = tmpl ? mkstemp(tmpl) : -1;
        copy = fd >= 0 ? fdopen(fd, "wb") : NULL;
        if (!copy) {
            if (fd >= 0) close(fd), unlink(tmpl);
            free(tmpl);
            return pkg_fail(p, PC_EIO, "resource-error",
                        "resource \"%s\": cannot make a file to join its parts in: %s", r->name,
                        strerror(errno));
        }
        r->input = tmpl;
        r->temporary = true;
    } else {
        r->input = strdup(parts[0]);
        if (!r->input) return PC_ENOMEM;
    }
    size_t bad = 0;
    int rc = read_parts(parts, n, algo, copy, r, &bad);
    int saved = errno;
    if (copy && fclose(copy) != 0 && rc == 0) rc = -1, saved = errno;
    if (rc) {
        struct pc_error e = {.code = PC_EIO, .type = "source-error", .source = parts[bad]};
        return pc_report(&p->sink, &e, "cannot read the file: %s", strerror(saved));
    }
    return PC_OK;
}

static void res_free(struct res *r)
{
    if (r->temporary) unlink(r->input);
    free(r->input);
    json_decref(r->schema);
    json_decref(r->dialect);
    for (size_t i = 0; i < r->nxrefs; i++) {
        json_decref(r->xrefs[i].fk);
        free(r->xrefs[i].from.fields);
        free(r->xrefs[i].to.fields);
        pc_strset_free(&r->xrefs[i].keys);
    }
    free(r->xrefs);
}

static pc_status res_open(struct pkg *p, json_t *desc, size_t index, struct res *r)
{
    memset(r, 0, sizeof *r);
    r->desc = desc;
    r->name = json_string_value(json_object_get(desc, "name"));
    if (!r->name) r->name = "";
    (void)index;
    const char *comp = res_string(r, "compression");
    if (comp && strcmp(comp, "gz") && strcmp(comp, "gzip"))
        return pkg_fail(p, PC_EUSAGE, "compression-error",
                    "resource \"%s\": %s compression is not read (gzip is)", r->name, comp);
    char **parts = NULL;
    size_t n = 0;
    pc_status st = read_paths(p, r, &parts, &n);
    r->from = format_of(r);
    const char *enc = res_string(r, "encoding");
    /* a BOM is recognised whatever the name; Python calls UTF-8 after one utf-8-sig */
    r->encoding = enc && strcmp(enc, "utf-8-sig") && strcmp(enc, "utf8") ? enc
                  : enc                                                 ? "utf-8"
                                                                        : NULL;
    /* the dialect is read by the resource's job, as --dialect FILE is */
    json_t *dialect = json_object_get(desc, "dialect");
    if (!st && json_is_string(dialect))
        r->dialect = load_linked(p, r, "dialect", json_string_value(dialect), &st);
    else if (dialect)
        r->dialect = json_incref(dialect);
    if (!st) st = read_schema(p, r);
    if (!st) st = gather(p, r, parts, n);
    for (size_t i = 0; i < n; i++) free(parts[i]);
    free(parts);
    return st;
}

/* ---- foreign keys into other resources -------------------------------- */

static bool resolve(struct pc_key *k, const struct pc_schema *s, json_t *names)
{
    size_t n = json_is_array(names) ? json_array_size(names) : 1;
    k->fields = calloc(n, sizeof *k->fields);
    if (!k->fields) return false;
    k->n = n;
    for (size_t i = 0; i < n; i++) {
        const char *name = json_string_value(json_is_array(names) ? json_array_get(names, i) : names);
        int f = -1;
        for (size_t j = 0; name && j < s->nfields; j++)
            if (strcmp(s->fields[j].name, name) == 0) f = (int)j;
        if (f < 0) return false;
        k->fields[i] = f;
    }
    return true;
}

/* While reading the referenced resource: remember each key. */
static pc_status collect_keys(void *ud, struct pc_checker *ck, const struct pc_schema *s,
                              const struct pc_record *rec, struct pc_errsink *sink, bool *valid)
{
    struct xref *x = ud;
    (void)sink;
    (void)valid;
    if (!x->resolved) {
        if (!resolve(&x->to, s, x->ref_fields)) return PC_OK; /* reported by check_keys */
        x->resolved = true;
    }
    size_t n;
    const char *key = pc_checker_key_bytes(ck, &x->to, rec, &n);
    if (!key) return n == SIZE_MAX ? PC_ENOMEM : PC_OK;
    uint32_t line = (uint32_t)rec->line;
    bool seen;
    return pc_strset_add(&x->keys, key, n, &line, &seen);
}

static pc_status check_keys(void *ud, struct pc_checker *ck, const struct pc_schema *s,
                            const struct pc_record *rec, struct pc_errsink *sink, bool *valid)
{
    struct res *r = ud;
    for (size_t i = 0; i < r->nxrefs; i++) {
        struct xref *x = &r->xrefs[i];
        if (!x->from.fields && !resolve(&x->from, s, x->fields)) {
            struct pc_error e = {.code = PC_INVALID, .type = "schema-error", .line = rec->line};
            pc_report(sink, &e, "a foreign key names a field that is not in the schema%s", "");
            *valid = false;
            continue;
        }
        size_t n;
        const char *key = pc_checker_key_bytes(ck, &x->from, rec, &n);
        if (!key) {
            if (n == SIZE_MAX) return PC_ENOMEM;
            continue;
        }
        if (x->resolved && pc_strset_has(&x->keys, key, n)) continue;
        /* a row error, as in Frictionless: no fieldNumber */
        const struct pc_field *f = &s->fields[x->from.fields[0]];
        struct pc_error e = {.code = PC_INVALID, .type = "foreign-key", .line = rec->line,
                             .record = rec->recno, .field = f->name};
        char cell[256];
        if (x->from.n == 1) {
            snprintf(cell, sizeof cell, "%.*s", (int)(n < 200 ? n : 200), key);
            e.cell = cell;
            pc_report(sink, &e, "value \"%s\" refers to no row of the resource \"%s\"", cell,
                      x->resource);
        } else {
            pc_report(sink, &e, "the values of these %zu fields refer to no row of the resource "
                                "\"%s\"", x->from.n, x->resource);
        }
        *valid = false;
    }
    return PC_OK;
}

/* ---- running a resource ------------------------------------------------ */

static struct pc_options res_options(const struct pkg *p, const struct res *r)
{
    struct pc_options o = *p->opt;
    o.from = r->from;
    o.encoding = r->encoding ? r->encoding : p->opt->encoding;
    o.kind = r->kind;
    o.schema_file = NULL;
    return o;
}

static json_t *resource_named(const struct pkg *p, const char *name)
{
    json_t *rs = json_object_get(p->doc, "resources"), *r;
    size_t i;
    json_array_foreach(rs, i, r)
    {
        const char *n = json_string_value(json_object_get(r, "name"));
        if (n && strcmp(n, name) == 0) return r;
    }
    return NULL;
}

/* Reads the resources the foreign keys refer to, quietly: their own
 * errors are theirs, reported when they are validated. */
static pc_status read_references(struct pkg *p, struct res *r)
{
    for (size_t i = 0; i < r->nxrefs; i++) {
        struct xref *x = &r->xrefs[i];
        json_t *other = resource_named(p, x->resource);
        if (!other)
            return pkg_fail(p, PC_INVALID, "package-error",
                        "resource \"%s\": a foreign key refers to the resource \"%s\", which the "
                        "package does not have",
                        r->name, x->resource);
        struct res o;
        struct pc_errsink quiet = {0};
        struct pkg q = *p;
        q.sink = quiet;
        pc_status st = res_open(&q, other, 0, &o);
        if (!st) {
            struct pc_options opt = res_options(p, &o);
            opt.on_error = NULL;
            struct pc_resource_job rj = {o.schema, o.dialect, NULL, collect_keys, x};
            struct pc_stats stats;
            st = pc_run_resource(&opt, o.input, NULL, &rj, &stats);
            if (st == PC_INVALID) st = PC_OK; /* its own errors, not these */
        }
        res_free(&o);
        if (st) return st;
        if (!x->resolved)
            return pkg_fail(p, PC_INVALID, "package-error",
                        "resource \"%s\": a foreign key refers to fields that the resource \"%s\" "
                        "does not have",
                        r->name, x->resource);
    }
    return PC_OK;
}

/* bytes and hash, after the data: as Frictionless reports them. */
static void check_integrity(struct pkg *p, const struct res *r, const char *source,
                            struct pc_stats *st)
{
    json_t *bytes = json_object_get(r->desc, "bytes");
    const char *hash = res_string(r, "hash"), *hex = NULL;
    struct pc_error e = {.code = PC_INVALID, .source = source, .severity = PC_SEV_ERROR};
    char got[32], want[32];
    if (json_is_integer(bytes) && (uint64_t)json_integer_value(bytes) != r->bytes) {
        snprintf(got, sizeof got, "%llu", (unsigned long long)r->bytes);
        snprintf(want, sizeof want, "%lld", (long long)json_integer_value(bytes));
        e.type = "byte-count";
        pc_report(&p->sink, &e, "the file has %s bytes; the descriptor says %s", got, want);
        st->errors++;
    }
    if (hash && hash_algo(hash, &hex) >= 0 && strcasecmp(hex, r->hash) != 0) {
        e.type = "hash-count";
        pc_report(&p->sink, &e, "the file's %s hash is %s; the descriptor says %s", r->algo,
                  r->hash, hex);
        st->errors++;
    }
}

static pc_status run_one(struct pkg *p, json_t *desc, size_t index, const char *outdir,
                         struct pc_many_file *out)
{
    struct res r;
    pc_status st = res_open(p, desc, index, &r);
    if (!st) st = read_references(p, &r);
    struct pc_stats stats = {0};
    const char *source = r.first_path ? r.first_path : p->descriptor;
    char *shown = r.first_path ? pc_path_join(p->base, r.first_path) : NULL;
    char *output = NULL;
    if (!st) {
        struct pc_options opt = res_options(p, &r);
        struct pc_resource_job rj = {r.schema, r.dialect, shown, r.nxrefs ? check_keys : NULL, &r};
        if (outdir && out) {
            const char *file = strrchr(shown, '/') ? strrchr(shown, '/') + 1 : shown;
            size_t stem = strcspn(file, ".");
            char name[512];
            snprintf(name, sizeof name, "%.*s.%s", (int)stem, file, opt.to ? opt.to : "json");
            output = pc_path_join(outdir, name);
        }
        st = pc_run_resource(&opt, r.input, output, &rj, &stats);
        if (st <= PC_INVALID) {
            p->sink.source = shown;
            check_integrity(p, &r, shown, &stats);
            p->sink.source = p->descriptor;
            if (stats.errors && st == PC_OK) st = PC_INVALID;
        }
    }
    if (st && !stats.records && !stats.errors) stats.errors = 1; /* the descriptor's, reported */
    if (p->on_resource) p->on_resource(p->opt->ud, r.name, shown ? shown : source, &stats, st);
    if (out) {
        out->input = shown ? shown : strdup(source);
        shown = NULL;
        out->output = output;
        out->st = stats;
        out->status = st;
        out->result = st == PC_OK ? "ok" : st == PC_INVALID ? "invalid" : "error";
        out->written = output && st == PC_OK;
        if (out->written && pc_sha256_file(output, out->hash, &out->out_bytes) != 0)
            out->written = false;
    } else {
        free(output);
    }
    free(shown);
    res_free(&r);
    return st;
}

static pc_status worse(pc_status a, pc_status b)
{
    return pc_exit_status(b) > pc_exit_status(a) ? b : a;
}

static pc_status run_package(const struct pc_options *opt, const char *descriptor,
                             const char *outdir, pc_package_fn on_resource)
{
    struct pkg p = {.opt = opt, .descriptor = descriptor, .on_resource = on_resource};
    p.sink = (struct pc_errsink){.fn = opt->on_error, .ud = opt->ud, .source = descriptor,
                                 .limit = opt->limit_errors ? opt->limit_errors : 1000};
    json_error_t jerr;
    p.doc = json_load_file(descriptor, JSON_REJECT_DUPLICATES, &jerr);
    if (!p.doc) {
        struct pc_error e = {.code = PC_EIO, .type = "package-error",
                             .line = (unsigned long)(jerr.line > 0 ? jerr.line : 0)};
        return pc_report(&p.sink, &e, "cannot load the Data Package: %s", jerr.text);
    }
    json_t *resources = json_object_get(p.doc, "resources");
    pc_status worst = PC_OK;
    size_t n = json_array_size(resources);
    if (!json_is_array(resources) || n == 0) {
        worst = pkg_fail(&p, PC_INVALID, "package-error",
                     "the Data Package has no resources%s%s", "", "");
        json_decref(p.doc);
        return worst;
    }
    const char *slash = strrchr(descriptor, '/');
    p.base = slash ? strndup(descriptor, (size_t)(slash - descriptor)) : strdup(".");
    struct pc_many_file *files = outdir ? calloc(n, sizeof *files) : NULL;
    if (!p.base || (outdir && !files)) worst = PC_ENOMEM;
    for (size_t i = 0; i < n && worst != PC_ENOMEM; i++)
        worst = worse(worst, run_one(&p, json_array_get(resources, i), i, outdir,
                                     files ? &files[i] : NULL));
    if (files && pc_datapackage_write(outdir, NULL, files, n) != 0) {
        struct pc_error e = {.code = PC_EIO, .type = "source-error", .source = outdir};
        worst = worse(worst, pc_report(&p.sink, &e, "cannot write %s/datapackage.json: %s",
                                       outdir, strerror(errno)));
    }
    for (size_t i = 0; files && i < n; i++) {
        free((char *)files[i].output);
        free((char *)files[i].input);
    }
    free(files);
    free(p.base);
    json_decref(p.doc);
    return worst;
}

int pc_is_package(const char *path)
{
    size_t n = strlen(path), k = strlen("datapackage.json");
    return n >= k && strcmp(path + n - k, "datapackage.json") == 0 &&
           (n == k || path[n - k - 1] == '/');
}

pc_status pc_package_validate(const struct pc_options *opt, const char *descriptor,
                              pc_package_fn on_resource)
{
    return run_package(opt, descriptor, NULL, on_resource);
}

pc_status pc_package_convert(const struct pc_options *opt, const char *descriptor,
                             const char *outdir, pc_package_fn on_resource)
{
    if (mkdir(outdir, 0777) != 0 && errno != EEXIST) {
        struct pc_error e = {.code = PC_EIO, .type = "source-error", .source = outdir};
        struct pc_errsink sink = {.fn = opt->on_error, .ud = opt->ud, .source = outdir};
        return pc_report(&sink, &e, "cannot make the output folder: %s", strerror(errno));
    }
    return run_package(opt, descriptor, outdir, on_resource);
}
