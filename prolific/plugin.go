// Package prolific is a Steampipe plugin that turns the Prolific API (https://docs.prolific.com) into SQL tables.
package prolific

import (
	"context"
	"os"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// freeMemIntervalEnvVar is the SDK's setting for how often, in streamed rows, it forces a full garbage collection
// and returns memory to the operating system. At the SDK's default of 100 rows these collections cost about as much
// as everything else in a large read. make bench measured a full read of 100,000 responses in 7.8 s with 1000
// against 16.8 s with 100, for about 18 MB more peak RSS (90 MB, the same at 1,000,000 responses); 10000 passed
// 130 MB. So the plugin uses 1000 unless the user has set the variable (docs/index.md, "Memory and speed").
const (
	freeMemIntervalEnvVar  = "STEAMPIPE_FREE_MEM_INTERVAL"
	defaultFreeMemInterval = "1000"
)

// Plugin returns the plugin definition that main.go serves and the PostgreSQL extension build links in.
func Plugin(ctx context.Context) *plugin.Plugin {
	if _, set := os.LookupEnv(freeMemIntervalEnvVar); !set {
		_ = os.Setenv(freeMemIntervalEnvVar, defaultFreeMemInterval)
	}
	return &plugin.Plugin{
		Name: "steampipe-plugin-prolific",
		ConnectionConfigSchema: &plugin.ConnectionConfigSchema{
			NewInstance: ConfigInstance,
		},
		TableMap: map[string]*plugin.Table{
			"prolific_batch":                    tableProlificBatch(ctx),
			"prolific_batch_export":             tableProlificBatchExport(ctx),
			"prolific_batch_instruction":        tableProlificBatchInstruction(ctx),
			"prolific_batch_response":           tableProlificBatchResponse(ctx),
			"prolific_collection":               tableProlificCollection(ctx),
			"prolific_dataset":                  tableProlificDataset(ctx),
			"prolific_participant_group":        tableProlificParticipantGroup(ctx),
			"prolific_participant_group_member": tableProlificParticipantGroupMember(ctx),
			"prolific_project":                  tableProlificProject(ctx),
			"prolific_study":                    tableProlificStudy(ctx),
			"prolific_submission":               tableProlificSubmission(ctx),
			"prolific_user":                     tableProlificUser(ctx),
			"prolific_workspace":                tableProlificWorkspace(ctx),
		},
	}
}
