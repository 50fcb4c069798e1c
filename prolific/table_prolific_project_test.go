package prolific_test

import (
	"testing"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

const projectsTable = "prolific_project"

func TestProjectSchema(t *testing.T) {
	_, p := startFake(t)
	checkSchema(t, p, projectsTable, []string{"workspace_id", "id"}, map[string]string{
		"workspace_id": "STRING", "id": "STRING", "description": "STRING", "is_longitudinal": "BOOL",
		"longitudinal": "JSON", "naivety_distribution_rate": "DOUBLE", "owner": "STRING", "public_details": "JSON",
		"title": "STRING", "type": "STRING", "users": "JSON",
	})
	checkKeyColumns(t, p, projectsTable, map[string]string{"workspace_id": "optional"}, "id")
}

func TestProjectAllColumns(t *testing.T) {
	_, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: projectsTable})
	byID := harness.ByColumn(t, rows, "id")
	if len(byID) != 4 {
		t.Fatalf("%d projects, want 4", len(byID))
	}
	summaries := map[string]any{
		"workspace_id": fakeapi.WorkspaceNLP, "id": fakeapi.ProjectSummaries,
		"description": "Accuracy ratings of model summaries.", "is_longitudinal": true,
		"longitudinal":              j(t, `{"config":{"target_completions":40,"retention_rate":0.8,"filters":[]},"retention":{"completed_waves":1}}`),
		"naivety_distribution_rate": 0.25, "owner": fakeapi.ResearcherID,
		"public_details": j(t, `{"status":"ENABLED","title":"Rate AI summaries","short_description":"Read an article and rate its summary.","description":"<p>Each task takes about a minute.</p>"}`),
		"title":          "Summary evaluation", "type": "PUBLIC",
		"users": j(t, `[{"id":"65f0c2a1b4e8d9a7c3f10a00","name":"Ada Lovelace","email":"res@example.org","roles":["PROJECT_EDITOR"]}]`),
	}
	checkRow(t, "summaries", byID[fakeapi.ProjectSummaries], summaries)
	checkRow(t, "vision", byID[fakeapi.ProjectVision], map[string]any{"workspace_id": fakeapi.WorkspaceVision,
		"description": nil, "is_longitudinal": false, "longitudinal": nil, "users": nil, "public_details": nil})

	got := p.MustExecute(t, harness.Query{Table: projectsTable, Quals: harness.Equals("id", fakeapi.ProjectSummaries)})
	if len(got) != 1 {
		t.Fatalf("get: %d rows", len(got))
	}
	checkRow(t, "get", got[0], summaries)
}

func TestProjectWorkspaceQual(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: projectsTable, Columns: []string{"workspace_id", "id", "title"},
		Quals: harness.Equals("workspace_id", fakeapi.WorkspaceVision)})
	if got := harness.Strings(rows, "id"); len(got) != 1 || got[0] != fakeapi.ProjectVision {
		t.Errorf("projects %v", got)
	}
	if n := api.RequestsTo("/api/v1/workspaces/"); n != 1 {
		t.Errorf("%d workspace requests, want 1 (the projects of the one workspace)", n)
	}
	if n := api.RequestsTo("/api/v1/projects/"); n != 0 {
		t.Errorf("%d project get requests without detail columns, want 0", n)
	}
	rows = p.MustExecute(t, harness.Query{Table: projectsTable, Columns: []string{"workspace_id", "id"},
		Quals: harness.In("workspace_id", fakeapi.WorkspaceNLP, fakeapi.WorkspaceVision, "65f0c2a1b4e8d9a7c3f1ffff")})
	if len(rows) != 4 {
		t.Errorf("%d rows for an IN list, want 4", len(rows))
	}
}

func TestProjectNotFound(t *testing.T) {
	_, p := startFake(t)
	for _, quals := range []string{"id", "workspace_id"} {
		rows, err := p.Execute(t, harness.Query{Table: projectsTable, Columns: []string{"id", "title"},
			Quals: harness.Equals(quals, "65f0c2a1b4e8d9a7c3f1ffff")})
		if err != nil || len(rows) != 0 {
			t.Errorf("%s: %d rows, err %v", quals, len(rows), err)
		}
	}
}

func TestProjectPagesAndLimit(t *testing.T) {
	api, p := startFake(t)
	api.MaxPageSize = 1
	rows := p.MustExecute(t, harness.Query{Table: projectsTable, Columns: []string{"workspace_id", "id"},
		Quals: harness.Equals("workspace_id", fakeapi.WorkspaceNLP)})
	if len(rows) != 3 {
		t.Fatalf("%d rows", len(rows))
	}
	if got := requestsWith(api, "/api/v1/workspaces/"+fakeapi.WorkspaceNLP+"/projects/"); len(got) != 3 ||
		got[0] != "limit=100&offset=0" || got[1] != "limit=100&offset=1" || got[2] != "limit=100&offset=2" {
		t.Errorf("requests %v", got)
	}
	api.ResetLog()
	p.MustExecute(t, harness.Query{Table: projectsTable, Columns: []string{"id"}, Quals: harness.Equals("workspace_id", fakeapi.WorkspaceNLP), Limit: 1})
	if got := requestsWith(api, "/api/v1/workspaces/"+fakeapi.WorkspaceNLP+"/projects/"); len(got) != 1 || got[0] != "limit=1&offset=0" {
		t.Errorf("LIMIT 1 requests %v", got)
	}
}
