package prolific_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

// coverageRow is one endpoint row of docs/api-coverage.md.
type coverageRow struct {
	endpoints int    // 1, or 2 for a row that stands for two endpoints ("56–57")
	path      string // normalised: ids as {}, no trailing slash
	readBy    string
}

var (
	coverageRowPattern = regexp.MustCompile("(?m)^\\| ([0-9]+|[0-9]+–[0-9]+) \\| `?GET ([^|`]*)`? \\| ([^|]*) \\|")
	coverageHeadline   = regexp.MustCompile(`\*\*([0-9]+) of the ([0-9]+) GET endpoints are read\*\*`)
	pathParameter      = regexp.MustCompile(`\{[^}]*\}|%s`)
	requestedPath      = regexp.MustCompile(`"(/api/v1/[^"]*)"`)
)

func normalisePath(path string) string {
	return strings.TrimSuffix(pathParameter.ReplaceAllString(strings.TrimSpace(path), "{}"), "/")
}

func readCoverage(t *testing.T) (rows []coverageRow, covered, total int) {
	t.Helper()
	doc := read(t, "../docs/api-coverage.md")
	headline := coverageHeadline.FindStringSubmatch(doc)
	if headline == nil {
		t.Fatal("docs/api-coverage.md does not start with **N of the M GET endpoints are read**")
	}
	covered, _ = strconv.Atoi(headline[1])
	total, _ = strconv.Atoi(headline[2])
	for _, m := range coverageRowPattern.FindAllStringSubmatch(doc, -1) {
		n := 1
		if strings.Contains(m[1], "–") {
			n = 2
		}
		rows = append(rows, coverageRow{endpoints: n, path: normalisePath(m[2]), readBy: m[3]})
	}
	return rows, covered, total
}

// TestAPICoverageCounts: the headline of docs/api-coverage.md counts its rows, a row is covered when it links a table,
// and at least 40 endpoints are covered.
func TestAPICoverageCounts(t *testing.T) {
	rows, covered, total := readCoverage(t)
	endpoints, read := 0, 0
	for _, row := range rows {
		endpoints += row.endpoints
		if strings.HasPrefix(row.readBy, "[prolific_") {
			read += row.endpoints
		}
	}
	if endpoints != total || read != covered {
		t.Errorf("the headline says %d of %d endpoints are read; the table has %d rows, %d of them read", covered, total, endpoints, read)
	}
	if covered < 40 {
		t.Errorf("%d endpoints covered, want at least 40", covered)
	}
}

// TestAPICoverageListsWhatThePluginReads: every table appears in a covered row, and every API path the plugin's code
// names is a covered endpoint; the secrets endpoint is a row that is not.
func TestAPICoverageListsWhatThePluginReads(t *testing.T) {
	rows, _, _ := readCoverage(t)
	covered := map[string]bool{}
	var readBy strings.Builder
	for _, row := range rows {
		if strings.HasPrefix(row.readBy, "[prolific_") {
			covered[row.path] = true
			readBy.WriteString(row.readBy)
		}
	}
	for table := range harness.Start(t, `token = "t"`).Schema(t) {
		if !strings.Contains(readBy.String(), "["+table+"]") {
			t.Errorf("no covered row of docs/api-coverage.md names %s", table)
		}
	}
	for file, text := range pluginSources(t) {
		for _, m := range requestedPath.FindAllStringSubmatch(text, -1) {
			if !covered[normalisePath(m[1])] {
				t.Errorf("%s requests %s, which docs/api-coverage.md does not list as read", file, m[1])
			}
		}
	}
	if covered[normalisePath("/api/v1/hooks/secrets/")] {
		t.Error("docs/api-coverage.md lists the webhook secrets as read")
	}
}
