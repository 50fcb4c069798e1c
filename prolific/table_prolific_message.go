package prolific

import (
	"context"
	"encoding/json"
	"net/url"
	"slices"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

//// TABLE DEFINITION

func tableProlificMessage(_ context.Context) *plugin.Table {
	return &plugin.Table{
		Name: "prolific_message",
		Description: "Messages between the researcher and participants. Without user_id or a lower bound on datetime_created, " +
			"the last 30 days, the most Prolific's API serves; unread = true reads the unread messages instead.",
		List: &plugin.ListConfig{
			Hydrate: listProlificMessages,
			KeyColumns: []*plugin.KeyColumn{
				{Name: "user_id", Require: plugin.Optional},
				{Name: "datetime_created", Operators: []string{">", ">=", "="}, Require: plugin.Optional},
				{Name: "unread", Require: plugin.Optional},
			},
		},
		Columns: messageColumns(),
	}
}

func messageColumns() []*plugin.Column {
	type m = message
	return []*plugin.Column{
		column("user_id", proto.ColumnType_STRING, "The other user of a conversation, such as a participant ID: give it to read every message between you and that user, however old. NULL unless the query gives it.",
			func(m *m) any { return m.userID() }),
		column("datetime_created", proto.ColumnType_TIMESTAMP, "The time the message was sent (the API's datetime_created, or sent_at as the docs spell it). A lower bound on it (>, >= or =) is sent to the API as created_after.",
			func(m *m) any { return m.sentAt() }),
		column("unread", proto.ColumnType_BOOL, "True for a message you received and have not read. Give unread = true to read only those, from the unread endpoint, whatever their age. Reading this column costs one more request per query.",
			func(m *m) any { return m.unreadValue() }),
		column("body", proto.ColumnType_STRING, "The text of the message.",
			func(m *m) any { return m.Body.sqlValue() }),
		column("category", proto.ColumnType_STRING, "The category the participant chose for the message (data.category): payment-timing, payment-issues, technical-issues, feedback, rejections or other.",
			func(m *m) any { return m.data.Category.sqlValue() }),
		column("channel_id", proto.ColumnType_STRING, "The ID of the conversation the message is in, which links to its thread in the Prolific app.",
			func(m *m) any { return m.ChannelID.sqlValue() }),
		column("data", proto.ColumnType_JSON, "The message's metadata as the API returns it: study_id and category.",
			func(m *m) any { return m.Data.sqlValue() }),
		column("id", proto.ColumnType_STRING, "The unique ID of the message.",
			func(m *m) any { return m.ID.sqlValue() }),
		column("sender_id", proto.ColumnType_STRING, "The ID of the user who sent the message (sender_id, or sender as the unread endpoint spells it).",
			func(m *m) any { return m.senderID() }),
		column("study_id", proto.ColumnType_STRING, "The ID of the study the message is about (data.study_id); join it to prolific_study.id.",
			func(m *m) any { return m.data.StudyID.sqlValue() }),
		column("type", proto.ColumnType_STRING, "The kind of message; the API documents only message.",
			func(m *m) any { return m.Type.sqlValue() }),
	}
}

//// LIST FUNCTION

// messageHistory is how far back GET /messages/ reaches without user_id: "You can only fetch up to the last 30 days
// of messages" (docs/api-evidence.md (C5, C6)). The default window starts a minute later than that, so that the time
// the request takes and a clock a little ahead of Prolific's cannot push it past the limit.
const (
	messageHistory      = 30 * 24 * time.Hour
	messageWindowMargin = time.Minute
)

func listProlificMessages(ctx context.Context, d *plugin.QueryData, _ *plugin.HydrateData) (any, error) {
	if q, given := d.EqualsQuals["unread"]; given && q.GetBoolValue() {
		err := streamListWhere(ctx, d, "/api/v1/messages/unread/", nil, func(m *message) bool {
			m.finish("", &trueValue)
			return messageMatches(d, m)
		})
		return nil, logMessageError(ctx, err)
	}
	query, userID, err := messageQuery(d, time.Now())
	if err != nil {
		return nil, err
	}
	var unread map[string]bool
	if wantsUnread(d) {
		if unread, err = unreadMessageKeys(ctx, d); err != nil {
			return nil, logMessageError(ctx, err)
		}
	}
	err = streamListWhere(ctx, d, "/api/v1/messages/", query, func(m *message) bool {
		var isUnread *bool
		if unread != nil {
			id, content := m.keys()
			isUnread = new(bool)
			*isUnread = (id != "" && unread["id:"+id]) || unread["content:"+content]
		}
		m.finish(userID, isUnread)
		return messageMatches(d, m)
	})
	return nil, logMessageError(ctx, err)
}

// messageQuery builds the query of GET /messages/: user_id from its qual, and created_after from the latest lower
// bound on datetime_created. Without either, created_after is the start of the last 30 days. With user_id, a bound
// older than that is left to PostgreSQL: the conversation is read whole rather than risk the API refusing the bound.
func messageQuery(d *plugin.QueryData, now time.Time) (url.Values, string, error) {
	query := url.Values{}
	userID, hasUser, err := optionalIDQual(d, "user_id")
	if err != nil {
		return nil, "", err
	}
	if hasUser {
		query.Set("user_id", userID)
	}
	oldest := now.Add(-messageHistory + messageWindowMargin)
	after, hasAfter := createdAfter(d)
	switch {
	case hasAfter && (!hasUser || !after.Before(oldest)):
		query.Set("created_after", after.UTC().Format(time.RFC3339Nano))
	case !hasUser:
		query.Set("created_after", oldest.UTC().Format(time.RFC3339Nano))
	}
	return query, userID, nil
}

// createdAfter returns the latest lower bound the quals put on datetime_created. The API's created_after may or may
// not include its own instant, so >= and = send the instant a microsecond earlier; PostgreSQL drops the extra rows.
func createdAfter(d *plugin.QueryData) (time.Time, bool) {
	quals := d.Quals["datetime_created"]
	if quals == nil {
		return time.Time{}, false
	}
	var latest time.Time
	found := false
	for _, q := range quals.Quals {
		ts := q.Value.GetTimestampValue()
		if ts == nil {
			continue
		}
		bound := ts.AsTime()
		if q.Operator != ">" {
			bound = bound.Add(-time.Microsecond)
		}
		if !found || bound.After(latest) {
			latest, found = bound, true
		}
	}
	return latest, found
}

// messageMatches reports whether a message satisfies the query's quals on datetime_created and unread, which the
// requests apply loosely (a bound sent a microsecond early), or not at all (an old bound with user_id, the other
// quals on the unread endpoint, unread = false), so that every engine gets only matching rows.
func messageMatches(d *plugin.QueryData, m *message) bool {
	if q, given := d.EqualsQuals["unread"]; given && (m.unread == nil || *m.unread != q.GetBoolValue()) {
		return false
	}
	quals := d.Quals["datetime_created"]
	if quals == nil {
		return true
	}
	sent, known := m.sentAt().(time.Time)
	for _, q := range quals.Quals {
		ts := q.Value.GetTimestampValue()
		if ts == nil {
			continue
		}
		bound := ts.AsTime()
		switch {
		case !known:
			return false
		case q.Operator == ">" && !sent.After(bound), q.Operator == ">=" && sent.Before(bound),
			q.Operator == "=" && !sent.Equal(bound):
			return false
		}
	}
	return true
}

// wantsUnread reports whether the query reads the unread column, which costs the unread endpoint's request.
func wantsUnread(d *plugin.QueryData) bool {
	_, qual := d.EqualsQuals["unread"]
	return qual || slices.Contains(d.QueryContext.Columns, "unread")
}

// unreadMessageKeys reads the unread endpoint and returns the keys of its messages: "id:" and "content:" keys.
func unreadMessageKeys(ctx context.Context, d *plugin.QueryData) (map[string]bool, error) {
	list, err := getObject[struct {
		Results []message `json:"results"`
	}](ctx, d, "/api/v1/messages/unread/", nil)
	keys := map[string]bool{}
	if list != nil {
		for _, m := range list.Results {
			id, content := m.keys()
			if id != "" {
				keys["id:"+id] = true
			}
			keys["content:"+content] = true
		}
	}
	return keys, err
}

func logMessageError(ctx context.Context, err error) error {
	if err != nil {
		loggerFrom(ctx).Error("prolific_message.listProlificMessages", "api_error", err)
	}
	return err
}

//// ROW TYPE

var trueValue = true

// message is the spec's Message, with the spellings the official CLI reports from the real API: datetime_created
// for sent_at, and sender for sender_id on the unread endpoint (docs/api-evidence.md (C7)).
type message struct {
	ID              jsonText `json:"id"`
	SenderID        jsonText `json:"sender_id"`
	Sender          jsonText `json:"sender"`
	Body            jsonText `json:"body"`
	DatetimeCreated jsonTime `json:"datetime_created"`
	SentAt          jsonTime `json:"sent_at"`
	Type            jsonText `json:"type"`
	ChannelID       jsonText `json:"channel_id"`
	Data            rawJSON  `json:"data"`

	data        messageData
	queryUserID string
	unread      *bool // nil: not known, the query did not read the unread endpoint
}

type messageData struct {
	StudyID  jsonText `json:"study_id"`
	Category jsonText `json:"category"`
}

// finish decodes the data object, whose fields are columns, and records what the query knew of the message.
func (m *message) finish(queryUserID string, unread *bool) {
	if len(m.Data) > 0 && m.Data[0] == '{' {
		_ = json.Unmarshal(m.Data, &m.data) // liberal fields: nothing here can fail the row
	}
	m.queryUserID, m.unread = queryUserID, unread
}

func (m *message) senderID() any { return firstNonBlank(m.SenderID, m.Sender) }

func (m *message) sentAt() any {
	if m.DatetimeCreated.set {
		return m.DatetimeCreated.sqlValue()
	}
	return m.SentAt.sqlValue()
}

func (m *message) userID() any {
	if m.queryUserID == "" {
		return nil
	}
	return m.queryUserID
}

func (m *message) unreadValue() any {
	if m.unread == nil {
		return nil
	}
	return *m.unread
}

// keys identify a message in both lists: its id, and its sender, time and body, for an unread item without an id.
func (m *message) keys() (id, content string) {
	sender := m.SenderID.value
	if !m.SenderID.set {
		sender = m.Sender.value
	}
	sent, _ := m.sentAt().(time.Time)
	return m.ID.value, sender + "\x00" + sent.Format(time.RFC3339Nano) + "\x00" + m.Body.value
}
