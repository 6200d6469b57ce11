/* Input: fd -> (gunzip) -> decode to UTF-8. Output: buffer -> (gzip) -> fd. */
#include "stream.h"

#include "../core/utf8.h"
#include "cp932.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <poll.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* CP932, the encoding of most non-UTF-8 input, has a decoder of its own
 * (iconv's mapping, in one step); the others go through iconv. */
enum pc_enc { ENC_UTF8, ENC_CP932, ENC_ICONV };

/* `in` holds a carried tail (< half a chunk) plus one new chunk; `out`
 * takes what iconv makes of it, E2BIG leaving the rest for the next call. */
#define PC_IN_CAP (2 * PC_CHUNK)
#define PC_OUT_CAP (2 * PC_CHUNK)

struct pc_istream {
    const char *name;
    int fd;
    int owns_fd;
    struct pc_errsink *sink;
    uint64_t bytes_in;
    int stop_fd; /* readable: reading gives up (pc_istream_stop_on); -1: none */

    /* raw layer */
    unsigned char *raw;
    size_t raw_pos, raw_len;
    int raw_eof;

    /* gzip layer */
    int gzip;
    z_stream z;
    int z_end;      /* the current member ended */
    int z_pad;      /* zeros follow the last member */
    uint64_t z_out; /* bytes decompressed so far */

    /* decoding layer: `in` holds undecoded bytes (carry + new) */
    char *in;
    size_t in_len;
    int src_eof;
    enum pc_enc enc;
    const char *enc_name;
    char enc_basis[400]; /* why enc_name, when it was guessed; "" otherwise */
    iconv_t cd;
    char *out;
    uint64_t offset;     /* decoded-input bytes consumed before `in` */
    unsigned long lines; /* newlines in text already returned */
    int peeked, failed;
    size_t pending;   /* UTF-8: bytes at the front of `in` handed out by the last call */
    const char *head; /* what peek handed out */
    size_t head_len;
};

static pc_status io_error(struct pc_istream *s, const char *what)
{
    struct pc_error e = {.code = PC_EIO, .type = "source-error"};
    return pc_report(s->sink, &e, "cannot %s: %s", what, strerror(errno));
}

/* Whether the input can be read: false once the stop fd is readable. */
static bool may_read(const struct pc_istream *s)
{
    struct pollfd p[2] = {{.fd = s->fd, .events = POLLIN}, {.fd = s->stop_fd, .events = POLLIN}};
    while (poll(p, 2, -1) < 0)
        if (errno != EINTR) return true; /* read(2) says what is wrong */
    return !p[1].revents;
}

/* Reads up to cap bytes into buf, fewer only at the end of the input. */
static pc_status read_fd(struct pc_istream *s, unsigned char *buf, size_t cap, size_t *got)
{
    *got = 0;
    while (!s->raw_eof && *got < cap) {
        if (s->stop_fd >= 0 && !may_read(s)) return PC_EIO; /* no one wants it: nothing to say */
        ssize_t n = read(s->fd, buf + *got, cap - *got);
        if (n < 0) {
            if (errno == EINTR) continue;
            return io_error(s, "read the input");
        }
        if (n == 0) s->raw_eof = 1;
        *got += (size_t)n;
        s->bytes_in += (uint64_t)n;
    }
    return PC_OK;
}

static pc_status read_raw(struct pc_istream *s)
{
    s->raw_pos = 0;
    return read_fd(s, s->raw, PC_CHUNK, &s->raw_len);
}

static pc_status gzip_error(struct pc_istream *s, const char *msg)
{
    struct pc_error e = {.code = PC_EIO, .type = "source-error"};
    return pc_report(s->sink, &e, "the gzip stream is %s", PC_(msg)); /* msg: ours or zlib's */
}

/* A gzip input that inflates past both is refused (deflate's best ratio
 * is about 1032:1; real data sets stay far below 1000:1). */
#define PC_GZIP_BOMB_SIZE ((uint64_t)1 << 30)
#define PC_GZIP_BOMB_RATIO 1000

/* Fills dst with up to cap decompressed bytes; *n == 0 means end. */
static pc_status read_source(struct pc_istream *s, char *dst, size_t cap, size_t *n)
{
    *n = 0;
    while (*n < cap) {
        if (!s->gzip && s->raw_pos == s->raw_len) {
            /* plain input past the first chunk goes straight to dst */
            size_t k;
            pc_status st = read_fd(s, (unsigned char *)dst + *n, cap - *n, &k);
            if (st) return st;
            if (k == 0) break;
            *n += k;
            continue;
        }
        if (s->raw_pos == s->raw_len) {
            if (s->raw_eof) break;
            pc_status st = read_raw(s);
            if (st) return st;
            if (s->raw_len == 0) break;
        }
        if (!s->gzip) {
            size_t k = s->raw_len - s->raw_pos;
            if (k > cap - *n) k = cap - *n;
            memcpy(dst + *n, s->raw + s->raw_pos, k);
            s->raw_pos += k;
            *n += k;
            continue;
        }
        if (s->z_end && (s->z_pad || s->raw[s->raw_pos] == 0)) {
            /* zeros after the last member pad it to a block (tape, some
             * tools): skipped, as gzip(1) does; only zeros may follow */
            while (s->raw_pos < s->raw_len && s->raw[s->raw_pos] == 0)
                s->raw_pos++;
            s->z_pad = 1;
            if (s->raw_pos < s->raw_len)
                return gzip_error(s,
                                  N_("followed by bytes that are neither zeros nor a gzip member"));
            continue;
        }
        if (s->z_end) { /* another gzip member follows */
            if (inflateReset(&s->z) != Z_OK) return gzip_error(s, N_("corrupt"));
            s->z_end = 0;
        }
        s->z.next_in = s->raw + s->raw_pos;
        s->z.avail_in = (uInt)(s->raw_len - s->raw_pos);
        s->z.next_out = (unsigned char *)dst + *n;
        s->z.avail_out = (uInt)(cap - *n);
        int rc = inflate(&s->z, Z_NO_FLUSH);
        s->z_out += (cap - s->z.avail_out) - *n;
        *n = cap - s->z.avail_out;
        s->raw_pos = s->raw_len - s->z.avail_in;
        if (s->z_out > PC_GZIP_BOMB_SIZE && s->z_out / PC_GZIP_BOMB_RATIO > s->bytes_in)
            return gzip_error(s, N_("a bomb: it inflates to over 1 GiB, more than 1000 times "
                                    "its size, and is refused"));
        if (rc == Z_STREAM_END)
            s->z_end = 1;
        else if (rc != Z_OK && rc != Z_BUF_ERROR)
            return gzip_error(s, s->z.msg ? s->z.msg : N_("corrupt"));
    }
    if (s->gzip && *n == 0 && s->raw_eof && s->raw_pos == s->raw_len && !s->z_end)
        return gzip_error(s, N_("truncated (it ends before its end marker)"));
    return PC_OK;
}

static unsigned long count_lines(const char *p, size_t n)
{
    unsigned long k = 0;
    const char *end = p + n;
    while ((p = memchr(p, '\n', (size_t)(end - p)))) {
        k++;
        p++;
    }
    return k;
}

static pc_status decode_error(struct pc_istream *s, size_t valid_in, const char *valid_out,
                              size_t valid_out_len)
{
    s->failed = 1;
    unsigned char b = (unsigned char)s->in[valid_in];
    struct pc_error e = {.code = PC_INVALID,
                         .type = "encoding-error",
                         .hint = PC_HINT_ENCODING,
                         .line = s->lines + count_lines(valid_out, valid_out_len) + 1};
    return pc_report(s->sink, &e, "byte 0x%02X at offset %llu is not valid %s", b,
                     (unsigned long long)(s->offset + valid_in), s->enc_name);
}

/* Decodes s->in as far as possible into s->out and moves the undecoded
 * tail (a character cut by the chunk end) to the front of s->in. */
static pc_status decode(struct pc_istream *s, const char **p, size_t *n)
{
    size_t used, produced;
    bool bad;
    if (s->enc == ENC_UTF8) {
        int incomplete = 0;
        used = pc_utf8_valid_prefix((unsigned char *)s->in, s->in_len, &incomplete);
        if (used < s->in_len && (!incomplete || s->src_eof))
            return decode_error(s, used, s->in, used);
        /* UTF-8 is handed out in place: the bytes are dropped from `in`
         * at the next call, not copied to `out` */
        s->lines += count_lines(s->in, used);
        s->offset += used;
        s->pending = used;
        *p = s->in;
        *n = used;
        return PC_OK;
    } else if (s->enc == ENC_CP932) {
        enum pc_cp932_stop stop = pc_cp932_decode((unsigned char *)s->in, s->in_len, s->out,
                                                  PC_OUT_CAP, &used, &produced);
        bad = stop == PC_CP932_BAD || (stop == PC_CP932_CUT && s->src_eof);
    } else {
        char *ip = s->in, *op = s->out;
        size_t il = s->in_len, ol = PC_OUT_CAP;
        size_t r = iconv(s->cd, &ip, &il, &op, &ol);
        used = (size_t)(ip - s->in);
        produced = (size_t)(op - s->out);
        bad = r == (size_t)-1 && (errno == EILSEQ || (errno == EINVAL && s->src_eof));
    }
    if (bad) return decode_error(s, used, s->out, produced);
    s->lines += count_lines(s->out, produced);
    s->offset += used;
    s->in_len -= used;
    memmove(s->in, s->in + used, s->in_len);
    *p = s->out;
    *n = produced;
    return PC_OK;
}

static const struct {
    const char *alias, *iconv;
} encodings[] = {
    {"utf-8", "UTF-8"},       {"utf8", "UTF-8"},      {"cp932", "CP932"},
    {"windows-31j", "CP932"}, {"shift_jis", "CP932"}, {"sjis", "CP932"},
    {"euc-jp", "EUC-JP"},     {"eucjp", "EUC-JP"},    {"utf-16le", "UTF-16LE"},
    {"utf-16be", "UTF-16BE"},
};

static pc_status use_encoding(struct pc_istream *s, const char *iconv_name)
{
    s->enc_name = iconv_name;
    if (strcmp(iconv_name, "UTF-8") == 0) {
        s->enc = ENC_UTF8;
        return PC_OK;
    }
    if (strcmp(iconv_name, "CP932") == 0) {
        s->enc = ENC_CP932;
        return PC_OK;
    }
    s->enc = ENC_ICONV;
    s->cd = iconv_open("UTF-8", iconv_name);
    if (s->cd == (iconv_t)-1) return io_error(s, "start the decoder");
    return PC_OK;
}

/* How p[0..n) reads in a legacy encoding: whether all of it converts (a
 * cut tail is fine), and what the text then holds: half-width katakana
 * (real text rarely has them; EUC-JP read as CP932 has plenty), kana or
 * Japanese punctuation (any Japanese text has some), and characters
 * between two ASCII letters (what Latin-1 accents read as CP932 give:
 * "cr\xE8me" is "cr" + 鐡 + "e"). */
struct legacy_read {
    bool ok;
    long halfwidth, japanese, inside_words;
};

static bool ascii_letter(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static struct legacy_read decodes_as(const char *enc, char *p, size_t n)
{
    struct legacy_read r = {.ok = true};
    iconv_t cd = iconv_open("UTF-8", enc);
    if (cd == (iconv_t)-1) return (struct legacy_read){0};
    char out[4096];
    while (n > 0) {
        char *op = out;
        size_t ol = sizeof out;
        size_t rc = iconv(cd, &p, &n, &op, &ol);
        const unsigned char *u = (const unsigned char *)out;
        size_t len = (size_t)(op - out);
        for (size_t i = 0; i + 2 < len; i++) {
            if (u[i] < 0xE0 || u[i] > 0xEF) continue; /* three-byte characters only */
            uint32_t c = (uint32_t)(u[i] & 0x0F) << 12 | (uint32_t)(u[i + 1] & 0x3F) << 6 |
                         (u[i + 2] & 0x3F);
            r.halfwidth += c >= 0xFF61 && c <= 0xFF9F;
            r.japanese += (c >= 0x3000 && c <= 0x30FF) || (c >= 0xFF01 && c <= 0xFF5E);
            r.inside_words +=
                i > 0 && i + 3 < len && ascii_letter(u[i - 1]) && ascii_letter(u[i + 3]);
        }
        if (rc == (size_t)-1 && errno != E2BIG) {
            if (errno != EINVAL) r.ok = false;
            break;
        }
    }
    iconv_close(cd);
    return r;
}

/* CP932 or EUC-JP: the one that decodes, and if both do, CP932 unless it
 * turns the text into more half-width katakana than EUC-JP does. NULL
 * when the guess is weak: no kana nor Japanese punctuation at all, and
 * characters inside ASCII words (Latin-1 or another encoding, most
 * likely); the caller refuses to guess. */
static const char *guess_legacy(struct pc_istream *s, char *p, size_t n)
{
    struct legacy_read sjis = decodes_as("CP932", p, n), euc = decodes_as("EUC-JP", p, n);
    if (!sjis.ok && !euc.ok) return "UTF-8"; /* none fits: report the bytes as UTF-8 */
    const struct legacy_read *pick = !sjis.ok                                     ? &euc
                                     : !euc.ok || sjis.halfwidth <= euc.halfwidth ? &sjis
                                                                                  : &euc;
    if (pick->japanese == 0 && pick->inside_words > 0) return NULL;
    const char *name = pick == &sjis ? "CP932" : "EUC-JP";
    /* how sure: what the guess rests on, for the user to judge */
    snprintf(s->enc_basis, sizeof s->enc_basis,
             PC_("%s was guessed: the bytes are not UTF-8, and the first %zu of them decode "
                 "as it with %ld kana or Japanese punctuation characters%s"),
             name, n, pick->japanese,
             sjis.ok && euc.ok ? PC_(", and also as the other Japanese encoding") : "");
    return name;
}

/* CP932 and EUC-JP text is almost never valid UTF-8 beyond ASCII. */
static bool has_multibyte(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] >= 0x80) return true;
    return false;
}

/* UTF-16 without a BOM: NUL bytes on one side of the pairs only, on that
 * side at least four times and for one character in four; and in the
 * first 4 KiB a line end (0A 00 little-endian, 00 0A big-endian) and no
 * byte 0A on the side of the high bytes, where UTF-8 text would have one. */
static const char *utf16_without_bom(const unsigned char *p, size_t n)
{
    size_t zero[2] = {0, 0}, lf[2] = {0, 0}, eol[2] = {0, 0};
    if (n % 2 && n <= 4096) return NULL; /* the whole file, of odd length */
    if (n > 4096) n = 4096;
    for (size_t i = 0; i + 1 < n; i += 2) {
        zero[0] += p[i] == 0, zero[1] += p[i + 1] == 0;
        lf[0] += p[i] == '\n', lf[1] += p[i + 1] == '\n';
        eol[0] += p[i] == '\n' && p[i + 1] == 0, eol[1] += p[i] == 0 && p[i + 1] == '\n';
    }
    if (n < 4) return NULL;
    if (zero[1] >= 4 && zero[1] >= n / 8 && zero[0] == 0 && eol[0] && !lf[1]) return "UTF-16LE";
    if (zero[0] >= 4 && zero[0] >= n / 8 && zero[1] == 0 && eol[1] && !lf[0]) return "UTF-16BE";
    return NULL;
}

static pc_status weak_guess(struct pc_istream *s)
{
    struct pc_error e = {.code = PC_INVALID,
                         .type = "encoding-error",
                         .line = 1,
                         .severity = PC_SEV_ERROR,
                         .hint = PC_HINT_ENCODING};
    return pc_report(s->sink, &e,
                     "the input is not UTF-8, and reading it as CP932 or EUC-JP gives no kana "
                     "and splits ASCII words: it is most likely Latin-1 or another encoding, "
                     "so no encoding is guessed");
}

static pc_status detect_encoding(struct pc_istream *s, const char *forced)
{
    const unsigned char *b = (const unsigned char *)s->in;
    size_t skip = 0;
    const char *name = NULL;
    if (s->in_len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
        skip = 3;
        name = "UTF-8";
    } else if (s->in_len >= 2 && b[0] == 0xFF && b[1] == 0xFE) {
        skip = 2;
        name = "UTF-16LE";
    } else if (s->in_len >= 2 && b[0] == 0xFE && b[1] == 0xFF) {
        skip = 2;
        name = "UTF-16BE";
    }
    if (forced) {
        name = NULL;
        for (size_t i = 0; i < PC_ARRAY_LEN(encodings); i++)
            if (strcasecmp(forced, encodings[i].alias) == 0) name = encodings[i].iconv;
        if (!name) {
            struct pc_error e = {.code = PC_EUSAGE, .type = "source-error"};
            return pc_report(s->sink, &e,
                             "unknown encoding \"%s\"; use utf-8, cp932, shift_jis or euc-jp",
                             forced);
        }
        if (strcmp(name, "UTF-8") != 0) skip = 0;
    } else if (!name && (name = utf16_without_bom(b, s->in_len))) {
        /* text has no NUL bytes; UTF-16 of mostly ASCII has them in every other byte */
    } else if (!name) {
        int incomplete;
        size_t valid = pc_utf8_valid_prefix(b, s->in_len, &incomplete);
        if (valid == s->in_len || (incomplete && !s->src_eof) || has_multibyte(b, valid))
            name = "UTF-8"; /* a stray bad byte in UTF-8 text is reported as such */
        else if (!(name = guess_legacy(s, s->in, s->in_len)))
            return weak_guess(s);
    }
    memmove(s->in, s->in + skip, s->in_len - skip);
    s->in_len -= skip;
    s->offset = skip;
    return use_encoding(s, name);
}

static pc_status fill_in(struct pc_istream *s)
{
    size_t n;
    pc_status st = read_source(s, s->in + s->in_len, PC_CHUNK, &n);
    if (st) return st;
    s->in_len += n;
    if (n == 0) s->src_eof = 1;
    return PC_OK;
}

pc_status pc_istream_open(const char *path, const char *encoding, struct pc_errsink *sink,
                          struct pc_istream **out)
{
    struct pc_istream *s = calloc(1, sizeof *s);
    if (!s) return PC_ENOMEM;
    s->name = path;
    s->sink = sink;
    s->stop_fd = -1;
    s->cd = (iconv_t)-1;
    s->raw = malloc(PC_CHUNK);
    s->in = malloc(PC_IN_CAP);
    s->out = malloc(PC_OUT_CAP);
    if (!s->raw || !s->in || !s->out) {
        pc_istream_free(s);
        return PC_ENOMEM;
    }
    if (strcmp(path, "-") == 0) {
        s->fd = 0;
    } else {
        s->fd = open(path, O_RDONLY | O_CLOEXEC);
        if (s->fd < 0) {
            struct pc_error e = {.code = PC_EIO, .type = "source-error"};
            pc_status st = pc_report(sink, &e, "cannot open: %s", strerror(errno));
            free(s->raw);
            free(s->in);
            free(s->out);
            free(s);
            return st;
        }
        s->owns_fd = 1;
    }
    pc_status st = read_raw(s);
    if (!st && s->raw_len >= 2 && s->raw[0] == 0x1F && s->raw[1] == 0x8B) {
        s->gzip = 1;
        if (inflateInit2(&s->z, 16 + MAX_WBITS) != Z_OK) st = PC_ENOMEM;
    }
    /* Detection wants a full chunk; the decoder reads in halves after. */
    if (!st) st = fill_in(s);
    if (!st) st = detect_encoding(s, encoding);
    if (st) {
        pc_istream_free(s);
        return st;
    }
    *out = s;
    return PC_OK;
}

pc_status pc_istream_next(struct pc_istream *s, const char **p, size_t *n)
{
    if (s->peeked) {
        s->peeked = 0;
        *p = s->head;
        *n = s->head_len;
        return PC_OK;
    }
    if (s->pending) { /* what the last call handed out in place is done with */
        s->in_len -= s->pending;
        memmove(s->in, s->in + s->pending, s->in_len);
        s->pending = 0;
    }
    if (s->failed) return PC_INVALID;
    for (;;) {
        if (s->in_len < PC_CHUNK / 2 && !s->src_eof) {
            pc_status st = fill_in(s);
            if (st) return st;
        }
        if (s->in_len == 0) {
            *n = 0;
            return PC_OK;
        }
        pc_status st = decode(s, p, n);
        if (st || *n > 0) return st;
        if (s->src_eof) { /* only an undecodable tail is left */
            *n = 0;
            return PC_OK;
        }
    }
}

pc_status pc_istream_peek(struct pc_istream *s, const char **p, size_t *n)
{
    if (!s->peeked) {
        pc_status st = pc_istream_next(s, p, n);
        if (st) return st;
        s->head = *p;
        s->head_len = *n;
        s->peeked = 1;
    }
    *p = s->head;
    *n = s->head_len;
    return PC_OK;
}

const char *pc_istream_encoding(const struct pc_istream *s)
{
    return s->enc_name;
}

const char *pc_istream_encoding_basis(const struct pc_istream *s)
{
    return s->enc_basis;
}

uint64_t pc_istream_bytes_in(const struct pc_istream *s)
{
    return s->bytes_in;
}

void pc_istream_stop_on(struct pc_istream *s, int fd)
{
    s->stop_fd = fd;
}

void pc_istream_free(struct pc_istream *s)
{
    if (!s) return;
    if (s->gzip) inflateEnd(&s->z);
    if (s->cd != (iconv_t)-1) iconv_close(s->cd);
    if (s->owns_fd) close(s->fd);
    free(s->raw);
    free(s->in);
    free(s->out);
    free(s);
}

/* ---- output ------------------------------------------------------------ */

pc_status pc_ostream_init(struct pc_ostream *o, int fd, int gzip, int level)
{
    memset(o, 0, sizeof *o);
    o->fd = fd;
    o->gzip = gzip;
    if (pc_buf_reserve(&o->buf, PC_CHUNK + PC_CHUNK / 4)) return PC_ENOMEM;
    if (gzip &&
        deflateInit2(&o->z, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        pc_buf_free(&o->buf);
        return PC_ENOMEM;
    }
    return PC_OK;
}

static pc_status write_all(struct pc_ostream *o, const unsigned char *p, size_t n)
{
    while (n > 0) {
        ssize_t k = write(o->fd, p, n);
        if (k < 0) {
            if (errno == EINTR) continue;
            o->err_no = errno;
            return o->status = PC_EIO;
        }
        p += k;
        n -= (size_t)k;
    }
    return PC_OK;
}

static pc_status deflate_out(struct pc_ostream *o, int flush)
{
    unsigned char zout[64 * 1024];
    o->z.next_in = (unsigned char *)o->buf.data;
    o->z.avail_in = (uInt)o->buf.len;
    int rc;
    do {
        o->z.next_out = zout;
        o->z.avail_out = sizeof zout;
        rc = deflate(&o->z, flush);
        if (rc == Z_STREAM_ERROR) return o->status = PC_EINTERNAL;
        if (write_all(o, zout, sizeof zout - o->z.avail_out)) return o->status;
    } while (o->z.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
    return PC_OK;
}

pc_status pc_ostream_flush(struct pc_ostream *o)
{
    if (o->status) return o->status;
    pc_status st = o->gzip ? deflate_out(o, Z_NO_FLUSH)
                           : write_all(o, (unsigned char *)o->buf.data, o->buf.len);
    o->buf.len = 0;
    return st;
}

pc_status pc_ostream_close(struct pc_ostream *o)
{
    if (!o->status) {
        if (o->gzip)
            deflate_out(o, Z_FINISH);
        else
            write_all(o, (unsigned char *)o->buf.data, o->buf.len);
    }
    pc_ostream_discard(o);
    return o->status;
}

void pc_ostream_discard(struct pc_ostream *o)
{
    if (o->gzip) deflateEnd(&o->z);
    o->gzip = 0;
    pc_buf_free(&o->buf);
}
