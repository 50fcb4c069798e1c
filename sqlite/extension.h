// Declarations shared by extension.c and the Go files of this package. Go cannot call SQLite's API directly in a
// loadable extension: every call must go through the routines table SQLite hands to the entry point, which
// sqlite3ext.h reaches with macros. So extension.c wraps each call Go needs in a small function declared here.
#ifndef PROLIFIC_SQLITE_EXTENSION_H
#define PROLIFIC_SQLITE_EXTENSION_H

#include <stdint.h>
#include <sqlite3.h>

// One eponymous virtual table: table is the index of its table in the Go registry (tables.go).
typedef struct psp_vtab {
  sqlite3_vtab base;
  int table;
} psp_vtab;

// One cursor: handle is a runtime/cgo.Handle of the Go cursor.
typedef struct psp_cursor {
  sqlite3_vtab_cursor base;
  uintptr_t handle;
} psp_cursor;

int psp_create_module(sqlite3 *db, const char *name, int table);
int psp_create_configure_function(sqlite3 *db, const char *name);
void psp_set_vtab_error(sqlite3_vtab *vtab, const char *message, int length);
char *psp_strdup(const char *text, int length);

int psp_vtab_in(sqlite3_index_info *info, int constraint, int handle);
int psp_vtab_in_first(sqlite3_value *list, sqlite3_value **value);
int psp_vtab_in_next(sqlite3_value *list, sqlite3_value **value);
int psp_value_type(sqlite3_value *value);
const unsigned char *psp_value_text(sqlite3_value *value);
int psp_value_bytes(sqlite3_value *value);
sqlite3_int64 psp_value_int64(sqlite3_value *value);
double psp_value_double(sqlite3_value *value);

void psp_result_null(sqlite3_context *ctx);
void psp_result_int64(sqlite3_context *ctx, sqlite3_int64 value);
void psp_result_double(sqlite3_context *ctx, double value);
void psp_result_text(sqlite3_context *ctx, const char *text, int length);
void psp_result_json(sqlite3_context *ctx, const char *text, int length);
void psp_result_error(sqlite3_context *ctx, const char *message, int length);

#endif
