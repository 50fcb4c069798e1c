package prolific

import (
	"context"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

//// TABLE DEFINITION

// collectionExports is the parent of prolific_collection_export; exports.go holds the table, which
// prolific_batch_export shares.
var collectionExports = &exportParent{
	table:  "prolific_collection_export",
	column: "collection_id",
	noun:   "collection",
	path:   "/api/v1/data-collection/collections/%s/export",
}

func tableProlificCollectionExport(_ context.Context) *plugin.Table {
	return exportTable(collectionExports, "The export jobs of an AI Task Builder collection (ZIP files of the data "+
		"participants created), newest first, with their status and, once complete, their download URL.")
}
