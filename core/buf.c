/* Growable buffers and vectors: the only allocation pattern of the hot path. */
#include "core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

pc_status pc_buf_reserve(struct pc_buf *b, size_t extra)
{
    if (b->cap - b->len >= extra) return PC_OK;
    size_t cap = b->cap ? b->cap : 32; /* small: a 100,000-column header holds a few per column */
    while (cap - b->len < extra) {
        if (cap > SIZE_MAX / 2) return PC_ENOMEM;
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p) return PC_ENOMEM;
    b->data = p;
    b->cap = cap;
    return PC_OK;
}

pc_status pc_buf_append(struct pc_buf *b, const void *p, size_t n)
{
    if (pc_buf_reserve(b, n + 1)) return PC_ENOMEM;
    if (n) memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0'; /* keeps C-string views valid; not counted in len */
    return PC_OK;
}

pc_status pc_buf_printf(struct pc_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || pc_buf_reserve(b, (size_t)n + 1)) return PC_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return PC_OK;
}

void pc_buf_free(struct pc_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void pc_vec_init(struct pc_vec *v, size_t elem)
{
    v->data = NULL;
    v->len = v->cap = 0;
    v->elem = elem;
}

void *pc_vec_push(struct pc_vec *v)
{
    if (v->len == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 16;
        void *p = realloc(v->data, cap * v->elem);
        if (!p) return NULL;
        v->data = p;
        v->cap = cap;
    }
    void *e = (char *)v->data + v->len++ * v->elem;
    memset(e, 0, v->elem);
    return e;
}

void pc_vec_free(struct pc_vec *v)
{
    free(v->data);
    v->data = NULL;
    v->len = v->cap = 0;
}

char *pc_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}
