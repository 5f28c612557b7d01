/* verify.c - stub */
#include "internal.h"
int bdb_store_verify(bdb_store *store, bdb_problem_fn report, void *ctx, size_t *n_problems)
{ (void)store; (void)report; (void)ctx; if (n_problems) *n_problems = 0; return 0; }
int bdb_store_backup(bdb_store *store, const char *dir, bdb_diag *d) { (void)store; (void)dir; (void)d; return BDB_EUNSUPPORTED; }
int bdb_store_stats(bdb_store *store, struct bdb_store_stats *out) { (void)store; (void)out; return BDB_EUNSUPPORTED; }
