package plugin

import (
	"context"
	"fmt"
	"testing"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/context_key"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/quals"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"
)

// newColumnsTestRow returns a row of a list call's item with n string columns, each read by a transform, under a
// query with one key column qual (id = 'row-1').
func newColumnsTestRow(n int, columnTransform *transform.ColumnTransforms) *rowData {
	table := &Table{Name: "test_table", Plugin: &Plugin{Name: "test"}}
	d := &QueryData{
		Table:   table,
		columns: map[string]*QueryColumn{},
		Quals: KeyColumnQualMap{"id": &KeyColumnQuals{Name: "id", Quals: quals.QualSlice{
			{Column: "id", Operator: quals.QualOperatorEqual, Value: proto.NewQualValue("row-1")},
		}}},
	}
	for i := range n {
		column := &Column{Name: fmt.Sprintf("column_%d", i), Type: proto.ColumnType_STRING, Transform: columnTransform}
		table.Columns = append(table.Columns, column)
		d.columns[column.Name] = NewQueryColumn(column, "list")
	}
	r := newRowData(d, "item")
	_ = r.set("list", "item")
	return r
}

// Every transform still sees the query's key column quals.
func TestColumnTransformsSeeKeyColumnQuals(t *testing.T) {
	readQual := transform.From(func(_ context.Context, d *transform.TransformData) (interface{}, error) {
		return d.KeyColumnQuals["id"][0].Value.GetStringValue(), nil
	})
	row, err := newColumnsTestRow(3, readQual).getColumnValues(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for name, column := range row.Columns {
		if got := column.GetStringValue(); got != "row-1" {
			t.Errorf("%s = %q, want the qual value row-1", name, got)
		}
	}
}

// A row of 15 columns, the size of a typical table: allocations per row.
func BenchmarkGetColumnValues(b *testing.B) {
	r := newColumnsTestRow(15, transform.FromValue())
	// as getRow calls it: with the row's matrix item (nil for a table without a matrix) in the context
	ctx := context.WithValue(context.Background(), context_key.MatrixItem, r.matrixItem)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.getColumnValues(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
