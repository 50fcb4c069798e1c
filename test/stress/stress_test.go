// Package stress repeats every way a scan can fail, many times and with every core busy, and checks that each run
// ends in an error: never in a short or empty result. It runs the plugin in process (the SDK's gRPC server called
// directly) and as the plugin binary over go-plugin, as Steampipe runs it. The PostgreSQL extension and the Steampipe
// CLI levels are in test/stress/stress.sh, whose list of failing scans mirrors failingScans in SQL.
//
//	STRESS_RUNS=200 go test ./test/stress           runs per case and level (default 10, as in make test)
//	STRESS_REPORT=1 go test ./test/stress -v        measure and report the loss rate instead of failing (stock SDK)
package stress

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// failingScan is one way a scan must fail, and a fragment of the error it must fail with.
type failingScan struct {
	name  string
	quals map[string]*proto.Quals
	want  string
}

var failingScans = []failingScan{
	{"403 before any row", harness.Equals("batch_id", fakeapi.BatchFaultForbidden), "403"},
	{"refused id before any row", harness.Equals("batch_id", "abc\x01def"), "control character"},
	{"missing qual", nil, "missing 1 required qual"},
	{"truncated body after rows", harness.Equals("batch_id", fakeapi.BatchFaultTruncated), "after 6 rows"},
	{"reset after rows", harness.Equals("batch_id", fakeapi.BatchFaultReset), "rows"},
	{"malformed body after rows", harness.Equals("batch_id", fakeapi.BatchFaultMalformed), "rows"},
	{"stalled body after rows", harness.Equals("batch_id", fakeapi.BatchFaultStalled), "rows"},
	{"IN list with one failing batch", harness.In("batch_id", fakeapi.BatchSentiment, fakeapi.BatchFaultTruncated), "rows"},
}

// executor runs one scan of prolific_batch_response and returns its row count and error.
type executor func(q harness.Query) (int, error)

func TestNoErrorIsLostInProcess(t *testing.T) {
	api := httptest.NewServer(fakeapi.New())
	defer api.Close()
	p := harness.Start(t, config(api.URL))
	stressEveryScan(t, func(q harness.Query) (int, error) {
		rows, err := p.Execute(t, q)
		return len(rows), err
	})
}

func TestNoErrorIsLostOverGoPlugin(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the plugin binary")
	}
	api := httptest.NewServer(fakeapi.New())
	defer api.Close()
	remote := harness.Launch(t, harness.BuildPluginBinary(t), config(api.URL))
	stressEveryScan(t, func(q harness.Query) (int, error) {
		rows, err := remote.Execute(q)
		return len(rows), err
	})
}

// config is a connection to the fake whose stall guard gives up quickly, so the stalled case can run many times.
func config(baseURL string) string {
	return harness.Config(baseURL, `timeout = "300ms"`, `max_retries = 0`)
}

// stressEveryScan runs each failing scan STRESS_RUNS times while every core is kept busy, and counts the runs that
// ended without the expected error.
func stressEveryScan(t *testing.T, execute executor) {
	runs := envInt(t, "STRESS_RUNS", 10)
	reportOnly := os.Getenv("STRESS_REPORT") == "1"
	stopLoad := loadEveryCore()
	defer stopLoad()
	total, lost := 0, 0
	for _, scan := range failingScans {
		t.Run(scan.name, func(t *testing.T) {
			caseLost := 0
			for run := 0; run < runs; run++ {
				q := harness.Query{Table: "prolific_batch_response", Columns: []string{"batch_id", "id", "answer"},
					Quals: scan.quals, Context: context.Background(), ReadDelay: time.Millisecond}
				rows, err := execute(q)
				if err == nil || !strings.Contains(err.Error(), scan.want) {
					caseLost++
					if !reportOnly {
						t.Errorf("run %d: %d rows and error %v; want an error containing %q", run, rows, err, scan.want)
					}
				}
			}
			total += runs
			lost += caseLost
			t.Logf("lost %d of %d errors", caseLost, runs)
		})
	}
	fmt.Printf("stress %s: lost %d of %d errors (%.1f%%), %d runs per case, %d cases\n",
		t.Name(), lost, total, 100*float64(lost)/float64(total), runs, len(failingScans))
}

// loadEveryCore keeps all cores but one busy until the returned function is called, as a loaded machine would: races that
// a quiet machine hides show up when goroutines are descheduled at awkward moments.
func loadEveryCore() (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < max(1, runtime.NumCPU()-1); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; ; n++ {
				if n%1_000_000 == 0 {
					select {
					case <-done:
						return
					default:
					}
				}
			}
		}()
	}
	return func() { close(done); wg.Wait() }
}

func envInt(t *testing.T, name string, fallback int) int {
	text := os.Getenv(name)
	if text == "" {
		return fallback
	}
	n, err := strconv.Atoi(text)
	if err != nil || n < 1 {
		t.Fatalf("%s=%q: want a positive whole number", name, text)
	}
	return n
}
