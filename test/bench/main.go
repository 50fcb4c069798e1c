// Command bench is `make bench`: it measures a full read of prolific_batch_response against floors that bound it
// from below, each in a fresh process so that CPU time and peak RSS belong to one measurement:
//
//	transfer  the body downloaded with Go's HTTP client into io.Discard
//	decode    the body downloaded and decoded into the plugin's row type, no SDK
//	sdkfloor  the table's schema served through the plugin's gRPC surface from pre-built rows: the SDK's own cost
//	plugin    the plugin through its gRPC surface, every column, against the fake API
//	limit     the plugin with LIMIT 10 on the 100,000-response batch (median of 5)
//	export    the export CLI (cmd/steampipe_export_prolific) writing every column as CSV (and JSON Lines at 100,000)
//	          to a pipe, as a user's shell would; its peak RSS at 1,000,000 responses must stay within 25% of its
//	          peak at 100,000, or the bench fails, since the export streams rows (no heap figure: it is not a test
//	          process)
//
// Ratios compare figures of the same size from the same run (×SDK on wall time, ×SDKcpu on CPU time), because the
// machines are shared and noisy. The fake API (test/fakeprolific -synthetic) serves deterministic synthetic batches from memory on loopback, in its
// own process. Results go to stdout and build/bench/results.txt; pprof profiles of the plugin at 100,000 responses go
// to build/bench/.
package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
)

type result struct {
	Label      string
	Mode       string  `json:"mode"`
	N          int     `json:"n"`
	Rows       int     `json:"rows"`
	WallMS     float64 `json:"wall_ms"`
	PeakHeapMB float64 `json:"peak_heap_mb"`
	CPUSeconds float64
	PeakRSSMB  float64
}

func main() {
	sizesFlag := flag.String("sizes", "10000,100000,1000000", "batch sizes to measure")
	port := flag.Int("port", 18290, "loopback port for the fake API")
	exportOnly := flag.Bool("export-only", false, "measure only the export CLI")
	flag.Parse()
	sizes := parseSizes(*sizesFlag)

	out := filepath.Join("build", "bench")
	must(os.MkdirAll(out, 0o755))
	testBinary := filepath.Join(out, "prolific.test")
	fakeBinary := filepath.Join(out, "fakeprolific")
	exportBinary := filepath.Join(out, "steampipe_export_prolific")
	run("go", "test", "-c", "-o", testBinary, "./prolific")
	run("go", "build", "-o", fakeBinary, "./test/fakeprolific")
	run("go", "build", "-o", exportBinary, "./cmd/steampipe_export_prolific")

	addr := fmt.Sprintf("127.0.0.1:%d", *port)
	fake := exec.Command(fakeBinary, "-addr", addr, "-synthetic", *sizesFlag)
	fake.Stderr = os.Stderr
	must(fake.Start())
	defer func() { _ = fake.Process.Kill(); _, _ = fake.Process.Wait() }()
	waitForPort(addr, 5*time.Minute)
	baseURL := "http://" + addr

	var results []result
	measure := func(label, mode string, n int, env ...string) result {
		r := child(testBinary, mode, n, baseURL, env...)
		r.Label = label
		if r.Mode != "transfer" && mode != "limit" && r.Rows != n {
			log.Fatalf("bench: %s at %d returned %d rows, want %d", label, n, r.Rows, n)
		}
		results = append(results, r)
		log.Printf("bench: %-28s n=%-8d %8.0f ms  cpu %6.2f s  heap %6.1f MB  rss %6.1f MB", label, n, r.WallMS, r.CPUSeconds, r.PeakHeapMB, r.PeakRSSMB)
		return r
	}
	for _, n := range sizes {
		if *exportOnly {
			results = append(results, measureExport(exportBinary, "csv", n, baseURL))
			continue
		}
		measure("transfer floor", "transfer", n)
		measure("decode floor", "decode", n)
		measure("SDK floor", "sdkfloor", n)
		env := []string{}
		if n == 100000 {
			env = append(env, "BENCH_PROFILE="+out)
		}
		measure("plugin (every column)", "plugin", n, env...)
		results = append(results, measureExport(exportBinary, "csv", n, baseURL))
		if n == 100000 {
			results = append(results, measureExport(exportBinary, "jsonl", n, baseURL))
		}
	}
	checkExportMemory(results)
	if contains(sizes, 100000) && !*exportOnly {
		var limits []result
		for range 5 {
			limits = append(limits, child(testBinary, "limit", 100000, baseURL))
		}
		sort.Slice(limits, func(i, j int) bool { return limits[i].WallMS < limits[j].WallMS })
		median := limits[2]
		median.Label = "plugin LIMIT 10 (median of 5)"
		if median.Rows != 10 {
			log.Fatalf("bench: LIMIT 10 returned %d rows", median.Rows)
		}
		results = append(results, median)
		for _, interval := range []string{"100", "10000"} { // the plugin's default is 1000, the SDK's 100
			measure("plugin, FREE_MEM_INTERVAL "+interval, "plugin", 100000, "STEAMPIPE_FREE_MEM_INTERVAL="+interval)
			measure("SDK floor, FREE_MEM_INTERVAL "+interval, "sdkfloor", 100000, "STEAMPIPE_FREE_MEM_INTERVAL="+interval)
		}
	}

	table := render(results)
	fmt.Print(table)
	must(os.WriteFile(filepath.Join(out, "results.txt"), []byte(table), 0o644))
	if !*exportOnly {
		fmt.Printf("Profiles of the plugin at 100,000 responses: %s/cpu.prof, %s/allocs.prof (go tool pprof %s <profile>)\n", out, out, testBinary)
	}
}

// child runs one measurement in a fresh test process and adds its CPU time and peak RSS.
func child(testBinary, mode string, n int, baseURL string, env ...string) result {
	cmd := exec.Command(testBinary, "-test.run=^TestBenchChild$", "-test.count=1", "-test.v=false")
	cmd.Env = append(os.Environ(), "BENCH_MODE="+mode, fmt.Sprintf("BENCH_N=%d", n), "BENCH_URL="+baseURL,
		"STEAMPIPE_LOG_LEVEL=ERROR")
	cmd.Env = append(cmd.Env, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		log.Fatalf("bench: %s at %d failed: %v\n%s%s", mode, n, err, stdout.String(), tail(stderr.String(), 2000))
	}
	var r result
	scanner := bufio.NewScanner(&stdout)
	for scanner.Scan() {
		if line, ok := strings.CutPrefix(scanner.Text(), "BENCHRESULT "); ok {
			must(json.Unmarshal([]byte(line), &r))
		}
	}
	if r.Mode == "" {
		log.Fatalf("bench: %s at %d printed no result:\n%s", mode, n, stdout.String())
	}
	usage := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	r.CPUSeconds = time.Duration(usage.Utime.Nano() + usage.Stime.Nano()).Seconds()
	r.PeakRSSMB = float64(usage.Maxrss) / 1024 // kilobytes on Linux
	return r
}

// measureExport runs the export CLI over the synthetic batch of n responses, every column in format, and counts the
// rows it writes to the pipe.
func measureExport(binary, format string, n int, baseURL string) result {
	cmd := exec.Command(binary, "prolific_batch_response", "--where", fmt.Sprintf("batch_id = '%s'", fakeapi.SyntheticBatchID(n)),
		"--output", format, "--config", fmt.Sprintf("token = \"test-token\"\nbase_url = %q", baseURL))
	cmd.Env = append(os.Environ(), "STEAMPIPE_LOG_LEVEL=ERROR")
	stdout, err := cmd.StdoutPipe()
	must(err)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	must(cmd.Start())
	rows, countErr := countRows(stdout, format)
	if err := cmd.Wait(); err != nil || countErr != nil {
		log.Fatalf("bench: the export at %d failed: %v %v\n%s", n, err, countErr, tail(stderr.String(), 2000))
	}
	r := result{Label: "export CLI, " + format, Mode: "export", N: n, Rows: rows,
		WallMS: float64(time.Since(start).Microseconds()) / 1000, PeakHeapMB: -1}
	usage := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	r.CPUSeconds = time.Duration(usage.Utime.Nano() + usage.Stime.Nano()).Seconds()
	r.PeakRSSMB = float64(usage.Maxrss) / 1024
	if r.Rows != n {
		log.Fatalf("bench: the export at %d wrote %d rows, want %d", n, r.Rows, n)
	}
	log.Printf("bench: %-28s n=%-8d %8.0f ms  cpu %6.2f s  rss %6.1f MB", r.Label, n, r.WallMS, r.CPUSeconds, r.PeakRSSMB)
	return r
}

// countRows reads the export's output as it arrives: CSV records after the header, or JSON lines.
func countRows(r io.Reader, format string) (int, error) {
	if format == "csv" {
		reader := csv.NewReader(bufio.NewReaderSize(r, 1<<20))
		reader.ReuseRecord = true
		rows := -1 // the header
		for {
			if _, err := reader.Read(); err == io.EOF {
				return max(rows, 0), nil
			} else if err != nil {
				return rows, err
			}
			rows++
		}
	}
	scanner := bufio.NewScanner(r)
	scanner.Buffer(make([]byte, 1<<20), 64<<20)
	rows := 0
	for scanner.Scan() {
		rows++
	}
	return rows, scanner.Err()
}

// checkExportMemory fails the bench when the export's peak RSS grows with the number of rows: at 1,000,000
// responses it must stay within 25% of its peak at 100,000.
func checkExportMemory(results []result) {
	peak := map[int]float64{}
	for _, r := range results {
		if r.Label == "export CLI, csv" {
			peak[r.N] = r.PeakRSSMB
		}
	}
	small, large := peak[100000], peak[1000000]
	if small > 0 && large > 1.25*small {
		log.Fatalf("bench: the export's peak RSS grew from %.1f MB at 100,000 rows to %.1f MB at 1,000,000: it must stream", small, large)
	}
}

// render prints each figure with its ratio to the floors measured at the same size in the same run.
func render(results []result) string {
	floors := map[string]map[int]float64{}
	cpuFloors := map[int]float64{}
	for _, r := range results {
		if floors[r.Mode] == nil {
			floors[r.Mode] = map[int]float64{}
		}
		if _, seen := floors[r.Mode][r.N]; !seen {
			floors[r.Mode][r.N] = r.WallMS
			if r.Mode == "sdkfloor" {
				cpuFloors[r.N] = r.CPUSeconds
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-36s %9s %9s %10s %8s %9s %9s %8s %8s %8s %8s\n", "measurement", "responses", "rows",
		"wall ms", "cpu s", "heap MB", "RSS MB", "×transf", "×decode", "×SDK", "×SDKcpu")
	for _, r := range results {
		ratio := func(mode string) string {
			if floor := floors[mode][r.N]; floor > 0 {
				return fmt.Sprintf("%.2f", r.WallMS/floor)
			}
			return "-"
		}
		cpuRatio := "-"
		if floor := cpuFloors[r.N]; floor > 0 {
			cpuRatio = fmt.Sprintf("%.2f", r.CPUSeconds/floor)
		}
		heap := "-" // not measured
		if r.PeakHeapMB >= 0 {
			heap = fmt.Sprintf("%.1f", r.PeakHeapMB)
		}
		fmt.Fprintf(&b, "%-36s %9d %9d %10.1f %8.2f %9s %9.1f %8s %8s %8s %8s\n", r.Label, r.N, r.Rows, r.WallMS,
			r.CPUSeconds, heap, r.PeakRSSMB, ratio("transfer"), ratio("decode"), ratio("sdkfloor"), cpuRatio)
	}
	return b.String()
}

func parseSizes(text string) []int {
	var sizes []int
	for _, field := range strings.Split(text, ",") {
		var n int
		if _, err := fmt.Sscan(strings.TrimSpace(field), &n); err != nil || n <= 0 {
			log.Fatalf("bench: bad size %q", field)
		}
		sizes = append(sizes, n)
	}
	return sizes
}

func contains(sizes []int, n int) bool {
	for _, s := range sizes {
		if s == n {
			return true
		}
	}
	return false
}

func waitForPort(addr string, limit time.Duration) {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if conn, err := net.Dial("tcp", addr); err == nil {
			_ = conn.Close()
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	log.Fatalf("bench: the fake API did not listen on %s", addr)
}

func run(name string, args ...string) {
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
	if err := cmd.Run(); err != nil {
		log.Fatalf("bench: %s %s: %v", name, strings.Join(args, " "), err)
	}
}

func tail(text string, n int) string {
	if len(text) > n {
		return text[len(text)-n:]
	}
	return text
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
