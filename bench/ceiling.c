/* bench/ceiling: what this machine can do at best, for the benchmark.
 *
 *   ceiling parse FILE   libcsv csv_parse only (callbacks count fields)
 *   ceiling jsonl FILE   libcsv + JSON Lines written directly to stdout:
 *                        keys escaped once from the header, values
 *                        escaped in place into a 1 MiB output buffer,
 *                        no allocation per value, no validation
 *
 * It is the reference planconv's CSV -> JSON Lines is measured against
 * (docs/performance.md): everything planconv does on top of this
 * (records, casting, constraints, key sets) is the cost of validating. */
#include <csv.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define IN_CHUNK (1 << 20)
#define OUT_CAP (1 << 20)

static char obuf[OUT_CAP + 64];
static size_t olen;

static void oflush(void)
{
    size_t off = 0;
    while (off < olen) {
        ssize_t n = write(1, obuf + off, olen - off);
        if (n <= 0) {
            perror("ceiling: write");
            exit(2);
        }
        off += (size_t)n;
    }
    olen = 0;
}

static inline void oput(const char *s, size_t n)
{
    if (olen + n > OUT_CAP) {
        oflush();
        if (n > OUT_CAP) {
            if (write(1, s, n) != (ssize_t)n) exit(2);
            return;
        }
    }
    memcpy(obuf + olen, s, n);
    olen += n;
}

/* bytes that need escaping in a JSON string */
static unsigned char esc_class[256];

static void oput_string(const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    oput("\"", 1);
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!esc_class[c]) continue;
        oput(s + run, i - run);
        run = i + 1;
        char e[6] = {'\\', (char)esc_class[c]};
        if (esc_class[c] == 'u') {
            memcpy(e, "\\u00", 4);
            e[4] = hex[c >> 4];
            e[5] = hex[c & 15];
            oput(e, 6);
        } else {
            oput(e, 2);
        }
    }
    oput(s + run, n - run);
    oput("\"", 1);
}

struct state {
    int jsonl;
    int header_done;
    size_t col, ncols, nout;
    char **keys; /* "name": escaped once */
    size_t *keylen;
    unsigned long fields, rows;
};

static void on_field(void *s, size_t len, void *data)
{
    struct state *st = data;
    st->fields++;
    if (!st->jsonl) return;
    /* a header cell: escape "name": once, into the empty output buffer */
    size_t save = olen;
    oput_string(s, len);
    oput(":", 1);
    st->keys = realloc(st->keys, (st->ncols + 1) * sizeof *st->keys);
    st->keylen = realloc(st->keylen, (st->ncols + 1) * sizeof *st->keylen);
    st->keylen[st->ncols] = olen - save;
    st->keys[st->ncols] = malloc(olen - save);
    memcpy(st->keys[st->ncols], obuf + save, olen - save);
    st->ncols++;
    olen = save;
}

static void on_row(int c, void *data)
{
    (void)c;
    struct state *st = data;
    st->rows++;
    if (!st->jsonl) return;
    if (!st->header_done) {
        st->header_done = 1;
        return;
    }
    st->col = st->nout = 0;
    oput("}\n", 2);
}

/* A data row: the first field opens the object; later ones add a comma. */
static void on_field_jsonl(void *s, size_t len, void *data)
{
    struct state *st = data;
    if (!st->header_done) {
        on_field(s, len, data);
        return;
    }
    st->fields++;
    if (st->col == 0) oput("{", 1);
    if (st->col < st->ncols && len) { /* empty cells are left out, as planconv does */
        if (st->nout++) oput(",", 1);
        oput(st->keys[st->col], st->keylen[st->col]);
        oput_string(s, len);
    }
    st->col++;
}

int main(int argc, char **argv)
{
    if (argc != 3 || (strcmp(argv[1], "parse") && strcmp(argv[1], "jsonl"))) {
        fprintf(stderr, "usage: ceiling parse|jsonl FILE.csv\n");
        return 2;
    }
    for (int c = 0; c < 0x20; c++) esc_class[c] = 'u';
    esc_class['"'] = '"';
    esc_class['\\'] = '\\';
    esc_class['\n'] = 'n';
    esc_class['\r'] = 'r';
    esc_class['\t'] = 't';
    int fd = open(argv[2], O_RDONLY);
    if (fd < 0) {
        perror(argv[2]);
        return 2;
    }
    struct state st = {.jsonl = strcmp(argv[1], "jsonl") == 0};
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) return 2;
    void (*fcb)(void *, size_t, void *) = st.jsonl ? on_field_jsonl : on_field;
    char *in = malloc(IN_CHUNK);
    ssize_t n;
    while ((n = read(fd, in, IN_CHUNK)) > 0) {
        if (csv_parse(&p, in, (size_t)n, fcb, on_row, &st) != (size_t)n) {
            fprintf(stderr, "ceiling: %s\n", csv_strerror(csv_error(&p)));
            return 1;
        }
        if (st.jsonl && olen > OUT_CAP / 2) oflush();
    }
    csv_fini(&p, fcb, on_row, &st);
    oflush();
    csv_free(&p);
    free(in);
    fprintf(stderr, "ceiling: %lu rows, %lu fields\n", st.rows, st.fields);
    return 0;
}
