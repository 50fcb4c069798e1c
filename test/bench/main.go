// Command bench is `make bench`. It has two parts, both against the fake API (test/fakeprolific, deterministic
// synthetic batches served from memory on loopback, in its own process):
//
// Peers. The same batch of 100,000 responses read by every way a user could read it, each run in a fresh process so
// that its CPU time and peak RSS belong to one read:
//
//	official CLI      prolific aitaskbuilder batch responses (github.com/prolific-oss/cli v1.2.1), its text output
//	curl+jq           test/bench/peers/curl_jq_csv.sh, CSV with the plugin's columns
//	Python requests   test/bench/peers/requests_csv.py with Debian's python3, the same CSV
//	plugin in process the plugin's gRPC surface in the reading process, as the PostgreSQL extension runs it
//	plugin go-plugin  the plugin binary over hashicorp/go-plugin gRPC, as Steampipe runs it
//	postgres select * the extension in PostgreSQL 15, COPY (select *) to CSV through psql (root only)
//	postgres count(*) the same scan, counted in the database (root only)
//	Steampipe query   the Steampipe CLI v1.1.3 (test/bench/steampipe.sh, as make test-steampipe sets it up) running
//	                  the plugin binary make builds: `steampipe query --output csv` with no service, which starts
//	                  its database and the plugin and stops them; "of which startup" is `select 1` the same way
//	Steampipe service the same query alone, through psql on a started service, COPY to CSV (root only)
//	export CLI        cmd/steampipe_export_prolific, every column as CSV, the plugin in its process
//	SQLite            the SQLite extension (make sqlite) loaded by Debian's python3, select * written as CSV
//
// The contenders run in rounds, one after another in an order that rotates each round, and each ratio is the median
// of per-round ratios, so the drift of a shared machine cancels. Every run's rows are reduced to the same projection
// (test/bench/digest); a run whose row count or digest differs from the official CLI's stops the bench.
//
// Floors. A full read of prolific_batch_response against floors that bound it from below, at several sizes (above
// 100,000 only the transfer and decode floors and the plugin over go-plugin, whose own peak RSS shows memory stays
// flat):
//
//	transfer  the body downloaded with Go's HTTP client into io.Discard
//	decode    the body downloaded and cut into responses by Go's json.Decoder, as the plugin's decoder does first
//	sdkfloor  the table's schema served through the SDK from rows whose column values are pre-built: the SDK's own
//	          cost
//	plugin    the plugin through its gRPC surface, every column
//	go-plugin the plugin binary over go-plugin; its own process's peak RSS is the memory figure that matters
//	export    the export CLI writing every column as CSV to a file; its peak RSS at 1,000,000 responses must stay
//	          within 25% of its peak at 100,000, or the bench fails, since the export streams rows
//	LIMIT 10  on 100,000 responses, in process and over go-plugin (median of 5)
//
// The floors are built in test/bench/floor from the plugin's public surface. Every measurement of the plugin in Go
// (in process, over go-plugin, the floors) runs in a fresh process of the test binary of test/bench/child.
//
// Results go to stdout and build/bench/results.txt. pprof profiles of the plugin at 100,000 responses go to
// build/bench/: cpu.prof and allocs.prof in process, goplugin-cpu.prof and goplugin-allocs.prof of the plugin's own
// process over go-plugin.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/pipeworks/steampipe-plugin-prolific/test/bench/digest"
	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
)

const token = fakeapi.DefaultToken

// run is one measurement of one contender.
type run struct {
	Rows       int
	Digest     string
	Wall       time.Duration
	CPU        time.Duration
	PeakRSSMB  float64
	PluginRSS  float64 // go-plugin: the plugin process alone
	PluginCPU  float64
	PeakHeapMB float64
	Panels     string        // dashboard: each panel's wall time
	Startup    time.Duration // Steampipe one-shot: the same command with `select 1`
}

// contender is one way to read the batch.
type contender struct {
	name string
	peer bool // curl+jq or Python: a candidate for "the fastest peer"
	read func() run
	runs []run
}

// bench holds what every measurement needs.
type bench struct {
	out        string // build/bench
	testBinary string
	plugin     string // the plugin binary, built against the patched SDK
	export     string // the export CLI
	baseURL    string
}

func main() {
	sizesFlag := flag.String("sizes", "10000,100000,1000000", "batch sizes of the floors part")
	peersN := flag.Int("peers", 100000, "batch size of the peers part (0 skips it)")
	rounds := flag.Int("rounds", 3, "rounds of the peers part")
	withPostgres := flag.Bool("postgres", true, "include the contenders that need root: PostgreSQL and the Steampipe CLI")
	withFloors := flag.Bool("floors", true, "run the floors part")
	flag.Parse()
	sizes := parseSizes(*sizesFlag)

	b := &bench{out: filepath.Join("build", "bench")}
	must(os.MkdirAll(filepath.Join(b.out, "out"), 0o755))
	b.testBinary = filepath.Join(b.out, "child.test")
	b.plugin = filepath.Join(b.out, "prolific.plugin")
	fakeBinary := filepath.Join(b.out, "fakeprolific")
	build("go", "test", "-c", "-o", b.testBinary, "./test/bench/child")
	build("go", "build", "-o", fakeBinary, "./test/fakeprolific")
	build("go", "build", "-tags", "netgo", "-o", b.plugin, ".")
	b.export = filepath.Join(b.out, "steampipe_export_prolific")
	build("go", "build", "-tags", "netgo", "-o", b.export, "./cmd/steampipe_export_prolific")

	// Port 0: the fake takes a free port and names it, so benches of several checkouts can run at once.
	fake := exec.Command(fakeBinary, "-addr", "127.0.0.1:0", "-synthetic", *sizesFlag, "-peers", fmt.Sprint(*peersN))
	fake.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL} // also when the bench stops on a fatal error
	fakeLog, err := fake.StderrPipe()
	must(err)
	must(fake.Start())
	defer func() { _ = fake.Process.Kill(); _, _ = fake.Process.Wait() }()
	b.baseURL = fakeAddress(fakeLog)
	apiPort := b.baseURL[strings.LastIndexByte(b.baseURL, ':')+1:]

	var report strings.Builder
	if *peersN > 0 {
		report.WriteString(b.peers(*peersN, *rounds, apiPort, *withPostgres))
	}
	if *withFloors {
		report.WriteString(b.floors(sizes))
	}
	fmt.Print(report.String())
	must(os.WriteFile(filepath.Join(b.out, "results.txt"), []byte(report.String()), 0o644))
}

// --- peers -----------------------------------------------------------------------------------------------------------

func (b *bench) peers(n, rounds int, apiPort string, withPostgres bool) string {
	batchID := fakeapi.PeersBatchID(n)
	outFile := func(name string) string { return filepath.Join(b.out, "out", name) }
	var contenders []*contender
	add := func(name string, peer bool, read func() run) {
		contenders = append(contenders, &contender{name: name, peer: peer, read: read})
	}

	cli := goTool("prolific", "github.com/prolific-oss/cli", "v1.2.1")
	cliHome := filepath.Join(b.out, "cli-home") // the CLI reads a config file from $HOME; keep the user's out of it
	must(os.MkdirAll(cliHome, 0o755))
	add("official CLI v1.2.1 (text)", false, func() run {
		cmd := exec.Command(cli, "aitaskbuilder", "batch", "responses", "-b", batchID)
		cmd.Env = append(os.Environ(), "PROLIFIC_TOKEN="+token, "PROLIFIC_URL="+b.baseURL, "HOME="+cliHome)
		r := measureCommand(cmd, outFile("cli.txt"))
		return withDigest(r, outFile("cli.txt"), digest.FromCLIText)
	})
	peersReady := installPeers()
	if peersReady {
		add("curl+jq -> CSV", true, func() run {
			cmd := exec.Command("test/bench/peers/curl_jq_csv.sh", b.baseURL, token, batchID)
			return withDigest(measureCommand(cmd, outFile("jq.csv")), outFile("jq.csv"), digest.FromCSV)
		})
		add("Python requests -> CSV", true, func() run {
			cmd := exec.Command("/usr/bin/python3", "test/bench/peers/requests_csv.py", b.baseURL, token, batchID)
			return withDigest(measureCommand(cmd, outFile("python.csv")), outFile("python.csv"), digest.FromCSV)
		})
	}
	add("plugin in process", false, func() run {
		return b.child("plugin", n, "BENCH_BATCH="+batchID)
	})
	add("export CLI -> CSV", false, func() run {
		return withDigest(b.measureExport(batchID, outFile("export.csv")), outFile("export.csv"), digest.FromCSV)
	})
	if sqlite := filepath.Join("build", "steampipe_sqlite_prolific.so"); fileExists(sqlite) && peersReady {
		add("SQLite extension -> CSV", false, func() run {
			cmd := exec.Command("/usr/bin/python3", "test/bench/peers/sqlite_csv.py", sqlite, b.baseURL, token, batchID)
			cmd.Env = append(os.Environ(), "STEAMPIPE_CACHE=false")
			return withDigest(measureCommand(cmd, outFile("sqlite.csv")), outFile("sqlite.csv"), digest.FromCSV)
		})
	} else {
		log.Printf("bench: SKIPPED the SQLite extension: %s is missing (make sqlite) or python3 is not ready", sqlite)
	}
	add("plugin over go-plugin", false, func() run {
		return b.child("goplugin", n, "BENCH_BATCH="+batchID)
	})
	var pg *postgres
	var sp *steampipe
	if withPostgres {
		pg = startPostgres(apiPort)
		sp = startSteampipe(apiPort)
	}
	if sp != nil {
		defer sp.stop()
		query := fmt.Sprintf("select * from prolific_batch_response where batch_id = '%s'", batchID)
		add("Steampipe query -> CSV", false, func() run {
			return withDigest(sp.oneShot(query, outFile("steampipe.csv")), outFile("steampipe.csv"), digest.FromCSV)
		})
		add("Steampipe service -> CSV", false, func() run {
			copyCSV := "copy (" + strings.Replace(query, " from ", " from prolific.", 1) + ") to stdout (format csv, header)"
			return withDigest(sp.serviceQuery(copyCSV, outFile("steampipe-service.csv")), outFile("steampipe-service.csv"),
				digest.FromCSV)
		})
	}
	if pg != nil {
		defer pg.stop()
		query := fmt.Sprintf("from prolific.prolific_batch_response where batch_id = '%s'", batchID)
		add("postgres select * -> CSV", false, func() run {
			return withDigest(pg.query("copy (select * "+query+") to stdout (format csv, header)", outFile("pg.csv")),
				outFile("pg.csv"), digest.FromCSV)
		})
		add("postgres count(*)", false, func() run {
			r := pg.query("select count(*) "+query, outFile("pg-count.txt"))
			text, err := os.ReadFile(outFile("pg-count.txt"))
			must(err)
			_, _ = fmt.Sscan(string(text), &r.Rows)
			return r
		})
	}

	log.Printf("bench: peers: %d contenders, %d rounds over %s (%d responses)", len(contenders), rounds, batchID, n)
	for round := range rounds {
		for i := range contenders {
			c := contenders[(i+round)%len(contenders)]
			r := c.read()
			c.runs = append(c.runs, r)
			log.Printf("bench: round %d  %-28s %8.2f s  cpu %6.2f s  rss %6.1f MB  rows %d  digest %s", round+1, c.name,
				r.Wall.Seconds(), r.CPU.Seconds(), r.PeakRSSMB, r.Rows, r.Digest)
		}
	}
	checkAgreement(contenders, n)
	return renderPeers(contenders, n, batchID)
}

// checkAgreement stops the bench when any run returned other rows than the official CLI's first run.
func checkAgreement(contenders []*contender, n int) {
	want := contenders[0].runs[0]
	if want.Rows != n {
		log.Fatalf("bench: the official CLI returned %d rows, want %d", want.Rows, n)
	}
	for _, c := range contenders {
		for i, r := range c.runs {
			if r.Rows != want.Rows || (r.Digest != "" && r.Digest != want.Digest) {
				log.Fatalf("bench: %s (round %d) returned %d rows with digest %s; the official CLI returned %d rows with digest %s",
					c.name, i+1, r.Rows, r.Digest, want.Rows, want.Digest)
			}
		}
	}
}

func renderPeers(contenders []*contender, n int, batchID string) string {
	cli := contenders[0]
	fastestPeer := func(round int) time.Duration {
		var best time.Duration
		for _, c := range contenders {
			if c.peer && (best == 0 || c.runs[round].Wall < best) {
				best = c.runs[round].Wall
			}
		}
		return best
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\nPeers: %d responses (%s), %d rounds; medians, and medians of per-round ratios\n", n, batchID, len(cli.runs))
	fmt.Fprintf(&b, "%-28s %8s %13s %8s %8s %8s %7s %7s %8s\n", "contender", "rows", "digest", "wall s", "cpu s",
		"RSS MB", "×CLI", "×peer", "×CLIcpu")
	for _, c := range contenders {
		var walls, cpus, rss, toCLI, toPeer, cpuToCLI []float64
		for i, r := range c.runs {
			walls = append(walls, r.Wall.Seconds())
			cpus = append(cpus, r.CPU.Seconds())
			rss = append(rss, r.PeakRSSMB)
			toCLI = append(toCLI, r.Wall.Seconds()/cli.runs[i].Wall.Seconds())
			cpuToCLI = append(cpuToCLI, r.CPU.Seconds()/cli.runs[i].CPU.Seconds())
			if peer := fastestPeer(i); peer > 0 {
				toPeer = append(toPeer, r.Wall.Seconds()/peer.Seconds())
			}
		}
		digestText := c.runs[0].Digest
		if digestText == "" {
			digestText = "(count)"
		}
		fmt.Fprintf(&b, "%-28s %8d %13s %8.2f %8.2f %8.1f %7.2f %7s %8.2f\n", c.name, c.runs[0].Rows, digestText,
			median(walls), median(cpus), median(rss), median(toCLI), ratioText(toPeer), median(cpuToCLI))
		if c.runs[0].PluginRSS > 0 {
			var prss, pcpu []float64
			for _, r := range c.runs {
				prss, pcpu = append(prss, r.PluginRSS), append(pcpu, r.PluginCPU)
			}
			fmt.Fprintf(&b, "%-28s %8s %13s %8s %8.2f %8.1f\n", "  of which the plugin process", "", "", "", median(pcpu), median(prss))
		}
		if c.runs[0].Startup > 0 {
			var startups []float64
			for _, r := range c.runs {
				startups = append(startups, r.Startup.Seconds())
			}
			fmt.Fprintf(&b, "%-28s %8s %13s %8.2f\n", "  of which startup (select 1)", "", "", median(startups))
		}
	}
	b.WriteString("CPU is user+system of the contender's processes (PostgreSQL: psql and the backend; Steampipe query: the CLI\n" +
		"and the processes it waited for; Steampipe service: psql, the backend and the plugin). RSS is the largest process's peak.\n")
	return b.String()
}

func ratioText(ratios []float64) string {
	if len(ratios) == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", median(ratios))
}

// installPeers makes sure curl, jq and Debian's python3 with requests are there: installed as root, otherwise the
// peers are left out with a message.
func installPeers() bool {
	if os.Geteuid() == 0 {
		cmd := exec.Command("test/tools/apt-install.sh", "curl", "jq", "python3", "python3-requests")
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			log.Fatalf("bench: installing the peers' packages: %v", err)
		}
		return true
	}
	check := exec.Command("/usr/bin/python3", "-c", "import requests")
	_, jqErr := exec.LookPath("jq")
	_, curlErr := exec.LookPath("curl")
	if check.Run() != nil || jqErr != nil || curlErr != nil {
		log.Printf("bench: SKIPPED the curl+jq and Python peers: they need curl, jq and python3-requests, which only root can install (run make bench as root)")
		return false
	}
	return true
}

// goTool builds a pinned Go program once per machine (test/tools/go-tool.sh) and returns its path.
func goTool(name, module, version string) string {
	cmd := exec.Command("test/tools/go-tool.sh", name, module, version)
	cmd.Env = append(os.Environ(), "GOFLAGS=")
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		log.Fatalf("bench: building %s %s: %v", module, version, err)
	}
	return strings.TrimSpace(string(out))
}

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
	done := make(chan struct{})
	result := make(chan float64, 1)
	go func() {
		peaks := map[int]float64{}
		for {
			for _, p := range processTree(pid) {
				if mb := vmHWM(p); mb > peaks[p] {
					peaks[p] = mb
				}
			}
			select {
			case <-done:
				largest := 0.0
				for _, mb := range peaks {
					largest = max(largest, mb)
				}
				result <- largest
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	return func() float64 { close(done); return <-result }
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

// checkExportMemory fails the bench when the export's peak RSS grows with the number of rows: at 1,000,000
// responses it must stay within 25% of its peak at 100,000.
func checkExportMemory(results []floorResult) {
	peak := map[int]float64{}
	for _, r := range results {
		if r.Mode == "export" {
			peak[r.N] = r.PeakRSSMB
		}
	}
	small, large := peak[100000], peak[1000000]
	if small > 0 && large > 1.25*small {
		log.Fatalf("bench: the export's peak RSS grew from %.1f MB at 100,000 rows to %.1f MB at 1,000,000: it must stream", small, large)
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// --- PostgreSQL ------------------------------------------------------------------------------------------------------

// postgres is a throwaway PostgreSQL with the extension, started by test/bench/pg.sh, which stops it when its stdin
// closes.
type postgres struct {
	*setupScript
	psql
}

// psql is the command line of psql for one database, as a superuser (query reads /proc through pg_read_file).
type psql []string

func startPostgres(apiPort string) *postgres {
	if os.Geteuid() != 0 {
		log.Printf("bench: SKIPPED PostgreSQL: it installs the extension and starts a cluster, which needs root (run make bench as root)")
		return nil
	}
	script := startSetupScript("test/bench/pg.sh", apiPort)
	return &postgres{setupScript: script, psql: script.ready}
}

// setupScript is a script that sets something up for the bench, prints "ready" and the words the bench needs on one
// line, and keeps it up until its stdin closes (test/bench/pg.sh, test/bench/steampipe.sh).
type setupScript struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	ready []string // the words after "ready"
}

func startSetupScript(path string, args ...string) *setupScript {
	cmd := exec.Command(path, args...)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	must(err)
	stdout, err := cmd.StdoutPipe()
	must(err)
	must(cmd.Start())
	line, err := bufio.NewReader(stdout).ReadString('\n')
	words, ok := strings.CutPrefix(strings.TrimSpace(line), "ready ")
	if err != nil || !ok {
		_ = cmd.Wait()
		log.Fatalf("bench: %s did not get ready (%q, %v)", path, line, err)
	}
	return &setupScript{cmd: cmd, stdin: stdin, ready: strings.Fields(words)}
}

// stop closes the script's stdin, so that it tears down what it set up, and waits for it.
func (s *setupScript) stop() {
	_ = s.stdin.Close()
	_ = s.cmd.Wait()
}

// query runs sql in a fresh psql session with its output in a file, and adds the backend's CPU time (read from /proc
// before and after, in the same session) to psql's, and the backend's peak RSS.
func (p psql) query(sql, outPath string) run {
	script := strings.Join([]string{ // psql runs with -At (pg.sh): unaligned, tuples only
		`select pg_read_file('/proc/self/stat');`,
		`\o ` + outPath, sql + ";", `\o`,
		`select pg_read_file('/proc/self/stat');`,
		`select pg_read_file('/proc/self/status');`,
	}, "\n")
	cmd := exec.Command(p[0], append(p[1:], "-v", "ON_ERROR_STOP=1")...)
	cmd.Stdin = strings.NewReader(script)
	statsPath := outPath + ".stats"
	r := measureCommand(cmd, statsPath)
	stats, err := os.ReadFile(statsPath)
	must(err)
	before, after, hwm := parseBackendStats(string(stats))
	r.CPU += after - before
	r.PeakRSSMB = max(r.PeakRSSMB, hwm)
	return r
}

// parseBackendStats reads the two /proc/self/stat texts and the /proc/self/status text the query script prints.
func parseBackendStats(text string) (before, after time.Duration, hwmMB float64) {
	var stats []time.Duration
	for _, line := range strings.Split(text, "\n") {
		if strings.Contains(line, " (postgres") {
			if cpu, ok := statCPU(line); ok {
				stats = append(stats, cpu)
			}
		}
		if value, ok := strings.CutPrefix(strings.TrimSpace(line), "VmHWM:"); ok {
			var kb float64
			_, _ = fmt.Sscan(strings.TrimSpace(value), &kb)
			hwmMB = kb / 1024
		}
	}
	if len(stats) != 2 {
		log.Fatalf("bench: cannot read the backend's CPU time from psql's output:\n%s", tail(text, 2000))
	}
	return stats[0], stats[1], hwmMB
}

// statCPU reads the user+system CPU time from a line of /proc/<pid>/stat.
func statCPU(line string) (time.Duration, bool) {
	i := strings.LastIndexByte(line, ')') // the command name, in parentheses, may hold spaces
	if i < 0 {
		return 0, false
	}
	fields := strings.Fields(line[i+1:])
	if len(fields) < 13 {
		return 0, false
	}
	var utime, stime float64
	_, errU := fmt.Sscan(fields[11], &utime)
	_, errS := fmt.Sscan(fields[12], &stime)
	return time.Duration((utime + stime) * float64(time.Second) / 100), errU == nil && errS == nil // USER_HZ
}

// --- floors ----------------------------------------------------------------------------------------------------------

type floorResult struct {
	Label string
	N     int
	Mode  string
	run
}

func (b *bench) floors(sizes []int) string {
	var results []floorResult
	measure := func(label, mode string, n int, env ...string) floorResult {
		r := floorResult{Label: label, N: n, Mode: mode, run: b.child(mode, n, env...)}
		if mode != "transfer" && !strings.Contains(label, "LIMIT") && r.Rows != n {
			log.Fatalf("bench: %s at %d returned %d rows, want %d", label, n, r.Rows, n)
		}
		results = append(results, r)
		log.Printf("bench: %-32s n=%-8d %8.0f ms  cpu %6.2f s  heap %6.1f MB  rss %6.1f MB  plugin rss %6.1f MB", label, n,
			ms(r.Wall), r.CPU.Seconds(), r.PeakHeapMB, r.PeakRSSMB, r.PluginRSS)
		return r
	}
	for _, n := range sizes {
		measure("transfer floor", "transfer", n)
		measure("decode floor", "decode", n)
		if n >= 100000 {
			csvPath := filepath.Join(b.out, "out", "export-floor.csv")
			r := floorResult{Label: "export CLI -> CSV", N: n, Mode: "export",
				run: withDigest(b.measureExport(fakeapi.SyntheticBatchID(n), csvPath), csvPath, digest.FromCSV)}
			if r.Rows != n {
				log.Fatalf("bench: the export at %d wrote %d rows, want %d", n, r.Rows, n)
			}
			log.Printf("bench: %-32s n=%-8d %8.0f ms  cpu %6.2f s  rss %6.1f MB", r.Label, n, ms(r.Wall), r.CPU.Seconds(), r.PeakRSSMB)
			results = append(results, r)
		}
		if n > 100000 { // the size that shows memory stays flat: the plugin's own process, as Steampipe runs it
			measure("plugin over go-plugin", "goplugin", n)
			continue
		}
		measure("SDK floor", "sdkfloor", n)
		env := []string{}
		if n == 100000 {
			env = append(env, "BENCH_PROFILE="+b.out)
		}
		measure("plugin in process", "plugin", n, env...)
		if n == 100000 {
			measure("plugin over go-plugin", "goplugin", n)
		}
	}
	checkExportMemory(results)
	if contains(sizes, 100000) {
		for _, mode := range []string{"plugin", "goplugin"} {
			var limits []floorResult
			for range 5 {
				limits = append(limits, floorResult{run: b.child(mode, 100000, "BENCH_LIMIT=10")})
			}
			sort.Slice(limits, func(i, j int) bool { return limits[i].Wall < limits[j].Wall })
			median := limits[2]
			median.Label, median.N, median.Mode = mode+" LIMIT 10 (median of 5)", 100000, mode
			if median.Rows != 10 {
				log.Fatalf("bench: LIMIT 10 returned %d rows", median.Rows)
			}
			results = append(results, median)
		}
		for _, interval := range []string{"100", "10000"} { // the plugin's default is 1000, the SDK's 100
			measure("plugin, FREE_MEM_INTERVAL "+interval, "plugin", 100000, "STEAMPIPE_FREE_MEM_INTERVAL="+interval)
		}
		results = append(results, b.dashboard()...)
		// The profile of the plugin's own process over go-plugin: the query repeats for about two reads' time.
		seconds := 10
		for _, r := range results {
			if r.Mode == "goplugin" && r.N == 100000 && r.Rows == r.N {
				seconds = int(math.Ceil(2 * r.Wall.Seconds()))
			}
		}
		b.child("goplugin", 100000, "BENCH_PROFILE="+b.out, fmt.Sprintf("BENCH_PROFILE_SECONDS=%d", seconds))
	}
	return renderFloors(results) + fmt.Sprintf("Profiles of the plugin at 100,000 responses: in process %s/cpu.prof, %s/allocs.prof "+
		"(go tool pprof %s <profile>); over go-plugin %s/goplugin-cpu.prof, %s/goplugin-allocs.prof (go tool pprof %s <profile>)\n",
		b.out, b.out, b.testBinary, b.out, b.out, b.plugin)
}

// dashboard runs the panel queries of a dashboard over one batch of 100,000 responses through the plugin over
// go-plugin, with Steampipe's query cache on and off (test/bench/child, dashboardPanels).
func (b *bench) dashboard() []floorResult {
	var results []floorResult
	for _, cache := range []string{"on", "off"} {
		r := floorResult{Label: "dashboard, 7 panels, cache " + cache, N: 100000, Mode: "dashboard",
			run: b.child("dashboard", 100000, "BENCH_CACHE="+cache)}
		log.Printf("bench: %s: %.1f s; panels %s ms; plugin RSS %.0f MB", r.Label, r.Wall.Seconds(), r.Panels, r.PluginRSS)
		results = append(results, r)
	}
	return results
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

// renderFloors prints each figure with its ratio to the floors measured at the same size in the same run.
func renderFloors(results []floorResult) string {
	floors := map[string]map[int]floorResult{}
	for _, r := range results {
		if floors[r.Mode] == nil {
			floors[r.Mode] = map[int]floorResult{}
		}
		if _, seen := floors[r.Mode][r.N]; !seen {
			floors[r.Mode][r.N] = r
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\nFloors: the plugin against what bounds it from below (ratios to floors of the same size in this run)\n")
	fmt.Fprintf(&b, "%-36s %9s %9s %10s %8s %9s %9s %10s %8s %8s %8s %8s\n", "measurement", "responses", "rows",
		"wall ms", "cpu s", "heap MB", "RSS MB", "plugin RSS", "×transf", "×decode", "×SDK", "×SDKcpu")
	for _, r := range results {
		ratio := func(mode string) string {
			if floor, ok := floors[mode][r.N]; ok && floor.Wall > 0 {
				return fmt.Sprintf("%.2f", float64(r.Wall)/float64(floor.Wall))
			}
			return "-"
		}
		cpuRatio := "-"
		if floor, ok := floors["sdkfloor"][r.N]; ok && floor.CPU > 0 {
			cpuRatio = fmt.Sprintf("%.2f", float64(r.CPU)/float64(floor.CPU))
		}
		pluginRSS := "-"
		if r.PluginRSS > 0 {
			pluginRSS = fmt.Sprintf("%.1f", r.PluginRSS)
		}
		fmt.Fprintf(&b, "%-36s %9d %9d %10.1f %8.2f %9.1f %9.1f %10s %8s %8s %8s %8s\n", r.Label, r.N, r.Rows, ms(r.Wall),
			r.CPU.Seconds(), r.PeakHeapMB, r.PeakRSSMB, pluginRSS, ratio("transfer"), ratio("decode"), ratio("sdkfloor"), cpuRatio)
	}
	for _, r := range results {
		if r.Panels != "" {
			fmt.Fprintf(&b, "%s: each panel's wall ms: %s\n", r.Label, r.Panels)
		}
	}
	return b.String()
}

// --- helpers ---------------------------------------------------------------------------------------------------------

func panelsText(panels []float64) string {
	var parts []string
	for _, p := range panels {
		parts = append(parts, fmt.Sprintf("%.0f", p))
	}
	return strings.Join(parts, " ")
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func median(values []float64) float64 {
	if len(values) == 0 {
		return 0
	}
	sorted := append([]float64(nil), values...)
	sort.Float64s(sorted)
	if len(sorted)%2 == 1 {
		return sorted[len(sorted)/2]
	}
	return (sorted[len(sorted)/2-1] + sorted[len(sorted)/2]) / 2
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

// fakeAddress reads the fake API's log until it names the address it serves, and passes the rest of the log on.
func fakeAddress(fakeLog io.Reader) string {
	lines := bufio.NewScanner(fakeLog)
	for lines.Scan() {
		fmt.Fprintln(os.Stderr, lines.Text())
		if _, url, ok := strings.Cut(lines.Text(), "serving the fake Prolific API on "); ok {
			go func() { _, _ = io.Copy(os.Stderr, fakeLog) }()
			return strings.TrimSpace(url)
		}
	}
	log.Fatalf("bench: the fake API stopped before it served")
	return ""
}

func build(name string, args ...string) {
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
