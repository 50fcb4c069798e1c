package fakeapi

import "net/http"

// The token's own user (docs/api-evidence.md ("Current user")): the documented id and email plus the fields the CLI
// reads.
var currentUser = map[string]any{
	"id": ResearcherID, "email": "res@example.org", "name": "Ada Lovelace", "first_name": "Ada",
	"last_name": "Lovelace", "username": "res@example.org", "user_type": "researcher", "currency_code": "GBP",
	"balance": 125000, "available_balance": 98000,
}

func init() { registrars = append(registrars, registerUsers) }

func registerUsers(s *Server) {
	s.handle("/api/v1/users/me", func(w http.ResponseWriter, _ *http.Request) { Object(w, currentUser, true) })
}
