package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

// runMainEnv makes the test binary act as the command: the subprocess tests run it with this variable set, so they
// test main() itself, with its real exit codes and streams. EXPORT_BINARY instead names a built binary to test, as
// `make test-export` does with build/bin/steampipe_export_prolific.
const runMainEnv = "EXPORT_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(runMainEnv) == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// result is one run of the command.
type result struct {
	stdout, stderr string
	code           int
}

// startFake serves a fresh fake API for one test.
func startFake(t *testing.T) (*fakeapi.Server, string) {
	t.Helper()
	return harness.StartFake(t)
}

// configFlag is --config for a connection to the fake at baseURL, with the harness's fast retries.
func configFlag(baseURL string, extra ...string) []string {
	return []string{"--config", harness.Config(baseURL, extra...)}
}

// runInProcess runs the command in this process, with stderr as a terminal or not.
func runInProcess(t *testing.T, terminal bool, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, environment{stdout: &stdout, stderr: &stderr, terminal: terminal,
		lookup: func(string) (string, bool) { return "", false }})
	return result{stdout.String(), stderr.String(), code}
}

// runCommand runs the command as its own process (the built binary of EXPORT_BINARY, else this test binary as
// main), with HOME in a fresh directory, no Prolific variables unless env sets them, and stderr not a terminal.
func runCommand(t *testing.T, env []string, args ...string) result {
	t.Helper()
	binary, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if built := os.Getenv("EXPORT_BINARY"); built != "" {
		if binary, err = filepath.Abs(built); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(binary, args...)
	cmd.Env = []string{runMainEnv + "=1", "HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH")}
	cmd.Env = append(cmd.Env, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("running %s: %v", binary, err)
	}
	return result{stdout.String(), stderr.String(), cmd.ProcessState.ExitCode()}
}

// expect fails the test unless the run ended with code and its stderr holds each of the texts.
func (r result) expect(t *testing.T, code int, stderrHas ...string) {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit code %d, want %d\nstderr: %s\nstdout: %.1000s", r.code, code, r.stderr, r.stdout)
	}
	for _, text := range stderrHas {
		if !strings.Contains(r.stderr, text) {
			t.Errorf("stderr lacks %q:\n%s", text, r.stderr)
		}
	}
}
