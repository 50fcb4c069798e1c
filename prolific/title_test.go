package prolific_test

import (
	"testing"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

// Every table whose object has a display name has Steampipe's standard title column, filled from that name.
func TestTitleIsTheDisplayName(t *testing.T) {
	_, p := startFake(t)
	cases := []struct {
		table string
		quals map[string]*proto.Quals
		want  string
	}{
		{"prolific_batch", harness.Equals("id", fakeapi.BatchSentiment), "Sentiment pilot"},
		{"prolific_collection", harness.Equals("id", fakeapi.CollectionFeedback), "Chatbot feedback"},
		{"prolific_dataset", harness.Equals("id", fakeapi.DatasetReviews), "Product reviews"},
		{"prolific_filter_set", harness.Equals("id", fakeapi.FilterSetTrusted), "Trusted annotators only"},
		{"prolific_participant_group", harness.Equals("id", fakeapi.GroupTrusted), "Trusted annotators"},
		// A study's internal name is what researchers see in their study list; the public name when it has none.
		{"prolific_study", harness.Equals("id", fakeapi.StudySentiment), "sentiment-batch-1"},
		{"prolific_study", harness.Equals("id", fakeapi.StudyDraft), "Draft: label road signs"},
		{"prolific_user", nil, "Ada Lovelace"},
	}
	for _, c := range cases {
		rows := p.MustExecute(t, harness.Query{Table: c.table, Columns: []string{"title"}, Quals: c.quals})
		if len(rows) != 1 {
			t.Errorf("%s: %d rows, want 1", c.table, len(rows))
			continue
		}
		if got := harness.Value(t, rows[0]["title"]); got != c.want {
			t.Errorf("%s title = %#v, want %q", c.table, got, c.want)
		}
	}
}
