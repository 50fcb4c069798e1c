package fakeapi

import "net/http"

// Project fixtures (docs/api-evidence.md ("Projects")): two projects in the NLP workspace, one in the Vision workspace.
const (
	ProjectSentiment = "66a0b1c2d3e4f5a6b7c8d901"
	ProjectSummaries = "66a0b1c2d3e4f5a6b7c8d902"
	ProjectVision    = "66a0b1c2d3e4f5a6b7c8d903"
)

type fakeProject struct {
	id, workspace, title string
	fields               map[string]any // the rest of the list item
	longitudinal         map[string]any // the get endpoint's longitudinal object, or nil
}

// short is the list item (ProjectShort).
func (p fakeProject) short() map[string]any {
	item := map[string]any{"id": p.id, "title": p.title}
	for k, v := range p.fields {
		item[k] = v
	}
	return item
}

var adaUsers = []map[string]any{{"id": ResearcherID, "name": "Ada Lovelace", "email": "res@example.org",
	"roles": []string{"PROJECT_EDITOR"}}}

var projects_ = []fakeProject{
	{id: ProjectSentiment, workspace: WorkspaceNLP, title: "Product review sentiment", fields: map[string]any{
		"description": "Sentiment labels for product reviews.", "owner": ResearcherID, "type": "PRIVATE",
		"public_details": nil, "users": adaUsers, "naivety_distribution_rate": nil}},
	{id: ProjectSummaries, workspace: WorkspaceNLP, title: "Summary evaluation", fields: map[string]any{
		"description": "Accuracy ratings of model summaries.", "owner": ResearcherID, "type": "PUBLIC",
		"public_details": map[string]any{"status": "ENABLED", "title": "Rate AI summaries",
			"short_description": "Read an article and rate its summary.", "description": "<p>Each task takes about a minute.</p>"},
		"users": adaUsers, "naivety_distribution_rate": 0.25},
		longitudinal: map[string]any{"config": map[string]any{"target_completions": 40, "retention_rate": 0.8, "filters": []any{}},
			"retention": map[string]any{"completed_waves": 1}}},
	{id: ProjectVision, workspace: WorkspaceVision, title: "Image labelling", fields: map[string]any{
		"type": "PRIVATE", "owner": ResearcherID}},
}

func findProject(id string) (fakeProject, bool) {
	for _, p := range projects_ {
		if p.id == id {
			return p, true
		}
	}
	return fakeProject{}, false
}

func init() { registrars = append(registrars, registerProjects) }

func registerProjects(s *Server) {
	s.handle("/api/v1/workspaces/{workspace_id}/projects", func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue("workspace_id")
		if !knownWorkspace(id) {
			Object(w, nil, false)
			return
		}
		items := []map[string]any{}
		for _, p := range projects_ {
			if p.workspace == id {
				items = append(items, p.short())
			}
		}
		LimitOffset(s, w, r, items)
	})
	s.handle("/api/v1/projects/{project_id}", func(w http.ResponseWriter, r *http.Request) {
		p, ok := findProject(r.PathValue("project_id"))
		if !ok {
			Object(w, nil, false)
			return
		}
		detail := p.short()
		detail["workspace"] = p.workspace
		detail["is_longitudinal"] = p.longitudinal != nil
		detail["longitudinal"] = p.longitudinal
		Object(w, detail, true)
	})
}
