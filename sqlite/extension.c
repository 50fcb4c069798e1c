// The C half of the extension: the entry point SQLite calls on load, the sqlite3_module whose methods forward to
// the Go functions exported from module.go, and thin wrappers for the SQLite routines Go needs (see extension.h).
#include <stdlib.h>
#include <string.h>
#include <sqlite3ext.h>

#include "extension.h"
#include "_cgo_export.h"

// The routines table of the SQLite library that loaded us. It is static rather than SQLITE_EXTENSION_INIT1's global
// so that it cannot clash with the same symbol in another extension loaded with RTLD_GLOBAL.
static const sqlite3_api_routines *sqlite3_api;

#define HIDDEN __attribute__((visibility("hidden")))

static int x_connect(sqlite3 *db, void *aux, int argc, const char *const *argv, sqlite3_vtab **out, char **err) {
  (void)argc;
  (void)argv;
  int table = (int)(intptr_t)aux;
  char *declaration = prolificSQLiteDeclaration(table);
  int rc = sqlite3_declare_vtab(db, declaration);
  free(declaration);
  if (rc != SQLITE_OK) {
    *err = sqlite3_mprintf("prolific: cannot declare table %d: %s", table, sqlite3_errmsg(db));
    return rc;
  }
  psp_vtab *vtab = sqlite3_malloc(sizeof(*vtab));
  if (vtab == NULL) return SQLITE_NOMEM;
  memset(vtab, 0, sizeof(*vtab));
  vtab->table = table;
  *out = &vtab->base;
  return SQLITE_OK;
}

static int x_disconnect(sqlite3_vtab *vtab) {
  sqlite3_free(vtab);
  return SQLITE_OK;
}

static int x_best_index(sqlite3_vtab *vtab, sqlite3_index_info *info) {
  return prolificSQLiteBestIndex(((psp_vtab *)vtab)->table, vtab, info);
}

static int x_open(sqlite3_vtab *vtab, sqlite3_vtab_cursor **out) {
  psp_cursor *cursor = sqlite3_malloc(sizeof(*cursor));
  if (cursor == NULL) return SQLITE_NOMEM;
  memset(cursor, 0, sizeof(*cursor));
  cursor->handle = prolificSQLiteOpen(((psp_vtab *)vtab)->table);
  *out = &cursor->base;
  return SQLITE_OK;
}

static int x_close(sqlite3_vtab_cursor *cur) {
  prolificSQLiteClose(((psp_cursor *)cur)->handle);
  sqlite3_free(cur);
  return SQLITE_OK;
}

static int x_filter(sqlite3_vtab_cursor *cur, int idx_num, const char *idx_str, int argc, sqlite3_value **argv) {
  (void)idx_num;
  return prolificSQLiteFilter(((psp_cursor *)cur)->handle, cur->pVtab, (char *)idx_str, argc, argv);
}

static int x_next(sqlite3_vtab_cursor *cur) {
  return prolificSQLiteNext(((psp_cursor *)cur)->handle, cur->pVtab);
}

static int x_eof(sqlite3_vtab_cursor *cur) {
  return prolificSQLiteEof(((psp_cursor *)cur)->handle);
}

static int x_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int column) {
  return prolificSQLiteColumn(((psp_cursor *)cur)->handle, ctx, column);
}

static int x_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid) {
  *rowid = prolificSQLiteRowid(((psp_cursor *)cur)->handle);
  return SQLITE_OK;
}

// Eponymous-only and read-only: xCreate is NULL, so the tables exist in every schema without CREATE VIRTUAL TABLE,
// and xUpdate is NULL, so SQLite refuses writes.
static sqlite3_module prolific_module = {
  .iVersion = 0,
  .xCreate = NULL,
  .xConnect = x_connect,
  .xBestIndex = x_best_index,
  .xDisconnect = x_disconnect,
  .xDestroy = x_disconnect,
  .xOpen = x_open,
  .xClose = x_close,
  .xFilter = x_filter,
  .xNext = x_next,
  .xEof = x_eof,
  .xColumn = x_column,
  .xRowid = x_rowid,
};

static void configure_function(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  prolificSQLiteConfigure(ctx, argc, argv);
}

HIDDEN int psp_create_module(sqlite3 *db, const char *name, int table) {
  return sqlite3_create_module_v2(db, name, &prolific_module, (void *)(intptr_t)table, NULL);
}

// DIRECTONLY: the configuration holds a token, so a view or trigger in an untrusted database file must not call it.
HIDDEN int psp_create_configure_function(sqlite3 *db, const char *name) {
  return sqlite3_create_function_v2(db, name, 1, SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL, configure_function, NULL,
                                    NULL, NULL);
}

HIDDEN void psp_set_vtab_error(sqlite3_vtab *vtab, const char *message, int length) {
  sqlite3_free(vtab->zErrMsg);
  vtab->zErrMsg = sqlite3_mprintf("%.*s", length, message);
}

HIDDEN char *psp_strdup(const char *text, int length) { return sqlite3_mprintf("%.*s", length, text); }

HIDDEN int psp_vtab_in(sqlite3_index_info *info, int constraint, int handle) {
  return sqlite3_vtab_in(info, constraint, handle);
}
HIDDEN int psp_vtab_in_first(sqlite3_value *list, sqlite3_value **value) { return sqlite3_vtab_in_first(list, value); }
HIDDEN int psp_vtab_in_next(sqlite3_value *list, sqlite3_value **value) { return sqlite3_vtab_in_next(list, value); }
HIDDEN int psp_value_type(sqlite3_value *value) { return sqlite3_value_type(value); }
HIDDEN const unsigned char *psp_value_text(sqlite3_value *value) { return sqlite3_value_text(value); }
HIDDEN int psp_value_bytes(sqlite3_value *value) { return sqlite3_value_bytes(value); }
HIDDEN sqlite3_int64 psp_value_int64(sqlite3_value *value) { return sqlite3_value_int64(value); }
HIDDEN double psp_value_double(sqlite3_value *value) { return sqlite3_value_double(value); }

HIDDEN void psp_result_null(sqlite3_context *ctx) { sqlite3_result_null(ctx); }
HIDDEN void psp_result_int64(sqlite3_context *ctx, sqlite3_int64 value) { sqlite3_result_int64(ctx, value); }
HIDDEN void psp_result_double(sqlite3_context *ctx, double value) { sqlite3_result_double(ctx, value); }

// Go passes a pointer into its own memory: SQLITE_TRANSIENT makes SQLite copy it before returning. An empty string
// may come with a NULL pointer, which SQLite would read as NULL, so it gets a static empty string instead.
HIDDEN void psp_result_text(sqlite3_context *ctx, const char *text, int length) {
  sqlite3_result_text(ctx, length == 0 ? "" : text, length, SQLITE_TRANSIENT);
}

// JSON_SUBTYPE ('J', 74) tells SQLite's JSON functions that the text is JSON, so json_object() and json_array()
// embed it as a value rather than quoting it as a string.
HIDDEN void psp_result_json(sqlite3_context *ctx, const char *text, int length) {
  psp_result_text(ctx, text, length);
  sqlite3_result_subtype(ctx, 74);
}

HIDDEN void psp_result_error(sqlite3_context *ctx, const char *message, int length) {
  sqlite3_result_error(ctx, message, length);
}

// The entry point. SQLite looks for sqlite3_extension_init first, then for a name derived from the file name,
// sqlite3_steampipesqliteprolific_init; both are defined, so `.load` works with or without an entry point argument.
int sqlite3_extension_init(sqlite3 *db, char **err, const sqlite3_api_routines *api) {
  sqlite3_api = api;
  char *message = prolificSQLiteInit(db);
  if (message != NULL) {
    *err = sqlite3_mprintf("%s", message);
    free(message);
    return SQLITE_ERROR;
  }
  return SQLITE_OK;
}

int sqlite3_steampipesqliteprolific_init(sqlite3 *db, char **err, const sqlite3_api_routines *api) {
  return sqlite3_extension_init(db, err, api);
}
