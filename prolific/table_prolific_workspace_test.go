package prolific_test

import (
	"strings"
	"testing"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

const workspacesTable = "prolific_workspace"

func TestWorkspaceSchema(t *testing.T) {
	_, p := startFake(t)
	checkSchema(t, p, workspacesTable, []string{"id"}, map[string]string{
		"id": "STRING", "available_balance": "INT", "available_balance_breakdown": "JSON", "balance_breakdown": "JSON",
		"balance_currency_code": "STRING", "description": "STRING", "naivety_distribution_rate": "DOUBLE",
		"owner": "STRING", "title": "STRING", "total_balance": "INT", "users": "JSON", "wallet_id": "STRING",
	})
	checkKeyColumns(t, p, workspacesTable, map[string]string{}, "id")
}

func TestWorkspaceAllColumns(t *testing.T) {
	_, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: workspacesTable})
	byID := harness.ByColumn(t, rows, "id")
	if len(byID) != 2 {
		t.Fatalf("%d workspaces, want 2", len(byID))
	}
	users := j(t, `[{"id":"65f0c2a1b4e8d9a7c3f10a00","name":"Ada Lovelace","email":"res@example.org","roles":["WORKSPACE_ADMIN"]}]`)
	nlp := map[string]any{
		"id": fakeapi.WorkspaceNLP, "available_balance": int64(175050),
		"available_balance_breakdown": j(t, `{"rewards":126000,"fees":42000,"vat":7050}`),
		"balance_breakdown":           j(t, `{"rewards":180000,"fees":60000,"vat":10000}`),
		"balance_currency_code":       "GBP", "description": "Annotation work for language models.",
		"naivety_distribution_rate": nil, "owner": fakeapi.ResearcherID, "title": "NLP Lab",
		"total_balance": int64(250000), "users": users, "wallet_id": "65f0c2a1b4e8d9a7c3f1aa22",
	}
	checkRow(t, "NLP", byID[fakeapi.WorkspaceNLP], nlp)
	checkRow(t, "Vision", byID[fakeapi.WorkspaceVision], map[string]any{"title": "Vision Lab", "description": nil,
		"naivety_distribution_rate": 0.5, "balance_currency_code": "USD", "total_balance": int64(0)})

	got := p.MustExecute(t, harness.Query{Table: workspacesTable, Quals: harness.Equals("id", fakeapi.WorkspaceNLP)})
	if len(got) != 1 {
		t.Fatalf("get: %d rows", len(got))
	}
	checkRow(t, "get", got[0], nlp)
}

// TestWorkspaceBalanceHydrate: the balance endpoint is called only when a balance column is selected.
func TestWorkspaceBalanceHydrate(t *testing.T) {
	api, p := startFake(t)
	p.MustExecute(t, harness.Query{Table: workspacesTable, Columns: []string{"id", "title", "owner"}})
	if n := len(api.Requests()); n != 1 {
		t.Errorf("%d requests without balance or wallet columns, want 1 (the list)", n)
	}
	api.ResetLog()
	p.MustExecute(t, harness.Query{Table: workspacesTable, Columns: []string{"id", "total_balance", "available_balance"}})
	for _, ws := range []string{fakeapi.WorkspaceNLP, fakeapi.WorkspaceVision} {
		if n := api.RequestsTo("/api/v1/workspaces/" + ws + "/balance/"); n != 1 {
			t.Errorf("%d balance requests for %s, want 1", n, ws)
		}
	}
	if n := len(api.Requests()); n != 3 {
		t.Errorf("%d requests, want 3 (list and two balances)", n)
	}
	// A workspace whose balance answers 404 has NULL balances, not an error.
	rows := p.MustExecute(t, harness.Query{Table: workspacesTable, Columns: []string{"id", "title", "total_balance"},
		Quals: harness.Equals("id", fakeapi.WorkspaceNoBalance)})
	if len(rows) != 1 {
		t.Fatalf("%d rows", len(rows))
	}
	checkRow(t, "no balance", rows[0], map[string]any{"title": "Archive", "total_balance": nil})
}

func TestWorkspaceNotFoundAndPaging(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: workspacesTable, Quals: harness.Equals("id", "65f0c2a1b4e8d9a7c3f1ffff")})
	if len(rows) != 0 {
		t.Errorf("unknown id: %d rows", len(rows))
	}
	api.MaxPageSize = 1
	api.ResetLog()
	rows = p.MustExecute(t, harness.Query{Table: workspacesTable, Columns: []string{"id"}})
	if len(rows) != 2 {
		t.Fatalf("%d rows, want 2", len(rows))
	}
	want := "limit=100&offset=0 limit=100&offset=1"
	if got := strings.Join(requestsWith(api, "/api/v1/workspaces/"), " "); got != want {
		t.Errorf("requests %q, want %q", got, want)
	}
	api.ResetLog()
	p.MustExecute(t, harness.Query{Table: workspacesTable, Columns: []string{"id"}, Limit: 1})
	if got := strings.Join(requestsWith(api, "/api/v1/workspaces/"), " "); got != "limit=1&offset=0" {
		t.Errorf("LIMIT 1 requests %q", got)
	}
}
