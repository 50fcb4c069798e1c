package prolific_test

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

// TestTokenNeverAppearsInLogsOrErrors captures every log line at TRACE through successful queries, retries, faults and
// an error body that echoes the token, and checks that the token appears in none of them nor in any error.
func TestTokenNeverAppearsInLogsOrErrors(t *testing.T) {
	const token = "tok-SECRET-7f3a9c51d2"
	logs := harness.CaptureLogs(t, "TRACE")
	api := fakeapi.New()
	api.Token = token
	server := httptest.NewServer(api)
	defer server.Close()
	p := harness.Start(t, harness.Config(server.URL, `token = "`+token+`"`, `max_retries = 1`, `timeout = "300ms"`))

	api.Inject(shapesPath,
		fakeapi.Fault{Kind: fakeapi.StatusFault, Status: 429},
		fakeapi.Fault{Kind: fakeapi.StatusFault, Status: 401, Body: `{"detail":"Invalid token: Token ` + token + `"}`},
		fakeapi.Fault{Kind: fakeapi.StatusFault, Status: 502, Body: "<html>upstream said Authorization: Token " + token + "</html>"},
		fakeapi.Fault{Kind: fakeapi.StatusFault, Status: 502, Body: "<html>again " + token + "</html>"},
		fakeapi.Fault{Kind: fakeapi.TruncatedBody},
		fakeapi.Fault{Kind: fakeapi.StalledHeaders, StallFor: 2 * time.Second},
		fakeapi.Fault{Kind: fakeapi.Redirect, Location: "http://localhost:1/elsewhere"},
	)
	var errs []string
	for range 7 {
		if _, err := queryBatch(t, p, fakeapi.BatchAllShapes); err != nil {
			errs = append(errs, err.Error())
		}
	}
	if len(errs) < 5 {
		t.Fatalf("only %d queries failed; the faults did not all reach the plugin: %q", len(errs), errs)
	}
	// A wrong token is an error too, and must not echo the token it used.
	wrong := harness.Start(t, harness.Config(server.URL, `token = "`+token+`-wrong"`))
	if _, err := queryBatch(t, wrong, fakeapi.BatchAllShapes); err != nil {
		errs = append(errs, err.Error())
	}

	if !logs.WaitFor("refusing to follow a redirect") {
		t.Fatalf("the logs were not captured at TRACE:\n%.2000s", logs.String())
	}
	if strings.Contains(logs.String(), token) {
		for _, line := range strings.Split(logs.String(), "\n") {
			if strings.Contains(line, token) {
				t.Errorf("token in log line: %.300s", line)
			}
		}
	}
	for _, e := range errs {
		if strings.Contains(e, token) {
			t.Errorf("token in error: %s", e)
		}
	}
}
