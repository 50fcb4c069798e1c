package prolific

import (
	"reflect"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// endpointTag is the rate limiter tag that names the API endpoint family a hydrate call reads. With it a user can
// write a limiter for one family, for example
//
//	plugin "local/prolific" {
//	  limiter "prolific_responses" {
//	    max_concurrency = 2
//	    where           = "endpoint = 'responses'"
//	  }
//	}
//
// Each call is tagged with the family of the endpoint it is about; a call that also reads another endpoint on the way
// (a study's get reads its project for the workspace) keeps its own family.
const endpointTag = "endpoint"

// tableEndpoints gives each table's endpoint family: of its get and list calls and of its column hydrates, and, for
// tables whose list walks parents first, of that parent list.
var tableEndpoints = map[string]struct{ own, parents string }{
	"prolific_batch":                    {"batches", "workspaces"},
	"prolific_batch_export":             {"exports", ""},
	"prolific_batch_instruction":        {"instructions", ""},
	"prolific_batch_response":           {"responses", ""},
	"prolific_collection":               {"collections", "workspaces"},
	"prolific_collection_export":        {"exports", ""},
	"prolific_dataset":                  {"datasets", ""},
	"prolific_filter":                   {"filters", "workspaces"},
	"prolific_filter_set":               {"filter_sets", "workspaces"},
	"prolific_hook_event":               {"hooks", "hooks"},
	"prolific_hook_event_type":          {"hooks", ""},
	"prolific_hook_subscription":        {"hooks", "workspaces"},
	"prolific_message":                  {"messages", ""},
	"prolific_participant_group":        {"participant_groups", "workspaces"},
	"prolific_participant_group_member": {"participant_groups", ""},
	"prolific_project":                  {"projects", "workspaces"},
	"prolific_study":                    {"studies", "projects"},
	"prolific_study_cost":               {"costs", "studies"},
	"prolific_submission":               {"submissions", ""},
	"prolific_survey":                   {"surveys", ""},
	"prolific_survey_response":          {"surveys", ""},
	"prolific_user":                     {"users", ""},
	"prolific_workspace":                {"workspaces", ""},
}

// tagEndpoints sets the endpoint tag on every hydrate call of the tables: get, list, parent list and column hydrates.
func tagEndpoints(tables map[string]*plugin.Table) {
	for name, table := range tables {
		families, ok := tableEndpoints[name]
		if !ok {
			panic("prolific: no endpoint family for table " + name) // a new table must be added to tableEndpoints
		}
		own := map[string]string{endpointTag: families.own}
		if table.Get != nil {
			table.Get.Tags = own
		}
		if table.List != nil {
			table.List.Tags = own
			if table.List.ParentHydrate != nil {
				table.List.ParentTags = map[string]string{endpointTag: families.parents}
			}
		}
		tagged := map[uintptr]bool{}
		for _, column := range table.Columns {
			if column.Hydrate == nil || tagged[reflect.ValueOf(column.Hydrate).Pointer()] {
				continue
			}
			tagged[reflect.ValueOf(column.Hydrate).Pointer()] = true
			table.HydrateConfig = append(table.HydrateConfig, plugin.HydrateConfig{Func: column.Hydrate,
				Tags: map[string]string{endpointTag: families.own}})
		}
	}
}
