package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pipeworks/steampipe-plugin-prolific/prolific"
	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

// The "Done when": the demo batch's rows as CSV, from the documented command, with the token and URL from
// the environment variables the plugin falls back to.
func TestDemoBatchAsCSV(t *testing.T) {
	api, baseURL := startFake(t)
	got := runCommand(t, []string{"PROLIFIC_TOKEN=" + api.Token, "PROLIFIC_URL=" + baseURL},
		"prolific_batch_response", "--where", "batch_id = '"+fakeapi.BatchSentiment+"'", "--output", "csv")
	got.expect(t, exitOK)
	if got.stderr != "" {
		t.Errorf("stderr is not a terminal, yet the export wrote to it: %q", got.stderr)
	}
	records := readCSV(t, got.stdout)
	wantRows := harness.Start(t, harness.Config(baseURL)).MustExecute(t, harness.Query{
		Table: "prolific_batch_response", Quals: harness.Equals("batch_id", fakeapi.BatchSentiment)})
	if len(wantRows) < 10 {
		t.Fatalf("the demo batch has only %d rows through the plugin", len(wantRows))
	}
	ids := csvColumn(t, records, "id")
	slices.Sort(ids)
	if want := harness.Strings(wantRows, "id"); !slices.Equal(ids, want) {
		t.Errorf("the export's ids differ from the plugin's:\n got %q\nwant %q", ids, want)
	}
	if header := records[0]; header[0] != "batch_id" || !slices.Contains(header, "answer_values") || slices.Contains(header, "_ctx") {
		t.Errorf("header %q: want the table's columns in its order, without the SDK's _ctx columns", header)
	}
}

// An error after rows were written must end the export with exit code 1 and say that the output is incomplete.
func TestFailureAfterRowsExitsNonZero(t *testing.T) {
	cases := []struct {
		name   string
		fault  fakeapi.Fault
		stderr string
	}{
		{"truncated body", fakeapi.Fault{Kind: fakeapi.TruncatedBody}, "truncated response"},
		{"malformed JSON", fakeapi.Fault{Kind: fakeapi.MalformedJSON}, "not valid JSON"},
		{"connection reset mid-body", fakeapi.Fault{Kind: fakeapi.ResetMidBody, Repeat: true}, "reading the response failed"},
		// The harness's timeout of 2 s ends the stall.
		{"stalled body", fakeapi.Fault{Kind: fakeapi.StalledBody, StallFor: 20 * time.Second}, "reading the response failed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			api, baseURL := startFake(t)
			api.Inject(fakeapi.ResponsesPath(fakeapi.BatchAllShapes), c.fault)
			got := runCommand(t, nil, append([]string{"prolific_batch_response", "--where",
				"batch_id = '" + fakeapi.BatchAllShapes + "'"}, configFlag(baseURL, `max_retries = 1`)...)...)
			got.expect(t, exitFailed, "export failed after", c.stderr)
			if !strings.Contains(got.stdout, "batch_id,") {
				t.Errorf("stdout lacks the CSV header: %q", got.stdout)
			}
			if strings.Contains(got.stderr, "after 0 rows") != !strings.Contains(got.stderr, "the output is incomplete") {
				t.Errorf("a failure after rows must say the output is incomplete:\n%s", got.stderr)
			}
		})
	}
}

// The standing fault batches of the fake, which the SQL stage uses too, fail the same way.
func TestTruncatedBatchExitsNonZero(t *testing.T) {
	_, baseURL := startFake(t)
	got := runCommand(t, nil, append([]string{"prolific_batch_response", "--where",
		"batch_id = '" + fakeapi.BatchFaultTruncated + "'", "--output", "jsonl"}, configFlag(baseURL)...)...)
	got.expect(t, exitFailed, "truncated response", "the output is incomplete")
	lines := strings.Count(got.stdout, "\n")
	if !strings.Contains(got.stderr, "export failed after "+rowCount(int64(lines))) {
		t.Errorf("stderr does not count the %d rows written:\n%s", lines, got.stderr)
	}
}

func TestRateLimitedThenSuccess(t *testing.T) {
	api, baseURL := startFake(t)
	path := fakeapi.ResponsesPath(fakeapi.BatchAllShapes)
	api.Inject(path, fakeapi.Fault{Kind: fakeapi.StatusFault, Status: 429, RetryAfter: "0"})
	got := runCommand(t, nil, append([]string{"prolific_batch_response", "--where",
		"batch_id = '" + fakeapi.BatchAllShapes + "'", "--select", "id"}, configFlag(baseURL)...)...)
	got.expect(t, exitOK)
	if n := api.RequestsTo(path); n != 2 {
		t.Errorf("%d requests, want the 429 and one retry", n)
	}
	if rows, want := len(readCSV(t, got.stdout))-1, shapesRows(t, baseURL); rows != want {
		t.Errorf("%d rows after the retry, want all %d of the batch", rows, want)
	}
}

func TestWrongTokenNeverShown(t *testing.T) {
	const token = "tok-SECRET-51c2e9d7"
	_, baseURL := startFake(t)
	spc := writeSpc(t, `connection "prolific" {
  plugin = "prolific"
  token = "`+token+`"
  base_url = "`+baseURL+`"
}`)
	for name, args := range map[string][]string{
		"--config":     configFlag(baseURL, `token = "`+token+`"`),
		"--config-dir": {"--config-dir", spc},
	} {
		t.Run(name, func(t *testing.T) {
			got := runCommand(t, nil, append([]string{"prolific_batch_response", "--where",
				"batch_id = '" + fakeapi.BatchAllShapes + "'"}, args...)...)
			got.expect(t, exitFailed, "401 Unauthorized", "Check the API token")
			if strings.Contains(got.stdout+got.stderr, token) {
				t.Errorf("the token appears in the output:\nstdout: %s\nstderr: %s", got.stdout, got.stderr)
			}
		})
	}
	t.Run("PROLIFIC_TOKEN", func(t *testing.T) {
		got := runCommand(t, []string{"PROLIFIC_TOKEN=" + token, "PROLIFIC_URL=" + baseURL},
			"prolific_workspace", "--select", "id")
		got.expect(t, exitFailed, "401 Unauthorized")
		if strings.Contains(got.stdout+got.stderr, token) {
			t.Errorf("the token appears in the output:\nstdout: %s\nstderr: %s", got.stdout, got.stderr)
		}
	})
}

func TestMissingRequiredQualNamesTheColumn(t *testing.T) {
	_, baseURL := startFake(t)
	got := runCommand(t, nil, append([]string{"prolific_batch_response"}, configFlag(baseURL)...)...)
	got.expect(t, exitUsage, "needs a value for batch_id",
		`steampipe_export_prolific prolific_batch_response --where "batch_id = 'YOUR_BATCH_ID'"`,
		"steampipe_export_prolific prolific_batch --select id,name")
	if got.stdout != "" {
		t.Errorf("a usage error wrote to stdout: %q", got.stdout)
	}
	// A get key (id) stands in for the list's required column.
	runInProcess(t, false, append([]string{"prolific_submission", "--where", "id = '5e0000000000000000000001'"},
		configFlag(baseURL)...)...).expect(t, exitOK)
	runInProcess(t, false, append([]string{"prolific_submission", "--where", "status = 'APPROVED'"},
		configFlag(baseURL)...)...).expect(t, exitUsage, "needs a value for study_id")
}

func TestOutputShapes(t *testing.T) {
	_, baseURL := startFake(t)
	args := append([]string{"prolific_batch_response", "--where", "batch_id = '" + fakeapi.BatchAllShapes + "'",
		"--select", "id,created_at,answer,metadata,schema_version,no_submission"}, configFlag(baseURL)...)
	want := shapesRows(t, baseURL)

	t.Run("csv", func(t *testing.T) {
		got := runInProcess(t, false, append(args, "--output", "csv")...)
		got.expect(t, exitOK)
		checkCSVShape(t, readCSV(t, got.stdout), want)
	})
	t.Run("json", func(t *testing.T) {
		got := runInProcess(t, false, append(args, "--output", "json")...)
		got.expect(t, exitOK)
		var rows []map[string]any
		if err := json.Unmarshal([]byte(got.stdout), &rows); err != nil {
			t.Fatalf("not a JSON array: %v\n%s", err, got.stdout)
		}
		if len(rows) != want {
			t.Fatalf("%d objects, want %d", len(rows), want)
		}
		checkJSONTypes(t, rows)
	})
	t.Run("jsonl", func(t *testing.T) {
		got := runInProcess(t, false, append(args, "--output", "jsonl")...)
		got.expect(t, exitOK)
		checkJSONTypes(t, readJSONLines(t, got.stdout, want))
	})
	t.Run("no rows", func(t *testing.T) {
		empty := append([]string{"prolific_batch_response", "--where", "batch_id = '6a1b2c3d-0000-4000-8000-0000000000ff'",
			"--select", "id,answer"}, configFlag(baseURL)...)
		for format, want := range map[string]string{"csv": "id,answer\n", "json": "[]\n", "jsonl": ""} {
			got := runInProcess(t, false, append(empty, "--output", format)...)
			got.expect(t, exitOK)
			if got.stdout != want {
				t.Errorf("%s with no rows: %q, want %q", format, got.stdout, want)
			}
		}
	})
}

// checkCSVShape: a header, then want rows whose JSON column holds JSON text and whose timestamp is RFC 3339.
func checkCSVShape(t *testing.T, records [][]string, want int) {
	t.Helper()
	if !slices.Equal(records[0], []string{"id", "created_at", "answer", "metadata", "schema_version", "no_submission"}) {
		t.Errorf("header %q", records[0])
	}
	if len(records) != want+1 {
		t.Fatalf("%d records, want a header and %d rows", len(records), want)
	}
	for _, record := range records[1:] {
		var answer any
		if err := json.Unmarshal([]byte(record[2]), &answer); err != nil {
			t.Errorf("answer is not JSON text in CSV: %q", record[2])
		}
		if _, err := time.Parse(time.RFC3339Nano, record[1]); err != nil {
			t.Errorf("created_at %q is not RFC 3339", record[1])
		}
	}
}

// readJSONLines reads want lines, each a JSON object.
func readJSONLines(t *testing.T, stdout string, want int) []map[string]any {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(lines) != want {
		t.Fatalf("%d lines, want %d", len(lines), want)
	}
	var rows []map[string]any
	for _, line := range lines {
		var row map[string]any
		if err := json.Unmarshal([]byte(line), &row); err != nil {
			t.Fatalf("line is not a JSON object: %v\n%s", err, line)
		}
		rows = append(rows, row)
	}
	return rows
}

// checkJSONTypes: JSON columns are JSON values, not strings holding JSON; NULL is null.
func checkJSONTypes(t *testing.T, rows []map[string]any) {
	t.Helper()
	var objects, nulls int
	for _, row := range rows {
		switch row["metadata"].(type) {
		case map[string]any:
			objects++
		case nil:
			nulls++
		default:
			t.Errorf("metadata is %T, want a JSON object or null: %v", row["metadata"], row["metadata"])
		}
		if _, isString := row["answer"].(string); isString {
			t.Errorf("answer is a string holding JSON: %q", row["answer"])
		}
		if _, isBool := row["no_submission"].(bool); !isBool && row["no_submission"] != nil {
			t.Errorf("no_submission is %T", row["no_submission"])
		}
	}
	if objects == 0 || nulls == 0 {
		t.Errorf("want both objects and nulls among the metadata values: %d objects, %d nulls", objects, nulls)
	}
}

// Warnings that say a result may be incomplete reach stderr by default; STEAMPIPE_LOG_LEVEL still chooses.
func TestPluginWarningsAreShown(t *testing.T) {
	_, baseURL := startFake(t)
	args := append([]string{"prolific_batch_response", "--where", "batch_id = '" + fakeapi.BatchCountMismatch + "'",
		"--select", "id"}, configFlag(baseURL)...)
	shown := runCommand(t, nil, args...)
	shown.expect(t, exitOK, "count_mismatch")
	quiet := runCommand(t, []string{"STEAMPIPE_LOG_LEVEL=error"}, args...)
	quiet.expect(t, exitOK)
	if strings.Contains(quiet.stderr, "count_mismatch") {
		t.Errorf("STEAMPIPE_LOG_LEVEL=error still logged the warning: %q", quiet.stderr)
	}
}

func TestLimit(t *testing.T) {
	_, baseURL := startFake(t)
	got := runInProcess(t, false, append([]string{"prolific_batch_response", "--where",
		"batch_id = '" + fakeapi.BatchAllShapes + "'", "--select", "id", "--limit", "3", "--output", "jsonl"}, configFlag(baseURL)...)...)
	got.expect(t, exitOK)
	if n := strings.Count(got.stdout, "\n"); n != 3 {
		t.Errorf("%d rows with --limit 3", n)
	}
}

func TestConfigFiles(t *testing.T) {
	api, baseURL := startFake(t)
	dir := writeSpc(t, twoConnectionsSpc(api.Token, baseURL))
	workspaces := []string{"prolific_workspace", "--select", "id"}
	t.Run("default connection from --config-dir", func(t *testing.T) {
		runCommand(t, nil, append(workspaces, "--config-dir", dir)...).expect(t, exitOK)
	})
	t.Run("--connection", func(t *testing.T) {
		runCommand(t, nil, append(workspaces, "--config-dir", dir, "--connection", "prolific_second")...).expect(t, exitOK)
	})
	t.Run("~/.steampipe/config", func(t *testing.T) {
		home := t.TempDir()
		must(t, os.MkdirAll(filepath.Join(home, ".steampipe", "config"), 0o755))
		spc, err := os.ReadFile(filepath.Join(dir, "prolific.spc"))
		must(t, err)
		must(t, os.WriteFile(filepath.Join(home, ".steampipe", "config", "prolific.spc"), spc, 0o600))
		runCommand(t, []string{"HOME=" + home}, workspaces...).expect(t, exitOK)
	})
	t.Run("the shipped config/prolific.spc", func(t *testing.T) {
		runCommand(t, nil, append(workspaces, "--config-dir", writeSpc(t, shippedSpc(t, api.Token, baseURL)))...).
			expect(t, exitOK)
	})
	t.Run("unknown connection", func(t *testing.T) {
		runCommand(t, nil, append(workspaces, "--config-dir", dir, "--connection", "nope")...).
			expect(t, exitConfig, `no connection "nope"`, "prolific, prolific_second")
	})
	t.Run("another plugin's connection", func(t *testing.T) {
		runCommand(t, nil, append(workspaces, "--config-dir", dir, "--connection", "other")...).
			expect(t, exitConfig, `no connection "other"`)
	})
	t.Run("broken file", func(t *testing.T) {
		broken := writeSpc(t, "connection \"prolific\" {\n  token = \n}\n")
		runCommand(t, nil, append(workspaces, "--config-dir", broken)...).expect(t, exitConfig, "prolific.spc:2")
	})
	t.Run("unknown argument", func(t *testing.T) {
		bad := writeSpc(t, "connection \"prolific\" {\n  plugin = \"prolific\"\n  tokn = \"x\"\n}\n")
		runCommand(t, nil, append(workspaces, "--config-dir", bad)...).expect(t, exitConfig, "tokn")
	})
	t.Run("no token anywhere", func(t *testing.T) {
		runCommand(t, nil, workspaces...).expect(t, exitFailed, "no Prolific API token", "PROLIFIC_TOKEN")
	})
}

// twoConnectionsSpc is a config file with two prolific connections and another plugin's. Steampipe's own arguments
// (plugin) are not passed to the plugin.
func twoConnectionsSpc(token, baseURL string) string {
	return `
connection "prolific" {
  plugin   = "prolific"
  token    = "` + token + `"
  base_url = "` + baseURL + `"
}

connection "prolific_second" {
  plugin   = "local/prolific"
  token    = "` + token + `"
  base_url = "` + baseURL + `"
}

connection "other" {
  plugin = "aws"
}
`
}

// shippedSpc is config/prolific.spc with its commented token and base_url lines set.
func shippedSpc(t *testing.T, token, baseURL string) string {
	t.Helper()
	shipped, err := os.ReadFile("../../config/prolific.spc")
	must(t, err)
	text := regexp.MustCompile(`(?m)^  # token = .*$`).ReplaceAllString(string(shipped), `  token = "`+token+`"`)
	text = regexp.MustCompile(`(?m)^  # base_url = .*$`).ReplaceAllString(text, `  base_url = "`+baseURL+`"`)
	if !strings.Contains(text, baseURL) || !strings.Contains(text, token) {
		t.Fatal("config/prolific.spc no longer has the commented token and base_url lines this test sets")
	}
	return text
}

func TestWhereClauses(t *testing.T) {
	_, schema, err := pluginServer("prolific", `token = "unused"`)
	must(t, err)
	table := schema["prolific_submission"]
	good := map[string]int{ // clause: quals it gives
		"study_id = 'abc'":                             1,
		"'abc' = study_id":                             1,
		"study_id = 'abc' and status = 'APPROVED'":     2,
		"study_id in ('a', 'b')":                       1,
		"(study_id = 'a')":                             1,
		"study_id = 'it''s'":                           1,
		"STUDY_ID = 'abc'":                             1,
		"study_id = 'abc' and status in ('A', 'B')":    2,
		"id = '5e0000000000000000000001'":              1,
		"study_id = 'x' and (status = 'APPROVED')":     2,
		"study_id = 'x' and status = 'A' and id = 'y'": 3,
	}
	for clause, want := range good {
		quals, err := buildQuals(table, "prolific_submission", []string{clause})
		if err != nil {
			t.Errorf("%s: %v", clause, err)
			continue
		}
		n := 0
		for _, q := range quals {
			n += len(q.Quals)
		}
		if n != want {
			t.Errorf("%s: %d quals, want %d", clause, n, want)
		}
	}
	quals, _ := buildQuals(table, "prolific_submission", []string{"study_id in ('a', 'b')"})
	if list := quals["study_id"].Quals[0].GetValue().GetListValue(); len(list.GetValues()) != 2 {
		t.Errorf("an IN list is not a list qual: %v", quals)
	}
	bad := map[string]string{ // clause: what the error must say
		"started_at = '2026-01-01'":        "and the API takes only id, study_id, status. Export without it and filter the file afterwards",
		"study_id = 'a' or study_id = 'b'": `"or" cannot be passed`,
		"study_id = abc":                   "put text values in single quotes, as in study_id = 'abc'",
		"study_id != 'a'":                  `study_id accepts only = in --where, not "!="`,
		"study_id like 'a%'":               "study_id accepts only =",
		"nope = 'a'":                       `prolific_submission has no column "nope"`,
		"study_id = ":                      "is not a condition the export can read",
		"study_id not in ('a')":            "study_id accepts only =",
		"study_id -> 'x' = 'a'":            "the left side must be a column name",
		"not study_id = 'a'":               `"not" cannot be passed`,
	}
	for clause, want := range bad {
		_, err := buildQuals(table, "prolific_submission", []string{clause})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want one that says %q", clause, err, want)
		}
	}
}

// workspace_id routes an aggregator's query (prolific/connection_keys.go), so the SDK offers it on every call of a
// table that has the column, though the dataset's get ignores it: the export, which filters nothing itself, refuses
// it there, and still takes it where an API call does.
func TestWhereRefusesRoutingOnlyKeyColumns(t *testing.T) {
	_, schema, err := pluginServer("prolific", `token = "unused"`)
	must(t, err)
	_, err = buildQuals(schema["prolific_dataset"], "prolific_dataset", []string{"id = 'a' and workspace_id = 'w'"})
	if err == nil || !strings.Contains(err.Error(), "prolific_dataset cannot be filtered on workspace_id") {
		t.Errorf("workspace_id on prolific_dataset: error %v, want a refusal", err)
	}
	if _, err := buildQuals(schema["prolific_batch"], "prolific_batch", []string{"workspace_id = 'w'"}); err != nil {
		t.Errorf("workspace_id on prolific_batch, whose list takes it: %v", err)
	}
}

func TestCommandLine(t *testing.T) {
	help := runCommand(t, nil, "-h")
	help.expect(t, exitOK)
	for _, text := range []string{"Usage:", "--where", "prolific_batch_response", "Exit codes"} {
		if !strings.Contains(help.stdout, text) {
			t.Errorf("-h lacks %q", text)
		}
	}
	want := prolific.Version // the version linked into this test binary
	if os.Getenv("EXPORT_BINARY") != "" {
		want = os.Getenv("EXPORT_VERSION") // the version make export linked into that binary
	}
	for _, flag := range []string{"--version", "-v"} {
		version := runCommand(t, nil, flag)
		version.expect(t, exitOK)
		if version.stdout != "steampipe_export_prolific "+want+"\n" {
			t.Errorf("%s printed %q", flag, version.stdout)
		}
	}
	for args, want := range map[string]string{
		"":                              "name the table to export",
		"prolific_nope":                 `no table "prolific_nope"`,
		"prolific_workspace --output x": `--output "x": choose csv, json or jsonl`,
		"prolific_workspace --limit -1": "--limit -1",
		"prolific_workspace --bogus":    "flag provided but not defined: -bogus",
		"prolific_workspace --select id,nope --config token=\"x\"": `has no column "nope"`,
		"prolific_workspace prolific_user":                         "one table at a time",
	} {
		got := runInProcess(t, false, strings.Fields(args)...)
		got.expect(t, exitUsage, want, "Run 'steampipe_export_prolific --help'")
		if got.stdout != "" {
			t.Errorf("%s: a usage error wrote to stdout", args)
		}
	}
}

// With stderr a terminal, a progress line counts the rows; without, stderr stays empty on success.
func TestProgressLine(t *testing.T) {
	_, baseURL := startFake(t)
	args := append([]string{"prolific_batch_response", "--where", "batch_id = '" + fakeapi.BatchAllShapes + "'"},
		configFlag(baseURL)...)
	got := runInProcess(t, true, args...)
	got.expect(t, exitOK, rowCount(int64(shapesRows(t, baseURL)))+", ", "done\n")
	if !strings.HasPrefix(got.stderr, "\r\x1b[K") {
		t.Errorf("the progress line does not redraw itself: %q", got.stderr)
	}
	quiet := runInProcess(t, false, args...)
	quiet.expect(t, exitOK)
	if quiet.stderr != "" {
		t.Errorf("progress written to a stderr that is not a terminal: %q", quiet.stderr)
	}
}

// Ctrl-C stops the export with exit code 130 and says the output is incomplete.
func TestInterrupted(t *testing.T) {
	api, baseURL := startFake(t)
	path := fakeapi.ResponsesPath(fakeapi.BatchAllShapes)
	api.Inject(path, fakeapi.Fault{Kind: fakeapi.StalledHeaders, StallFor: 20 * time.Second})
	binary, err := os.Executable()
	must(t, err)
	if built := os.Getenv("EXPORT_BINARY"); built != "" {
		binary = built
	}
	cmd := exec.Command(binary, append([]string{"prolific_batch_response", "--where", "batch_id = '" + fakeapi.BatchAllShapes + "'"},
		configFlag(baseURL, `timeout = "30s"`)...)...)
	cmd.Env = []string{runMainEnv + "=1", "HOME=" + t.TempDir()}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	must(t, cmd.Start())
	// Interrupt once the request is waiting on the stalled API, not before the handler is installed.
	for deadline := time.Now().Add(10 * time.Second); api.RequestsTo(path) == 0; {
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			t.Fatal("the export never called the API")
		}
		time.Sleep(10 * time.Millisecond)
	}
	must(t, cmd.Process.Signal(syscall.SIGINT))
	_ = cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != exitInterrupted {
		t.Errorf("exit code %d after Ctrl-C, want %d; stderr: %s", code, exitInterrupted, stderr.String())
	}
	if !strings.Contains(stderr.String(), "interrupted after 0 rows: the output is incomplete") {
		t.Errorf("stderr: %s", stderr.String())
	}
}

// shapesRows is the number of rows of the fake's all-shapes batch, through the plugin itself.
func shapesRows(t *testing.T, baseURL string) int {
	t.Helper()
	return len(harness.Start(t, harness.Config(baseURL)).MustExecute(t, harness.Query{
		Table: "prolific_batch_response", Columns: []string{"id"}, Quals: harness.Equals("batch_id", fakeapi.BatchAllShapes)}))
}

func readCSV(t *testing.T, text string) [][]string {
	t.Helper()
	records, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil || len(records) == 0 {
		t.Fatalf("not CSV with a header (%v): %.500s", err, text)
	}
	return records
}

func csvColumn(t *testing.T, records [][]string, name string) []string {
	t.Helper()
	i := slices.Index(records[0], name)
	if i < 0 {
		t.Fatalf("no column %s in %q", name, records[0])
	}
	var values []string
	for _, record := range records[1:] {
		values = append(values, record[i])
	}
	return values
}

// writeSpc writes text as prolific.spc in a new config directory and returns the directory.
func writeSpc(t *testing.T, text string) string {
	t.Helper()
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, "prolific.spc"), []byte(text), 0o600))
	return dir
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
