package prolific

import (
	"context"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

//// TABLE DEFINITION

func tableProlificHookEventType(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name:        "prolific_hook_event_type",
		Description: "The event types a webhook subscription can subscribe to, such as study.status.change.",
		List: &plugin.ListConfig{
			Hydrate: listProlificHookEventTypes,
		},
		Columns: []*plugin.Column{
			column("event_type", proto.ColumnType_STRING, "The name of the event type, as subscriptions and events name it.",
				func(r *hookEventType) any { return r.EventType.sqlValue() }),
			column("description", proto.ColumnType_STRING, "When the event is sent.",
				func(r *hookEventType) any { return r.Description.sqlValue() }),
		},
	}
}

//// LIST FUNCTION

// listProlificHookEventTypes makes one request: the list is not paged (docs/api-evidence.md (H1)).
func listProlificHookEventTypes(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	err := streamList(ctx, d, "/api/v1/hooks/event-types/", nil, func(*hookEventType) {})
	if err != nil {
		loggerFrom(ctx).Error("prolific_hook_event_type.listProlificHookEventTypes", "api_error", err)
	}
	return nil, err
}

//// ROW TYPE

type hookEventType struct {
	EventType   jsonText `json:"event_type"`
	Description jsonText `json:"description"`
}
