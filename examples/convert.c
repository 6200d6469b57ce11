/* An example of the library: validate a CSV file and write it as JSON,
 * printing each error like the command line does.
 * Build: cc convert.c $(pkg-config --cflags --libs planconv)
 * Usage: ./convert INPUT.csv OUTPUT.json */
#include <planconv.h>
#include <stdio.h>

static void print_error(void *ud, const struct pc_error *e)
{
    (void)ud;
    if (e->severity == PC_SEV_INFO) return; /* facts for reports, not findings */
    fprintf(stderr, "%s:%lu:%s: %s\n", e->source, e->line, e->field ? e->field : "",
            e->message);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s INPUT.csv OUTPUT.json\n", argv[0]);
        return 2;
    }
    struct pc_options opt = {.to = "json", .on_error = print_error};
    struct pc_stats stats;
    pc_status st = pc_convert_file(&opt, argv[1], argv[2], &stats);
    printf("%s: %s, %lu records of kind %s\n", argv[1], pc_strerror(st), stats.records,
           stats.kind ? stats.kind : "?");
    return pc_exit_status(st);
}
