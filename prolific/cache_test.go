package prolific_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

// Steampipe runs every query through the SDK's query cache. A get by id must never be answered from a cached list:
// Prolific's lists do not hold every object a get can fetch (the fake's WorkspaceNoBalance is such a workspace).
func TestCacheNeverAnswersAnIDFromAList(t *testing.T) {
	_, p := startFake(t)
	columns := []string{"id", "title"}
	listed := p.MustExecute(t, harness.Query{Table: "prolific_workspace", Columns: columns, Cached: true})
	for _, row := range listed {
		if row["id"].GetStringValue() == fakeapi.WorkspaceNoBalance {
			t.Fatalf("the fake lists %s; this test needs a workspace that only the get endpoint knows", fakeapi.WorkspaceNoBalance)
		}
	}
	got := p.MustExecute(t, harness.Query{Table: "prolific_workspace", Columns: columns, Cached: true,
		Quals: harness.Equals("id", fakeapi.WorkspaceNoBalance)})
	if len(got) != 1 {
		t.Fatalf("id = %s after a cached list: %d rows, want 1 (answered from the list?)", fakeapi.WorkspaceNoBalance, len(got))
	}
}

// Every key column of every table asks the cache for an exact match of its values (see cacheOnlyExactQuals).
func TestEveryKeyColumnNeedsAnExactCacheMatch(t *testing.T) {
	_, p := startFake(t)
	for name, table := range p.Schema(t) {
		// The SDK's own key columns too, those it adds for workspace_id routing included (patches/sdk/0009): the
		// cache takes a column's match from the get call over the list call.
		for _, column := range append(table.ListCallKeyColumnList, table.GetCallKeyColumnList...) {
			if column.Name == "sp_connection_name" { // the SDK's own, for aggregators: a subset match is exact
				continue
			}
			if column.CacheMatch != "exact" {
				t.Errorf("%s.%s: CacheMatch %q, want exact", name, column.Name, column.CacheMatch)
			}
		}
	}
}

// A scan that misses the cache streams its rows through the cache's page buffer while a reader takes them; every row
// must arrive exactly once (patches/sdk/0002-query-cache-keeps-page-rows.patch). The large batch spans ten pages.
func TestCachedReadOfALargeBatchKeepsEveryRow(t *testing.T) {
	_, p := startFake(t)
	// Each run selects another column, so that each misses the cache and streams through its page buffer.
	for run, column := range []string{"task_id", "created_at"} {
		rows := p.MustExecute(t, harness.Query{Table: "prolific_batch_response", Columns: []string{"batch_id", "id", column},
			Quals: harness.Equals("batch_id", fakeapi.BatchLarge), Cached: true, ReadDelay: 200 * time.Microsecond})
		ids := map[string]bool{}
		for _, row := range rows {
			ids[row["id"].GetStringValue()] = true
		}
		if len(rows) != fakeapi.LargeBatchSize || len(ids) != fakeapi.LargeBatchSize {
			t.Fatalf("run %d: %d rows, %d distinct ids; want %d of each", run, len(rows), len(ids), fakeapi.LargeBatchSize)
		}
	}
}

// TestCacheServesHydratedColumnsAfterListColumns: with the cache on, a query for a table's list columns, then one for
// the same rows with a column that its own hydrate fills, returns the hydrated values, not NULL (the bug that
// upstream turbot/steampipe-plugin-sdk#897 fixed, which patches/sdk/0006 must not bring back; see its header). The
// second query must also reach the hydrate's endpoint, and a third, with the list columns only, the cache.
func TestCacheServesHydratedColumnsAfterListColumns(t *testing.T) {
	cases := []struct{ table, hydrated, endpoint string }{
		{"prolific_workspace", "balance_currency_code", "/balance"},
		{"prolific_collection", "collection_items", "/api/v1/data-collection/collections/"},
	}
	for _, c := range cases {
		api, p := startFake(t)
		listColumns := []string{"id", "title"}
		if c.table == "prolific_collection" {
			listColumns = []string{"id", "name", "workspace_id"}
		}
		first := p.MustExecute(t, harness.Query{Table: c.table, Columns: listColumns, Cached: true})
		api.ResetLog()
		second := p.MustExecute(t, harness.Query{Table: c.table, Columns: append(listColumns, c.hydrated), Cached: true})
		if len(first) == 0 || len(second) != len(first) {
			t.Fatalf("%s: %d rows, then %d", c.table, len(first), len(second))
		}
		for _, row := range second {
			if harness.Kind(row[c.hydrated]) == "null" {
				t.Errorf("%s %s: %s is NULL after a cached read of the list columns", c.table, row["id"].GetStringValue(), c.hydrated)
			}
		}
		if calls := requestsContaining(api, c.endpoint); calls == 0 {
			t.Errorf("%s: the second query made no request to %s: it was answered from the cached list", c.table, c.endpoint)
		}
		api.ResetLog()
		p.MustExecute(t, harness.Query{Table: c.table, Columns: listColumns, Cached: true})
		if n := len(api.Requests()); n != 0 {
			t.Errorf("%s: the list columns again made %d requests, want none (a cache hit)", c.table, n)
		}
	}
}

// requestsContaining counts the fake's logged requests whose path contains part.
func requestsContaining(api *fakeapi.Server, part string) int {
	n := 0
	for _, r := range api.Requests() {
		if strings.Contains(r.Path, part) {
			n++
		}
	}
	return n
}
