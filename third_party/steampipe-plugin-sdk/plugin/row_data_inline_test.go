package plugin

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"
)

// A row whose columns all come from its list or get call has no hydrate calls to wait for: getRow computes its
// columns itself. It must give the same row, and report a column's error the same way, as a row that waits.

func TestRowWithoutHydrateCallsGivesEveryColumn(t *testing.T) {
	r := newColumnsTestRow(15, transform.FromValue())
	row, err := r.getRow(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(row.Columns) != 15 {
		t.Fatalf("got %d columns, want 15", len(row.Columns))
	}
	for name, column := range row.Columns {
		if got := column.GetStringValue(); got != "item" {
			t.Errorf("%s = %q, want the item", name, got)
		}
	}
}

func TestRowWithoutHydrateCallsStreamsAColumnError(t *testing.T) {
	failing := transform.From(func(context.Context, *transform.TransformData) (interface{}, error) {
		return nil, errors.New("no such field")
	})
	r := newColumnsTestRow(3, failing)
	r.queryData.errorChan = make(chan error, 1)
	r.queryData.Connection = &Connection{Name: "c"}
	row, err := r.getRow(context.Background())
	if row != nil || err != nil {
		t.Fatalf("getRow gave row %v, error %v; want neither: the error goes to the query's error channel", row, err)
	}
	select {
	case err := <-r.queryData.errorChan:
		if !strings.Contains(err.Error(), "no such field") {
			t.Errorf("the query's error is %q, want the column's", err)
		}
	default:
		t.Error("the column's error was not streamed to the query")
	}
}

// A row of 15 columns with no hydrate calls, built as buildRowAsync builds it: time and allocations per row.
func BenchmarkGetRowWithoutHydrateCalls(b *testing.B) {
	r := newColumnsTestRow(15, transform.FromValue())
	b.ReportAllocs()
	for b.Loop() {
		r.waitChan = make(chan bool)
		if _, err := r.getRow(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}
