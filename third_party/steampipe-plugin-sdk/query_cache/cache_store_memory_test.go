package query_cache

import (
	"runtime"
	"testing"
	"time"
)

// The cache store must not reserve heap for entries it does not hold yet. Every plugin process creates it when its
// connections are configured, whether or not a query ever uses the cache, and reserved heap counts towards the
// garbage collector's goal as if it were live, so a plugin streaming a large result grows its RSS by as much.
func TestCreateCacheStoreReservesLittleHeap(t *testing.T) {
	for _, maxMb := range []int{16, 1024} {
		c := &QueryCache{pluginName: "test"}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		if _, err := c.createCacheStore(maxMb, time.Hour); err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		allocated := float64(after.TotalAlloc-before.TotalAlloc) / (1 << 20)
		t.Logf("createCacheStore(%d MB) allocated %.1f MB", maxMb, allocated)
		if allocated > 8 {
			t.Errorf("createCacheStore(%d MB) allocated %.1f MB before any entry was stored; want at most 8 MB", maxMb, allocated)
		}
	}
}
