package plugin

import (
	"encoding/json"
	"testing"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/version"
)

func newCtxTestQuery() *QueryData {
	d := &QueryData{Connection: &Connection{Name: "conn_a"}, fetchMetadata: &hydrateMetadata{Type: "list", FuncName: "listThings"}}
	return d
}

func rowContext(t *testing.T, row *proto.Row) rowCtxData {
	t.Helper()
	var ctxData rowCtxData
	if err := json.Unmarshal(row.Columns[contextColumnName].GetJsonValue(), &ctxData); err != nil {
		t.Fatal(err)
	}
	if string(row.Columns[deprecatedContextColumnName].GetJsonValue()) != string(row.Columns[contextColumnName].GetJsonValue()) {
		t.Errorf("_ctx and sp_ctx differ")
	}
	if got := row.Columns[connectionNameColumnName].GetStringValue(); got != "conn_a" {
		t.Errorf("sp_connection_name = %q", got)
	}
	return ctxData
}

// Every row carries the connection and SDK version, whether the context is shared by the query's rows or, with
// diagnostics, built for each row.
func TestAddContextData(t *testing.T) {
	for _, diagnostics := range []string{"", DiagnosticsAll} {
		t.Setenv(EnvDiagnosticsLevel, diagnostics)
		d := newCtxTestQuery()
		for i := range 3 {
			rd := newRowData(d, "item")
			rd.hydrateMetadata = []*hydrateMetadata{{Type: "hydrate", FuncName: "getDetail", DelayMs: int64(i)}}
			row := &proto.Row{Columns: map[string]*proto.Column{}}
			d.addContextData(row, rd)
			ctxData := rowContext(t, row)
			if ctxData.Connection != "conn_a" || ctxData.Steampipe.SdkVersion != version.String() {
				t.Errorf("diagnostics %q, row %d: context %+v", diagnostics, i, ctxData)
			}
			switch {
			case diagnostics == "" && ctxData.Diagnostics != nil:
				t.Errorf("row %d has diagnostics without %s", i, EnvDiagnosticsLevel)
			case diagnostics == DiagnosticsAll && (ctxData.Diagnostics == nil || len(ctxData.Diagnostics.Calls) != 2 ||
				ctxData.Diagnostics.Calls[1].DelayMs != int64(i)):
				t.Errorf("row %d: diagnostics %+v, want its own list and hydrate calls", i, ctxData.Diagnostics)
			}
		}
	}
}

func BenchmarkAddContextData(b *testing.B) {
	d := newCtxTestQuery()
	rd := newRowData(d, "item")
	b.ReportAllocs()
	for b.Loop() {
		d.addContextData(&proto.Row{Columns: make(map[string]*proto.Column, 3)}, rd)
	}
}
