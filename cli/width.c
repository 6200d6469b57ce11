/* Columns of text on a terminal: a Japanese file name or heading takes two
 * columns per character (East Asian Width W and F, UAX #11), so tables are
 * padded by display width, not by bytes. Ambiguous characters (①, ○) count
 * as narrow, as most terminals draw them outside a CJK setting. */
#include "cli.h"

#include "core/utf8.h"

#include <string.h>

/* The wide and fullwidth ranges of UAX #11 that Japanese text meets. */
static bool is_wide(uint32_t c)
{
    static const uint32_t ranges[][2] = {
        {0x1100, 0x115F},   {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},
        {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},
        {0xFE30, 0xFE4F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x1F300, 0x1F64F},
        {0x1F900, 0x1F9FF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
    };
    for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
        if (c >= ranges[i][0] && c <= ranges[i][1]) return true;
    return false;
}

/* Combining marks take no column of their own (゙ after カ, accents). */
static bool is_combining(uint32_t c)
{
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x3099 && c <= 0x309A) ||
           (c >= 0xFE00 && c <= 0xFE0F);
}

int pc_cli_width(const char *s)
{
    size_t n = strlen(s), i = 0;
    int w = 0;
    while (i < n) {
        uint32_t c = pc_utf8_next(s, n, &i);
        w += is_combining(c) ? 0 : is_wide(c) ? 2 : 1;
    }
    return w;
}

void pc_cli_pad(FILE *out, const char *s, int width)
{
    fputs(s, out);
    for (int w = pc_cli_width(s); w < width; w++) fputc(' ', out);
}

void pc_cli_pad_left(FILE *out, const char *s, int width)
{
    for (int w = pc_cli_width(s); w < width; w++) fputc(' ', out);
    fputs(s, out);
}
