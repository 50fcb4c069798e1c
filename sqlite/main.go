// Command sqlite is the plugin as a loadable SQLite extension, steampipe_sqlite_prolific.so, built with
// `make sqlite` (go build -buildmode=c-shared). Loading it registers every table of the plugin as an eponymous
// virtual table and the function steampipe_configure_prolific; the plugin runs inside the process that loaded it,
// through the SDK's in-process server (server.go).
//
// The virtual-table glue is written against SQLite's own headers (extension.c, extension.h): the library Turbot's
// extensions use is not served by the Go module proxy, and a Go SQLite driver cannot act as an extension, since it
// would bring its own copy of SQLite instead of using the routines of the SQLite that loads it.
package main

// main is required by -buildmode=c-shared and never runs: SQLite calls sqlite3_extension_init (extension.c).
func main() {}
