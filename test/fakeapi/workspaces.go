package fakeapi

import "net/http"

// Workspace fixtures (../shared/prolific-api.md §5.2). Tables that iterate workspaces list these two.
const (
	WorkspaceNLP    = "65f0c2a1b4e8d9a7c3f10a22"
	WorkspaceVision = "65f0c2a1b4e8d9a7c3f10a33"
	ResearcherID    = "65f0c2a1b4e8d9a7c3f10a00"
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

func init() { registrars = append(registrars, registerWorkspaces) }

func registerWorkspaces(s *Server) {
	s.handle("/api/v1/workspaces", func(w http.ResponseWriter, _ *http.Request) { List(w, workspaces) })
	s.handle("/api/v1/workspaces/{workspace_id}", func(w http.ResponseWriter, r *http.Request) {
		for _, ws := range workspaces {
			if ws["id"] == r.PathValue("workspace_id") {
				Object(w, ws, true)
				return
			}
		}
		Object(w, nil, false)
	})
}
