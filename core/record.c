/* Record batches: many records sharing one text buffer. */
#include "core.h"

#include <string.h>

void pc_batch_init(struct pc_batch *b)
{
    b->text = (struct pc_buf){0};
    pc_vec_init(&b->cells, sizeof(struct pc_cell));
    pc_vec_init(&b->items, sizeof(struct pc_value));
    pc_vec_init(&b->rows, sizeof(struct pc_row));
    b->next = 0;
}

void pc_batch_reset(struct pc_batch *b)
{
    b->text.len = 0;
    b->cells.len = b->items.len = b->rows.len = 0;
    b->next = 0;
}

void pc_batch_free(struct pc_batch *b)
{
    pc_buf_free(&b->text);
    pc_vec_free(&b->cells);
    pc_vec_free(&b->items);
    pc_vec_free(&b->rows);
}

pc_status pc_batch_text(struct pc_batch *b, const char *s, size_t n, size_t *off)
{
    *off = b->text.len;
    return pc_buf_append(&b->text, s, n);
}

pc_status pc_value_set_text(struct pc_batch *b, struct pc_value *v, const char *s, size_t n)
{
    size_t off;
    if (pc_batch_text(b, s, n, &off)) return PC_ENOMEM;
    v->off = off;
    v->len = (uint32_t)n;
    v->flags = 0; /* they were about the old text */
    return PC_OK;
}

pc_status pc_batch_take(struct pc_batch *b, struct pc_record *rec)
{
    if (b->next >= b->rows.len) return PC_END;
    const struct pc_row *row = &PC_VEC_AT(&b->rows, struct pc_row, b->next++);
    *rec = (struct pc_record){.batch = b,
                              .first_cell = row->first_cell,
                              .ncells = row->ncells,
                              .line = row->line,
                              .recno = row->recno,
                              .invalid = row->invalid};
    return PC_OK;
}

static pc_status copy_value(struct pc_batch *to, const struct pc_batch *from,
                            const struct pc_value *v, struct pc_value *out)
{
    *out = *v;
    if (v->type != PC_T_ARRAY) return pc_batch_text(to, pc_value_text(from, v), v->len, &out->off);
    out->off = to->items.len;
    for (uint32_t i = 0; i < v->len; i++) {
        const struct pc_value *src = pc_value_item(from, v, i);
        struct pc_value *it = pc_vec_push(&to->items);
        if (!it) return PC_ENOMEM;
        *it = *src;
        if (pc_batch_text(to, pc_value_text(from, src), src->len, &it->off)) return PC_ENOMEM;
    }
    return PC_OK;
}

pc_status pc_batch_copy_record(struct pc_batch *b, const struct pc_record *rec)
{
    size_t first = b->cells.len;
    for (size_t i = 0; i < rec->ncells; i++) {
        const struct pc_cell *from = pc_record_cell(rec, i);
        struct pc_cell *c = pc_vec_push(&b->cells);
        if (!c) return PC_ENOMEM;
        c->label = from->label; /* c stays put: the copy grows items and text only */
        if (copy_value(b, rec->batch, &from->v, &c->v)) return PC_ENOMEM;
    }
    struct pc_row *row = pc_vec_push(&b->rows);
    if (!row) return PC_ENOMEM;
    *row = (struct pc_row){.first_cell = first,
                           .ncells = rec->ncells,
                           .line = rec->line,
                           .recno = rec->recno,
                           .invalid = rec->invalid};
    return PC_OK;
}

pc_status pc_batch_add_list(struct pc_batch *b, uint32_t label, const char *items, size_t count)
{
    if (!count) return PC_OK;
    size_t first = b->items.len;
    for (size_t i = 0; i < count; i++) {
        size_t n = strlen(items), off;
        struct pc_value *it = pc_vec_push(&b->items);
        if (!it || pc_batch_text(b, items, n, &off)) return PC_ENOMEM;
        *it = (struct pc_value){.type = PC_T_STRING, .len = (uint32_t)n, .off = off};
        items += n + 1;
    }
    struct pc_cell *c = pc_vec_push(&b->cells);
    if (!c) return PC_ENOMEM;
    c->label = label;
    c->v = (struct pc_value){.type = PC_T_ARRAY, .len = (uint32_t)count, .off = first};
    return PC_OK;
}

static void rebase(struct pc_value *v, const struct pc_mark *m)
{
    if (v->type == PC_T_ARRAY)
        v->off -= m->item;
    else
        v->off -= m->text;
}

void pc_batch_restart(struct pc_batch *b, struct pc_mark *m)
{
    size_t ncells = b->cells.len - m->cell, nitems = b->items.len - m->item;
    size_t ntext = b->text.len - m->text;
    struct pc_cell *cells = b->cells.data;
    struct pc_value *items = b->items.data;
    for (size_t i = 0; i < ncells; i++) rebase(&cells[m->cell + i].v, m);
    for (size_t i = 0; i < nitems; i++) rebase(&items[m->item + i], m);
    if (ncells) memmove(cells, cells + m->cell, ncells * sizeof *cells);
    if (nitems) memmove(items, items + m->item, nitems * sizeof *items);
    if (ntext) memmove(b->text.data, b->text.data + m->text, ntext);
    b->cells.len = ncells;
    b->items.len = nitems;
    b->text.len = ntext;
    b->rows.len = 0;
    b->next = 0;
    *m = (struct pc_mark){0, 0, 0};
}
