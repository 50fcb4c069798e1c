package main

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestDocsListTheWhereColumns checks docs/index.md's table of the columns --where accepts against the plugin's key
// columns: every table, each column, the required ones in bold.
func TestDocsListTheWhereColumns(t *testing.T) {
	data, err := os.ReadFile("../../docs/index.md")
	must(t, err)
	_, after, found := strings.Cut(string(data), "<!-- export-cli:key-columns -->\n")
	if !found {
		t.Fatal("docs/index.md has no <!-- export-cli:key-columns --> table")
	}
	documented := map[string]string{}
	for _, row := range regexp.MustCompile(`(?m)^\| (prolific_\w+) \| (.*) \|$`).FindAllStringSubmatch(strings.SplitN(after, "\n\n", 2)[0], -1) {
		documented[row[1]] = row[2]
	}
	_, schema, err := pluginServer("prolific", `token = "unused"`)
	must(t, err)
	for _, name := range tableNames() {
		table := schema[name]
		var columns []string
		for _, key := range append(table.GetListCallKeyColumnList(), table.GetGetCallKeyColumnList()...) {
			column := key.GetName()
			if slices.Contains(sdkColumns, column) || slices.Contains(columns, column) || slices.Contains(columns, "**"+column+"**") {
				continue
			}
			if key.GetRequire() == "required" && slices.Contains(table.GetListCallKeyColumnList(), key) {
				column = "**" + column + "**"
			}
			columns = append(columns, column)
		}
		want := strings.Join(columns, ", ")
		if want == "" {
			want = "none"
		}
		if documented[name] != want {
			t.Errorf("docs/index.md, Export CLI: %s accepts %q, the table says %q", name, want, documented[name])
		}
	}
}
