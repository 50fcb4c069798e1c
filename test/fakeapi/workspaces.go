package fakeapi

import (
	"net/http"
	"slices"
	"strings"
)

// Workspace fixtures (docs/api-evidence.md ("Workspaces")). Tables that iterate workspaces list these two.
const (
	WorkspaceNLP    = "65f0c2a1b4e8d9a7c3f10a22"
	WorkspaceVision = "65f0c2a1b4e8d9a7c3f10a33"
	ResearcherID    = "65f0c2a1b4e8d9a7c3f10a00"
	// WorkspaceNoBalance is a workspace id the get endpoint knows but whose balance endpoint answers 404.
	WorkspaceNoBalance = "65f0c2a1b4e8d9a7c3f10a44"
)

// Workspaces holds the fake's workspaces by id, as the API returns them. Tests may add to it before New.
var workspaces = []map[string]any{
	{
		"id": WorkspaceNLP, "title": "NLP Lab", "description": "Annotation work for language models.",
		"owner": ResearcherID, "naivety_distribution_rate": nil,
		"users": []map[string]any{{"id": ResearcherID, "name": "Ada Lovelace", "email": "res@example.org",
			"roles": []string{"WORKSPACE_ADMIN"}}},
	},
	{
		"id": WorkspaceVision, "title": "Vision Lab", "description": nil, "owner": ResearcherID,
		"naivety_distribution_rate": 0.5,
		"users": []map[string]any{{"id": ResearcherID, "name": "Ada Lovelace", "email": "res@example.org",
			"roles": []string{"WORKSPACE_ADMIN"}}},
	},
}

// workspaceDetails are the fields only the get endpoint adds: the wallet id and the workspace's projects.
var workspaceDetails = map[string]map[string]any{
	WorkspaceNLP:    {"wallet": "65f0c2a1b4e8d9a7c3f1aa22"},
	WorkspaceVision: {"wallet": "65f0c2a1b4e8d9a7c3f1aa33"},
}

// workspaceBalances are the balance endpoint's answers, in minor units (pence).
var workspaceBalances = map[string]map[string]any{
	WorkspaceNLP: {
		"currency_code": "GBP", "total_balance": 250000,
		"balance_breakdown":           map[string]int{"rewards": 180000, "fees": 60000, "vat": 10000},
		"available_balance":           175050,
		"available_balance_breakdown": map[string]int{"rewards": 126000, "fees": 42000, "vat": 7050},
	},
	WorkspaceVision: {
		"currency_code": "USD", "total_balance": 0,
		"balance_breakdown": map[string]int{"rewards": 0, "fees": 0, "vat": 0},
		"available_balance": 0, "available_balance_breakdown": map[string]int{"rewards": 0, "fees": 0, "vat": 0},
	},
}

func init() { registrars = append(registrars, registerWorkspaces) }

func registerWorkspaces(s *Server) {
	s.handle("/api/v1/workspaces", func(w http.ResponseWriter, r *http.Request) {
		LimitOffset(s, w, r, s.workspacesVisibleTo(r))
	})
	s.handle("/api/v1/workspaces/{workspace_id}", func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue("workspace_id")
		if id == WorkspaceNoBalance {
			Object(w, map[string]any{"id": id, "title": "Archive", "owner": ResearcherID, "projects": []any{}}, true)
			return
		}
		for _, ws := range workspaces {
			if ws["id"] == id {
				detail := map[string]any{}
				for k, v := range ws {
					detail[k] = v
				}
				for k, v := range workspaceDetails[id] {
					detail[k] = v
				}
				var projects []map[string]any
				for _, p := range projects_ {
					if p.workspace == id {
						projects = append(projects, p.short())
					}
				}
				detail["projects"] = projects
				Object(w, detail, true)
				return
			}
		}
		Object(w, nil, false)
	})
	s.handle("/api/v1/workspaces/{workspace_id}/balance", func(w http.ResponseWriter, r *http.Request) {
		balance, ok := workspaceBalances[r.PathValue("workspace_id")]
		Object(w, balance, ok)
	})
}

// knownWorkspace reports whether id is one of the fake's workspaces.
func knownWorkspace(id string) bool {
	return slices.ContainsFunc(workspaces, func(ws map[string]any) bool { return ws["id"] == id })
}

// workspacesVisibleTo is the workspace list as the request's token sees it (Server.VisibleWorkspaces).
func (s *Server) workspacesVisibleTo(r *http.Request) []map[string]any {
	visible, limited := s.VisibleWorkspaces[tokenOf(r)]
	if !limited {
		return workspaces
	}
	var listed []map[string]any
	for _, w := range workspaces {
		if id, _ := w["id"].(string); slices.Contains(visible, id) {
			listed = append(listed, w)
		}
	}
	return listed
}

// namesHiddenWorkspace reports whether a request names a workspace its token cannot see: in a workspace_id
// parameter, or in a /workspaces/{id}/ path.
func (s *Server) namesHiddenWorkspace(r *http.Request) bool {
	visible, limited := s.VisibleWorkspaces[tokenOf(r)]
	if !limited {
		return false
	}
	named := r.URL.Query().Get("workspace_id")
	if rest, ok := strings.CutPrefix(r.URL.Path, "/api/v1/workspaces/"); ok {
		named, _, _ = strings.Cut(rest, "/")
	}
	return named != "" && !slices.Contains(visible, named)
}

func tokenOf(r *http.Request) string {
	return strings.TrimPrefix(r.Header.Get("Authorization"), "Token ")
}
