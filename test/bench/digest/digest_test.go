package digest

import (
	"strings"
	"testing"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"google.golang.org/protobuf/types/known/timestamppb"
)

// Two responses as the official CLI prints them, as CSV from curl+jq (compact JSON) and from Python (JSON with
// spaces), and as the plugin's rows: every form must give the same digest.
const cliText = `AI Task Builder Batch Responses:
Batch ID: b1
Total Responses: 2

Response 1:
  ID: r1
  Batch ID: b1
  Participant ID: p1
  Task ID: t1
  Correlation ID: c1
  Submission ID: s1
  Schema Version: 2
  Created At: 2026-09-14 09:00:01
  Metadata:
    META_row: 7
    META_source: model_a
  Response:
    Instruction ID: i1
    Type: multiple_choice_with_free_text
    Selected Options:
      - accurate, mostly
        Explanation: It said "fine"

Response 2:
  ID: r2
  Batch ID: b1
  Participant ID: p2
  Task ID: t1
  Correlation ID: 
  Submission ID: 
  Schema Version: 2
  Created At: 2026-09-14 09:00:02
  Response:
    Instruction ID: i2
    Type: file_upload
    Uploaded Files:
      - File Name: photo.jpg
        File Size: 3.00 MB
`

const jqCSV = `"id","participant_id","submission_id","task_id","correlation_id","created_at","schema_version","instruction_id","response_type","answer_values","metadata"
"r1","p1","s1","t1","c1","2026-09-14T09:00:01.370Z",2,"i1","multiple_choice_with_free_text","[""accurate, mostly""]","{""META_source"":""model_a"",""META_row"":""7""}"
"r2","p2",,"t1",,"2026-09-14T09:00:02.740Z",2,"i2","file_upload","[null]","null"
`

const pythonCSV = `id,participant_id,submission_id,task_id,correlation_id,created_at,schema_version,instruction_id,response_type,answer_values,metadata
r2,p2,,t1,,2026-09-14T09:00:02.740Z,2,i2,file_upload,[null],null
r1,p1,s1,t1,c1,2026-09-14T09:00:01.370Z,2,i1,multiple_choice_with_free_text,"[""accurate, mostly""]","{""META_source"": ""model_a"", ""META_row"": ""7""}"
`

func pluginRows() []map[string]*proto.Column {
	text := func(s string) *proto.Column { return &proto.Column{Value: &proto.Column_StringValue{StringValue: s}} }
	null := &proto.Column{Value: &proto.Column_NullValue{}}
	js := func(s string) *proto.Column {
		return &proto.Column{Value: &proto.Column_JsonValue{JsonValue: []byte(s)}}
	}
	at := func(s string) *proto.Column {
		v, _ := time.Parse(time.RFC3339Nano, s)
		return &proto.Column{Value: &proto.Column_TimestampValue{TimestampValue: timestamppb.New(v)}}
	}
	version := &proto.Column{Value: &proto.Column_IntValue{IntValue: 2}}
	return []map[string]*proto.Column{
		{"id": text("r1"), "participant_id": text("p1"), "submission_id": text("s1"), "task_id": text("t1"),
			"correlation_id": text("c1"), "created_at": at("2026-09-14T09:00:01.37Z"), "schema_version": version,
			"instruction_id": text("i1"), "response_type": text("multiple_choice_with_free_text"),
			"answer_values": js(`["accurate, mostly"]`), "metadata": js(`{"META_source":"model_a","META_row":"7"}`)},
		{"id": text("r2"), "participant_id": text("p2"), "submission_id": null, "task_id": text("t1"),
			"correlation_id": null, "created_at": at("2026-09-14T09:00:02.74Z"), "schema_version": version,
			"instruction_id": text("i2"), "response_type": text("file_upload"), "answer_values": js(`[null]`),
			"metadata": null},
	}
}

func TestEveryFormGivesTheSameDigest(t *testing.T) {
	cli, err := FromCLIText(strings.NewReader(cliText))
	if err != nil {
		t.Fatal(err)
	}
	forms := map[string]*Digest{"cli": cli}
	for name, text := range map[string]string{"jq": jqCSV, "python": pythonCSV} {
		if forms[name], err = FromCSV(strings.NewReader(text)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	plugin := New()
	for _, row := range pluginRows() {
		if err := plugin.FromRow(row); err != nil {
			t.Fatal(err)
		}
	}
	forms["plugin"] = plugin
	for name, d := range forms {
		if d.Rows != 2 || d.Sum() != cli.Sum() {
			t.Errorf("%s: %d rows, digest %s; the CLI's: 2 rows, %s", name, d.Rows, d.Sum(), cli.Sum())
		}
	}
}

func TestDigestCatchesWrongRows(t *testing.T) {
	want, _ := FromCLIText(strings.NewReader(cliText))
	for name, text := range map[string]string{
		"a changed value":  strings.Replace(cliText, "META_row: 7", "META_row: 8", 1),
		"a dropped answer": strings.Replace(cliText, "      - accurate, mostly\n", "", 1),
		"a duplicated row": cliText + strings.Replace(cliText[strings.Index(cliText, "Response 2:"):], "Response 2:", "Response 3:", 1),
	} {
		got, err := FromCLIText(strings.NewReader(text))
		if err != nil {
			t.Fatal(err)
		}
		if got.Sum() == want.Sum() {
			t.Errorf("%s: same digest %s", name, got.Sum())
		}
	}
}
