package main

import (
	"fmt"
	"log"
	"math"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pipeworks/steampipe-plugin-prolific/test/bench/digest"
	"github.com/pipeworks/steampipe-plugin-prolific/test/bench/floor"
	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
)

// floorResult is one line of the floors table.
type floorResult struct {
	Label string
	N     int
	Mode  string
	run
}

// floorRun is the floors part under way: the results so far.
type floorRun struct {
	*bench
	results []floorResult
}

// floors reads prolific_batch_response in full at each size, next to its floors (test/bench/floor), and renders the
// table. At 100,000 responses it also measures LIMIT 10, the SDK's memory setting, a dashboard and the profiles.
func (b *bench) floors(sizes []int) string {
	f := &floorRun{bench: b}
	check := f.checkSDKFloor(sizes[0])
	for _, n := range sizes {
		f.atSize(n)
	}
	checkFlatMemory(f.results, "export CLI -> CSV", func(r floorResult) float64 { return r.PeakRSSMB })
	checkFlatMemory(f.results, goPluginCacheOn, func(r floorResult) float64 { return r.PluginRSS })
	if contains(sizes, 100000) {
		f.limits()
		f.startup()
		for _, interval := range []string{"100", "10000"} { // the plugin's default is 1000, the SDK's 100
			f.measure("plugin, FREE_MEM_INTERVAL "+interval, "plugin", 100000, "STEAMPIPE_FREE_MEM_INTERVAL="+interval)
		}
		f.results = append(f.results, b.dashboard()...)
		f.profileGoPlugin()
	}
	return renderFloors(f.results) + check + fmt.Sprintf("Profiles of the plugin at 100,000 responses: in process "+
		"%s/cpu.prof, %s/allocs.prof (go tool pprof %s <profile>); over go-plugin %s/goplugin-cpu.prof, "+
		"%s/goplugin-allocs.prof (go tool pprof %s <profile>)\n", b.out, b.out, b.testBinary, b.out, b.out, b.plugin)
}

// measure runs one measurement in a child process, checks its row count and keeps it.
func (f *floorRun) measure(label, mode string, n int, env ...string) floorResult {
	r := floorResult{Label: label, N: n, Mode: mode, run: f.child(mode, n, env...)}
	if mode != "transfer" && !strings.Contains(label, "LIMIT") && r.Rows != n {
		log.Fatalf("bench: %s at %d returned %d rows, want %d", label, n, r.Rows, n)
	}
	f.results = append(f.results, r)
	log.Printf("bench: %-32s n=%-8d %8.0f ms  cpu %6.2f s  heap %6.1f MB  rss %6.1f MB  plugin rss %6.1f MB", label, n,
		ms(r.Wall), r.CPU.Seconds(), r.PeakHeapMB, r.PeakRSSMB, r.PluginRSS)
	return r
}

// goPluginCacheOn is the plugin over go-plugin with Steampipe's query cache on, at Steampipe's size (16 GB).
const goPluginCacheOn = "go-plugin, cache on"

// atSize measures the floors and the plugin at one batch size. Above 100,000 only the plugin over go-plugin runs,
// the size that shows memory stays flat: the plugin's own process, as Steampipe runs it, with the cache off and on.
func (f *floorRun) atSize(n int) {
	f.measure("transfer floor", "transfer", n)
	f.measure("decode floor", "decode", n)
	if n >= 100000 {
		f.export(n)
	}
	if n > 100000 {
		f.measure("plugin over go-plugin", "goplugin", n)
		f.measure(goPluginCacheOn, "goplugin", n, "BENCH_CACHE=on")
		return
	}
	f.measure("SDK floor", "sdkfloor", n)
	env := []string{}
	if n == 100000 {
		env = append(env, "BENCH_PROFILE="+f.out)
	}
	f.measure("plugin in process", "plugin", n, env...)
	if n == 100000 {
		f.measure("plugin over go-plugin", "goplugin", n)
		f.measure(goPluginCacheOn, "goplugin", n, "BENCH_CACHE=on")
	}
}

// export measures the export CLI writing every column of the batch of n responses as CSV.
func (f *floorRun) export(n int) {
	csvPath := filepath.Join(f.out, "out", "export-floor.csv")
	r := floorResult{Label: "export CLI -> CSV", N: n, Mode: "export",
		run: withDigest(f.measureExport(fakeapi.SyntheticBatchID(n), csvPath), csvPath, digest.FromCSV)}
	if r.Rows != n {
		log.Fatalf("bench: the export at %d wrote %d rows, want %d", n, r.Rows, n)
	}
	log.Printf("bench: %-32s n=%-8d %8.0f ms  cpu %6.2f s  rss %6.1f MB", r.Label, n, ms(r.Wall), r.CPU.Seconds(), r.PeakRSSMB)
	f.results = append(f.results, r)
}

// limits measures LIMIT 10 on 100,000 responses in process and over go-plugin.
func (f *floorRun) limits() {
	for _, mode := range []string{"plugin", "goplugin"} {
		if r := f.medianOf5(mode+" LIMIT 10", mode, 100000, "BENCH_LIMIT=10"); r.Rows != 10 {
			log.Fatalf("bench: LIMIT 10 returned %d rows", r.Rows)
		}
	}
}

// startup measures what starting the plugin binary costs, as Steampipe starts it: the process, go-plugin's
// handshake, the connection's config and the schema.
func (f *floorRun) startup() {
	f.medianOf5("go-plugin start", "startup", 0)
}

// medianOf5 runs a short measurement 5 times and keeps the run of median wall time.
func (f *floorRun) medianOf5(label, mode string, n int, env ...string) floorResult {
	var runs []floorResult
	for range 5 {
		runs = append(runs, floorResult{run: f.child(mode, n, env...)})
	}
	sort.Slice(runs, func(i, j int) bool { return runs[i].Wall < runs[j].Wall })
	median := runs[2]
	median.Label, median.N, median.Mode = label+" (median of 5)", n, mode
	f.results = append(f.results, median)
	return median
}

// profileGoPlugin profiles the plugin's own process over go-plugin at 100,000 responses: the query repeats for about
// two reads' time.
func (f *floorRun) profileGoPlugin() {
	seconds := 10
	for _, r := range f.results {
		if r.Mode == "goplugin" && r.N == 100000 && r.Rows == r.N {
			seconds = int(math.Ceil(2 * r.Wall.Seconds()))
		}
	}
	f.child("goplugin", 100000, "BENCH_PROFILE="+f.out, fmt.Sprintf("BENCH_PROFILE_SECONDS=%d", seconds))
}

// checkSDKFloor stops the bench unless the SDK floor gives the plugin's rows. The floor streams the first
// floor.DistinctRows responses of a batch over and over; read once, they must have the digest of the plugin's
// first as many rows of the same batch (LIMIT). It returns the line the report gives the check.
func (f *floorRun) checkSDKFloor(n int) string {
	rows := min(n, floor.DistinctRows)
	batch := "BENCH_BATCH=" + fakeapi.SyntheticBatchID(n)
	sdkFloor := f.child("sdkfloor", rows, batch)
	plugin := f.child("plugin", n, batch, fmt.Sprintf("BENCH_LIMIT=%d", rows))
	if sdkFloor.Rows != rows || plugin.Rows != rows || sdkFloor.Digest != plugin.Digest {
		log.Fatalf("bench: the SDK floor does not give the plugin's rows: %d rows with digest %s, the plugin %d rows with "+
			"digest %s (LIMIT %d)", sdkFloor.Rows, sdkFloor.Digest, plugin.Rows, plugin.Digest, rows)
	}
	return fmt.Sprintf("The SDK floor's %d distinct rows have the plugin's digest for the same rows: %s\n", rows, plugin.Digest)
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

// checkFlatMemory fails the bench when the peak RSS of the measurement labelled label grows with the number of rows:
// at 1,000,000 responses it must stay within 25% of its peak at 100,000. The export and the plugin stream rows, and
// the plugin's query cache holds a bounded part of a large scan (patches/sdk/0010).
func checkFlatMemory(results []floorResult, label string, peakRSS func(floorResult) float64) {
	peak := map[int]float64{}
	for _, r := range results {
		if r.Label == label {
			peak[r.N] = peakRSS(r)
		}
	}
	small, large := peak[100000], peak[1000000]
	if small > 0 && large > 1.25*small {
		log.Fatalf("bench: the peak RSS of %s grew from %.1f MB at 100,000 rows to %.1f MB at 1,000,000: it must stream", label, small, large)
	}
}
