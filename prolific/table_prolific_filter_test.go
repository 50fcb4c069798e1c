package prolific_test

import (
	"reflect"
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

// TestFilterEveryColumn reads the list without workspace_id: one request without parameters, every filter once, and
// the workspace-dependent choices empty.
func TestFilterEveryColumn(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: filtersTable})
	byID := harness.ByColumn(t, rows, "filter_id")
	if len(byID) != 7 {
		t.Fatalf("%d filters, want 7", len(byID))
	}
	checkRow(t, "handedness", byID["handedness"], map[string]any{
		"workspace_id": nil, "title": "Handedness", "description": "Whether a person is left or right-handed.",
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
	checkRow(t, "previous studies, no workspace", byID["previous_studies"], map[string]any{
		"data_type": "StudyID", "choices": j(t, `{}`), "title": "Previous Studies AllowList",
	})
	if got := requestsWith(api, fakeapi.FiltersPath+"/"); !reflect.DeepEqual(got, []string{""}) {
		t.Errorf("filter list requests = %q, want one without parameters", got)
	}
	checkKinds(t, rows, filterKinds)
}

// TestFilterWorkspaceChoices: workspace_id is sent, fills the choices of the study and group filters with that
// workspace's, and is echoed on every row; an IN list asks once per workspace.
func TestFilterWorkspaceChoices(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: filtersTable, Quals: harness.Equals("workspace_id", fakeapi.WorkspaceNLP)})
	byID := harness.ByColumn(t, rows, "filter_id")
	checkRow(t, "previous studies", byID["previous_studies"], map[string]any{
		"workspace_id": fakeapi.WorkspaceNLP,
		"choices": j(t, `{"`+fakeapi.StudySentiment+`":"sentiment-batch-1","`+fakeapi.StudySummaries+`":"summaries-batch-1",`+
			`"`+fakeapi.StudyPilot+`":"pilot-survey","`+fakeapi.StudyArchived+`":"sentiment-pilot-0",`+
			`"`+fakeapi.StudyModeration+`":"moderation-batch-1"}`),
	})
	checkRow(t, "groups", byID["participant_group_allowlist"], map[string]any{
		"workspace_id": fakeapi.WorkspaceNLP, "tags": j(t, `["custom-group"]`),
		"choices": j(t, `{"`+fakeapi.GroupTrusted+`":"Trusted annotators","`+fakeapi.GroupSummaryRaters+`":"Summary raters"}`),
	})
	if got := requestsWith(api, fakeapi.FiltersPath+"/"); !reflect.DeepEqual(got, []string{"workspace_id=" + fakeapi.WorkspaceNLP}) {
		t.Errorf("filter list requests = %q, want one with workspace_id", got)
	}

	api.ResetLog()
	rows = p.MustExecute(t, harness.Query{Table: filtersTable, Columns: []string{"filter_id", "workspace_id", "choices"},
		Quals: harness.In("workspace_id", fakeapi.WorkspaceNLP, fakeapi.WorkspaceVision)})
	if len(rows) != 14 {
		t.Fatalf("%d rows for two workspaces, want 7 each", len(rows))
	}
	for _, row := range rows {
		if harness.Value(t, row["filter_id"]) == "participant_group_allowlist" && harness.Value(t, row["workspace_id"]) == fakeapi.WorkspaceVision {
			checkRow(t, "vision groups", row, map[string]any{"choices": j(t, `{"`+fakeapi.GroupVisionDisabled+`":"Old vision panel"}`)})
		}
	}
	if n := len(requestsWith(api, fakeapi.FiltersPath+"/")); n != 2 {
		t.Errorf("%d requests for two workspaces, want 2", n)
	}
	mustFail(t, p, harness.Query{Table: filtersTable, Quals: harness.Equals("workspace_id", "")}, "workspace_id")
}
