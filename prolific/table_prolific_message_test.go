package prolific_test

import (
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"google.golang.org/protobuf/types/known/timestamppb"
)

const messagesTable = "prolific_message"

// The fixtures' messages (test/fakeapi/messages.go): seven in the last 30 days, three older, four unread.
var (
	recentMessages = []string{"4d0000000000000000000001", "4d0000000000000000000002", "4d0000000000000000000003",
		"4d0000000000000000000004", "4d0000000000000000000005", "4d0000000000000000000006", "4d0000000000000000000007"}
	unreadMessages = []string{"4d0000000000000000000001", "4d0000000000000000000004", "4d0000000000000000000007",
		"4d0000000000000000000009"}
	participantZero = "5f4dcc3b5aa765d61d8327de"
)

func TestMessageSchema(t *testing.T) {
	_, p := startFake(t)
	checkSchema(t, p, messagesTable, []string{"user_id", "datetime_created", "unread"}, map[string]string{
		"user_id": "STRING", "datetime_created": "TIMESTAMP", "unread": "BOOL", "body": "STRING", "category": "STRING",
		"channel_id": "STRING", "data": "JSON", "id": "STRING", "sender_id": "STRING", "study_id": "STRING", "type": "STRING",
	})
	checkKeyColumns(t, p, messagesTable, map[string]string{"user_id": "optional", "datetime_created": "optional", "unread": "optional"}, "")
	for _, k := range p.Schema(t)[messagesTable].GetListCallKeyColumnList() {
		if k.Name == "datetime_created" && strings.Join(k.Operators, " ") != "> >= =" {
			t.Errorf("datetime_created operators %v, want > >= =", k.Operators)
		}
	}
}

// timeQuals is a qual map with one qual on column for each operator and time pair.
func timeQuals(column string, pairs ...any) map[string]*proto.Quals {
	quals := &proto.Quals{}
	for i := 0; i+1 < len(pairs); i += 2 {
		quals.Quals = append(quals.Quals, &proto.Qual{FieldName: column, Operator: &proto.Qual_StringValue{StringValue: pairs[i].(string)},
			Value: &proto.QualValue{Value: &proto.QualValue_TimestampValue{TimestampValue: timestamppb.New(pairs[i+1].(time.Time))}}})
	}
	return map[string]*proto.Quals{column: quals}
}

func sortedIDs(rows []harness.Row) string {
	ids := harness.Strings(rows, "id")
	sort.Strings(ids)
	return strings.Join(ids, ",")
}

// messageQueries returns the query strings of the requests to GET /messages/.
func messageQueries(t *testing.T, api *fakeapi.Server) []url.Values {
	t.Helper()
	var queries []url.Values
	for _, q := range requestsWith(api, "/api/v1/messages/") {
		v, err := url.ParseQuery(q)
		if err != nil {
			t.Fatal(err)
		}
		queries = append(queries, v)
	}
	return queries
}

// TestMessageDefaultWindow: without user_id or a time bound, the table asks for the last 30 days (the most the API
// serves), so the older messages are not returned.
func TestMessageDefaultWindow(t *testing.T) {
	api, p := startFake(t)
	before := time.Now()
	rows := p.MustExecute(t, harness.Query{Table: messagesTable, Columns: []string{"id", "body"}})
	if got, want := sortedIDs(rows), strings.Join(recentMessages, ","); got != want {
		t.Errorf("messages %s, want %s", got, want)
	}
	queries := messageQueries(t, api)
	if len(queries) != 1 || queries[0].Has("user_id") {
		t.Fatalf("requests %v, want one with created_after only", queries)
	}
	after, err := time.Parse(time.RFC3339Nano, queries[0].Get("created_after"))
	if oldest := before.Add(-fakeapi.MessageHistory); err != nil || after.Before(oldest) || after.After(oldest.Add(2*time.Minute)) {
		t.Errorf("created_after %q (%v), want about 30 days before %v", queries[0].Get("created_after"), err, before)
	}
	if n := api.RequestsTo("/api/v1/messages/unread"); n != 0 {
		t.Errorf("%d unread requests without the unread column, want 0", n)
	}
}

// TestMessageEveryColumn checks a received unread message and a sent one, in the spelling the CLI reports from the
// real API (datetime_created, sender_id) and in the documented one (sent_at, sender_id), and from the unread
// endpoint (sender).
func TestMessageEveryColumn(t *testing.T) {
	for _, documented := range []bool{false, true} {
		api, p := startFake(t)
		api.MessagesAsDocumented = documented
		for _, q := range []map[string]*proto.Quals{nil, isUnread(true)} {
			byID := harness.ByColumn(t, p.MustExecute(t, harness.Query{Table: messagesTable, Quals: q}), "id")
			row := byID[fakeapi.MessageBonusQuestion]
			checkRow(t, "bonus question", row, map[string]any{
				"user_id": nil, "unread": true, "body": "When will my bonus be paid?", "category": "payment-timing",
				"data": j(t, `{"study_id":"6601a9e2f1c3b5d7e9a0b1c2","category":"payment-timing"}`), "sender_id": participantZero,
				"study_id": fakeapi.StudySentiment, "type": "message",
			})
			checkChannel(t, row)
			sent, ok := harness.Value(t, row["datetime_created"]).(time.Time)
			if age := time.Since(sent); !ok || age < 47*time.Hour || age > 49*time.Hour {
				t.Errorf("documented %v: datetime_created %v, want two days ago", documented, sent)
			}
			if q == nil {
				checkRow(t, "reply", byID["4d0000000000000000000002"], map[string]any{"unread": false,
					"sender_id": fakeapi.ResearcherID, "category": nil, "study_id": fakeapi.StudySentiment})
				checkRow(t, "no study", byID["4d0000000000000000000007"], map[string]any{"study_id": nil, "category": "other"})
			}
		}
	}
}

// checkChannel checks that a row's channel_id is 64 hex digits, as documented.
func checkChannel(t *testing.T, row harness.Row) {
	t.Helper()
	channel, _ := harness.Value(t, row["channel_id"]).(string)
	if len(channel) != 64 || strings.Trim(channel, "0123456789abcdef") != "" {
		t.Errorf("channel_id %q is not 64 hex digits", channel)
	}
}

func isUnread(value bool) map[string]*proto.Quals {
	return map[string]*proto.Quals{"unread": {Quals: []*proto.Qual{{FieldName: "unread",
		Operator: &proto.Qual_StringValue{StringValue: "="}, Value: &proto.QualValue{Value: &proto.QualValue_BoolValue{BoolValue: value}}}}}}
}

// TestMessageUserID: with user_id the whole conversation comes back, older than 30 days included, without
// created_after; a recent bound is sent along, one older than 30 days is left to the database.
func TestMessageUserID(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: messagesTable, Columns: []string{"id", "user_id"}, Quals: harness.Equals("user_id", participantZero)})
	if got := sortedIDs(rows); got != "4d0000000000000000000001,4d0000000000000000000002,4d0000000000000000000008,4d000000000000000000000a" {
		t.Errorf("conversation %s", got)
	}
	for _, row := range rows {
		checkRow(t, "user_id", row, map[string]any{"user_id": participantZero})
	}
	queries := messageQueries(t, api)
	if len(queries) != 1 || queries[0].Encode() != "user_id="+participantZero {
		t.Errorf("requests %v, want user_id only", queries)
	}

	api.ResetLog()
	old, recent := time.Now().Add(-60*24*time.Hour), time.Now().Add(-47*time.Hour-30*time.Minute)
	rows = p.MustExecute(t, harness.Query{Table: messagesTable, Columns: []string{"id"},
		Quals: merge(harness.Equals("user_id", participantZero), timeQuals("datetime_created", ">", old.Add(15*24*time.Hour)))})
	if got := sortedIDs(rows); got != "4d0000000000000000000001,4d0000000000000000000002,4d000000000000000000000a" {
		t.Errorf("conversation after 45 days ago: %s", got)
	}
	rows = p.MustExecute(t, harness.Query{Table: messagesTable, Columns: []string{"id"},
		Quals: merge(harness.Equals("user_id", participantZero), timeQuals("datetime_created", ">", recent))})
	queries = messageQueries(t, api)
	if len(queries) != 2 || queries[0].Has("created_after") || queries[1].Get("created_after") != recent.UTC().Format(time.RFC3339Nano) {
		t.Errorf("requests %v, want user_id alone, then with created_after", queries)
	}
	if got := sortedIDs(rows); got != "4d0000000000000000000002" {
		t.Errorf("recent conversation %s", got)
	}
}

// TestMessageCreatedAfter: the latest lower bound on datetime_created is sent as created_after; >= and = send the
// instant a microsecond earlier, in case the API's "after" excludes it.
func TestMessageCreatedAfter(t *testing.T) {
	api, p := startFake(t)
	a, b := time.Now().Add(-80*time.Hour).Truncate(time.Second), time.Now().Add(-60*time.Hour).Truncate(time.Second)
	cases := []struct {
		quals map[string]*proto.Quals
		want  time.Time
		ids   string
	}{
		{timeQuals("datetime_created", ">", a), a, "4d0000000000000000000001,4d0000000000000000000002,4d0000000000000000000004,4d0000000000000000000007"},
		{timeQuals("datetime_created", ">=", b), b.Add(-time.Microsecond), "4d0000000000000000000001,4d0000000000000000000002,4d0000000000000000000004"},
		{timeQuals("datetime_created", ">", a, ">=", b), b.Add(-time.Microsecond), "4d0000000000000000000001,4d0000000000000000000002,4d0000000000000000000004"},
		{timeQuals("datetime_created", "=", b), b.Add(-time.Microsecond), ""},
	}
	for i, c := range cases {
		api.ResetLog()
		rows := p.MustExecute(t, harness.Query{Table: messagesTable, Columns: []string{"id"}, Quals: c.quals})
		queries := messageQueries(t, api)
		if len(queries) != 1 || queries[0].Get("created_after") != c.want.UTC().Format(time.RFC3339Nano) {
			t.Errorf("case %d: requests %v, want created_after %s", i, queries, c.want.UTC().Format(time.RFC3339Nano))
		}
		if got := sortedIDs(rows); got != c.ids {
			t.Errorf("case %d: messages %s, want %s", i, got, c.ids)
		}
	}
	// = keeps only the message sent at that instant, though the API returns every later one.
	sent := harness.Value(t, harness.ByColumn(t, p.MustExecute(t, harness.Query{Table: messagesTable,
		Columns: []string{"id", "datetime_created"}}), "id")[fakeapi.MessageRejection]["datetime_created"]).(time.Time)
	rows := p.MustExecute(t, harness.Query{Table: messagesTable, Columns: []string{"id"}, Quals: timeQuals("datetime_created", "=", sent)})
	if got := sortedIDs(rows); got != fakeapi.MessageRejection {
		t.Errorf("messages at %v: %s, want %s", sent, got, fakeapi.MessageRejection)
	}
	// A bound the API refuses (older than 30 days, without user_id) fails the query with the API's reason.
	mustFail(t, p, harness.Query{Table: messagesTable, Quals: timeQuals("datetime_created", ">", time.Now().Add(-45*24*time.Hour))},
		"400", "30 days")
}

// TestMessageUnread: unread = true reads the unread endpoint alone, whatever the messages' age; selecting the unread
// column costs that endpoint's request once per query.
func TestMessageUnread(t *testing.T) {
	api, p := startFake(t)
	rows := p.MustExecute(t, harness.Query{Table: messagesTable, Quals: isUnread(true)})
	if got := sortedIDs(rows); got != strings.Join(unreadMessages, ",") {
		t.Errorf("unread %s, want %s", got, strings.Join(unreadMessages, ","))
	}
	if n, all := api.RequestsTo("/api/v1/messages/unread"), api.RequestsTo("/api/v1/messages"); n != 1 || all != 1 {
		t.Errorf("%d unread requests of %d message requests, want 1 of 1", n, all)
	}
	api.ResetLog()
	rows = p.MustExecute(t, harness.Query{Table: messagesTable, Columns: []string{"id", "unread"}})
	var flagged []string
	for _, row := range rows {
		if harness.Value(t, row["unread"]) == true {
			flagged = append(flagged, harness.Value(t, row["id"]).(string))
		}
	}
	sort.Strings(flagged)
	if got := strings.Join(flagged, ","); got != "4d0000000000000000000001,4d0000000000000000000004,4d0000000000000000000007" {
		t.Errorf("unread in the last 30 days: %s", got)
	}
	if n := api.RequestsTo("/api/v1/messages/unread"); n != 1 {
		t.Errorf("%d unread requests, want 1", n)
	}
	// unread = false reads the message list and keeps the read ones; unread = true with a time bound keeps the
	// unread messages after it.
	rows = p.MustExecute(t, harness.Query{Table: messagesTable, Columns: []string{"id", "unread"}, Quals: isUnread(false)})
	if got := sortedIDs(rows); got != "4d0000000000000000000002,4d0000000000000000000003,4d0000000000000000000005,4d0000000000000000000006" {
		t.Errorf("read messages %s", got)
	}
	rows = p.MustExecute(t, harness.Query{Table: messagesTable, Columns: []string{"id"},
		Quals: merge(isUnread(true), timeQuals("datetime_created", ">", time.Now().Add(-36*time.Hour)))})
	if got := sortedIDs(rows); got != fakeapi.MessageFroze {
		t.Errorf("unread messages of the last 36 hours: %s", got)
	}
}

// TestMessageUnreadWithoutIDs: unread items without an id match their message by sender, time and body.
func TestMessageUnreadWithoutIDs(t *testing.T) {
	api, p := startFake(t)
	api.MessagesAsDocumented = true
	at := time.Now().Add(-time.Hour).UTC().Format(time.RFC3339Nano)
	api.Inject("/api/v1/messages", fakeapi.Fault{Kind: fakeapi.StatusFault, Status: 200, Body: `{"results": [
		{"id": "m1", "sender_id": "p1", "body": "Hello", "sent_at": "` + at + `", "channel_id": "c"},
		{"id": "m2", "sender_id": "p1", "body": "Again", "sent_at": "` + at + `", "channel_id": "c"}]}`})
	api.Inject("/api/v1/messages/unread", fakeapi.Fault{Kind: fakeapi.StatusFault, Status: 200,
		Body: `{"results": [{"sender": "p1", "body": "Again", "datetime_created": "` + at + `"}]}`})
	rows := harness.ByColumn(t, p.MustExecute(t, harness.Query{Table: messagesTable, Columns: []string{"id", "unread"}}), "id")
	checkRow(t, "m1", rows["m1"], map[string]any{"unread": false})
	checkRow(t, "m2", rows["m2"], map[string]any{"unread": true})
}

func TestMessageBadInput(t *testing.T) {
	_, p := startFake(t)
	mustFail(t, p, harness.Query{Table: messagesTable, Quals: harness.Equals("user_id", "")}, "user_id", "empty")
}

// TestMessageUnreadError: an error from the unread endpoint fails the query rather than marking every row read.
func TestMessageUnreadError(t *testing.T) {
	api, p := startFake(t, `max_retries = 0`)
	api.Inject("/api/v1/messages/unread", fakeapi.Fault{Kind: fakeapi.StatusFault, Status: 403})
	mustFail(t, p, harness.Query{Table: messagesTable, Columns: []string{"id", "unread"}}, "403", "/api/v1/messages/unread/")
}
