package floor

import (
	"context"
	"fmt"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"

	"github.com/pipeworks/steampipe-plugin-prolific/prolific"
)

// Table is the table the floors stand in for.
const Table = "prolific_batch_response"

// DistinctRows is how many distinct rows make bench gives the SDK floor, which streams them over and over, so that
// its heap stays small at any batch size, as the plugin's does.
const DistinctRows = 1000

// getters read each column of the table from a Row. The SDK floor refuses a table with a column missing here, so a
// new column cannot slip past the bench.
var getters = map[string]func(*Row) any{
	"batch_id":       func(r *Row) any { return r.BatchID },
	"answer":         func(r *Row) any { return r.Answer },
	"answer_values":  func(r *Row) any { return r.AnswerValues },
	"correlation_id": func(r *Row) any { return r.CorrelationID },
	"created_at":     func(r *Row) any { return r.CreatedAt },
	"id":             func(r *Row) any { return r.ID },
	"instruction_id": func(r *Row) any { return r.InstructionID },
	"metadata":       func(r *Row) any { return r.Metadata },
	"no_submission":  func(r *Row) any { return r.NoSubmission },
	"participant_id": func(r *Row) any { return r.ParticipantID },
	"response":       func(r *Row) any { return r.Response },
	"response_type":  func(r *Row) any { return r.ResponseType },
	"schema_version": func(r *Row) any { return r.SchemaVersion },
	"submission_id":  func(r *Row) any { return r.SubmissionID },
	"task_id":        func(r *Row) any { return r.TaskID },
}

// Plugin is the SDK floor: prolific.Plugin with prolific_batch_response alone, its columns, key columns and settings
// as they are, except that its list streams rows[i % len(rows)] for i < n and each column's transform reads the
// value from the Row (a type assertion and a field, as the plugin's own transforms do before they convert the
// value). What a scan of it costs is the SDK's share of a scan of the real table.
func Plugin(rows []*Row, n int) plugin.PluginFunc {
	return func(ctx context.Context) *plugin.Plugin {
		p := prolific.Plugin(ctx)
		table := p.TableMap[Table]
		for _, c := range table.Columns {
			get, ok := getters[c.Name]
			if !ok {
				panic(fmt.Sprintf("floor: %s has a column %s that the SDK floor does not know", Table, c.Name))
			}
			c.Transform = transform.From(func(_ context.Context, d *transform.TransformData) (any, error) {
				row, ok := d.HydrateItem.(*Row)
				if !ok {
					return nil, fmt.Errorf("column %s: unexpected row type %T", c.Name, d.HydrateItem)
				}
				return get(row), nil
			})
		}
		table.List.Hydrate = func(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
			for i := 0; i < n; i++ {
				d.StreamListItem(ctx, rows[i%len(rows)])
				if d.RowsRemaining(ctx) == 0 {
					break
				}
			}
			return nil, nil
		}
		p.TableMap = map[string]*plugin.Table{Table: table}
		return p
	}
}
