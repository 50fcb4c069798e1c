package plugin

import (
	"os"
	"testing"
)

// A plugin must not force a full garbage collection while it streams rows unless the user asks for it with
// STEAMPIPE_FREE_MEM_INTERVAL: each one stops the world to collect and return memory to the operating system, and
// at every 100 rows they were more than half of the CPU time of a large read.
func TestFreeMemIntervalIsOffUnlessSet(t *testing.T) {
	t.Setenv(envFreeMemInterval, "")
	if err := os.Unsetenv(envFreeMemInterval); err != nil {
		t.Fatal(err)
	}
	if got := GetFreeMemInterval(); got != 0 {
		t.Errorf("GetFreeMemInterval() = %d with %s unset, want 0 (off)", got, envFreeMemInterval)
	}
	for value, want := range map[string]int64{"100": 100, "1000": 1000, "0": 0, "not a number": 0} {
		t.Setenv(envFreeMemInterval, value)
		if got := GetFreeMemInterval(); got != want {
			t.Errorf("GetFreeMemInterval() = %d with %s=%q, want %d", got, envFreeMemInterval, value, want)
		}
	}
}
