package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// table is one plugin table as SQLite sees it: its schema from the plugin, and what the planner needs to know.
type table struct {
	name    string
	schema  *proto.TableSchema
	columns []*proto.ColumnDefinition
	// keyOperators maps each key column to the operators the plugin takes for it (List and Get key columns).
	keyOperators map[string][]string
}

// newTables builds the registry from the plugin's schema, sorted by name so that table indexes are stable.
func newTables(schema map[string]*proto.TableSchema) []*table {
	names := make([]string, 0, len(schema))
	for name := range schema {
		names = append(names, name)
	}
	sort.Strings(names)
	tables := make([]*table, 0, len(names))
	for _, name := range names {
		s := schema[name]
		t := &table{name: name, schema: s, columns: s.GetColumns(), keyOperators: map[string][]string{}}
		for _, key := range append(append([]*proto.KeyColumn{}, s.GetListCallKeyColumnList()...), s.GetGetCallKeyColumnList()...) {
			t.keyOperators[key.GetName()] = appendMissing(t.keyOperators[key.GetName()], key.GetOperators()...)
		}
		tables = append(tables, t)
	}
	return tables
}

func appendMissing(list []string, values ...string) []string {
	for _, v := range values {
		if !contains(list, v) {
			list = append(list, v)
		}
	}
	return list
}

func contains(list []string, value string) bool {
	for _, v := range list {
		if v == value {
			return true
		}
	}
	return false
}

// declaration is the CREATE TABLE statement SQLite's xConnect declares. The types follow Turbot's SQLite
// extensions: integers and booleans (0 or 1) are INT, doubles FLOAT, and everything else, JSON and timestamps
// included, TEXT.
func (t *table) declaration() string {
	parts := make([]string, 0, len(t.columns))
	for _, c := range t.columns {
		parts = append(parts, fmt.Sprintf("%s %s", quoteIdentifier(c.GetName()), sqliteType(c.GetType())))
	}
	return fmt.Sprintf("create table %s(%s)", quoteIdentifier(t.name), strings.Join(parts, ", "))
}

func sqliteType(t proto.ColumnType) string {
	switch t {
	case proto.ColumnType_BOOL, proto.ColumnType_INT:
		return "INT"
	case proto.ColumnType_DOUBLE:
		return "FLOAT"
	default:
		return "TEXT"
	}
}

func quoteIdentifier(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}
