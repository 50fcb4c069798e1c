package prolific_test

import (
	"testing"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

const costsTable = "prolific_study_cost"

func TestStudyCostSchema(t *testing.T) {
	_, p := startFake(t)
	checkSchema(t, p, costsTable, []string{"study_id", "is_projected"}, map[string]string{
		"study_id": "STRING", "is_projected": "BOOL", "bonuses": "JSON", "bonuses_amount": "DOUBLE", "bonuses_fees": "DOUBLE",
		"bonuses_tax": "DOUBLE", "currency_code": "STRING", "rewards": "JSON", "rewards_amount": "DOUBLE",
		"rewards_fees": "DOUBLE", "rewards_tax": "DOUBLE",
	})
	checkKeyColumns(t, p, costsTable, map[string]string{"study_id": "optional", "is_projected": "optional"}, "")
}

// isProjected is the qual is_projected = value.
func isProjected(value bool) map[string]*proto.Quals {
	return map[string]*proto.Quals{"is_projected": {Quals: []*proto.Qual{{FieldName: "is_projected",
		Operator: &proto.Qual_StringValue{StringValue: "="}, Value: &proto.QualValue{Value: &proto.QualValue_BoolValue{BoolValue: value}}}}}}
}

// TestStudyCostEveryColumn reads a study with bonuses, one whose bonuses are zeros and one whose bonuses are null.
// Fractional minor units come back exactly.
func TestStudyCostEveryColumn(t *testing.T) {
	api, p := startFake(t)
	rows := harness.ByColumn(t, p.MustExecute(t, harness.Query{Table: costsTable,
		Quals: harness.In("study_id", fakeapi.StudySentiment, fakeapi.StudyPilot, fakeapi.StudyDraft)}), "study_id")
	checkRow(t, "sentiment", rows[fakeapi.StudySentiment], map[string]any{
		"is_projected": false, "rewards_amount": 1250.0, "rewards_fees": 416.61, "rewards_tax": 83.32,
		"bonuses_amount": 62.5, "bonuses_fees": 20.83, "bonuses_tax": 4.17, "currency_code": "GBP",
		"rewards": j(t, `{"rewards":{"amount":1250,"currency":"GBP"},"fees":{"amount":416.61,"currency":"GBP"},"tax":{"amount":83.32,"currency":"GBP"}}`),
		"bonuses": j(t, `{"rewards":{"amount":62.5,"currency":"GBP"},"fees":{"amount":20.83,"currency":"GBP"},"tax":{"amount":4.17,"currency":"GBP"}}`),
	})
	checkRow(t, "pilot", rows[fakeapi.StudyPilot], map[string]any{"rewards_amount": 300.0, "bonuses_amount": 0.0,
		"bonuses_fees": 0.0, "bonuses_tax": 0.0})
	checkRow(t, "draft", rows[fakeapi.StudyDraft], map[string]any{"rewards_amount": 0.0, "bonuses": nil,
		"bonuses_amount": nil, "bonuses_fees": nil, "bonuses_tax": nil, "currency_code": "GBP"})
	checkKinds(t, p.MustExecute(t, harness.Query{Table: costsTable, Quals: harness.Equals("study_id", fakeapi.StudySentiment)}),
		map[string]string{"is_projected": "bool", "bonuses": "json", "rewards": "json", "bonuses_amount": "double",
			"bonuses_fees": "double", "bonuses_tax": "double", "rewards_amount": "double", "rewards_fees": "double", "rewards_tax": "double"})
	if got := requestsWith(api, fakeapi.StudyCostPath(fakeapi.StudySentiment)+"/"); len(got) != 2 || got[0] != "" {
		t.Errorf("cost requests %q, want two without is_projected", got)
	}
}

// TestStudyCostProjected sends is_projected when the query gives it, and echoes it in the row.
func TestStudyCostProjected(t *testing.T) {
	api, p := startFake(t)
	for _, projected := range []bool{true, false} {
		rows := p.MustExecute(t, harness.Query{Table: costsTable,
			Quals: merge(harness.Equals("study_id", fakeapi.StudyPilot), isProjected(projected))})
		want := map[string]any{"is_projected": projected, "rewards_amount": 300.0, "rewards_fees": 100.0, "rewards_tax": 20.0}
		if projected {
			want = map[string]any{"is_projected": true, "rewards_amount": 2000.0, "rewards_fees": 666.67, "rewards_tax": 133.33}
		}
		if len(rows) != 1 {
			t.Fatalf("projected %v: %d rows", projected, len(rows))
		}
		checkRow(t, "pilot", rows[0], want)
	}
	if got := requestsWith(api, fakeapi.StudyCostPath(fakeapi.StudyPilot)+"/"); len(got) != 2 ||
		got[0] != "is_projected=true" || got[1] != "is_projected=false" {
		t.Errorf("cost requests %q", got)
	}
}

// TestStudyCostListsEveryStudy: without study_id, the cost of every study the token can see, workspace by workspace
// and project by project, one request each.
func TestStudyCostListsEveryStudy(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: costsTable, Columns: []string{"study_id", "rewards_amount"}})
	want := map[string]float64{fakeapi.StudySentiment: 1250, fakeapi.StudyPilot: 300, fakeapi.StudyArchived: 425,
		fakeapi.StudySummaries: 1500, fakeapi.StudyModeration: 1000, fakeapi.StudyLarge: 36000, fakeapi.StudyDraft: 0}
	byID := harness.ByColumn(t, rows, "study_id")
	if len(byID) != len(want) {
		t.Fatalf("studies %v", harness.Strings(rows, "study_id"))
	}
	for id, amount := range want {
		checkRow(t, id, byID[id], map[string]any{"rewards_amount": amount})
		if n := api.RequestsTo(fakeapi.StudyCostPath(id)); n != 1 {
			t.Errorf("%d cost requests for %s, want 1", n, id)
		}
	}
	if n := api.RequestsTo("/api/v1/studies/" + fakeapi.StudySentiment + "/submissions"); n != 0 {
		t.Errorf("%d other study requests, want 0", n)
	}
}

func TestStudyCostNotFound(t *testing.T) {
	_, p := startFake(t)
	rows, err := p.Execute(t, harness.Query{Table: costsTable, Quals: harness.Equals("study_id", "6601a9e2f1c3b5d7e9a0ffff")})
	if err != nil || len(rows) != 0 {
		t.Fatalf("%d rows, err %v; want none", len(rows), err)
	}
	// An empty id fails in the parent listing, naming the column; no cost is requested for it.
	for range 5 {
		mustFail(t, p, harness.Query{Table: costsTable, Quals: harness.Equals("study_id", "")}, "study_id: an id in the query is empty")
	}
}

// TestStudyCostErrorBody: the spec's 400 for this endpoint is a bare ErrorDetail, which the error names.
func TestStudyCostErrorBody(t *testing.T) {
	api, p := startFake(t)
	api.Inject(fakeapi.StudyCostPath(fakeapi.StudyPilot), fakeapi.Fault{Kind: fakeapi.StatusFault, Status: 400,
		Body: `{"status": 400, "error_code": 140001, "title": "Bad Request", "detail": "Invalid study state."}`})
	mustFail(t, p, harness.Query{Table: costsTable, Quals: harness.Equals("study_id", fakeapi.StudyPilot)}, "400", "Invalid study state.")
}
