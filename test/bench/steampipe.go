package main

import (
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// steampipe is the real Steampipe CLI v1.1.3 with the plugin that make builds, set up by test/bench/steampipe.sh as
// make test-steampipe sets it up, with one connection to the bench's fake API. The script stops any service left
// running when its stdin closes.
type steampipe struct {
	*setupScript
	command string // runs the CLI as its unprivileged user
	port    string // of the service
}

func startSteampipe(apiPort string) *steampipe {
	if os.Geteuid() != 0 {
		log.Printf("bench: SKIPPED the Steampipe CLI: it runs as its own unprivileged user, which needs root (run make bench as root)")
		return nil
	}
	script := startSetupScript("test/bench/steampipe.sh", apiPort, token)
	if len(script.ready) != 2 {
		script.stop()
		log.Fatalf("bench: test/bench/steampipe.sh said %q, not the command and the port", script.ready)
	}
	return &steampipe{setupScript: script, command: script.ready[0], port: script.ready[1]}
}

// oneShot is `steampipe query` with no service running, as a user types it: Steampipe starts its database and the
// plugin, runs sql, and stops them. Just before, `select 1` the same way measures what starting costs, so that the
// report can tell it from the query's own time. The plugin's process ends with the command, so its CPU time and peak
// RSS are sampled while it runs (watchPlugin).
func (s *steampipe) oneShot(sql, outPath string) run {
	startup := measureCommand(exec.Command(s.command, "query", "--output", "csv", "select 1"), outPath+".startup")
	plugin := watchPlugin(filepath.Join("build", "bench", "steampipe"), "prolific.plugin")
	r := measureCommand(exec.Command(s.command, "query", "--output", "csv", sql), outPath)
	r.PluginCPU, r.PluginRSS = plugin()
	r.Startup = startup.Wall
	return r
}

// watchPlugin samples the CPU time and peak RSS of every process whose command line holds dir and name, every 20 ms,
// until the returned function is called, which returns their CPU seconds summed and the largest peak in MB: the last
// sample of a process that has ended, so up to 20 ms of its CPU time may be missed.
func watchPlugin(dir, name string) func() (float64, float64) {
	type figures struct{ cpu, rss float64 }
	seen := map[int]figures{}
	stop := sampleUntilStopped(func() {
		for _, pid := range lookupProcesses(dir, name) {
			stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
			cpu, ok := statCPU(string(stat))
			if rss := vmHWM(pid); err == nil && ok && rss > 0 {
				seen[pid] = figures{cpu.Seconds(), rss}
			}
		}
	})
	return func() (float64, float64) {
		stop()
		var total figures
		for _, f := range seen {
			total = figures{total.cpu + f.cpu, max(total.rss, f.rss)}
		}
		return total.cpu, total.rss
	}
}

// serviceQuery is the query alone: the service is started (not timed), sql runs through psql on it, as the
// PostgreSQL contenders run theirs, and the service stops. The plugin's process is the service's, so its CPU time
// and peak RSS are read from /proc.
func (s *steampipe) serviceQuery(sql, outPath string) run {
	s.run("service", "start", "--database-password", "bench")
	defer s.run("service", "stop")
	plugin := findProcess(filepath.Join("build", "bench", "steampipe"), "prolific.plugin")
	cpuBefore := processCPU(plugin)
	// root is the service database's superuser, trusted from the same host: it may read /proc through pg_read_file
	service := psql{"psql", "postgresql://root@127.0.0.1:" + s.port + "/steampipe", "-X", "-q", "-At"}
	r := service.query(sql, outPath)
	pluginCPU := processCPU(plugin) - cpuBefore
	r.PluginCPU = pluginCPU.Seconds()
	r.PluginRSS = vmHWM(plugin)
	r.CPU += pluginCPU
	r.PeakRSSMB = max(r.PeakRSSMB, r.PluginRSS)
	return r
}

func (s *steampipe) run(args ...string) {
	if out, err := exec.Command(s.command, args...).CombinedOutput(); err != nil {
		log.Fatalf("bench: steampipe %s: %v\n%s", strings.Join(args, " "), err, tail(string(out), 2000))
	}
}

// findProcess returns the pid of the process whose command line holds both dir and name, or stops the bench.
func findProcess(dir, name string) int {
	if pids := lookupProcesses(dir, name); len(pids) > 0 {
		return pids[0]
	}
	log.Fatalf("bench: no process of %s in %s is running", name, dir)
	return 0
}

// lookupProcesses returns the pids of the processes whose command lines hold both dir and name.
func lookupProcesses(dir, name string) []int {
	var pids []int
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	for _, d := range dirs {
		cmdline, err := os.ReadFile(filepath.Join(d, "cmdline"))
		if err == nil && strings.Contains(string(cmdline), dir) && strings.Contains(string(cmdline), name) {
			var pid int
			_, _ = fmt.Sscan(filepath.Base(d), &pid)
			pids = append(pids, pid)
		}
	}
	return pids
}

// processCPU is a process's user+system CPU time so far, from /proc/<pid>/stat.
func processCPU(pid int) time.Duration {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		log.Fatalf("bench: reading the CPU time of process %d: %v", pid, err)
	}
	cpu, ok := statCPU(string(stat))
	if !ok {
		log.Fatalf("bench: cannot read the CPU time of process %d from %q", pid, stat)
	}
	return cpu
}
