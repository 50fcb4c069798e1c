package prolific

import (
	"context"
	"net/url"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

//// TABLE DEFINITION

func tableProlificHookEvent(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name: "prolific_hook_event",
		Description: "The events each webhook subscription has sent, with their delivery status (PENDING, SUCCEEDED " +
			"or FAILED) and payload. Lists every subscription of every workspace the token can see unless " +
			"subscription_id is given; status and resource_id are passed to the API.",
		List: &plugin.ListConfig{
			ParentHydrate: listHookEventParents,
			Hydrate:       listProlificHookEvents,
			KeyColumns:    plugin.OptionalColumns([]string{"subscription_id", "status", "resource_id"}),
		},
		Columns: hookEventColumns(),
	}
}

func hookEventColumns() []*plugin.Column {
	type r = hookEvent
	return []*plugin.Column{
		column("id", proto.ColumnType_STRING, "The unique ID of the event.",
			func(r *r) any { return r.ID.sqlValue() }),
		column("subscription_id", proto.ColumnType_STRING, "The ID of the subscription that sent the event. Optional in the where clause: without it, the events of every subscription, enabled or not, of every workspace the token can see are listed.",
			func(r *r) any { return r.subscriptionID }),
		column("status", proto.ColumnType_STRING, "The delivery status: PENDING, SUCCEEDED, or FAILED when the target URL did not answer with a 2xx status. Optional in the where clause, and passed to the API.",
			func(r *r) any { return r.Status.sqlValue() }),
		column("resource_id", proto.ColumnType_STRING, "The ID of the study or submission the event is about. Optional in the where clause, and passed to the API.",
			func(r *r) any { return r.ResourceID.sqlValue() }),
		column("datetime_created", proto.ColumnType_TIMESTAMP, "The time the event was created.",
			func(r *r) any { return r.DatetimeCreated.sqlValue() }),
		column("datetime_updated", proto.ColumnType_TIMESTAMP, "The time the event's delivery status last changed.",
			func(r *r) any { return r.DatetimeUpdated.sqlValue() }),
		column("event_type", proto.ColumnType_STRING, "The event type, such as submission.status.change.",
			func(r *r) any { return r.EventType.sqlValue() }),
		column("payload", proto.ColumnType_JSON, "The body sent to the target URL: resource_id and event_type, and by event type status, participant_id or metadata.",
			func(r *r) any { return r.Payload.sqlValue() }),
		column("target_url", proto.ColumnType_STRING, "The URL the event was sent to.",
			func(r *r) any { return r.TargetURL.sqlValue() }),
	}
}

//// LIST FUNCTIONS

// hookEventPageSize is the limit asked of the event list: the largest the API accepts (docs/api-evidence.md (H3):
// 1-1000, default 100), so a busy subscription costs few requests.
const hookEventPageSize = 1000

// subscriptionRef is the part of a subscription that the event list needs.
type subscriptionRef struct{ id string }

// listHookEventParents is the ParentHydrate of prolific_hook_event: the subscription_id qual, or else every
// subscription, enabled and disabled, of every workspace the token can see.
func listHookEventParents(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	id, given, err := optionalIDQual(d, "subscription_id")
	switch {
	case err != nil:
		return nil, err
	case given:
		d.StreamListItem(ctx, &subscriptionRef{id: id})
		return nil, nil
	}
	return nil, forEachWorkspace(ctx, d, func(workspaceID string) error {
		return eachSubscription(ctx, d, workspaceID, []bool{true, false}, func(s *hookSubscription) bool {
			d.StreamListItem(ctx, &subscriptionRef{id: s.ID.value})
			return true
		})
	})
}

func listProlificHookEvents(ctx context.Context, d *plugin.QueryData, h *plugin.HydrateData) (any, error) {
	ref, ok := h.Item.(*subscriptionRef)
	if !ok || ref.id == "" {
		return nil, nil
	}
	path, err := apiPath("/api/v1/hooks/subscriptions/%s/events/", ref.id)
	if err != nil {
		return nil, err
	}
	query := url.Values{}
	for _, filter := range []string{"status", "resource_id"} {
		value, given, err := optionalIDQual(d, filter)
		if err != nil {
			return nil, err
		}
		if given {
			query.Set(filter, value)
		}
	}
	list := pagedList{path: path, query: query, style: limitOffsetPaging, pageSize: hookEventPageSize,
		parent: "subscription " + ref.id}
	err = streamPages(ctx, d, list, func(e *hookEvent) string { return e.ID.value },
		func(e *hookEvent) { e.subscriptionID = ref.id })
	if err != nil {
		loggerFrom(ctx).Error("prolific_hook_event.listProlificHookEvents", "api_error", err, "subscription_id", ref.id)
	}
	return nil, err
}

//// ROW TYPE

// hookEvent is the spec's SubscriptionEvent. Its times have no format in the spec; the DOCS example is RFC 3339.
type hookEvent struct {
	ID              jsonText `json:"id"`
	DatetimeCreated jsonTime `json:"datetime_created"`
	DatetimeUpdated jsonTime `json:"datetime_updated"`
	EventType       jsonText `json:"event_type"`
	ResourceID      jsonText `json:"resource_id"`
	Status          jsonText `json:"status"`
	TargetURL       jsonText `json:"target_url"`
	Payload         rawJSON  `json:"payload"`

	subscriptionID string
}
