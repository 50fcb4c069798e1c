package prolific_test

import (
	"testing"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

func TestUserSchema(t *testing.T) {
	_, p := startFake(t)
	checkSchema(t, p, "prolific_user", []string{"id"}, map[string]string{
		"id": "STRING", "available_balance": "INT", "balance": "INT", "currency_code": "STRING", "email": "STRING",
		"first_name": "STRING", "last_name": "STRING", "name": "STRING", "title": "STRING", "user_type": "STRING", "username": "STRING",
	})
	checkKeyColumns(t, p, "prolific_user", map[string]string{}, "")
}

func TestUserIsTheTokensUser(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: "prolific_user"})
	if len(rows) != 1 {
		t.Fatalf("%d rows, want 1", len(rows))
	}
	checkRow(t, "me", rows[0], map[string]any{
		"id": fakeapi.ResearcherID, "available_balance": int64(98000), "balance": int64(125000), "currency_code": "GBP",
		"email": "res@example.org", "first_name": "Ada", "last_name": "Lovelace", "name": "Ada Lovelace",
		"user_type": "researcher", "username": "res@example.org",
	})
	if r := api.Requests(); len(r) != 1 || r[0].Path != "/api/v1/users/me/" {
		t.Errorf("requests %+v", r)
	}
}

func TestUserWrongTokenIsAnError(t *testing.T) {
	api, p := startFake(t)
	api.Token = "another-token"
	mustFail(t, p, harness.Query{Table: "prolific_user"}, "401")
}
