package fakeapi

import "net/http"

// Filter and filter set fixtures (docs/api-evidence.md ("Filters and filter sets")).
//
// GET /filters/ answers one list, with no paging, in the spec's FilterList shape ({results, _links, meta}). Its
// items are the spec's select and range filters; the choices of the StudyID and ParticipantGroupID filters depend on
// workspace_id ("used to get contextual data such as previous studies and participant groups"): without it they are
// empty, with it they are that workspace's studies and participant groups.
//
// GET /filter-sets/?workspace_id= pages with limit and offset, as the CLI and MCP server call it, at most
// FilterSetPageCap a page, so the NLP workspace's three sets span two pages. GET /filter-sets/{id}/ adds
// eligible_participant_count, which the list does not carry.
const (
	FilterSetFluentRaters = "6650a1b2c3d4e5f6a7b8c901" // NLP: approval rate and handedness, locked at version 3
	FilterSetTrusted      = "6650a1b2c3d4e5f6a7b8c902" // NLP: the trusted annotators group; fewer than 25 eligible
	FilterSetOldPanel     = "6650a1b2c3d4e5f6a7b8c903" // NLP: deleted
	FilterSetAdults       = "6650a1b2c3d4e5f6a7b8c904" // Vision: an age range, shared with the organisation
)

// FiltersPath and FilterSetsPath are the paths of the filter and filter set lists.
const (
	FiltersPath    = "/api/v1/filters"
	FilterSetsPath = "/api/v1/filter-sets"
)

// FilterSetPageCap is both the fake's default and its largest page of filter sets.
const FilterSetPageCap = 2

// OrganisationID is the organisation of the Vision workspace's shared filter set.
const OrganisationID = "65f0c2a1b4e8d9a7c3f10b00"

// staticFilters are the filters whose fields do not depend on the workspace. The first two are the DOCS get-filters
// example's, ai-taskers is the item a Prolific help article shows (with the detailed fields), and the range filters
// follow the spec's RangeFilterListResponse.
var staticFilters = []map[string]any{
	{"filter_id": "handedness", "title": "Handedness", "description": "Whether a person is left or right-handed.",
		"question": "Are you left or right-handed?", "type": "select", "data_type": "ChoiceID",
		"choices":              map[string]any{"0": "Right-handed", "1": "Left-handed", "2": "Ambidextrous"},
		"researcher_help_text": nil, "participant_help_text": nil, "category": "Demographics",
		"subcategory": "Physical characteristics", "display_order": 3, "tags": []string{}},
	{"filter_id": "age", "title": "Age", "description": "Participants' age in years, from their date of birth.",
		"question": "What is your date of birth?", "type": "range", "data_type": "integer", "min": 18, "max": 100,
		"min_max": 99, "max_min": 19, "category": "Demographics", "subcategory": "Basic demographics",
		"display_order": 1, "tags": []string{"recommended"}},
	{"filter_id": "approval_rate", "title": "Approval Rate",
		"description": "The share of a participant's submissions that researchers approved.",
		"question":    "What is your approval rate?", "type": "range", "data_type": "integer", "min": 0, "max": 100,
		"category": "Prolific platform", "subcategory": "Participation on Prolific", "display_order": 1,
		"tags": []string{"recommended"}},
	{"filter_id": "ai-taskers", "title": "AI taskers", "description": "", "question": "AI tasker?",
		"researcher_help_text": "", "participant_help_text": "", "category": "AI taskers", "tags": []string{},
		"type": "select", "data_type": "ChoiceID", "choices": map[string]any{"0": "Qualified AI taskers"}},
	{"filter_id": "hours-per-week", "title": "Hours per week on Prolific",
		"description": "How many hours a week a participant spends taking studies.",
		"question":    "How many hours a week do you spend on Prolific?", "type": "range", "data_type": "float",
		"min": 0.5, "max": 40.0},
}

// workspaceFilters builds the filters whose choices come from a workspace: its studies (internal name, else name)
// and its participant groups. Without a workspace their choices are empty.
func workspaceFilters(workspaceID string) []map[string]any {
	studyChoices, groupChoices := map[string]any{}, map[string]any{}
	for _, s := range studies {
		if p, ok := findProject(s["project"].(string)); ok && workspaceID != "" && p.workspace == workspaceID {
			name := s["internal_name"]
			if name == nil {
				name = s["name"]
			}
			studyChoices[s["id"].(string)] = name
		}
	}
	for _, g := range participantGroups {
		if workspaceID != "" && g["workspace_id"] == workspaceID {
			groupChoices[g["id"].(string)] = g["name"]
		}
	}
	return []map[string]any{
		{"filter_id": "previous_studies", "title": "Previous Studies AllowList",
			"description": "Select one or more studies to allow participants who have completed them to participate in this study.",
			"question":    "", "type": "select", "data_type": "StudyID", "choices": studyChoices},
		{"filter_id": "participant_group_allowlist", "title": "Custom Allowlist (participant group)",
			"description": "Allow only the members of one or more of your participant groups.",
			"question":    "", "type": "select", "data_type": "ParticipantGroupID", "choices": groupChoices,
			"tags": []string{"custom-group"}},
	}
}

// filterSets holds the fake's filter sets as the get endpoint returns them; the list leaves out
// eligible_participant_count.
var filterSets = []map[string]any{
	{"id": FilterSetFluentRaters, "version": 3, "is_deleted": false, "is_locked": true, "workspace_id": WorkspaceNLP,
		"organisation_id": nil, "name": "Right-handed raters, 95%+ approval",
		"filters": []map[string]any{
			{"filter_id": "approval_rate", "selected_range": map[string]any{"lower": 95, "upper": 100}},
			{"filter_id": "handedness", "selected_values": []string{"0"}, "weightings": map[string]any{"0": 100}},
		}, "eligible_participant_count": 18432},
	{"id": FilterSetTrusted, "version": 1, "is_deleted": false, "is_locked": false, "workspace_id": WorkspaceNLP,
		"organisation_id": nil, "name": "Trusted annotators only",
		"filters": []map[string]any{
			{"filter_id": "participant_group_allowlist", "selected_values": []string{GroupTrusted}},
		}, "eligible_participant_count": 0},
	{"id": FilterSetOldPanel, "version": 2, "is_deleted": true, "is_locked": false, "workspace_id": WorkspaceNLP,
		"organisation_id": nil, "name": "Old UK panel",
		"filters": []map[string]any{{"filter_id": "and", "selected_filters": []map[string]any{
			{"filter_id": "age", "selected_range": map[string]any{"lower": 25, "upper": nil}},
			{"filter_id": "ai-taskers", "selected_values": []string{"0"}},
		}}}, "eligible_participant_count": 1250},
	{"id": FilterSetAdults, "version": 1, "is_deleted": false, "is_locked": false, "workspace_id": WorkspaceVision,
		"organisation_id": OrganisationID, "name": "Adults 18-65",
		"filters": []map[string]any{
			{"filter_id": "age", "selected_range": map[string]any{"lower": 18, "upper": 65}},
		}, "eligible_participant_count": 52011.0},
}

// filterSetListItem is a filter set as the list returns it: the spec's FilterSet, without the get endpoint's count.
func filterSetListItem(set map[string]any) map[string]any {
	item := map[string]any{}
	for k, v := range set {
		if k != "eligible_participant_count" {
			item[k] = v
		}
	}
	return item
}

func init() { registrars = append(registrars, registerFilters) }

func registerFilters(s *Server) {
	s.handle(FiltersPath, func(w http.ResponseWriter, r *http.Request) {
		workspaceID := r.URL.Query().Get("workspace_id")
		if workspaceID != "" && !knownWorkspace(workspaceID) {
			badRequest(w, "workspace_id", "Workspace not found.")
			return
		}
		results := append(append([]map[string]any{}, staticFilters...), workspaceFilters(workspaceID)...)
		writeJSON(w, http.StatusOK, map[string]any{"results": results, "_links": map[string]any{},
			"meta": map[string]any{"count": len(results)}})
	})
	s.handle(FilterSetsPath, func(w http.ResponseWriter, r *http.Request) {
		found, ok := itemsOfWorkspace(w, r, filterSets)
		if !ok {
			return
		}
		items := make([]map[string]any, len(found))
		for i, set := range found {
			items[i] = filterSetListItem(set)
		}
		limitOffsetPage(s, w, r, items, FilterSetPageCap, FilterSetPageCap)
	})
	s.handle(FilterSetsPath+"/{id}", objectByID(filterSets, "id"))
}
