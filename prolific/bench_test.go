package prolific_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pipeworks/steampipe-plugin-prolific/prolific"
	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

// TestBenchChild is one measurement of `make bench` (test/bench). It runs only when test/bench starts this test
// binary with BENCH_MODE set, as a fresh process, so that the process's CPU time and peak RSS belong to this one
// measurement. It prints one BENCHRESULT line of JSON.
//
//	BENCH_MODE  transfer | decode | sdkfloor | plugin | limit
//	BENCH_URL   base URL of a fakeprolific serving synthetic batches (fakeprolific -synthetic)
//	BENCH_N     the batch size
//	BENCH_PROFILE  if set, a directory for cpu.prof and allocs.prof
func TestBenchChild(t *testing.T) {
	mode := os.Getenv("BENCH_MODE")
	if mode == "" {
		t.Skip("run by make bench")
	}
	n, _ := strconv.Atoi(os.Getenv("BENCH_N"))
	baseURL := os.Getenv("BENCH_URL")
	batchID := fakeapi.SyntheticBatchID(n)

	var run func() (int, error)
	switch mode {
	case "transfer":
		run = func() (int, error) {
			return fetch(baseURL, batchID, func(body io.Reader) (int, error) { _, err := io.Copy(io.Discard, body); return n, err })
		}
	case "decode":
		run = func() (int, error) {
			return fetch(baseURL, batchID, func(body io.Reader) (int, error) {
				rows := 0
				err := prolific.DecodeResponses(body, batchID, func(any) { rows++ })
				return rows, err
			})
		}
	case "sdkfloor":
		var rows []any
		if err := prolific.DecodeResponses(bytes.NewReader(fakeapi.SyntheticBatch(batchID, 1000)), batchID, func(r any) { rows = append(rows, r) }); err != nil {
			t.Fatal(err)
		}
		p := harness.StartWith(t, prolific.FloorPlugin(rows, n), `token = "t"`)
		run = func() (int, error) {
			return p.Count(t, harness.Query{Table: responsesTable, Quals: harness.Equals("batch_id", batchID)})
		}
	case "plugin", "limit":
		p := harness.Start(t, harness.Config(baseURL, `timeout = "60s"`))
		var limit int64
		if mode == "limit" {
			limit = 10
		}
		run = func() (int, error) {
			return p.Count(t, harness.Query{Table: responsesTable, Quals: harness.Equals("batch_id", batchID), Limit: limit})
		}
	default:
		t.Fatalf("unknown BENCH_MODE %q", mode)
	}

	stopProfile := startProfile(t, os.Getenv("BENCH_PROFILE"))
	peak, stopSampling := samplePeakHeap()
	start := time.Now()
	rows, err := run()
	wall := time.Since(start)
	stopSampling()
	stopProfile()
	if err != nil {
		t.Fatalf("%s: %v", mode, err)
	}
	result, _ := json.Marshal(map[string]any{"mode": mode, "n": n, "rows": rows, "wall_ms": float64(wall.Microseconds()) / 1000,
		"peak_heap_mb": float64(peak.Load()) / (1 << 20)})
	fmt.Printf("BENCHRESULT %s\n", result)
}

// fetch GETs a batch's responses from the fake and hands the body to read.
func fetch(baseURL, batchID string, read func(io.Reader) (int, error)) (int, error) {
	req, err := http.NewRequest(http.MethodGet, baseURL+fakeapi.ResponsesPath(batchID), nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Token "+fakeapi.DefaultToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer func() { _ = resp.Body.Close() }()
	return read(resp.Body)
}

// samplePeakHeap records the largest live heap (bytes in heap objects) seen every 2 ms until stopped.
func samplePeakHeap() (*atomic.Uint64, func()) {
	var peak atomic.Uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	go func() {
		defer close(stopped)
		ticker := time.NewTicker(2 * time.Millisecond)
		defer ticker.Stop()
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-ticker.C:
			}
		}
	}()
	return &peak, func() { close(done); <-stopped }
}

// startProfile writes a CPU profile and, when stopped, an allocation profile into dir.
func startProfile(t *testing.T, dir string) func() {
	if dir == "" {
		return func() {}
	}
	cpu, err := os.Create(dir + "/cpu.prof")
	if err != nil {
		t.Fatal(err)
	}
	runtime.MemProfileRate = 64 << 10
	if err := pprof.StartCPUProfile(cpu); err != nil {
		t.Fatal(err)
	}
	return func() {
		pprof.StopCPUProfile()
		_ = cpu.Close()
		allocs, err := os.Create(dir + "/allocs.prof")
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = allocs.Close() }()
		if err := pprof.Lookup("allocs").WriteTo(allocs, 0); err != nil {
			t.Fatal(err)
		}
	}
}
