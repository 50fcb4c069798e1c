package main

import (
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/pipeworks/steampipe-plugin-prolific/test/bench/digest"
	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
)

// peers reads one batch of n responses with every contender, in rounds, checks that all returned the official
// CLI's rows and renders the table.
func (b *bench) peers(n, rounds int, apiPort string, withPostgres bool) string {
	batchID := fakeapi.PeersBatchID(n)
	var l lineup
	b.addClients(&l, n, batchID)
	if withPostgres {
		defer b.addDatabases(&l, batchID, apiPort)()
	}
	return l.race("Peers", n, rounds, batchID)
}

// outsideShape reads the outside shape of batch (fakeapi.OutsideBatch) of n responses with the official CLI and the
// plugin in process and over go-plugin, in rounds, and renders their table, so that the figures can be set beside an
// outside measurement of the CLI on that shape (docs/development.md, "make bench").
func (b *bench) outsideShape(n, rounds int) string {
	batchID := fakeapi.OutsideBatchID(n)
	var l lineup
	b.addCLI(&l, batchID)
	l.add("plugin in process", false, b.pluginRead("plugin", n, batchID))
	l.add("plugin over go-plugin", false, b.pluginRead("goplugin", n, batchID))
	return l.race("Outside shape", n, rounds, batchID)
}

// race runs every contender of l once a round, in an order that rotates each round, checks that all returned the
// official CLI's rows and renders the table under title.
func (l lineup) race(title string, n, rounds int, batchID string) string {
	log.Printf("bench: %s: %d contenders, %d rounds over %s (%d responses)", strings.ToLower(title), len(l), rounds, batchID, n)
	for round := range rounds {
		for i := range l {
			c := l[(i+round)%len(l)] // the order rotates each round
			r := c.read()
			c.runs = append(c.runs, r)
			log.Printf("bench: round %d  %-28s %8.2f s  cpu %6.2f s  rss %6.1f MB  rows %d  digest %s", round+1, c.name,
				r.Wall.Seconds(), r.CPU.Seconds(), r.PeakRSSMB, r.Rows, r.Digest)
		}
	}
	checkAgreement(l, n)
	return renderPeers(title, l, n, batchID)
}

// lineup is the peers' contenders, the official CLI first.
type lineup []*contender

func (l *lineup) add(name string, peer bool, read func() run) {
	*l = append(*l, &contender{name: name, peer: peer, read: read})
}

// outFile is where a contender writes its output.
func (b *bench) outFile(name string) string { return filepath.Join(b.out, "out", name) }

// addClients adds the contenders that need no database: the official CLI, the curl+jq and Python peers, the plugin
// in process, the export CLI, the SQLite extension and the plugin over go-plugin.
func (b *bench) addClients(l *lineup, n int, batchID string) {
	b.addCLI(l, batchID)
	peersReady := installPeers()
	if peersReady {
		l.add("curl+jq -> CSV", true, func() run {
			return b.measureInto(exec.Command("test/bench/peers/curl_jq_csv.sh", b.baseURL, token, batchID), "jq.csv", digest.FromCSV)
		})
		l.add("Python requests -> CSV", true, func() run {
			cmd := exec.Command("/usr/bin/python3", "test/bench/peers/requests_csv.py", b.baseURL, token, batchID)
			return b.measureInto(cmd, "python.csv", digest.FromCSV)
		})
	}
	l.add("plugin in process", false, b.pluginRead("plugin", n, batchID))
	l.add("export CLI -> CSV", false, func() run {
		return withDigest(b.measureExport(batchID, b.outFile("export.csv")), b.outFile("export.csv"), digest.FromCSV)
	})
	if sqlite := filepath.Join("build", "steampipe_sqlite_prolific.so"); fileExists(sqlite) && peersReady {
		l.add("SQLite extension -> CSV", false, func() run {
			cmd := exec.Command("/usr/bin/python3", "test/bench/peers/sqlite_csv.py", sqlite, b.baseURL, token, batchID)
			cmd.Env = append(os.Environ(), "STEAMPIPE_CACHE=false")
			return b.measureInto(cmd, "sqlite.csv", digest.FromCSV)
		})
	} else {
		log.Printf("bench: SKIPPED the SQLite extension: %s is missing (make sqlite) or python3 is not ready", sqlite)
	}
	l.add("plugin over go-plugin", false, b.pluginRead("goplugin", n, batchID))
}

// addCLI adds the official CLI, which comes first: every other contender's rows are checked against its own. Its
// text output goes to a file and is digested after the run, as a user would redirect it.
func (b *bench) addCLI(l *lineup, batchID string) {
	cli := goTool("prolific", "github.com/prolific-oss/cli", "v1.2.1")
	cliHome := filepath.Join(b.out, "cli-home") // the CLI reads a config file from $HOME; keep the user's out of it
	must(os.MkdirAll(cliHome, 0o755))
	l.add("official CLI v1.2.1 (text)", false, func() run {
		cmd := exec.Command(cli, "aitaskbuilder", "batch", "responses", "-b", batchID)
		cmd.Env = append(os.Environ(), "PROLIFIC_TOKEN="+token, "PROLIFIC_URL="+b.baseURL, "HOME="+cliHome)
		return b.measureInto(cmd, "cli.txt", digest.FromCLIText)
	})
}

// pluginRead is a read of the plugin in the child process (mode plugin: in process; goplugin: over go-plugin).
func (b *bench) pluginRead(mode string, n int, batchID string) func() run {
	return func() run { return b.child(mode, n, "BENCH_BATCH="+batchID) }
}

// addDatabases adds the contenders that need root: the Steampipe CLI and the plugin's extension in PostgreSQL. It
// returns a function that stops what it started.
func (b *bench) addDatabases(l *lineup, batchID, apiPort string) (stop func()) {
	pg := startPostgres(apiPort)
	sp := startSteampipe(apiPort)
	if sp != nil {
		query := fmt.Sprintf("select * from prolific_batch_response where batch_id = '%s'", batchID)
		l.add("Steampipe query -> CSV", false, func() run {
			return withDigest(sp.oneShot(query, b.outFile("steampipe.csv")), b.outFile("steampipe.csv"), digest.FromCSV)
		})
		l.add("Steampipe service -> CSV", false, func() run {
			copyCSV := "copy (" + strings.Replace(query, " from ", " from prolific.", 1) + ") to stdout (format csv, header)"
			path := b.outFile("steampipe-service.csv")
			return withDigest(sp.serviceQuery(copyCSV, path), path, digest.FromCSV)
		})
	}
	if pg != nil {
		query := fmt.Sprintf("from prolific.prolific_batch_response where batch_id = '%s'", batchID)
		l.add("postgres select * -> CSV", false, func() run {
			return withDigest(pg.query("copy (select * "+query+") to stdout (format csv, header)", b.outFile("pg.csv")),
				b.outFile("pg.csv"), digest.FromCSV)
		})
		l.add("postgres count(*)", false, func() run {
			r := pg.query("select count(*) "+query, b.outFile("pg-count.txt"))
			text, err := os.ReadFile(b.outFile("pg-count.txt"))
			must(err)
			_, _ = fmt.Sscan(string(text), &r.Rows)
			return r
		})
	}
	return func() {
		if pg != nil {
			pg.stop()
		}
		if sp != nil {
			sp.stop()
		}
	}
}

// measureInto runs cmd with its stdout in the file name under build/bench/out and digests that output with read.
func (b *bench) measureInto(cmd *exec.Cmd, name string, read func(io.Reader) (*digest.Digest, error)) run {
	return withDigest(measureCommand(cmd, b.outFile(name)), b.outFile(name), read)
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
