package prolific_test

import (
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

const filtersTable = "prolific_filter"

var filterKinds = map[string]string{"choices": "json", "display_order": "int", "max": "json", "max_min": "json",
	"min": "json", "min_max": "json", "tags": "json"}

func TestFilterSchema(t *testing.T) {
	_, p := startFake(t)
	checkSchema(t, p, filtersTable, []string{"filter_id", "workspace_id"}, map[string]string{
		"filter_id": "STRING", "workspace_id": "STRING", "category": "STRING", "choices": "JSON", "data_type": "STRING",
		"description": "STRING", "display_order": "INT", "max": "JSON", "max_min": "JSON", "min": "JSON",
		"min_max": "JSON", "participant_help_text": "STRING", "question": "STRING", "researcher_help_text": "STRING",
		"subcategory": "STRING", "tags": "JSON", "title": "STRING", "type": "STRING",
	})
	checkKeyColumns(t, p, filtersTable, map[string]string{"workspace_id": "optional"}, "")
}

// TestFilterEveryColumn reads the filters of every workspace: one filter list per workspace, each with its
// workspace_id, so the choices of the study and group filters are that workspace's.
func TestFilterEveryColumn(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: filtersTable})
	if len(rows) != 14 {
		t.Fatalf("%d rows, want 7 filters for each of the 2 workspaces", len(rows))
	}
	byID := harness.ByColumn(t, nlpRows(t, rows), "filter_id")
	checkRow(t, "handedness", byID["handedness"], map[string]any{
		"workspace_id": fakeapi.WorkspaceNLP, "title": "Handedness", "description": "Whether a person is left or right-handed.",
		"question": "Are you left or right-handed?", "type": "select", "data_type": "ChoiceID",
		"choices":  j(t, `{"0":"Right-handed","1":"Left-handed","2":"Ambidextrous"}`),
		"category": "Demographics", "subcategory": "Physical characteristics", "display_order": int64(3),
		"tags": j(t, `[]`), "researcher_help_text": nil, "participant_help_text": nil, "min": nil, "max": nil,
	})
	checkRow(t, "age", byID["age"], map[string]any{
		"type": "range", "data_type": "integer", "min": float64(18), "max": float64(100), "min_max": float64(99),
		"max_min": float64(19), "choices": nil, "tags": j(t, `["recommended"]`), "display_order": int64(1),
	})
	checkRow(t, "fractional range", byID["hours-per-week"], map[string]any{
		"data_type": "float", "min": 0.5, "max": float64(40), "category": nil, "display_order": nil,
	})
	checkRow(t, "detailed fields as sent", byID["ai-taskers"], map[string]any{
		"researcher_help_text": "", "participant_help_text": "", "category": "AI taskers", "description": "",
		"choices": j(t, `{"0":"Qualified AI taskers"}`),
	})
	checkRow(t, "previous studies", byID["previous_studies"], map[string]any{
		"data_type": "StudyID", "title": "Previous Studies AllowList",
		"choices": j(t, `{"`+fakeapi.StudySentiment+`":"sentiment-batch-1","`+fakeapi.StudySummaries+`":"summaries-batch-1",`+
			`"`+fakeapi.StudyPilot+`":"pilot-survey","`+fakeapi.StudyArchived+`":"sentiment-pilot-0",`+
			`"`+fakeapi.StudyModeration+`":"moderation-batch-1"}`),
	})
	checkRow(t, "groups", byID["participant_group_allowlist"], map[string]any{
		"tags":    j(t, `["custom-group"]`),
		"choices": j(t, `{"`+fakeapi.GroupTrusted+`":"Trusted annotators","`+fakeapi.GroupSummaryRaters+`":"Summary raters"}`),
	})
	want := []string{"workspace_id=" + fakeapi.WorkspaceNLP, "workspace_id=" + fakeapi.WorkspaceVision}
	if got := requestsWith(api, fakeapi.FiltersPath+"/"); !reflect.DeepEqual(sortedCopy(got), want) {
		t.Errorf("filter list requests = %q, want one per workspace %q", got, want)
	}
	checkKinds(t, rows, filterKinds)
}

// nlpRows keeps the rows of the NLP workspace.
func nlpRows(t *testing.T, rows []harness.Row) []harness.Row {
	t.Helper()
	var nlp []harness.Row
	for _, row := range rows {
		if harness.Value(t, row["workspace_id"]) == fakeapi.WorkspaceNLP {
			nlp = append(nlp, row)
		}
	}
	return nlp
}

// TestFilterWorkspaceID: workspace_id is sent and no workspace list is read; an IN list asks once per workspace; an
// empty one is an error.
func TestFilterWorkspaceID(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: filtersTable, Quals: harness.Equals("workspace_id", fakeapi.WorkspaceVision)})
	byID := harness.ByColumn(t, rows, "filter_id")
	checkRow(t, "vision groups", byID["participant_group_allowlist"], map[string]any{
		"workspace_id": fakeapi.WorkspaceVision, "choices": j(t, `{"`+fakeapi.GroupVisionDisabled+`":"Old vision panel"}`)})
	if got := requestsWith(api, fakeapi.FiltersPath+"/"); !reflect.DeepEqual(got, []string{"workspace_id=" + fakeapi.WorkspaceVision}) {
		t.Errorf("filter list requests = %q, want one with workspace_id", got)
	}
	if n := api.RequestsTo("/api/v1/workspaces"); n != 0 {
		t.Errorf("%d workspace list requests with workspace_id given, want 0", n)
	}
	rows = p.MustExecute(t, harness.Query{Table: filtersTable, Columns: []string{"filter_id", "workspace_id"},
		Quals: harness.In("workspace_id", fakeapi.WorkspaceNLP, fakeapi.WorkspaceVision)})
	if len(rows) != 14 {
		t.Fatalf("%d rows for two workspaces, want 7 each", len(rows))
	}
	mustFail(t, p, harness.Query{Table: filtersTable, Quals: harness.Equals("workspace_id", "")}, "workspace_id")
}

// TestFilterCachedByWorkspace: with the query cache on, as in Steampipe, a query for one workspace after one for the
// whole table returns that workspace's filters with its choices. (A listing without workspace_id whose rows had no
// workspace would answer it from the cache with rows that no workspace_id matches.)
func TestFilterCachedByWorkspace(t *testing.T) {
	_, p := startFake(t)
	p.MustExecute(t, harness.Query{Table: filtersTable, Cached: true})
	rows := p.MustExecute(t, harness.Query{Table: filtersTable, Cached: true, Quals: harness.Equals("workspace_id", fakeapi.WorkspaceNLP)})
	nlp := nlpRows(t, rows)
	if len(nlp) != 7 {
		t.Fatalf("%d of %d rows are the NLP workspace's, want 7", len(nlp), len(rows))
	}
	checkRow(t, "groups", harness.ByColumn(t, nlp, "filter_id")["participant_group_allowlist"], map[string]any{
		"choices": j(t, `{"`+fakeapi.GroupTrusted+`":"Trusted annotators","`+fakeapi.GroupSummaryRaters+`":"Summary raters"}`)})
}

// TestFilterIgnoreErrorCodes: a workspace whose filter list answers a status in ignore_error_codes is left out; by
// default the status fails the query.
func TestFilterIgnoreErrorCodes(t *testing.T) {
	c := forbiddenWorkspaceCase{filtersTable, fakeapi.FiltersPath, url.Values{"workspace_id": {fakeapi.WorkspaceVision}}}
	server := forbidVision(t, c)
	if _, err := harness.Start(t, harness.Config(server.URL)).Execute(t, harness.Query{Table: filtersTable}); err == nil ||
		!strings.Contains(err.Error(), "403") {
		t.Errorf("err %v, want the 403", err)
	}
	rows := harness.Start(t, harness.Config(server.URL, "ignore_error_codes = [403]")).MustExecute(t, harness.Query{Table: filtersTable})
	if len(rows) != 7 || len(nlpRows(t, rows)) != 7 {
		t.Errorf("%d rows, want the NLP workspace's 7", len(rows))
	}
}
