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
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pipeworks/steampipe-plugin-prolific/prolific"
	"github.com/pipeworks/steampipe-plugin-prolific/test/bench/digest"
	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

// TestBenchChild is one measurement of `make bench` (test/bench). It runs only when test/bench starts this test
// binary with BENCH_MODE set, as a fresh process, so that the process's CPU time and peak RSS belong to this one
// measurement. It prints one BENCHRESULT line of JSON.
//
//	BENCH_MODE   transfer | decode | sdkfloor | plugin (in process) | goplugin (the binary over go-plugin)
//	BENCH_URL    base URL of a fakeprolific serving synthetic batches (fakeprolific -synthetic, -peers)
//	BENCH_N      the batch size
//	BENCH_BATCH  the batch id; fakeapi.SyntheticBatchID(BENCH_N) when empty
//	BENCH_LIMIT  the query's LIMIT (plugin and goplugin); none when empty
//	BENCH_PLUGIN the plugin binary (goplugin)
//	BENCH_PLUGIN_LOG  goplugin: a log level (INFO, DEBUG...) to send the plugin's log to stderr at
//	BENCH_PROFILE  if set, a directory for cpu.prof and allocs.prof: of this process, or of the plugin's process
//	               in goplugin mode, where the query then repeats for BENCH_PROFILE_SECONDS
//
// The plugin modes reduce each row to digest.Record, as make bench does with every other contender's output, and
// print the rows' digest.
func TestBenchChild(t *testing.T) {
	mode := os.Getenv("BENCH_MODE")
	if mode == "" {
		t.Skip("run by make bench")
	}
	n, _ := strconv.Atoi(os.Getenv("BENCH_N"))
	baseURL := os.Getenv("BENCH_URL")
	batchID := os.Getenv("BENCH_BATCH")
	if batchID == "" {
		batchID = fakeapi.SyntheticBatchID(n)
	}
	limit, _ := strconv.ParseInt(os.Getenv("BENCH_LIMIT"), 10, 64)
	query := harness.Query{Table: responsesTable, Quals: harness.Equals("batch_id", batchID), Limit: limit}
	sum := digest.New()
	var extra map[string]any // figures of the plugin's own process (goplugin)

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
	case "plugin":
		p := harness.Start(t, harness.Config(baseURL, `timeout = "60s"`))
		run = func() (int, error) {
			err := p.Each(t, query, func(row harness.Row) error { return sum.FromRow(row) })
			return sum.Rows, err
		}
	case "goplugin":
		remote, profile := launchForBench(t, baseURL)
		run = func() (int, error) {
			err := remote.Each(query, func(row harness.Row) error { return sum.FromRow(row) })
			extra = pluginProcessFigures(t, remote.Pid())
			return sum.Rows, err
		}
		if profile != nil {
			defer profile(func() error { return remote.Each(query, func(harness.Row) error { return nil }) })
		}
	case "dashboard":
		remote, _ := launchForBench(t, baseURL)
		remote.SetCacheOptions(t, 300, 16384)
		var every []string
		for _, c := range remote.Schema(t)[responsesTable].GetColumns() {
			every = append(every, c.Name)
		}
		cached := os.Getenv("BENCH_CACHE") == "on"
		run = func() (int, error) {
			var panels []float64
			for _, columns := range dashboardPanels {
				q := query
				q.Columns, q.Cached = columns, cached
				if columns == nil {
					q.Columns = every
				}
				start := time.Now()
				rows := 0
				if err := remote.Each(q, func(harness.Row) error { rows++; return nil }); err != nil {
					return 0, err
				}
				if rows != n {
					return 0, fmt.Errorf("panel %v: %d rows, want %d", columns, rows, n)
				}
				panels = append(panels, float64(time.Since(start).Microseconds())/1000)
			}
			extra = pluginProcessFigures(t, remote.Pid())
			extra["panels_ms"] = panels
			return n, nil
		}
	default:
		t.Fatalf("unknown BENCH_MODE %q", mode)
	}

	profileDir := os.Getenv("BENCH_PROFILE")
	if mode == "goplugin" {
		profileDir = "" // profiled in the plugin's process, after the measurement
	}
	stopProfile := startProfile(t, profileDir)
	peak, stopSampling := samplePeakHeap()
	start := time.Now()
	rows, err := run()
	wall := time.Since(start)
	stopSampling()
	stopProfile()
	if err != nil {
		t.Fatalf("%s: %v", mode, err)
	}
	figures := map[string]any{"mode": mode, "n": n, "rows": rows, "wall_ms": float64(wall.Microseconds()) / 1000,
		"peak_heap_mb": float64(peak.Load()) / (1 << 20)}
	if sum.Rows > 0 {
		figures["digest"] = sum.Sum()
	}
	// this process's own peak RSS: rusage's maxrss would include the bench's, which Linux carries across exec
	if status, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, line := range strings.Split(string(status), "\n") {
			if value, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(value), "kB")), 64)
				figures["rss_mb"] = kb / 1024
			}
		}
	}
	for k, v := range extra {
		figures[k] = v
	}
	result, _ := json.Marshal(figures)
	fmt.Printf("BENCHRESULT %s\n", result)
}

// dashboardPanels are the columns of the panel queries of a dashboard over one batch, as PostgreSQL asks for them:
// counts, breakdowns by type and instruction, participants over time, answers, metadata, and a table of every column.
var dashboardPanels = [][]string{
	{"id"}, {"response_type"}, {"instruction_id", "answer_values"}, {"participant_id", "created_at"},
	{"task_id", "instruction_id", "answer_values"}, {"metadata"}, nil,
}

// launchForBench starts BENCH_PLUGIN over go-plugin. With BENCH_PROFILE set it also returns a function that profiles
// the plugin's process (CPU and allocations) while it runs a query over and over for BENCH_PROFILE_SECONDS, through
// the SDK's STEAMPIPE_PPROF endpoint.
func launchForBench(t *testing.T, baseURL string) (*harness.Remote, func(query func() error)) {
	binary := os.Getenv("BENCH_PLUGIN")
	config := harness.Config(baseURL, `timeout = "60s"`)
	dir := os.Getenv("BENCH_PROFILE")
	if level := os.Getenv("BENCH_PLUGIN_LOG"); level != "" { // the plugin's log on stderr, for a closer look
		return harness.LaunchWith(t, binary, config, os.Stderr, "STEAMPIPE_LOG_LEVEL="+level), nil
	}
	if dir == "" {
		return harness.LaunchWith(t, binary, config, io.Discard, "STEAMPIPE_LOG_LEVEL=WARN"), nil
	}
	remote := harness.LaunchWith(t, binary, config, io.Discard, "STEAMPIPE_LOG_LEVEL=WARN", "STEAMPIPE_PPROF=1")
	return remote, func(query func() error) {
		seconds, _ := strconv.Atoi(os.Getenv("BENCH_PROFILE_SECONDS"))
		base := fmt.Sprintf("http://127.0.0.1:%d/debug/pprof", listeningPort(t, remote.Pid()))
		done := make(chan error, 1)
		go func() {
			done <- download(base+fmt.Sprintf("/profile?seconds=%d", max(seconds, 1)), dir+"/goplugin-cpu.prof")
		}()
		for profiling := true; profiling; {
			if err := query(); err != nil {
				t.Fatal(err)
			}
			select {
			case err := <-done:
				if err != nil {
					t.Fatal(err)
				}
				profiling = false
			default:
			}
		}
		if err := download(base+"/allocs", dir+"/goplugin-allocs.prof"); err != nil {
			t.Fatal(err)
		}
	}
}

// listeningPort finds the TCP port that process pid listens on: the SDK's pprof endpoint, the plugin's only TCP
// listener (go-plugin itself uses a unix socket). The SDK logs the port, but go-plugin does not pass that log on.
func listeningPort(t *testing.T, pid int) int {
	for range 100 {
		sockets := map[string]bool{}
		fds, _ := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
		for _, fd := range fds {
			target, _ := os.Readlink(fmt.Sprintf("/proc/%d/fd/%s", pid, fd.Name()))
			if inode, ok := strings.CutPrefix(target, "socket:["); ok {
				sockets[strings.TrimSuffix(inode, "]")] = true
			}
		}
		for _, table := range []string{"tcp", "tcp6"} {
			text, _ := os.ReadFile(fmt.Sprintf("/proc/%d/net/%s", pid, table))
			for _, line := range strings.Split(string(text), "\n")[1:] {
				// sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode; st 0A is LISTEN
				fields := strings.Fields(line)
				if len(fields) > 9 && fields[3] == "0A" && sockets[fields[9]] {
					_, hexPort, _ := strings.Cut(fields[1], ":")
					port, _ := strconv.ParseInt(hexPort, 16, 32)
					return int(port)
				}
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("the plugin (pid %d) does not listen on a TCP port: STEAMPIPE_PPROF had no effect", pid)
	return 0
}

func download(url, path string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, resp.Body); err != nil {
		_ = out.Close()
		return err
	}
	return out.Close()
}

// pluginProcessFigures reads the plugin process's peak RSS and CPU time so far from /proc.
func pluginProcessFigures(t *testing.T, pid int) map[string]any {
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		t.Fatal(err)
	}
	var hwmKB int64
	for _, line := range strings.Split(string(status), "\n") {
		if value, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			hwmKB, _ = strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(value), "kB")), 10, 64)
		}
	}
	// Fields after the command name, which is in parentheses: utime and stime are the 12th and 13th, in clock ticks.
	fields := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
	utime, _ := strconv.ParseFloat(fields[11], 64)
	stime, _ := strconv.ParseFloat(fields[12], 64)
	const ticksPerSecond = 100 // USER_HZ on Linux
	return map[string]any{"plugin_rss_mb": float64(hwmKB) / 1024, "plugin_cpu_s": (utime + stime) / ticksPerSecond}
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
