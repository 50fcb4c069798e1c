// Package prolific is a Steampipe plugin that turns the Prolific API (https://docs.prolific.com) into SQL tables.
package prolific

import (
	"context"
	"os"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// freeMemIntervalEnvVar is the SDK's setting for how often, in streamed rows, it forces a full garbage collection
// and returns memory to the operating system. The SDK's default is every 100 rows, and each forced collection
// costs as much as streaming many rows: make bench measured a full read of 100,000 responses at about half the CPU
// time with 1000, for about 15 MB more peak RSS, and the same RSS at 1,000,000 responses as at 10,000 (docs/index.md,
// "Memory and speed"). The plugin uses 1000 unless the user has set the variable.
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
			"prolific_batch":             tableProlificBatch(ctx),
			"prolific_batch_export":      tableProlificBatchExport(ctx),
			"prolific_batch_instruction": tableProlificBatchInstruction(ctx),
			"prolific_batch_response":    tableProlificBatchResponse(ctx),
			"prolific_collection":        tableProlificCollection(ctx),
			"prolific_dataset":           tableProlificDataset(ctx),
		},
	}
}
