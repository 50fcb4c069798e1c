package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"

	"github.com/pipeworks/steampipe-plugin-prolific/test/bench/digest"
)

// measureCommand runs cmd with its stdout in a file and returns its wall time, CPU time and peak RSS (of the
// largest process in its tree that it waited for).
func measureCommand(cmd *exec.Cmd, stdoutPath string) run {
	out, err := os.Create(stdoutPath)
	must(err)
	defer func() { _ = out.Close() }()
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = out, &stderr
	start := time.Now()
	must(cmd.Start())
	peak := watchPeakRSS(cmd.Process.Pid)
	if err := cmd.Wait(); err != nil {
		log.Fatalf("bench: %s: %v\n%s", strings.Join(cmd.Args, " "), err, tail(stderr.String(), 2000))
	}
	wall := time.Since(start)
	usage := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	return run{Wall: wall, CPU: time.Duration(usage.Utime.Nano() + usage.Stime.Nano()), PeakRSSMB: peak()}
}

// watchPeakRSS samples the peak RSS (VmHWM) of process pid and its descendants every 20 ms until the returned function
// is called, and returns the largest. Not rusage's maxrss: Linux carries the parent's peak into a child across exec,
// so every child of this (large) bench process would report at least the bench's own peak.
func watchPeakRSS(pid int) func() float64 {
	peaks := map[int]float64{}
	stop := sampleUntilStopped(func() {
		for _, p := range processTree(pid) {
			peaks[p] = max(peaks[p], vmHWM(p))
		}
	})
	return func() float64 {
		stop()
		largest := 0.0
		for _, mb := range peaks {
			largest = max(largest, mb)
		}
		return largest
	}
}

// sampleUntilStopped calls sample at once and then every 20 ms, in a goroutine, until the returned function is
// called; that function returns when sampling has stopped, so what sample wrote can then be read.
func sampleUntilStopped(sample func()) (stop func()) {
	done, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		for {
			sample()
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	return func() { close(done); <-stopped }
}

// processTree lists pid and its descendants.
func processTree(pid int) []int {
	tree := []int{pid}
	for i := 0; i < len(tree); i++ {
		children, _ := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/children", tree[i], tree[i]))
		for _, field := range strings.Fields(string(children)) {
			var child int
			if _, err := fmt.Sscan(field, &child); err == nil {
				tree = append(tree, child)
			}
		}
	}
	return tree
}

// vmHWM is a process's peak RSS in MB, 0 when it cannot be read (the process has gone).
func vmHWM(pid int) float64 {
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(status), "\n") {
		if value, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb float64
			_, _ = fmt.Sscan(strings.TrimSpace(value), &kb)
			return kb / 1024
		}
	}
	return 0
}

// withDigest adds the row count and digest of the output a contender wrote.
func withDigest(r run, path string, read func(io.Reader) (*digest.Digest, error)) run {
	f, err := os.Open(path)
	must(err)
	defer func() { _ = f.Close() }()
	d, err := read(f)
	if err != nil {
		log.Fatalf("bench: reading %s: %v", path, err)
	}
	r.Rows, r.Digest = d.Rows, d.Sum()
	return r
}

// measureExport runs the export CLI over a batch, every column as CSV into a file.
func (b *bench) measureExport(batchID, outPath string) run {
	cmd := exec.Command(b.export, "prolific_batch_response", "--where", fmt.Sprintf("batch_id = '%s'", batchID),
		"--output", "csv", "--config", fmt.Sprintf("token = %q\nbase_url = %q", token, b.baseURL))
	cmd.Env = append(os.Environ(), "STEAMPIPE_LOG_LEVEL=ERROR")
	return measureCommand(cmd, outPath)
}

// child runs one measurement in a fresh test process (TestBenchChild in test/bench/child) and adds its CPU time and
// peak RSS.
func (b *bench) child(mode string, n int, env ...string) run {
	cmd := exec.Command(b.testBinary, "-test.run=^TestBenchChild$", "-test.count=1", "-test.v=false")
	cmd.Env = append(os.Environ(), "BENCH_MODE="+mode, fmt.Sprintf("BENCH_N=%d", n), "BENCH_URL="+b.baseURL,
		"BENCH_PLUGIN="+b.plugin, "STEAMPIPE_LOG_LEVEL=ERROR")
	cmd.Env = append(cmd.Env, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		log.Fatalf("bench: %s at %d failed: %v\n%s%s", mode, n, err, stdout.String(), tail(stderr.String(), 2000))
	}
	var result struct {
		Rows       int       `json:"rows"`
		WallMS     float64   `json:"wall_ms"`
		PeakHeapMB float64   `json:"peak_heap_mb"`
		Digest     string    `json:"digest"`
		PluginRSS  float64   `json:"plugin_rss_mb"`
		PluginCPU  float64   `json:"plugin_cpu_s"`
		PanelsMS   []float64 `json:"panels_ms"`
		RSSMB      float64   `json:"rss_mb"`
	}
	found := false
	scanner := bufio.NewScanner(&stdout)
	for scanner.Scan() {
		if line, ok := strings.CutPrefix(scanner.Text(), "BENCHRESULT "); ok {
			must(json.Unmarshal([]byte(line), &result))
			found = true
		}
	}
	if !found {
		log.Fatalf("bench: %s at %d printed no result:\n%s", mode, n, stdout.String())
	}
	usage := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	return run{Rows: result.Rows, Digest: result.Digest, Wall: time.Duration(result.WallMS * float64(time.Millisecond)),
		CPU: time.Duration(usage.Utime.Nano() + usage.Stime.Nano()),
		// the child's own VmHWM (see watchPeakRSS); with go-plugin, the larger of the two processes'
		PeakRSSMB: max(result.RSSMB, result.PluginRSS),
		PluginRSS: result.PluginRSS, PluginCPU: result.PluginCPU, PeakHeapMB: result.PeakHeapMB,
		Panels: panelsText(result.PanelsMS)}
}
