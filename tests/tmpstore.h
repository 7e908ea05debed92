/*
 * tmpstore.h - a store in a fresh temporary directory for unit tests:
 * made by rc_test_store_make in a test's setup, removed (the store and its
 * -wal, -shm, -journal files, then the directory) by rc_test_store_remove
 * in its teardown.
 */
#ifndef RC_TEST_TMPSTORE_H
#define RC_TEST_TMPSTORE_H
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Make /tmp/rc-NAME-XXXXXX in dir[ndir] and the store path DIR/s.db in
 * path[npath]. Returns 0, or -1 when the directory cannot be made. */
static inline int rc_test_store_make(char *dir, size_t ndir, char *path, size_t npath,
                                     const char *name)
{
    snprintf(dir, ndir, "/tmp/rc-%s-XXXXXX", name);
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, npath, "%s/s.db", dir);
    return 0;
}

/* Remove the store at path with its side files, then the directory dir
 * (which must be empty by then). */
static inline void rc_test_store_remove(const char *dir, const char *path)
{
    static const char *const sfx[] = {"", "-wal", "-shm", "-journal"};
    char p[160];
    for (size_t i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
        snprintf(p, sizeof p, "%s%s", path, sfx[i]);
        unlink(p);
    }
    rmdir(dir);
}

#endif
