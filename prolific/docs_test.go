package prolific_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

// TestConfigFileMatchesDocs checks that docs/index.md shows config/prolific.spc exactly, and that the file names
// every connection argument and the environment variables.
func TestConfigFileMatchesDocs(t *testing.T) {
	spc := read(t, "../config/prolific.spc")
	index := read(t, "../docs/index.md")
	start := strings.Index(index, "### Configuration")
	block := regexp.MustCompile("(?s)```hcl\n(.*?)```").FindStringSubmatch(index[max(start, 0):])
	if start < 0 || block == nil || block[1] != spc {
		t.Fatal("docs/index.md's ### Configuration block differs from config/prolific.spc")
	}
	for _, want := range []string{"token", "base_url", "timeout", "max_retries", "retry_base_delay", "max_retry_wait",
		"max_concurrent_requests", "ignore_error_codes", "PROLIFIC_TOKEN", "PROLIFIC_URL"} {
		if !strings.Contains(spc, want) {
			t.Errorf("config/prolific.spc does not mention %s", want)
		}
	}
}

// TestEveryTableIsDocumented checks that each table has docs/tables/<table>.md with examples in both dialects.
func TestEveryTableIsDocumented(t *testing.T) {
	p := harness.Start(t, `token = "t"`)
	for table := range p.Schema(t) {
		doc := read(t, "../docs/tables/"+table+".md")
		postgres, sqlite := strings.Count(doc, "```sql+postgres"), strings.Count(doc, "```sql+sqlite")
		if postgres < 4 || sqlite != postgres {
			t.Errorf("docs/tables/%s.md has %d sql+postgres and %d sql+sqlite examples; want at least 4 of each, in pairs", table, postgres, sqlite)
		}
		if !strings.Contains(doc, "# Table: "+table) {
			t.Errorf("docs/tables/%s.md has no '# Table: %s' heading", table, table)
		}
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
