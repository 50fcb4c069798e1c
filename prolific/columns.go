package prolific

import (
	"context"
	"fmt"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin/transform"
)

// column declares a column whose value a typed getter reads from the row. The SDK's FromField, FromGo and FromCamel
// transforms find fields by reflection and compile a regular expression for every value they read; on a large batch
// that dominated the plugin's cost, so every table declares its columns with this helper instead.
func column[T any](name string, columnType proto.ColumnType, description string, get func(*T) any) *plugin.Column {
	return &plugin.Column{
		Name:        name,
		Type:        columnType,
		Description: description,
		Transform: transform.From(func(_ context.Context, d *transform.TransformData) (any, error) {
			row, ok := d.HydrateItem.(*T)
			if !ok {
				return nil, fmt.Errorf("column %s: unexpected row type %T", name, d.HydrateItem)
			}
			return get(row), nil
		}),
	}
}

// hydratedColumn is column for values that a column hydrate fetches: the SDK runs hydrate only when the query
// selects a column that names it, and get reads the hydrate's result. A hydrate that finds nothing (nil) gives NULL.
func hydratedColumn[T any](name string, columnType proto.ColumnType, description string, hydrate plugin.HydrateFunc, get func(*T) any) *plugin.Column {
	return &plugin.Column{
		Name:        name,
		Type:        columnType,
		Description: description,
		Hydrate:     hydrate,
		Transform: transform.From(func(_ context.Context, d *transform.TransformData) (any, error) {
			if d.HydrateItem == nil {
				return nil, nil
			}
			row, ok := d.HydrateItem.(*T)
			if !ok {
				return nil, fmt.Errorf("column %s: unexpected row type %T", name, d.HydrateItem)
			}
			if row == nil {
				return nil, nil
			}
			return get(row), nil
		}),
	}
}

// titleColumn is Steampipe's standard display-name column, which dashboards and users reach for across plugins
// before they learn each table's own name fields.
func titleColumn[T any](description string, get func(*T) any) *plugin.Column {
	return column("title", proto.ColumnType_STRING, description+" Steampipe's standard display name.", get)
}
