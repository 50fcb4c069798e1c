package prolific_test

import (
	"reflect"
	"slices"
	"testing"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

const filterSetsTable = "prolific_filter_set"

var filterSetKinds = map[string]string{"eligible_participant_count": "int", "filters": "json", "is_deleted": "bool",
	"is_locked": "bool", "version": "int"}

// filterSetListColumns are the columns the list fills, without a request per filter set.
var filterSetListColumns = []string{"id", "workspace_id", "filters", "is_deleted", "is_locked", "name",
	"organisation_id", "title", "version"}

// sortedCopy returns a sorted copy of texts, to compare requests whose order across workspaces is not fixed.
func sortedCopy(texts []string) []string {
	out := slices.Clone(texts)
	slices.Sort(out)
	return out
}

func filterSetPath(id string) string { return fakeapi.FilterSetsPath + "/" + id + "/" }

func TestFilterSetSchema(t *testing.T) {
	_, p := startFake(t)
	checkSchema(t, p, filterSetsTable, []string{"id", "workspace_id"}, map[string]string{
		"id": "STRING", "workspace_id": "STRING", "eligible_participant_count": "INT", "filters": "JSON",
		"is_deleted": "BOOL", "is_locked": "BOOL", "name": "STRING", "organisation_id": "STRING", "title": "STRING",
		"version": "INT",
	})
	checkKeyColumns(t, p, filterSetsTable, map[string]string{"workspace_id": "optional"}, "id")
}

// TestFilterSetListsEveryWorkspaceAndPage: without workspace_id every workspace is listed; the fake pages two sets at
// a time, so the NLP workspace's three take two requests with limit and offset.
func TestFilterSetListsEveryWorkspaceAndPage(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: filterSetsTable})
	byID := harness.ByColumn(t, rows, "id")
	if len(byID) != 4 {
		t.Fatalf("%d filter sets, want 4", len(byID))
	}
	checkRow(t, "fluent raters", byID[fakeapi.FilterSetFluentRaters], map[string]any{
		"workspace_id": fakeapi.WorkspaceNLP, "name": "Right-handed raters, 95%+ approval",
		"title": "Right-handed raters, 95%+ approval", "version": int64(3), "is_locked": true, "is_deleted": false,
		"organisation_id": nil, "eligible_participant_count": int64(18432),
		"filters": j(t, `[{"filter_id":"approval_rate","selected_range":{"lower":95,"upper":100}},`+
			`{"filter_id":"handedness","selected_values":["0"],"weightings":{"0":100}}]`),
	})
	checkRow(t, "trusted: fewer than 25 eligible reads 0", byID[fakeapi.FilterSetTrusted], map[string]any{
		"eligible_participant_count": int64(0), "is_locked": false, "version": int64(1),
	})
	checkRow(t, "deleted", byID[fakeapi.FilterSetOldPanel], map[string]any{"is_deleted": true, "version": int64(2)})
	checkRow(t, "adults (a count sent as 52011.0)", byID[fakeapi.FilterSetAdults], map[string]any{
		"workspace_id": fakeapi.WorkspaceVision, "organisation_id": fakeapi.OrganisationID,
		"eligible_participant_count": int64(52011),
	})
	nlp := "workspace_id=" + fakeapi.WorkspaceNLP
	want := []string{"limit=200&offset=0&" + nlp, "limit=200&offset=2&" + nlp,
		"limit=200&offset=0&workspace_id=" + fakeapi.WorkspaceVision}
	if got := requestsWith(api, fakeapi.FilterSetsPath+"/"); !reflect.DeepEqual(sortedCopy(got), sortedCopy(want)) {
		t.Errorf("filter set list requests = %q, want %q", got, want)
	}
	checkKinds(t, rows, filterSetKinds)
}

// TestFilterSetCountCostsOneRequestEach: the list's columns need no get request; eligible_participant_count, which
// only the get endpoint returns, costs one per filter set.
func TestFilterSetCountCostsOneRequestEach(t *testing.T) {
	api, p := startFake(t)
	nlp := harness.Equals("workspace_id", fakeapi.WorkspaceNLP)
	rows := p.MustExecute(t, harness.Query{Table: filterSetsTable, Columns: filterSetListColumns, Quals: nlp})
	if len(rows) != 3 {
		t.Fatalf("%d rows, want 3", len(rows))
	}
	ids := []string{fakeapi.FilterSetFluentRaters, fakeapi.FilterSetTrusted, fakeapi.FilterSetOldPanel}
	for _, id := range ids {
		if n := api.RequestsTo(filterSetPath(id)); n != 0 {
			t.Errorf("%d get requests for %s when only list columns are selected, want 0", n, id)
		}
	}
	p.MustExecute(t, harness.Query{Table: filterSetsTable, Columns: []string{"id", "eligible_participant_count"}, Quals: nlp})
	for _, id := range ids {
		if n := api.RequestsTo(filterSetPath(id)); n != 1 {
			t.Errorf("%d get requests for %s, want 1", n, id)
		}
	}
	if n := api.RequestsTo("/api/v1/workspaces"); n != 0 {
		t.Errorf("%d workspace list requests with workspace_id given, want 0", n)
	}
}

// TestFilterSetGet reads one filter set, its count included, with one request; an unknown id is no row.
func TestFilterSetGet(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: filterSetsTable, Quals: harness.Equals("id", fakeapi.FilterSetAdults)})
	if len(rows) != 1 {
		t.Fatalf("%d rows, want 1", len(rows))
	}
	checkRow(t, "adults", rows[0], map[string]any{"name": "Adults 18-65", "workspace_id": fakeapi.WorkspaceVision,
		"eligible_participant_count": int64(52011), "filters": j(t, `[{"filter_id":"age","selected_range":{"lower":18,"upper":65}}]`)})
	if n := len(api.Requests()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
	rows, err := p.Execute(t, harness.Query{Table: filterSetsTable, Quals: harness.Equals("id", "6650a1b2c3d4e5f6a7b8c9ff")})
	if err != nil || len(rows) != 0 {
		t.Fatalf("%d rows, err %v; want 0 rows and no error", len(rows), err)
	}
}

// TestFilterSetLimit: a LIMIT lowers the page's limit.
func TestFilterSetLimit(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: filterSetsTable, Columns: filterSetListColumns,
		Quals: harness.Equals("workspace_id", fakeapi.WorkspaceNLP), Limit: 1})
	if len(rows) != 1 {
		t.Fatalf("%d rows, want 1", len(rows))
	}
	want := []string{"limit=1&offset=0&workspace_id=" + fakeapi.WorkspaceNLP}
	if got := requestsWith(api, fakeapi.FilterSetsPath+"/"); !reflect.DeepEqual(got, want) {
		t.Errorf("requests = %q, want %q", got, want)
	}
}
