package host_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/pipeworks/steampipe-plugin-prolific/internal/host"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"google.golang.org/protobuf/types/known/timestamppb"
)

func TestValueOf(t *testing.T) {
	at := time.Date(2026, 9, 14, 10, 22, 31, 412_000_000, time.FixedZone("CEST", 2*3600))
	for name, tc := range map[string]struct {
		in   *proto.Column
		kind host.Kind
		want any
	}{
		"absent":    {nil, host.Null, nil},
		"null":      {&proto.Column{Value: &proto.Column_NullValue{}}, host.Null, nil},
		"string":    {&proto.Column{Value: &proto.Column_StringValue{StringValue: "a"}}, host.String, "a"},
		"int":       {&proto.Column{Value: &proto.Column_IntValue{IntValue: -3}}, host.Int, int64(-3)},
		"double":    {&proto.Column{Value: &proto.Column_DoubleValue{DoubleValue: 0.5}}, host.Double, 0.5},
		"bool":      {&proto.Column{Value: &proto.Column_BoolValue{BoolValue: true}}, host.Bool, true},
		"timestamp": {&proto.Column{Value: &proto.Column_TimestampValue{TimestampValue: timestamppb.New(at)}}, host.Timestamp, at.UTC()},
		"json":      {&proto.Column{Value: &proto.Column_JsonValue{JsonValue: []byte(`{"a":[1]}`)}}, host.JSON, map[string]any{"a": []any{1.0}}},
		"inet":      {&proto.Column{Value: &proto.Column_IpAddrValue{IpAddrValue: "10.0.0.1"}}, host.String, "10.0.0.1"},
	} {
		v := host.ValueOf(tc.in)
		got, err := v.Any()
		if err != nil || v.Kind != tc.kind || fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("%s: %s %#v (%v), want %s %#v", name, v.Kind, got, err, tc.kind, tc.want)
		}
	}
	if v := host.ValueOf(&proto.Column{Value: &proto.Column_TimestampValue{TimestampValue: timestamppb.New(at)}}); v.Time.Location() != time.UTC {
		t.Errorf("timestamp in %s, want UTC", v.Time.Location())
	}
	if _, err := host.ValueOf(&proto.Column{Value: &proto.Column_JsonValue{JsonValue: []byte(`{`)}}).Any(); err == nil {
		t.Error("invalid JSON decoded without an error")
	}
}
