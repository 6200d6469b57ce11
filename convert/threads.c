/* The reader thread (threads.h). The thread calls the real reader's
 * next() and notes what each call gave as one step of a chunk: the record
 * (copied, as the reader reuses its batch on its next call), the labels it
 * added or changed, the errors reported during the call (formed by the
 * reader sink, their strings kept in the chunk) and the bytes read after
 * it. Full chunks go through a queue to the caller's thread, which replays
 * the steps one per next(): label changes first, then the errors into the
 * real sink, then the record. Chunks come back empty to a free list, so at
 * most CHUNKS are in flight and memory stays flat. A caller that stops
 * early frees the reader: the thread stops after the record it reads, or,
 * waiting on a pipe, at the byte put in its stop pipe (pc_istream_stop_on),
 * and is joined. */
#include "threads.h"

#include <fcntl.h>
#include <locale.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A chunk is handed over at the end of each of the reader's batches (one
 * input chunk's records: ~750 rows of a plan-items CSV, so a hand-over, a
 * lock and a signal, is nothing beside them), or once it holds this much.
 * 256 KiB, not more: a batch's records take ~3x its input, and four such
 * chunks made the peak vary by 3 MB with how far the thread ran ahead
 * (tests/memory.sh); handing over more often costs no measurable time. */
#define CHUNK_BYTES (256u * 1024)
/* In flight at most: the one the caller reads, the one the thread fills
 * and two ready. Memory: CHUNKS x (CHUNK_BYTES + the largest record). */
#define CHUNKS 4

/* What one call of the reader's next() gave. */
struct step {
    pc_status status;  /* PC_OK: a record, the chunk's next row; else the end */
    size_t errors_end; /* the chunk's errors before this index came during the call */
    size_t labels_end; /* its label changes before this index too */
    uint64_t bytes_in; /* the input's, after the call */
};

/* A label the reader added (index: the count before it) or one it handed
 * out before and changed (index below that; the name is left NULL). */
struct label_change {
    size_t index;
    struct pc_label label; /* its name is the chunk's until the caller takes it */
};

/* The strings of a pc_error, held in a chunk's text. */
static const size_t error_strings[] = {
    offsetof(struct pc_error, type),    offsetof(struct pc_error, source),
    offsetof(struct pc_error, field),   offsetof(struct pc_error, cell),
    offsetof(struct pc_error, message), offsetof(struct pc_error, note),
    offsetof(struct pc_error, label),   offsetof(struct pc_error, fixed),
    offsetof(struct pc_error, rule),    offsetof(struct pc_error, sheet)};

struct held_error {
    struct pc_error e;                       /* its strings and cells NULL: they are below */
    size_t str[PC_ARRAY_LEN(error_strings)]; /* 1 + offset in the chunk's text; 0: NULL */
    size_t cells; /* 1 + offset of its ncells strings, back to back; 0: NULL */
};

struct chunk {
    struct pc_batch records;
    struct pc_vec steps;  /* struct step */
    struct pc_vec labels; /* struct label_change */
    struct pc_vec errors; /* struct held_error */
    struct pc_buf text;   /* the errors' strings */
    bool failed;          /* a step could not be noted: the stream ends after the others */
    size_t taken, labels_done, errors_done; /* how far the caller is */
    struct chunk *next;                     /* in the ready queue or the free list */
};

struct pc_thread_reader {
    struct pc_reader base;
    struct pc_reader *inner;
    struct pc_istream *in;
    struct pc_reader_sink *rs;
    bool watch_labels;
    pc_prepare_fn prepare;
    struct chunk chunks[CHUNKS];
    pthread_mutex_t lock;
    pthread_cond_t ready, room;
    struct chunk *ready_head, *ready_tail, *free_list; /* under lock */
    atomic_bool stop;
    bool started;
    bool in_caller; /* no thread could be started: the caller fills the chunks itself */
    pthread_t thread;
    int stop_pipe[2]; /* a byte in it stops the thread's reading (pc_istream_stop_on) */
    locale_t locale;  /* the caller's (serve sets one per request): messages in its language */
    /* the reading side's */
    struct chunk *filling;
    size_t known;             /* labels noted */
    struct pc_vec containers; /* bool per label noted, when watched */
    bool parses;              /* the reader's next call parses: its batch is empty */
    bool no_memory;           /* an error could not be held */
    /* the caller's */
    struct chunk *cur;
    struct pc_vec labels; /* struct pc_label, the names owned */
    struct pc_vec cells;  /* const char *, a replayed error's cells */
    uint64_t bytes_in;
    bool reader_done; /* the reader's end was taken: the thread is done */
    bool ended;
    pc_status end;
};

/* ---- the reading side ---- */

/* 1 + the offset of a copy of s in c's text; 0 for NULL or no memory. */
static size_t hold_string(struct chunk *c, const char *s, bool *failed)
{
    if (!s) return 0;
    size_t off = c->text.len;
    if (pc_buf_append(&c->text, s, strlen(s) + 1)) {
        *failed = true;
        return 0;
    }
    return off + 1;
}

static const char **error_string(struct pc_error *e, size_t i)
{
    return (const char **)((char *)e + error_strings[i]);
}

/* The reader sink's callback, with the error formed (message, source). */
static void hold_error(void *ud, const struct pc_error *e)
{
    struct pc_reader_sink *rs = ud;
    struct pc_thread_reader *t = rs->held;
    if (!t) {
        pc_report_formed(rs->to, e);
        return;
    }
    struct chunk *c = t->filling;
    struct held_error *h = pc_vec_push(&c->errors);
    bool failed = !h;
    if (h) {
        h->e = *e;
        for (size_t i = 0; i < PC_ARRAY_LEN(error_strings); i++) {
            h->str[i] = hold_string(c, *error_string(&h->e, i), &failed);
            *error_string(&h->e, i) = NULL;
        }
        h->e.cells = NULL;
        for (size_t i = 0; e->cells && i < e->ncells; i++) {
            size_t off = hold_string(c, e->cells[i] ? e->cells[i] : "", &failed);
            if (i == 0) h->cells = off;
        }
    }
    if (failed) t->no_memory = true;
}

static pc_status copy_label(struct pc_label *to, const struct pc_label *from)
{
    *to = *from;
    return (to->name = pc_strndup(from->name, strlen(from->name))) ? PC_OK : PC_ENOMEM;
}

/* Notes the labels added since the last step and, when watched, the
 * labels handed out before that changed. Readers only add labels (the
 * labels seen so far): a count that shrank is no change. A label changes
 * as input is parsed, which a reader does when its batch is empty: only
 * then are the labels compared (a JSON file of 4,000 keys would cost
 * 4,000 comparisons a record). */
static pc_status note_labels(struct pc_thread_reader *t, struct chunk *c, bool parsed)
{
    const struct pc_label *l;
    size_t n = t->inner->ops->labels(t->inner, &l);
    for (size_t i = 0; t->watch_labels && parsed && i < t->known && i < n; i++) {
        bool *was = &PC_VEC_AT(&t->containers, bool, i);
        if (l[i].container == *was) continue;
        struct label_change *ch = pc_vec_push(&c->labels);
        if (!ch) return PC_ENOMEM;
        *ch = (struct label_change){.index = i, .label = l[i]};
        ch->label.name = NULL;
        *was = l[i].container;
    }
    for (; t->known < n; t->known++) {
        struct label_change *ch = pc_vec_push(&c->labels);
        bool *was = t->watch_labels ? pc_vec_push(&t->containers) : NULL;
        if (!ch || (t->watch_labels && !was)) return PC_ENOMEM;
        ch->index = t->known;
        if (copy_label(&ch->label, &l[t->known])) return PC_ENOMEM;
        if (was) *was = l[t->known].container;
    }
    return PC_OK;
}

/* One call of the reader's next(), noted as a step of c. *batch_done: the
 * reader handed out the last record of its batch, so its next call reads
 * input, which may wait (a pipe). */
static pc_status read_step(struct pc_thread_reader *t, struct chunk *c, bool *batch_done)
{
    struct step *s = pc_vec_push(&c->steps); /* stays put: the call grows other vectors */
    if (!s) {
        c->failed = true;
        return PC_ENOMEM;
    }
    struct pc_record rec;
    pc_status st = t->inner->ops->next(t->inner, &rec);
    bool parsed = t->parses;
    t->parses = st != PC_OK || rec.batch->next >= rec.batch->rows.len;
    /* a reader that opens its file itself reads no pipe: it never waits */
    *batch_done = st == PC_OK && t->in && t->parses;
    if (st == PC_OK && pc_batch_copy_record(&c->records, &rec)) st = PC_ENOMEM;
    if (st == PC_OK && t->prepare)
        t->prepare(&c->records,
                   &PC_VEC_AT(&c->records.rows, struct pc_row, c->records.rows.len - 1));
    if (note_labels(t, c, parsed) || t->no_memory) st = PC_ENOMEM;
    *s = (struct step){.status = st,
                       .errors_end = c->errors.len,
                       .labels_end = c->labels.len,
                       .bytes_in = t->in ? pc_istream_bytes_in(t->in) : 0};
    return st;
}

static size_t chunk_bytes(const struct chunk *c)
{
    const struct pc_batch *b = &c->records;
    return b->text.len + b->cells.len * sizeof(struct pc_cell) +
           b->items.len * sizeof(struct pc_value) + b->rows.len * sizeof(struct pc_row) +
           c->steps.len * sizeof(struct step) + c->errors.len * sizeof(struct held_error) +
           c->text.len;
}

/* Fills c with steps until it is full, the reader is about to read input
 * or the caller stops reading; false at the end of the stream (the last
 * step says how it ended). Handing c over before the reader reads gives
 * the caller every record one thread would have had before it waits for
 * input: a slow pipe delays no record that one thread would have had, and
 * a caller that stops early (infer's sample) never waits for input it
 * does not need. */
static bool fill(struct pc_thread_reader *t, struct chunk *c)
{
    t->filling = c;
    bool batch_done;
    while (read_step(t, c, &batch_done) == PC_OK)
        if (batch_done || chunk_bytes(c) >= CHUNK_BYTES ||
            atomic_load_explicit(&t->stop, memory_order_relaxed))
            return true;
    return false;
}

static void empty_chunk(struct chunk *c)
{
    for (size_t i = 0; i < c->labels.len; i++)
        free(PC_VEC_AT(&c->labels, struct label_change, i).label.name);
    pc_batch_reset(&c->records);
    c->steps.len = c->labels.len = c->errors.len = c->text.len = 0;
    c->failed = false;
    c->taken = c->labels_done = c->errors_done = 0;
}

/* The thread: an empty chunk, or NULL once the caller stopped. */
static struct chunk *wait_room(struct pc_thread_reader *t)
{
    pthread_mutex_lock(&t->lock);
    while (!t->free_list && !atomic_load(&t->stop))
        pthread_cond_wait(&t->room, &t->lock);
    struct chunk *c = atomic_load(&t->stop) ? NULL : t->free_list;
    if (c) t->free_list = c->next;
    pthread_mutex_unlock(&t->lock);
    return c;
}

static void hand_over(struct pc_thread_reader *t, struct chunk *c)
{
    c->next = NULL;
    pthread_mutex_lock(&t->lock);
    if (t->ready_tail)
        t->ready_tail->next = c;
    else
        t->ready_head = c;
    t->ready_tail = c;
    pthread_cond_signal(&t->ready);
    pthread_mutex_unlock(&t->lock);
}

static void *read_ahead(void *arg)
{
    struct pc_thread_reader *t = arg;
    uselocale(t->locale);
    struct chunk *c;
    bool more = true;
    while (more && (c = wait_room(t))) {
        empty_chunk(c);
        more = fill(t, c);
        hand_over(t, c);
    }
    return NULL;
}

/* ---- the caller's side ---- */

static pc_status take_labels(struct pc_thread_reader *t, struct chunk *c, size_t end)
{
    for (; c->labels_done < end; c->labels_done++) {
        struct label_change *ch = &PC_VEC_AT(&c->labels, struct label_change, c->labels_done);
        if (ch->index < t->labels.len) {
            struct pc_label *l = &PC_VEC_AT(&t->labels, struct pc_label, ch->index);
            l->container = ch->label.container;
            continue;
        }
        struct pc_label *l = pc_vec_push(&t->labels);
        if (!l) return PC_ENOMEM;
        *l = ch->label;
        ch->label.name = NULL; /* the caller's now */
    }
    return PC_OK;
}

static pc_status replay_errors(struct pc_thread_reader *t, struct chunk *c, size_t end)
{
    for (; c->errors_done < end; c->errors_done++) {
        const struct held_error *h = &PC_VEC_AT(&c->errors, struct held_error, c->errors_done);
        struct pc_error e = h->e;
        for (size_t i = 0; i < PC_ARRAY_LEN(error_strings); i++)
            *error_string(&e, i) = h->str[i] ? c->text.data + h->str[i] - 1 : NULL;
        if (h->cells) {
            t->cells.len = 0;
            const char *s = c->text.data + h->cells - 1;
            for (size_t i = 0; i < e.ncells; i++, s += strlen(s) + 1) {
                const char **p = pc_vec_push(&t->cells);
                if (!p) return PC_ENOMEM;
                *p = s;
            }
            e.cells = t->cells.data;
        }
        pc_report_formed(t->rs->to, &e);
    }
    return PC_OK;
}

static void start(struct pc_thread_reader *t)
{
    t->started = true;
    t->rs->held = t; /* from here the reader's errors wait for their place */
    t->locale = uselocale((locale_t)0);
    if (t->in) {
        /* no thread that could not be stopped while it waits on a pipe */
        if (pipe2(t->stop_pipe, O_CLOEXEC) != 0) {
            t->in_caller = true;
            return;
        }
        pc_istream_stop_on(t->in, t->stop_pipe[0]);
    }
    t->in_caller = pthread_create(&t->thread, NULL, read_ahead, t) != 0;
}

/* The chunk to read from after t->cur, which goes back to the thread. */
static struct chunk *next_chunk(struct pc_thread_reader *t)
{
    if (!t->started) start(t);
    if (t->in_caller) { /* read here, as one thread would, a chunk at a time */
        struct chunk *c = t->cur ? t->cur : &t->chunks[0];
        empty_chunk(c);
        fill(t, c);
        return c;
    }
    pthread_mutex_lock(&t->lock);
    if (t->cur) {
        t->cur->next = t->free_list;
        t->free_list = t->cur;
        pthread_cond_signal(&t->room);
    }
    /* the thread hands over a chunk before it ends, so this wait ends */
    while (!t->ready_head)
        pthread_cond_wait(&t->ready, &t->lock);
    struct chunk *c = t->ready_head;
    t->ready_head = c->next;
    if (!t->ready_head) t->ready_tail = NULL;
    pthread_mutex_unlock(&t->lock);
    return c;
}

static pc_status end_of_stream(struct pc_thread_reader *t, pc_status st)
{
    t->ended = true;
    return t->end = st;
}

static pc_status thread_next(struct pc_reader *base, struct pc_record *rec)
{
    struct pc_thread_reader *t = (struct pc_thread_reader *)base;
    if (t->ended) return t->end;
    while (!t->cur || t->cur->taken == t->cur->steps.len) {
        if (t->cur && t->cur->failed) {
            t->reader_done = true;
            return end_of_stream(t, PC_ENOMEM);
        }
        t->cur = next_chunk(t);
    }
    struct chunk *c = t->cur;
    const struct step *s = &PC_VEC_AT(&c->steps, struct step, c->taken++);
    if (s->status) t->reader_done = true;
    pc_status st = take_labels(t, c, s->labels_end);
    if (!st) st = replay_errors(t, c, s->errors_end);
    t->bytes_in = s->bytes_in;
    if (!st) st = s->status;
    if (st) return end_of_stream(t, st);
    return pc_batch_take(&c->records, rec);
}

static size_t thread_labels(struct pc_reader *base, const struct pc_label **labels)
{
    struct pc_thread_reader *t = (struct pc_thread_reader *)base;
    *labels = t->labels.data;
    return t->labels.len;
}

static void free_chunk(struct chunk *c)
{
    empty_chunk(c);
    pc_batch_free(&c->records);
    pc_vec_free(&c->steps);
    pc_vec_free(&c->labels);
    pc_vec_free(&c->errors);
    pc_buf_free(&c->text);
}

static void thread_free(struct pc_reader *base)
{
    struct pc_thread_reader *t = (struct pc_thread_reader *)base;
    if (t->started && !t->in_caller) {
        pthread_mutex_lock(&t->lock);
        atomic_store(&t->stop, true);
        pthread_cond_signal(&t->room);
        pthread_mutex_unlock(&t->lock);
        /* stopped before the end: the thread may be waiting on a pipe for
         * input that never comes (a byte always fits in the empty pipe, so
         * the write cannot fail) */
        ssize_t woken = !t->reader_done && t->in ? write(t->stop_pipe[1], "", 1) : 0;
        (void)woken;
        pthread_join(t->thread, NULL);
    }
    if (t->stop_pipe[0] >= 0) {
        pc_istream_stop_on(t->in, -1);
        close(t->stop_pipe[0]);
        close(t->stop_pipe[1]);
    }
    t->rs->held = NULL;
    t->inner->ops->free(t->inner);
    for (size_t i = 0; i < CHUNKS; i++)
        free_chunk(&t->chunks[i]);
    for (size_t i = 0; i < t->labels.len; i++)
        free(PC_VEC_AT(&t->labels, struct pc_label, i).name);
    pc_vec_free(&t->labels);
    pc_vec_free(&t->cells);
    pc_vec_free(&t->containers);
    pthread_mutex_destroy(&t->lock);
    pthread_cond_destroy(&t->ready);
    pthread_cond_destroy(&t->room);
    free(t);
}

static const struct pc_reader_ops thread_ops = {thread_next, thread_labels, thread_free};

void pc_reader_sink_init(struct pc_reader_sink *rs, struct pc_errsink *to)
{
    /* no limit here: `to` counts and limits as the errors reach it */
    *rs = (struct pc_reader_sink){
        .sink = {.fn = hold_error, .ud = rs, .source = to->source, .header_rows = to->header_rows},
        .to = to};
}

pc_status pc_thread_reader_new(struct pc_reader **reader, struct pc_istream *in,
                               struct pc_reader_sink *rs, bool watch_labels, pc_prepare_fn prepare)
{
    struct pc_thread_reader *t = calloc(1, sizeof *t);
    if (!t) return PC_ENOMEM;
    t->base.ops = &thread_ops;
    t->inner = *reader;
    t->in = in;
    t->rs = rs;
    t->watch_labels = watch_labels;
    t->prepare = prepare;
    t->stop_pipe[0] = t->stop_pipe[1] = -1;
    t->bytes_in = in ? pc_istream_bytes_in(in) : 0;
    pthread_mutex_init(&t->lock, NULL);
    pthread_cond_init(&t->ready, NULL);
    pthread_cond_init(&t->room, NULL);
    atomic_init(&t->stop, false);
    for (size_t i = 0; i < CHUNKS; i++) {
        struct chunk *c = &t->chunks[i];
        pc_batch_init(&c->records);
        pc_vec_init(&c->steps, sizeof(struct step));
        pc_vec_init(&c->labels, sizeof(struct label_change));
        pc_vec_init(&c->errors, sizeof(struct held_error));
        c->next = t->free_list;
        t->free_list = c;
    }
    pc_vec_init(&t->labels, sizeof(struct pc_label));
    pc_vec_init(&t->cells, sizeof(const char *));
    pc_vec_init(&t->containers, sizeof(bool));
    *reader = &t->base; /* owns the reader from here, even on failure */
    /* the labels it has before its first next() are the caller's at once */
    struct chunk *c = &t->chunks[0];
    t->parses = true;
    pc_status st = note_labels(t, c, true);
    if (!st) st = take_labels(t, c, c->labels.len);
    empty_chunk(c);
    return st;
}

uint64_t pc_thread_reader_bytes_in(const struct pc_reader *r)
{
    return ((const struct pc_thread_reader *)r)->bytes_in;
}

int pc_reader_threads(int asked)
{
    if (asked) return asked > 1 ? 2 : 1;
    return sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
}
