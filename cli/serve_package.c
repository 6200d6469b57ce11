/* /api/convert?to=datapackage: the upload converted to JSON and described
 * by a Frictionless datapackage.json (the engine's own writer: schema,
 * sha256, bytes, rows), both in one zip. Everything is written under the
 * private folder with names the server makes, and unlinked before the zip
 * is sent from its descriptor. */
#include "cli.h"
#include "serve.h"

#include "convert/many.h"
#include "convert/sha256.h"

#include <fcntl.h>
#include <minizip/zip.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { PATH_CAP = 4096 + 64 };

/* Adds the file `path` to the zip as `entry`; false on failure. */
static bool zip_add(zipFile zf, const char *path, const char *entry)
{
    FILE *in = fopen(path, "rb");
    if (!in) return false;
    zip_fileinfo info = {0};
    bool ok = zipOpenNewFileInZip64(zf, entry, &info, NULL, 0, NULL, 0, NULL, Z_DEFLATED,
                                    Z_DEFAULT_COMPRESSION, 1) == ZIP_OK;
    char buf[64 * 1024];
    for (size_t n; ok && (n = fread(buf, 1, sizeof buf, in)) > 0;)
        ok = zipWriteInFileInZip(zf, buf, (unsigned)n) == ZIP_OK;
    ok = !ferror(in) && ok;
    if (zipCloseFileInZip(zf) != ZIP_OK) ok = false;
    fclose(in);
    return ok;
}

pc_status pc_serve_package(const char *dir, unsigned long id, const struct pc_options *opt,
                           const char *input, struct pc_stats *st, char *zip_path, size_t cap)
{
    /* <dir>/<id>.pkg/data-package/{data.json,datapackage.json}: the last
     * folder's name is the package's */
    char root[PATH_CAP], pkg[PATH_CAP + 16], data[PATH_CAP + 40], desc[PATH_CAP + 40];
    snprintf(root, sizeof root, "%s/%lu.pkg", dir, id);
    snprintf(pkg, sizeof pkg, "%s/data-package", root);
    snprintf(data, sizeof data, "%s/data.json", pkg);
    snprintf(desc, sizeof desc, "%s/datapackage.json", pkg);
    snprintf(zip_path, cap, "%s/%lu.zip", dir, id);
    if (mkdir(root, 0700) || mkdir(pkg, 0700)) {
        rmdir(root);
        return PC_EINTERNAL;
    }
    struct pc_options json = *opt;
    json.to = "json";
    pc_status s = pc_convert_file(&json, input, data, st);
    struct pc_many_file f = {.input = opt->source_name, .output = data, .st = *st, .status = s,
                             .result = "ok", .written = s == PC_OK};
    if (s == PC_OK && (pc_sha256_file(data, f.hash, &f.out_bytes) ||
                       pc_datapackage_write(pkg, opt->schema_file, &f, 1)))
        s = PC_EINTERNAL;
    if (s == PC_OK) {
        zipFile zf = zipOpen64(zip_path, APPEND_STATUS_CREATE);
        bool ok = zf && zip_add(zf, desc, "datapackage.json") && zip_add(zf, data, "data.json");
        if (zf && zipClose(zf, NULL) != ZIP_OK) ok = false;
        if (!ok) {
            unlink(zip_path);
            s = PC_EINTERNAL;
        }
    }
    unlink(data);
    unlink(desc);
    rmdir(pkg);
    rmdir(root);
    return s;
}
