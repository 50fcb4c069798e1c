package floor_test

import (
	"bytes"
	"net/http/httptest"
	"testing"

	"google.golang.org/protobuf/proto"

	"github.com/pipeworks/steampipe-plugin-prolific/test/bench/digest"
	"github.com/pipeworks/steampipe-plugin-prolific/test/bench/floor"
	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

// TestSDKFloorReturnsThePluginsRows checks that the SDK floor, built from a synthetic batch decoded by Decode, gives
// every column of every row exactly as the real plugin reading the same batch from the fake API does: the floor is
// only a floor if it does the same work for the same rows.
func TestSDKFloorReturnsThePluginsRows(t *testing.T) {
	const n = 1000
	batchID := fakeapi.SyntheticBatchID(n)
	body := fakeapi.SyntheticBatch(batchID, n)
	api := fakeapi.New()
	api.AddBatchBody(batchID, body)
	server := httptest.NewServer(api)
	defer server.Close()
	query := harness.Query{Table: floor.Table, Quals: harness.Equals("batch_id", batchID)}
	want := harness.Start(t, harness.Config(server.URL)).MustExecute(t, query)

	var rows []*floor.Row
	if err := floor.Decode(bytes.NewReader(body), func(r *floor.Response) { rows = append(rows, floor.NewRow(r, batchID)) }); err != nil {
		t.Fatal(err)
	}
	got := harness.StartWith(t, floor.Plugin(rows, n), `token = "t"`).MustExecute(t, query)

	if len(got) != n || len(want) != n {
		t.Fatalf("the floor returned %d rows and the plugin %d, want %d each", len(got), len(want), n)
	}
	wantByID := harness.ByColumn(t, want, "id")
	wantSum, gotSum := digest.New(), digest.New()
	for _, row := range got {
		plugin, ok := wantByID[row["id"].GetStringValue()]
		if !ok {
			t.Fatalf("the floor returned a row with id %q, which the plugin did not", row["id"].GetStringValue())
		}
		for name, value := range plugin {
			if !proto.Equal(value, row[name]) {
				t.Fatalf("row %s, column %s: the floor gives %v, the plugin %v", row["id"].GetStringValue(), name, row[name], value)
			}
		}
		if len(row) != len(plugin) {
			t.Fatalf("the floor's rows have %d columns, the plugin's %d", len(row), len(plugin))
		}
		must(t, gotSum.FromRow(row))
		must(t, wantSum.FromRow(plugin))
	}
	if gotSum.Sum() != wantSum.Sum() {
		t.Fatalf("digest %s, the plugin's %s", gotSum.Sum(), wantSum.Sum())
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
