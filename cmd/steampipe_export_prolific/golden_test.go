package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mattn/go-runewidth"

	"github.com/pipeworks/steampipe-plugin-prolific/prolific"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// The SQL stage (test/sql) runs queries through PostgreSQL and keeps psql's output in test/sql/expected. Every
// statement there that the export can express, a select of plain columns from one table with conditions on key
// columns only, is run again through the export, in csv and in jsonl, against the same fake API, and the rows must
// be the same. Row order is not compared (the export has no ORDER BY), nor are queries with LIMIT. Statements whose
// expected output is an error must fail: a missing required qualifier with exit code 2, any other error with exit
// code 1 and PostgreSQL's message.

const expectedDir = "../../test/sql/expected"

// goldenStatement is one statement of a psql output file and what it printed.
type goldenStatement struct {
	file     string
	sql      string
	header   []string
	rows     [][]string // cells as psql printed them
	errorMsg string     // the text after "ERROR:  ", when the statement failed
	unread   string     // why the table could not be read (psql's wrapped multi-line cells)
}

// simpleSelect is `select a, b from TABLE [where COND [and COND]...] [order by ...];`.
var simpleSelect = regexp.MustCompile(`(?is)^select\s+([a-z_][a-z0-9_]*(?:\s*,\s*[a-z_][a-z0-9_]*)*)\s+from\s+(prolific_[a-z_]+)` +
	`(?:\s+where\s+(.*?))?(?:\s+order\s+by\s+[a-z0-9_,\s]+?)?(\s+limit\s+\d+)?\s*;$`)

// conditionColumn is the column on the left of one condition.
var conditionColumn = regexp.MustCompile(`(?i)^\s*([a-z_][a-z0-9_]*)\s*(?:=|in\s*\(|like\b)`)

func TestEveryTableMatchesTheSQLStage(t *testing.T) {
	_, baseURL := startFake(t)
	tables := prolific.Plugin(context.Background()).TableMap
	schemas := exportSchemas(t)
	covered := map[string]int{}
	for _, statement := range goldenStatements(t) {
		match := simpleSelect.FindStringSubmatch(statement.sql)
		if match == nil || match[4] != "" {
			continue
		}
		tableName := match[2]
		if statement.unread != "" {
			t.Errorf("%s: %q: %s", statement.file, oneLine(statement.sql), statement.unread)
			continue
		}
		columns := splitList(match[1])
		wheres, ok := keyConditions(tables[tableName], match[3])
		if !ok {
			continue
		}
		args := []string{tableName, "--select", strings.Join(columns, ",")}
		for _, where := range wheres {
			args = append(args, "--where", where)
		}
		args = append(args, configFlag(baseURL)...)
		name := fmt.Sprintf("%s/%s", statement.file, oneLine(statement.sql))
		for _, format := range []string{"csv", "jsonl"} {
			t.Run(format+"/"+name, func(t *testing.T) {
				got := runInProcess(t, false, append(args, "--output", format)...)
				if statement.errorMsg != "" {
					expectFailure(t, got, statement.errorMsg)
					return
				}
				got.expect(t, exitOK)
				types := columnTypes(t, schemas[tableName], columns)
				want := canonicalRows(t, types, statement.rows, psqlCell)
				have := exportedRows(t, format, got.stdout, columns, types)
				compareRows(t, want, have)
			})
		}
		if statement.errorMsg == "" {
			covered[tableName]++
		}
	}
	for name := range tables {
		if covered[name] == 0 {
			t.Errorf("no statement of %s in %s compares %s through the export", name, expectedDir, name)
		}
	}
}

// expectFailure checks a run against a statement that failed in PostgreSQL.
func expectFailure(t *testing.T, got result, pgError string) {
	t.Helper()
	if strings.Contains(pgError, "required qual") {
		got.expect(t, exitUsage)
		return
	}
	// PostgreSQL prefixes the connection name; the message itself must be the same.
	got.expect(t, exitFailed, strings.TrimPrefix(pgError, "prolific: "))
}

// keyConditions splits a where clause into its conditions, when every one is on a key column of the table.
func keyConditions(table *plugin.Table, where string) ([]string, bool) {
	if where == "" {
		return nil, true
	}
	var keys []string
	for _, key := range table.List.KeyColumns {
		keys = append(keys, key.Name)
	}
	if table.Get != nil {
		for _, key := range table.Get.KeyColumns {
			keys = append(keys, key.Name)
		}
	}
	conditions := regexp.MustCompile(`(?i)\s+and\s+`).Split(where, -1)
	for _, condition := range conditions {
		column := conditionColumn.FindStringSubmatch(condition)
		if column == nil || !slices.Contains(keys, column[1]) {
			return nil, false
		}
	}
	return conditions, true
}

// goldenStatements reads every statement and its output from the SQL stage's expected files.
func goldenStatements(t *testing.T) []goldenStatement {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(expectedDir, "*.out"))
	docs, _ := filepath.Glob(filepath.Join(expectedDir, "docs", "*.out"))
	files = append(files, docs...)
	if len(files) == 0 {
		t.Fatalf("no expected files in %s", expectedDir)
	}
	var all []goldenStatement
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, parsePsqlOutput(t, filepath.Base(file), data)...)
	}
	return all
}

// parsePsqlOutput splits psql's echoed output (psql -a) into statements, each with its table or error.
func parsePsqlOutput(t *testing.T, file string, data []byte) []goldenStatement {
	t.Helper()
	scanner := bufio.NewScanner(bytes.NewReader(data))
	scanner.Buffer(make([]byte, 1<<20), 16<<20)
	var statements []goldenStatement
	var sql []string
	for scanner.Scan() {
		line := scanner.Text()
		if len(sql) == 0 && (strings.TrimSpace(line) == "" || strings.HasPrefix(line, "--")) {
			continue
		}
		sql = append(sql, line)
		if !strings.HasSuffix(strings.TrimSpace(line), ";") {
			continue
		}
		statement := goldenStatement{file: file, sql: strings.Join(sql, "\n")}
		sql = nil
		readResult(scanner, &statement)
		statements = append(statements, statement)
	}
	return statements
}

var rowCountLine = regexp.MustCompile(`^\((\d+) rows?\)$`)

// readResult reads what psql printed for one statement: "ERROR:  ..." or an aligned table ending in "(N rows)".
func readResult(scanner *bufio.Scanner, statement *goldenStatement) {
	if !scanner.Scan() {
		return
	}
	first := scanner.Text()
	if message, ok := strings.CutPrefix(first, "ERROR:  "); ok {
		statement.errorMsg = message
		return
	}
	if !scanner.Scan() {
		return
	}
	bounds := columnBounds(scanner.Text())
	statement.header = cells(first, bounds)
	for scanner.Scan() {
		line := scanner.Text()
		if match := rowCountLine.FindStringSubmatch(line); match != nil {
			if n, _ := strconv.Atoi(match[1]); n != len(statement.rows) {
				statement.unread = fmt.Sprintf("read %d rows, psql printed %d", len(statement.rows), n)
			}
			return
		}
		statement.rows = append(statement.rows, cells(line, bounds))
	}
}

// columnBounds returns the display columns where each column of a psql table starts, from its "----+----" line.
func columnBounds(dashes string) []int {
	bounds := []int{0}
	for i, c := range dashes {
		if c == '+' {
			bounds = append(bounds, i+1)
		}
	}
	return append(bounds, -1)
}

// cells cuts a psql table line into trimmed cells at the given display columns (psql pads by display width, so an
// emoji counts two).
func cells(line string, bounds []int) []string {
	out := make([]string, len(bounds)-1)
	column, width := 0, 0
	var cell strings.Builder
	for _, r := range line {
		if column+1 < len(bounds)-1 && width == bounds[column+1]-1 && r == '|' {
			out[column] = trimCell(cell.String())
			cell.Reset()
			column++
			width++
			continue
		}
		cell.WriteRune(r)
		width += runewidth.RuneWidth(r)
	}
	out[column] = trimCell(cell.String())
	return out
}

func trimCell(text string) string {
	return strings.TrimSpace(text)
}

func exportSchemas(t *testing.T) map[string]*proto.TableSchema {
	t.Helper()
	_, schema, err := pluginServer("prolific", `token = "unused"`)
	if err != nil {
		t.Fatal(err)
	}
	return schema
}

func columnTypes(t *testing.T, table *proto.TableSchema, columns []string) []proto.ColumnType {
	t.Helper()
	var types []proto.ColumnType
	for _, name := range columns {
		definition := table.GetColumnMap()[name]
		if definition == nil {
			t.Fatalf("no column %s", name)
		}
		types = append(types, definition.GetType())
	}
	return types
}

// exportedRows reads the export's output and returns each row's cells in canonical form.
func exportedRows(t *testing.T, format, output string, columns []string, types []proto.ColumnType) []string {
	t.Helper()
	var rows [][]any
	switch format {
	case "csv":
		records, err := csv.NewReader(strings.NewReader(output)).ReadAll()
		if err != nil {
			t.Fatalf("the output is not CSV: %v\n%s", err, output)
		}
		if len(records) == 0 || !slices.Equal(records[0], columns) {
			t.Fatalf("CSV header %q, want %q", records, columns)
		}
		for _, record := range records[1:] {
			row := make([]any, len(record))
			for i, cell := range record {
				row[i] = csvText(cell)
			}
			rows = append(rows, row)
		}
	case "jsonl":
		for _, line := range strings.Split(strings.TrimSuffix(output, "\n"), "\n") {
			if line == "" {
				continue
			}
			rows = append(rows, jsonLineValues(t, line, columns))
		}
	}
	return canonicalRows(t, types, rows, exportCell)
}

// jsonLineValues decodes one JSON Lines object and checks that its keys are the columns, in order.
func jsonLineValues(t *testing.T, line string, columns []string) []any {
	t.Helper()
	decoder := json.NewDecoder(strings.NewReader(line))
	decoder.UseNumber()
	if token, err := decoder.Token(); err != nil || token != json.Delim('{') {
		t.Fatalf("JSON line is not an object: %s", line)
	}
	var values []any
	for i := 0; decoder.More(); i++ {
		key, err := decoder.Token()
		if err != nil || i >= len(columns) || key != columns[i] {
			t.Fatalf("JSON line key %d is %v, want the columns %q in order: %s", i, key, columns, line)
		}
		var value any
		if err := decoder.Decode(&value); err != nil {
			t.Fatal(err)
		}
		values = append(values, value)
	}
	if len(values) != len(columns) {
		t.Fatalf("JSON line has %d keys, want %d: %s", len(values), len(columns), line)
	}
	return values
}

// canonicalRows turns each row into one comparable string, whatever engine printed it.
func canonicalRows[T any](t *testing.T, types []proto.ColumnType, rows [][]T, cell func(*testing.T, proto.ColumnType, T) string) []string {
	t.Helper()
	var out []string
	for _, row := range rows {
		if len(row) != len(types) {
			t.Fatalf("row has %d cells, want %d: %v", len(row), len(types), row)
		}
		parts := make([]string, len(row))
		for i, value := range row {
			parts[i] = cell(t, types[i], value)
		}
		out = append(out, strings.Join(parts, " | "))
	}
	sort.Strings(out)
	return out
}

// psqlCell reads a cell as psql prints it: t/f, "2026-09-14 10:22:31.412+00", jsonb text, NULL as nothing.
func psqlCell(t *testing.T, columnType proto.ColumnType, text string) string {
	t.Helper()
	switch columnType {
	case proto.ColumnType_BOOL:
		return map[string]string{"t": "true", "f": "false", "": ""}[text]
	case proto.ColumnType_TIMESTAMP:
		if text == "" {
			return ""
		}
		parsed, err := time.Parse("2006-01-02 15:04:05.999999-07", text)
		if err != nil {
			t.Fatalf("psql timestamp %q: %v", text, err)
		}
		return parsed.UTC().Format(time.RFC3339Nano)
	}
	return canonicalText(t, columnType, text)
}

// exportCell reads a cell of the export: a CSV field (csvText) or a value decoded from a JSON line.
func exportCell(t *testing.T, columnType proto.ColumnType, value any) string {
	t.Helper()
	switch v := value.(type) {
	case csvText:
		return exportText(t, columnType, string(v))
	case nil:
		return ""
	case string:
		if columnType == proto.ColumnType_JSON { // a JSON string value
			encoded, _ := json.Marshal(v)
			return canonicalText(t, columnType, string(encoded))
		}
		return exportText(t, columnType, v)
	case bool:
		return strconv.FormatBool(v)
	case json.Number:
		return canonicalText(t, columnType, v.String())
	default: // an object or array
		encoded, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return canonicalText(t, columnType, string(encoded))
	}
}

// exportText reads a value the export wrote as text: timestamps in RFC 3339, JSON as JSON text.
func exportText(t *testing.T, columnType proto.ColumnType, text string) string {
	t.Helper()
	if columnType == proto.ColumnType_TIMESTAMP && text != "" {
		parsed, err := time.Parse(time.RFC3339Nano, text)
		if err != nil {
			t.Fatalf("export timestamp %q is not RFC 3339: %v", text, err)
		}
		return parsed.UTC().Format(time.RFC3339Nano)
	}
	return canonicalText(t, columnType, text)
}

// csvText is a CSV field, told apart from a string decoded from a JSON line.
type csvText string

// canonicalText puts a value's text in one form for its type: JSON re-encoded with sorted keys (jsonb sorts them),
// numbers in Go's shortest form.
func canonicalText(t *testing.T, columnType proto.ColumnType, text string) string {
	t.Helper()
	switch columnType {
	case proto.ColumnType_JSON:
		if text == "" || text == "null" { // psql shows SQL NULL as nothing; a JSON line shows it as null
			return ""
		}
		var decoded any
		if err := json.Unmarshal([]byte(text), &decoded); err != nil {
			t.Fatalf("JSON column holds %q: %v", text, err)
		}
		encoded, _ := json.Marshal(decoded)
		return string(encoded)
	case proto.ColumnType_DOUBLE:
		if text == "" {
			return ""
		}
		f, err := strconv.ParseFloat(text, 64)
		if err != nil {
			t.Fatalf("double %q: %v", text, err)
		}
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	return text
}

func compareRows(t *testing.T, want, have []string) {
	t.Helper()
	if slices.Equal(want, have) {
		return
	}
	t.Errorf("the export gave %d rows, PostgreSQL %d", len(have), len(want))
	for i := 0; i < max(len(want), len(have)); i++ {
		var w, h string
		if i < len(want) {
			w = want[i]
		}
		if i < len(have) {
			h = have[i]
		}
		if w != h {
			t.Errorf("first difference at sorted row %d:\n  psql:   %.600s\n  export: %.600s", i, w, h)
			return
		}
	}
}

func splitList(text string) []string {
	var out []string
	for _, item := range strings.Split(text, ",") {
		out = append(out, strings.TrimSpace(item))
	}
	return out
}

func oneLine(sql string) string {
	return strings.Join(strings.Fields(sql), " ")
}
