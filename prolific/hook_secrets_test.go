package prolific_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

// GET /api/v1/hooks/secrets/ returns the secret that signs a workspace's webhook payloads (docs/api-evidence.md (H4)).
// Anyone with it can forge events to the researcher's endpoints, so no query of any table may ever request it.

// TestHookSecretsAreNeverRequested runs every table's queries against the fake: its fault-matrix probe, every
// column (so every column hydrate runs), the listing without quals where the table allows one, and a get by id
// where it has one. None may request a path under /api/v1/hooks/secrets, and the fake's secret may appear in no row.
func TestHookSecretsAreNeverRequested(t *testing.T) {
	api, p := startFake(t)
	probed := map[string]bool{}
	for _, probe := range probes {
		probed[probe.table] = true
		rows, err := p.Execute(t, harness.Query{Table: probe.table, Quals: probe.quals})
		if err != nil || len(rows) == 0 {
			t.Errorf("%s: probe: %d rows, err %v", probe.table, len(rows), err)
		}
		checkNoSecret(t, probe.table, rows)
		schema := p.Schema(t)[probe.table]
		if rows, err := p.Execute(t, harness.Query{Table: probe.table}); err == nil {
			checkNoSecret(t, probe.table, rows) // tables with a required qual fail here, which is fine
		}
		if get := ownKeys(schema.GetGetCallKeyColumnList()); len(get) == 1 && len(rows) > 0 {
			id := rows[0][get[0].Name].GetStringValue()
			got, err := p.Execute(t, harness.Query{Table: probe.table, Quals: harness.Equals(get[0].Name, id)})
			if err != nil || len(got) != 1 {
				t.Errorf("%s: get %s: %d rows, err %v", probe.table, id, len(got), err)
			}
			checkNoSecret(t, probe.table, got)
		}
	}
	for table := range p.Schema(t) {
		if !probed[table] {
			t.Errorf("table %s has no probe, so this test does not run its queries", table)
		}
	}
	if len(api.Requests()) < 2*len(probes) {
		t.Fatalf("only %d requests reached the fake", len(api.Requests()))
	}
	if n := api.RequestsTo(fakeapi.HookSecretsPath); n != 0 {
		t.Errorf("%d requests for the webhook secrets", n)
	}
}

func checkNoSecret(t *testing.T, table string, rows []harness.Row) {
	t.Helper()
	for _, row := range rows {
		for column, value := range row {
			if strings.Contains(value.String(), fakeapi.HookSecretValue) {
				t.Errorf("%s.%s holds the webhook secret", table, column)
			}
		}
	}
}

// TestFakeSecretsTrapWorks shows that the check above would catch a read: the fake answers the secrets path with
// its secret, and logs the request where RequestsTo finds it, with or without a trailing slash.
func TestFakeSecretsTrapWorks(t *testing.T) {
	api := fakeapi.New()
	server := httptest.NewServer(api)
	t.Cleanup(server.Close)
	for _, path := range []string{fakeapi.HookSecretsPath + "/", fakeapi.HookSecretsPath + "?workspace_id=" + fakeapi.WorkspaceNLP} {
		req, err := http.NewRequest(http.MethodGet, server.URL+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Token "+fakeapi.DefaultToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), fakeapi.HookSecretValue) {
			t.Errorf("GET %s: %d %s; want the secret, so a table that read it would show it", path, resp.StatusCode, body)
		}
	}
	if n := api.RequestsTo(fakeapi.HookSecretsPath); n != 2 {
		t.Errorf("the fake logged %d requests for the secrets, want 2", n)
	}
}

// TestNoPluginCodeNamesTheSecretsPath: no source file of the plugin names the secrets endpoint at all.
func TestNoPluginCodeNamesTheSecretsPath(t *testing.T) {
	for file, text := range pluginSources(t) {
		if strings.Contains(text, "hooks/secrets") {
			t.Errorf("%s names the webhook secrets endpoint", file)
		}
	}
}

// pluginSources returns the text of each non-test Go file of the plugin package, by file name.
func pluginSources(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files: %v", err)
	}
	sources := map[string]string{}
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		sources[file] = string(data)
	}
	return sources
}
