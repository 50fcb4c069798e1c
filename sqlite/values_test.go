package main

import (
	"testing"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"google.golang.org/protobuf/types/known/timestamppb"
)

func TestToSQL(t *testing.T) {
	at := time.Date(2026, 9, 14, 10, 22, 31, 412_000_000, time.FixedZone("CEST", 2*3600))
	for name, tc := range map[string]struct {
		in   *proto.Column
		want sqlValue
	}{
		"null":       {&proto.Column{Value: &proto.Column_NullValue{}}, sqlValue{null: true}},
		"absent":     {nil, sqlValue{null: true}},
		"true":       {&proto.Column{Value: &proto.Column_BoolValue{BoolValue: true}}, sqlValue{isInt: true, i: 1}},
		"false":      {&proto.Column{Value: &proto.Column_BoolValue{}}, sqlValue{isInt: true}},
		"json":       {&proto.Column{Value: &proto.Column_JsonValue{JsonValue: []byte(`["a"]`)}}, sqlValue{isJSON: true, text: `["a"]`}},
		"timestamp":  {&proto.Column{Value: &proto.Column_TimestampValue{TimestampValue: timestamppb.New(at)}}, sqlValue{text: "2026-09-14 08:22:31.412"}},
		"whole time": {&proto.Column{Value: &proto.Column_TimestampValue{TimestampValue: timestamppb.New(at.Truncate(time.Second))}}, sqlValue{text: "2026-09-14 08:22:31"}},
	} {
		if got := toSQL(tc.in); got != tc.want {
			t.Errorf("%s: %+v, want %+v", name, got, tc.want)
		}
	}
}

func TestQualValue(t *testing.T) {
	if _, ok := qualValue(proto.ColumnType_STRING, sqliteArg{null: true}); ok {
		t.Error("NULL must match nothing")
	}
	if v, ok := qualValue(proto.ColumnType_STRING, sqliteArg{isInt: true, i: 42, text: "42"}); !ok || v.GetStringValue() != "42" {
		t.Errorf("an integer for a text column: %v %v, want \"42\"", v, ok)
	}
	if _, ok := qualValue(proto.ColumnType_INT, sqliteArg{text: "abc"}); ok {
		t.Error("text that is not a number must match no integer")
	}
	v, ok := qualValue(proto.ColumnType_TIMESTAMP, sqliteArg{text: "2026-09-14 10:30:00"})
	if !ok || !v.GetTimestampValue().AsTime().Equal(time.Date(2026, 9, 14, 10, 30, 0, 0, time.UTC)) {
		t.Errorf("timestamp: %v %v", v, ok)
	}
}
