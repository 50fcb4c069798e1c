package child

import (
	"bytes"
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

	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

// launch starts BENCH_PLUGIN over go-plugin. With BENCH_PROFILE set it also returns a function that profiles the
// plugin's process (CPU and allocations) while it runs a query over and over for BENCH_PROFILE_SECONDS, through the
// SDK's STEAMPIPE_PPROF endpoint.
func launch(t *testing.T, baseURL string) (*harness.Remote, func(query func() error)) {
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
	hwmKB, ok := vmHWMKB(pid)
	if !ok {
		t.Fatalf("cannot read the peak RSS of the plugin's process %d", pid)
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		t.Fatal(err)
	}
	// Fields after the command name, which is in parentheses: utime and stime are the 12th and 13th, in clock ticks.
	fields := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
	utime, _ := strconv.ParseFloat(fields[11], 64)
	stime, _ := strconv.ParseFloat(fields[12], 64)
	const ticksPerSecond = 100 // USER_HZ on Linux
	return map[string]any{"plugin_rss_mb": float64(hwmKB) / 1024, "plugin_cpu_s": (utime + stime) / ticksPerSecond}
}

// vmHWMKB is a process's peak RSS in kB, from /proc/<pid>/status.
func vmHWMKB(pid int) (int64, bool) {
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(status), "\n") {
		if value, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(value), "kB")), 10, 64)
			return kb, err == nil
		}
	}
	return 0, false
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
