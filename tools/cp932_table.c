/* Writes the CP932 decoding tables of formats/cp932.c to the file named,
 * asking this system's iconv (glibc's CP932, the decoder planconv used
 * before) for every single byte and every two-byte sequence, so the table
 * decoder gives iconv's UTF-8 and refuses what iconv refuses.
 *
 * The decoder assumes a stateless character set of one- and two-byte
 * characters: a byte is a character, the lead byte of a pair, or invalid;
 * a pair is a character or invalid at its lead byte; bytes 00-7F are
 * ASCII; every character is one of at most 3 bytes in UTF-8. Each
 * assumption is checked against iconv here, and a failed check fails the
 * build rather than giving a table that differs from iconv. Run by CMake:
 *   cp932_table OUT.h */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An entry: the character's UTF-8 bytes, then their count in byte 3; a
 * count of 0 is no character, LEAD a lead byte (single bytes only). */
#define LEAD 0xFF
struct entry {
    unsigned char b[4];
};

enum outcome { CHAR, CUT, INVALID };

static iconv_t cd;

static void fail(const char *what, unsigned b1, unsigned b2)
{
    fprintf(stderr, "cp932_table: iconv's CP932 breaks the table's model: %s (bytes %02X %02X)\n",
            what, b1, b2);
    exit(1);
}

/* Whether u[0..n) is one whole UTF-8 character of at most 3 bytes. */
static int one_character(const unsigned char *u, size_t n)
{
    size_t want = u[0] < 0x80 ? 1 : (u[0] & 0xE0) == 0xC0 ? 2 : (u[0] & 0xF0) == 0xE0 ? 3 : 0;
    if (n == 0 || want != n) return 0;
    for (size_t i = 1; i < n; i++)
        if ((u[i] & 0xC0) != 0x80) return 0;
    return 1;
}

/* What iconv makes of the n bytes at p: one character of all n bytes
 * (into *e), a cut sequence, or invalid at the first byte. */
static enum outcome ask(const unsigned char *p, size_t n, struct entry *e)
{
    char in[2], out[16];
    memcpy(in, p, n);
    char *ip = in, *op = out;
    size_t il = n, ol = sizeof out;
    iconv(cd, NULL, NULL, NULL, NULL);
    size_t rc = iconv(cd, &ip, &il, &op, &ol);
    size_t used = (size_t)(ip - in), made = (size_t)(op - out);
    unsigned b2 = n > 1 ? p[1] : 0;
    memset(e, 0, sizeof *e);
    if (rc != (size_t)-1 && used == n) {
        if (!one_character((const unsigned char *)out, made))
            fail("not one short character", p[0], b2);
        memcpy(e->b, out, made);
        e->b[3] = (unsigned char)made;
        return CHAR;
    }
    if (rc == (size_t)-1 && used == 0 && made == 0 && errno == EINVAL) return CUT;
    if (rc == (size_t)-1 && used == 0 && made == 0 && errno == EILSEQ) return INVALID;
    fail("a sequence neither decoded whole nor refused at its first byte", p[0], b2);
    return INVALID;
}

/* Every second byte after the lead byte `lead`, into row[256]. */
static void ask_pairs(unsigned lead, struct entry *row)
{
    for (unsigned t = 0; t < 256; t++) {
        unsigned char d[2] = {(unsigned char)lead, (unsigned char)t};
        enum outcome o = ask(d, 2, &row[t]);
        if (o == CUT) fail("a pair is still cut", lead, t);
    }
}

static void print_entries(FILE *f, const char *decl, const struct entry *e, size_t n)
{
    fprintf(f, "%s = {", decl);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%s{0x%02X, 0x%02X, 0x%02X, %u},", i % 4 ? " " : "\n    ", e[i].b[0], e[i].b[1],
                e[i].b[2], e[i].b[3]);
    fprintf(f, "\n};\n");
}

/* The tables, written once every check has passed. */
static void print_tables(FILE *f, const struct entry *single, const unsigned *row, unsigned nrows,
                         const struct entry *pair)
{
    fprintf(f, "/* Generated at build time by tools/cp932_table.c from iconv's CP932.\n"
               " * An entry is a character's UTF-8 bytes and, in byte 3, their count:\n"
               " * 0 for no character, PC_CP932_LEAD for the lead byte of a pair. */\n");
    fprintf(f, "#include <stdint.h>\n#define PC_CP932_LEAD %u\n", LEAD);
    print_entries(f, "static const uint8_t pc_cp932_single[256][4]", single, 256);
    fprintf(f, "/* the row of each lead byte in pc_cp932_pair */\n");
    fprintf(f, "static const uint8_t pc_cp932_row[256] = {");
    for (unsigned b = 0; b < 256; b++)
        fprintf(f, "%s%u,", b % 16 ? " " : "\n    ", row[b]);
    fprintf(f, "\n};\n/* by lead row and second byte */\n");
    char decl[80];
    snprintf(decl, sizeof decl, "static const uint8_t pc_cp932_pair[%u * 256][4]", nrows);
    print_entries(f, decl, pair, (size_t)nrows * 256);
}

int main(int argc, char **argv)
{
    cd = iconv_open("UTF-8", "CP932");
    if (cd == (iconv_t)-1) {
        perror("cp932_table: iconv_open(UTF-8, CP932)");
        return 1;
    }
    static struct entry single[256], pair[256 * 256];
    unsigned row[256] = {0}, nrows = 0;
    for (unsigned b = 0; b < 256; b++) {
        unsigned char s[1] = {(unsigned char)b};
        enum outcome o = ask(s, 1, &single[b]);
        if (b < 0x80 && (o != CHAR || single[b].b[0] != b))
            fail("a byte below 80 is not ASCII", b, 0);
        if (o != CUT) continue;
        single[b].b[3] = LEAD;
        row[b] = nrows;
        ask_pairs(b, &pair[256 * nrows++]);
    }
    iconv_close(cd);
    FILE *f = argc == 2 ? fopen(argv[1], "w") : NULL;
    if (!f) {
        fprintf(stderr, "usage: cp932_table OUT.h (a file that can be written)\n");
        return 1;
    }
    print_tables(f, single, row, nrows, pair);
    if (fclose(f) != 0) {
        perror(argv[1]);
        remove(argv[1]);
        return 1;
    }
    return 0;
}
