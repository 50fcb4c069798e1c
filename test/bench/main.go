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
// Outside shape. The official CLI and the plugin, in process and over go-plugin, again in rounds, on a batch of the
// same size in the shape that an outside measurement of the CLI used (fakeapi.OutsideBatch: short free-text and
// multiple-choice answers only), so that both shapes are quoted.
//
// Floors. A full read of prolific_batch_response against floors that bound it from below, at several sizes (above
// 100,000 only the transfer and decode floors and the plugin over go-plugin, whose own peak RSS shows memory stays
// flat):
//
//	transfer  the body downloaded with Go's HTTP client into io.Discard
//	decode    the body downloaded and cut into responses by Go's json.Decoder, as the plugin's decoder does first
//	sdkfloor  the table's schema served through the SDK from rows whose column values are pre-built: the SDK's own
//	          cost. Before the floors, its rows are checked against the plugin's by digest
//	plugin    the plugin through its gRPC surface, every column
//	go-plugin the plugin binary over go-plugin; its own process's peak RSS is the memory figure that matters, with
//	          Steampipe's query cache off and on (at 1,000,000 responses the peak with the cache on must stay within
//	          25% of its peak at 100,000, or the bench fails)
//	export    the export CLI writing every column as CSV to a file; its peak RSS at 1,000,000 responses must stay
//	          within 25% of its peak at 100,000, or the bench fails, since the export streams rows
//	LIMIT 10  on 100,000 responses, in process and over go-plugin (median of 5)
//	start     the plugin binary started over go-plugin with its connection's config and schema, no query (median
//	          of 5): the part of a one-shot `steampipe query`'s startup that is the plugin's
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
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

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
	fake := exec.Command(fakeBinary, "-addr", "127.0.0.1:0", "-synthetic", *sizesFlag, "-peers", fmt.Sprint(*peersN),
		"-outside", fmt.Sprint(*peersN))
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
		report.WriteString(b.outsideShape(*peersN, *rounds))
	}
	if *withFloors {
		report.WriteString(b.floors(sizes))
	}
	fmt.Print(report.String())
	must(os.WriteFile(filepath.Join(b.out, "results.txt"), []byte(report.String()), 0o644))
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

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
