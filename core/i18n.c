/* The library's messages in the user's language. The library binds its
 * own text domain, once, the first time it translates: a program using it
 * gets Japanese under a Japanese locale without calling bindtextdomain
 * itself. A program that did bind the domain (the CLI binds the catalog
 * beside it in a build tree) keeps its choice; PLANCONV_LOCALEDIR, when
 * set, names the folder for both. */
#include "core.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#ifndef PLANCONV_LOCALEDIR
#error "PLANCONV_LOCALEDIR must name the installed locale folder"
#endif

static pthread_once_t bound = PTHREAD_ONCE_INIT;

static void bind_domain(void)
{
    const char *env = getenv("PLANCONV_LOCALEDIR");
    /* asking with NULL changes nothing: the folder in use, or gettext's
     * default when nobody bound the domain */
    const char *now = bindtextdomain("planconv", NULL);
    const char *fallback = bindtextdomain("planconv-never-bound", NULL);
    if (env && *env)
        bindtextdomain("planconv", env);
    else if (!now || (fallback && strcmp(now, fallback) == 0))
        bindtextdomain("planconv", PLANCONV_LOCALEDIR);
    bind_textdomain_codeset("planconv", "UTF-8"); /* the library's text is UTF-8 */
}

const char *pc_gettext(const char *msgid)
{
    pthread_once(&bound, bind_domain);
    return dgettext("planconv", msgid);
}

const char *pc_ngettext(const char *one, const char *many, unsigned long n)
{
    pthread_once(&bound, bind_domain);
    return dngettext("planconv", one, many, n);
}
