package prolific

import (
	"context"
	"io"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// Hooks for the benchmark in bench_test.go, which measures the plugin against floors built from its own parts.

// DecodeResponses decodes a responses body exactly as prolific_batch_response does, calling each for every row.
func DecodeResponses(body io.Reader, batchID string, each func(row any)) error {
	_, err := decodeList(body, func(r *batchResponse) bool {
		r.finish(batchID)
		each(r)
		return true
	})
	return err
}

// FloorPlugin serves prolific_batch_response's schema from a list function that streams rows[i % len(rows)] n
// times: no HTTP and no JSON, so a scan of it costs what the SDK itself costs.
func FloorPlugin(rows []any, n int) plugin.PluginFunc {
	return func(ctx context.Context) *plugin.Plugin {
		p := Plugin(ctx)
		table := tableProlificBatchResponse(ctx)
		table.List.Hydrate = func(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
			for i := 0; i < n; i++ {
				d.StreamListItem(ctx, rows[i%len(rows)])
				if d.RowsRemaining(ctx) == 0 {
					break
				}
			}
			return nil, nil
		}
		p.TableMap = map[string]*plugin.Table{table.Name: table}
		return p
	}
}
