package fakeapi

import "net/http"

// A study's cost, submission counts and Taskflow progress (docs/api-evidence.md ("Study cost, counts and progress")).
//
// Costs: the spec's StudyTotalCost, {rewards, bonuses, _links}, each breakdown {rewards, fees, tax} of
// {amount, currency} with amounts in minor units as doubles. Every study's rewards sum to its total_cost (studies.go),
// fees and VAT included; bonuses come on top. That relation is the fake's reading, not evidence. The sentiment,
// summaries and moderation studies each paid the first approved participant a 62.5 bonus (submissions.go); the
// pilot has a bonus breakdown of zeros and the draft none at all (bonuses null), the two readings of "no bonuses".
// The projected cost (is_projected=true) differs from the current one for the studies with places left.

// cost is one breakdown: rewards, fees and tax in minor units of currency.
type cost struct {
	rewards, fees, tax float64
}

func (c cost) breakdown(currency string) map[string]any {
	leaf := func(amount float64) map[string]any { return map[string]any{"amount": amount, "currency": currency} }
	return map[string]any{"rewards": leaf(c.rewards), "fees": leaf(c.fees), "tax": leaf(c.tax)}
}

// studyCost is a study's cost now, projected to every place filled, and its bonuses (nil: the API sends null).
type studyCost struct {
	current, projected cost
	bonuses            *cost
}

var demoBonus = &cost{rewards: 62.5, fees: 20.83, tax: 4.17}

var studyCosts = map[string]studyCost{
	StudySentiment:  {current: cost{1250, 416.61, 83.32}, bonuses: demoBonus},
	StudySummaries:  {current: cost{1500, 500, 100}, bonuses: demoBonus},
	StudyModeration: {current: cost{1000, 333.33, 66.67}, bonuses: demoBonus},
	StudyArchived:   {current: cost{425, 141.53, 28.3}, bonuses: &cost{}},
	StudyPilot: {current: cost{300, 100, 20}, projected: cost{2000, 666.67, 133.33},
		bonuses: &cost{}},
	StudyLarge: {current: cost{36000, 12000, 2400}, projected: cost{40000, 13333.33, 2666.67},
		bonuses: &cost{}},
	StudyDraft: {},
}

// costBody is the cost endpoint's answer for a study.
func costBody(id string, c studyCost, projected bool, currency string) map[string]any {
	current := c.current
	if projected && c.projected != (cost{}) {
		current = c.projected
	}
	var bonuses any
	if c.bonuses != nil {
		bonuses = c.bonuses.breakdown(currency)
	}
	return map[string]any{"rewards": current.breakdown(currency), "bonuses": bonuses,
		"_links": map[string]any{"self": map[string]any{"href": "/api/v1/studies/" + id + "/cost/", "title": "Current"}}}
}

// submissionCountKeys are the keys of SubmissionsCountResponse, spelt as the spec spells them.
var submissionCountKeys = []string{"ACTIVE", "APPROVED", "AWAITING REVIEW", "REJECTED", "RESERVED", "RETURNED",
	"TIMED-OUT", "PARTIALLY APPROVED", "SCREENED OUT"}

// submissionCounts counts a study's submissions (submissions.go) by status, every documented key present.
func submissionCounts(study string) map[string]any {
	counts := map[string]any{}
	for _, k := range submissionCountKeys {
		counts[k] = 0
	}
	for _, sub := range submissions[study] {
		counts[sub.status] = counts[sub.status].(int) + 1
	}
	counts["TOTAL"] = len(submissions[study])
	return counts
}

// StudyLargeAccessDetails is the id of the large study's access-details collection, the one Taskflow study.
const StudyLargeAccessDetails = "42a9f01f-3cd8-4cf0-b79a-9b2cd50a1e85"

// accessDetailsProgress is the Taskflow progress of the studies that have access_details; the others answer 404.
// The second URL had screen-outs, so more were allocated than its base places.
var accessDetailsProgress = map[string]map[string]any{
	StudyLarge: {
		"id": StudyLargeAccessDetails,
		"progress": []map[string]any{
			{"external_url": "https://labels.example.org/a", "total_allocation": 250, "allocated": 212},
			{"external_url": "https://labels.example.org/b", "total_allocation": 250, "allocated": 253, "capacity_increments": 4},
		},
		"_links": map[string]any{"self": map[string]any{"href": "/api/v1/studies/" + StudyLarge + "/access-details-progress/"}},
	},
}

// StudyCostPath is the path of a study's cost.
func StudyCostPath(study string) string { return "/api/v1/studies/" + study + "/cost" }

func init() { registrars = append(registrars, registerStudyCosts) }

func registerStudyCosts(s *Server) {
	s.handle("/api/v1/studies/{study_id}/cost", func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue("study_id")
		study, ok := findStudy(id)
		c, hasCost := studyCosts[id]
		if !ok || !hasCost {
			Object(w, nil, false)
			return
		}
		projected := false
		switch v := r.URL.Query().Get("is_projected"); v {
		case "", "false", "False":
		case "true", "True":
			projected = true
		default:
			writeJSON(w, http.StatusBadRequest, map[string]any{"status": 400, "error_code": 140001, "title": "Bad Request",
				"detail": map[string][]string{"is_projected": {"Must be a valid boolean."}}})
			return
		}
		currency, _ := study["currency_code"].(string)
		Object(w, costBody(id, c, projected, currency), true)
	})
	s.handle("/api/v1/studies/{study_id}/submissions/counts", func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue("study_id")
		_, ok := findStudy(id)
		Object(w, submissionCounts(id), ok)
	})
	s.handle("/api/v1/studies/{study_id}/access-details-progress", func(w http.ResponseWriter, r *http.Request) {
		progress, ok := accessDetailsProgress[r.PathValue("study_id")]
		Object(w, progress, ok)
	})
}
