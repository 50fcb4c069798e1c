// Package child is one measurement of make bench (test/bench), in a test binary that the bench builds and starts as
// a fresh process for every measurement, so that the process's CPU time and peak RSS belong to that measurement. It
// is a test because the harness that drives the plugin in process (test/harness) is one.
package child

import (
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/pipeworks/steampipe-plugin-prolific/test/bench/digest"
	"github.com/pipeworks/steampipe-plugin-prolific/test/bench/floor"
	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

// TestBenchChild is one measurement of `make bench`. It runs only when test/bench starts this test binary with
// BENCH_MODE set, and prints one BENCHRESULT line of JSON.
//
//	BENCH_MODE   transfer | decode | sdkfloor (the floors, see test/bench/floor) | plugin (in process) |
//	             goplugin (the binary over go-plugin) | dashboard (panel queries over go-plugin) |
//	             startup (the binary's start over go-plugin and its schema, no rows)
//	BENCH_URL    base URL of a fakeprolific serving synthetic batches (fakeprolific -synthetic, -peers)
//	BENCH_N      the batch size
//	BENCH_BATCH  the batch id; fakeapi.SyntheticBatchID(BENCH_N) when empty
//	BENCH_LIMIT  the query's LIMIT (sdkfloor, plugin and goplugin); none when empty
//	BENCH_PLUGIN the plugin binary (goplugin, dashboard, startup)
//	BENCH_PLUGIN_LOG  goplugin: a log level (INFO, DEBUG...) to send the plugin's log to stderr at
//	BENCH_CACHE  goplugin, dashboard: "on" for Steampipe's query cache
//	BENCH_PROFILE  if set, a directory for cpu.prof and allocs.prof: of this process, or of the plugin's process
//	               in goplugin mode, where the query then repeats for BENCH_PROFILE_SECONDS
//
// The SDK floor and the plugin modes reduce each row to digest.Record, as make bench does with every other
// contender's output, and print the rows' digest.
func TestBenchChild(t *testing.T) {
	mode := os.Getenv("BENCH_MODE")
	if mode == "" {
		t.Skip("run by make bench")
	}
	setup, ok := modes[mode]
	if !ok {
		t.Fatalf("unknown BENCH_MODE %q", mode)
	}
	c := newChild(t, mode)
	figures := c.measure(setup(c))
	result, _ := json.Marshal(figures)
	fmt.Printf("BENCHRESULT %s\n", result)
	if c.after != nil {
		c.after()
	}
}

// child is what a mode's setup needs and leaves for the measurement.
type child struct {
	t       *testing.T
	mode    string
	n       int
	baseURL string
	batchID string
	query   harness.Query // every column of the batch's responses, with BENCH_LIMIT
	sum     *digest.Digest
	extra   map[string]any // figures of the plugin's own process (goplugin, dashboard)
	after   func()         // runs after the result is printed (goplugin's profile)
}

func newChild(t *testing.T, mode string) *child {
	n, _ := strconv.Atoi(os.Getenv("BENCH_N"))
	batchID := os.Getenv("BENCH_BATCH")
	if batchID == "" {
		batchID = fakeapi.SyntheticBatchID(n)
	}
	limit, _ := strconv.ParseInt(os.Getenv("BENCH_LIMIT"), 10, 64)
	return &child{t: t, mode: mode, n: n, baseURL: os.Getenv("BENCH_URL"), batchID: batchID, sum: digest.New(),
		query: harness.Query{Table: floor.Table, Quals: harness.Equals("batch_id", batchID), Limit: limit}}
}

// modes set up each measurement and return it: a read that returns its row count.
var modes = map[string]func(*child) func() (int, error){
	"transfer":  (*child).transfer,
	"decode":    (*child).decode,
	"sdkfloor":  (*child).sdkFloor,
	"plugin":    (*child).inProcess,
	"goplugin":  (*child).goPlugin,
	"dashboard": (*child).dashboard,
	"startup":   (*child).startup,
}

// measure runs read once, with the peak heap sampled and, with BENCH_PROFILE, this process profiled, and returns the
// figures of the BENCHRESULT line.
func (c *child) measure(read func() (int, error)) map[string]any {
	profileDir := os.Getenv("BENCH_PROFILE")
	if c.mode == "goplugin" {
		profileDir = "" // profiled in the plugin's process, after the measurement
	}
	stopProfile := startProfile(c.t, profileDir)
	peak, stopSampling := samplePeakHeap()
	start := time.Now()
	rows, err := read()
	wall := time.Since(start)
	stopSampling()
	stopProfile()
	if err != nil {
		c.t.Fatalf("%s: %v", c.mode, err)
	}
	figures := map[string]any{"mode": c.mode, "n": c.n, "rows": rows, "wall_ms": float64(wall.Microseconds()) / 1000,
		"peak_heap_mb": float64(peak.Load()) / (1 << 20)}
	if c.sum.Rows > 0 {
		figures["digest"] = c.sum.Sum()
	}
	// this process's own peak RSS: rusage's maxrss would include the bench's, which Linux carries across exec
	if kb, ok := vmHWMKB(os.Getpid()); ok {
		figures["rss_mb"] = float64(kb) / 1024
	}
	for k, v := range c.extra {
		figures[k] = v
	}
	return figures
}
