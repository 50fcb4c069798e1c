package prolific

import (
	"context"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

//// TABLE DEFINITION

func tableProlificParticipantGroupMember(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name:        "prolific_participant_group_member",
		Description: "The participants in a Prolific participant group. participant_group_id is required.",
		List: &plugin.ListConfig{
			Hydrate:    listProlificParticipantGroupMembers,
			KeyColumns: plugin.SingleColumn("participant_group_id"),
		},
		Columns: participantGroupMemberColumns(),
	}
}

func participantGroupMemberColumns() []*plugin.Column {
	type m = participantGroupMember
	return []*plugin.Column{
		column("participant_group_id", proto.ColumnType_STRING, "The ID of the participant group. Required in the where clause or a join.",
			func(m *m) any { return m.groupID }),
		column("datetime_created", proto.ColumnType_TIMESTAMP, "The time the participant was added to the group.",
			func(m *m) any { return m.DatetimeCreated.sqlValue() }),
		column("participant_id", proto.ColumnType_STRING, "The Prolific ID of the participant.",
			func(m *m) any { return m.ParticipantID.sqlValue() }),
	}
}

//// LIST FUNCTION

func listProlificParticipantGroupMembers(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	groupID := d.EqualsQualString("participant_group_id")
	path, err := apiPath("/api/v1/participant-groups/%s/participants/", groupID)
	if err != nil {
		return nil, err
	}
	// No paging is documented for this endpoint: one request, read as a stream.
	err = streamList(ctx, d, path, nil, func(m *participantGroupMember) { m.groupID = groupID })
	if err != nil {
		loggerFrom(ctx).Error("prolific_participant_group_member.listProlificParticipantGroupMembers", "api_error", err,
			"participant_group_id", groupID)
	}
	return nil, err
}

//// ROW TYPE

// participantGroupMember is one item of a group's participants list.
type participantGroupMember struct {
	ParticipantID   jsonText `json:"participant_id"`
	DatetimeCreated jsonTime `json:"datetime_created"`

	groupID string // the participant_group_id of the query
}
