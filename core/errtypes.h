/* The error types: each type's name (Frictionless's where Frictionless has
 * one, frictionless-py v5), title and description, in one list. */
#ifndef PC_ERRTYPES_H
#define PC_ERRTYPES_H

#include "planconv.h"

struct pc_errtype {
    const char *name;        /* "type-error" */
    const char *title;       /* "Type Error" */
    const char *description; /* what the type means, whatever the value */
};

/* The entry of `name`; an entry titled "Error" for NULL or an unknown name.
 * The entry is static: the caller frees nothing. */
const struct pc_errtype *pc_errtype_find(const char *name);

/* A stable name for a hint, as reports write it ("max-field-size");
 * NULL for PC_HINT_NONE. Static. */
const char *pc_hint_name(enum pc_hint h);

#endif
