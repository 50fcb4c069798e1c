package stress

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestLoadEndsWithItsStage: the SQL stages' CPU load (stress.sh) must not outlive a stage that is killed before it
// stops the load, nor hold the stage's lock. Once a stage killed by SIGPIPE left a busy loop spinning for good, and
// every later Steampipe stage on the machine waited on the lock it held.
func TestLoadEndsWithItsStage(t *testing.T) {
	lock := filepath.Join(t.TempDir(), "stage.lock")
	pids := filepath.Join(t.TempDir(), "load.pids")
	// The stage: takes the lock on fd 9, as the stages do, starts the load, records the load's pids, then waits to be
	// killed.
	stage := exec.Command("bash", "-c", `
set -euo pipefail
. test/stress/stress.sh
exec 9>"$1"
flock 9
stress_load_start
echo "${STRESS_LOAD_PIDS[@]}" >"$2"
exec sleep 600  # the stage process itself waits, so killing it leaves no child holding the lock
`, "stage", lock, pids)
	stage.Dir = "../.."
	if err := stage.Start(); err != nil {
		t.Fatal(err)
	}
	loadPIDs := waitForFile(t, pids)
	if err := stage.Process.Kill(); err != nil { // SIGKILL: no trap, no stress_load_stop
		t.Fatal(err)
	}
	_ = stage.Wait()

	deadline := time.Now().Add(10 * time.Second)
	for _, field := range strings.Fields(loadPIDs) {
		for processAlive(field) {
			if time.Now().After(deadline) {
				_ = exec.Command("kill", field).Run()
				t.Fatalf("load process %s still runs after its stage was killed", field)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	if err := exec.Command("flock", "-n", lock, "true").Run(); err != nil {
		t.Fatalf("the stage's lock is still held after its stage and load ended: %v", err)
	}
}

func waitForFile(t *testing.T, path string) string {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if text, err := os.ReadFile(path); err == nil && strings.HasSuffix(string(text), "\n") {
			return string(text)
		}
	}
	t.Fatalf("the stage never wrote %s", path)
	return ""
}

// processAlive reports whether pid is a live process, not a zombie waiting for its parent.
func processAlive(pid string) bool {
	stat, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return false
	}
	fields := strings.Fields(string(stat))
	n, err := strconv.Atoi(pid)
	return err == nil && len(fields) > 2 && fields[2] != "Z" && syscall.Kill(n, 0) == nil
}
