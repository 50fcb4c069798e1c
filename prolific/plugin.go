// Package prolific is a Steampipe plugin that turns the Prolific API (https://docs.prolific.com) into SQL tables.
package prolific

import (
	"context"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// Plugin returns the plugin definition that main.go serves and the PostgreSQL extension build links in.
func Plugin(ctx context.Context) *plugin.Plugin {
	return &plugin.Plugin{
		Name: "steampipe-plugin-prolific",
		ConnectionConfigSchema: &plugin.ConnectionConfigSchema{
			NewInstance: ConfigInstance,
		},
		TableMap: map[string]*plugin.Table{
			"prolific_batch_response":           tableProlificBatchResponse(ctx),
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
