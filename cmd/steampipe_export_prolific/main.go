// Command steampipe_export_prolific exports one table of the Prolific plugin to CSV, JSON or JSON Lines, with no
// database and no service: the plugin runs in this process, through the SDK's local stream, as in Turbot's
// steampipe_export_* tools, whose interface and docs it follows:
//
//	steampipe_export_prolific prolific_batch_response --where "batch_id = '...'" --output csv > responses.csv
//
// Rows are written as they arrive, so memory does not grow with the table. A run that fails exits non-zero with the
// reason on stderr, even after rows were written: its output is then incomplete. docs/index.md ("Export CLI")
// documents the flags and exit codes.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"

	"github.com/mattn/go-isatty"

	"github.com/pipeworks/steampipe-plugin-prolific/prolific"
)

const command = "steampipe_export_prolific"

// Exit codes, documented in docs/index.md ("Export CLI").
const (
	exitOK = 0
	// exitFailed: the export started and failed (API error, network, missing token). Output written so far is
	// incomplete.
	exitFailed = 1
	// exitUsage: the command line cannot be run (unknown table, column or flag, a --where the plugin cannot use, a
	// missing required --where). Nothing was written to stdout.
	exitUsage = 2
	// exitConfig: the connection configuration could not be read or was refused. Nothing was written to stdout.
	exitConfig = 3
	// exitInterrupted: stopped by Ctrl-C or SIGTERM. Output written so far is incomplete.
	exitInterrupted = 130
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], environment{
		stdout:   os.Stdout,
		stderr:   os.Stderr,
		terminal: isatty.IsTerminal(os.Stderr.Fd()),
		lookup:   os.LookupEnv,
	})
	stop()
	os.Exit(code)
}

// environment is what run needs from the process, so that tests can run the command in process.
type environment struct {
	stdout, stderr io.Writer
	terminal       bool // stderr is a terminal: show a progress line
	lookup         func(string) (string, bool)
}

// options are the parsed command line.
type options struct {
	table      string
	columns    []string
	wheres     []string
	limit      int64
	output     string
	connection string
	configDir  string
	config     string
	configSet  bool
}

// usageError is a command line that cannot run; run prints it with a pointer to --help and exits 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// configError is a connection configuration that cannot be read or was refused (exit 3).
type configError struct{ err error }

func (e configError) Error() string { return e.err.Error() }
func (e configError) Unwrap() error { return e.err }

// run is the whole command; it returns the exit code.
func run(ctx context.Context, args []string, env environment) int {
	opts, err := parseArgs(args, env.stdout)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err == nil {
		err = export(ctx, opts, env)
	}
	return report(err, env.stderr)
}

// report prints err on stderr and returns its exit code.
func report(err error, stderr io.Writer) int {
	var usage usageError
	var config configError
	var failed exportError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &usage):
		_, _ = fmt.Fprintf(stderr, "%s: %s\nRun '%s --help' for usage.\n", command, usage.msg, command)
		return exitUsage
	case errors.As(err, &config):
		_, _ = fmt.Fprintf(stderr, "%s: configuration error: %s\n", command, config.err)
		return exitConfig
	case errors.As(err, &failed) && failed.interrupted:
		_, _ = fmt.Fprintf(stderr, "%s: interrupted after %s: the output is incomplete\n", command, rowCount(failed.rows))
		return exitInterrupted
	case errors.As(err, &failed):
		_, _ = fmt.Fprintf(stderr, "%s: export failed after %s: %s\n", command, rowCount(failed.rows), failed.err)
		if failed.rows > 0 {
			_, _ = fmt.Fprintf(stderr, "%s: the output is incomplete: do not use it as a whole table\n", command)
		}
		return exitFailed
	default:
		_, _ = fmt.Fprintf(stderr, "%s: %s\n", command, err)
		return exitFailed
	}
}

func rowCount(n int64) string {
	if n == 1 {
		return "1 row"
	}
	return fmt.Sprintf("%d rows", n)
}

// listFlag collects a flag that may be repeated; with split set, each use may also hold a comma-separated list.
type listFlag struct {
	values *[]string
	split  bool
}

func (f listFlag) String() string { return "" }

func (f listFlag) Set(value string) error {
	if !f.split {
		*f.values = append(*f.values, value)
		return nil
	}
	for _, item := range strings.Split(value, ",") {
		if item = strings.TrimSpace(item); item != "" {
			*f.values = append(*f.values, item)
		}
	}
	return nil
}

// parseArgs reads the command line. Flags may come before or after TABLE, as in Turbot's exporters.
func parseArgs(args []string, stdout io.Writer) (options, error) {
	opts := options{output: "csv", connection: "prolific"}
	var version bool
	fs := flag.NewFlagSet(command, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Var(listFlag{&opts.columns, true}, "select", "")
	fs.Var(listFlag{&opts.wheres, false}, "where", "")
	fs.Int64Var(&opts.limit, "limit", 0, "")
	fs.StringVar(&opts.output, "output", opts.output, "")
	fs.StringVar(&opts.connection, "connection", opts.connection, "")
	fs.StringVar(&opts.configDir, "config-dir", "", "")
	fs.StringVar(&opts.config, "config", "", "")
	fs.BoolVar(&version, "version", false, "")
	fs.BoolVar(&version, "v", false, "")

	var positional []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				_, _ = fmt.Fprint(stdout, usageText())
				return opts, err
			}
			return opts, usageError{err.Error()}
		}
		if rest = fs.Args(); len(rest) == 0 {
			break
		}
		positional, rest = append(positional, rest[0]), rest[1:]
	}
	fs.Visit(func(f *flag.Flag) { opts.configSet = opts.configSet || f.Name == "config" })
	if version {
		_, _ = fmt.Fprintf(stdout, "%s %s\n", command, prolific.Version)
		return opts, flag.ErrHelp
	}

	switch {
	case len(positional) == 0:
		return opts, usagef("name the table to export, for example: %s prolific_batch\nTables: %s", command, strings.Join(tableNames(), ", "))
	case len(positional) > 1:
		return opts, usagef("one table at a time: got %s", strings.Join(positional, " "))
	case opts.limit < 0:
		return opts, usagef("--limit %d: the limit must be 0 (no limit) or more", opts.limit)
	case opts.output != "csv" && opts.output != "json" && opts.output != "jsonl":
		return opts, usagef("--output %q: choose csv, json or jsonl", opts.output)
	case strings.TrimSpace(opts.connection) == "":
		return opts, usagef("--connection needs a connection name, such as prolific")
	}
	opts.table = positional[0]
	return opts, nil
}

// tableNames lists the plugin's tables, for usage text and errors.
func tableNames() []string {
	var names []string
	for name := range prolific.Plugin(context.Background()).TableMap {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

func usageText() string {
	return `Export one table of the Prolific plugin to CSV, JSON or JSON Lines on stdout.

Usage:
  ` + command + ` TABLE [flags]

Flags:
  --select a,b,c       columns to export, in this order (default: every column of the table)
  --where "COND"       a condition on a key column, such as "batch_id = '...'" or "id in ('a', 'b')";
                       repeat the flag to add more (they all apply)
  --limit N            stop after N rows (default 0: no limit)
  --output FORMAT      csv (default), json (one array) or jsonl (one object per line)
  --connection NAME    the connection block to use from the config files (default "prolific")
  --config-dir DIR     where to find *.spc config files (default ~/.steampipe/config)
  --config HCL         the connection's settings as text, instead of the config files,
                       for example --config 'token = "..."'
  -h, --help           show this help
  -v, --version        show the version

The API token comes from the connection's 'token' setting or, if that is not set, from the
PROLIFIC_TOKEN environment variable (PROLIFIC_URL likewise sets base_url).

Tables: ` + strings.Join(tableNames(), ", ") + `

Example:
  ` + command + ` prolific_batch_response --where "batch_id = 'YOUR_BATCH_ID'" > responses.csv

Exit codes: 0 success; 1 the export failed (output incomplete); 2 bad command line (nothing
written); 3 configuration error (nothing written); 130 interrupted (output incomplete).
Documentation: docs/index.md, section "Export CLI", and docs/tables/TABLE.md for each table's columns.
`
}
