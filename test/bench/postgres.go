package main

import (
	"bufio"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"strings"
	"time"
)

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
