package prolific_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

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

// TestDocsHCLBlocksParse parses every hcl block of README.md and docs/, as test/tools/docs-hcl.sh finds them (the
// Steampipe stage gives the same blocks to the real Steampipe CLI), and config/prolific.spc, as HCL: a user who
// copies one must not meet a syntax error (a one-line block holding a nested block, say, which HCL refuses).
func TestDocsHCLBlocksParse(t *testing.T) {
	files, err := filepath.Glob("../docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	tables, _ := filepath.Glob("../docs/tables/*.md")
	files = append(append(files, tables...), "../README.md")
	blocks := 0
	for _, file := range files {
		out, err := exec.Command("../test/tools/docs-hcl.sh", file).Output()
		if err != nil {
			t.Fatalf("docs-hcl.sh %s: %v", file, err)
		}
		for i, block := range strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00") {
			if block == "" {
				continue
			}
			blocks++
			if _, diags := hclsyntax.ParseConfig([]byte(block), fmt.Sprintf("%s block %d", file, i+1), hcl.InitialPos); diags.HasErrors() {
				t.Errorf("%v", diags)
			}
		}
	}
	if _, diags := hclsyntax.ParseConfig([]byte(read(t, "../config/prolific.spc")), "config/prolific.spc", hcl.InitialPos); diags.HasErrors() {
		t.Errorf("%v", diags)
	}
	if blocks < 6 {
		t.Fatalf("found %d hcl blocks in README.md and docs/, want at least the 6 they hold", blocks)
	}
}
