package prolific

import (
	"context"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

//// TABLE DEFINITION

// batchExports is the parent of prolific_batch_export; exports.go holds the table, which prolific_collection_export
// shares.
var batchExports = &exportParent{
	table:  "prolific_batch_export",
	column: "batch_id",
	noun:   "batch",
	path:   "/api/v1/data-collection/batches/%s/export",
}

func tableProlificBatchExport(_ context.Context) *plugin.Table {
	return exportTable(batchExports, "The export jobs of an AI Task Builder batch (ZIP files of its responses), newest "+
		"first, with their status and, once complete, their download URL.")
}
