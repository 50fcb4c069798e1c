package proto

import (
	"math"
	"strings"
	"testing"

	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"
)

func marshalWithExecuteCodec(t *testing.T, m proto.Message) []byte {
	t.Helper()
	data, err := NewExecuteCodec().Marshal(m)
	if err != nil {
		t.Fatalf("execute codec: %v", err)
	}
	defer data.Free()
	return data.Materialize()
}

func withUnknown[M proto.Message](m M) M {
	unknown := protowire.AppendTag(nil, 99, protowire.VarintType)
	m.ProtoReflect().SetUnknown(protowire.AppendVarint(unknown, 7))
	return m
}

func oneColumn(column *Column) *ExecuteResponse {
	return &ExecuteResponse{Row: &Row{Columns: map[string]*Column{"c": column}}}
}

// Every kind of value a column holds, zero values included (a set oneof field is written even when zero), and every
// field of the response around the row: the hand encoder must write exactly the bytes protobuf-go writes.
func TestExecuteCodecWritesWhatProtoWrites(t *testing.T) {
	cases := map[string]*ExecuteResponse{
		"null":             oneColumn(&Column{Value: &Column_NullValue{}}),
		"double":           oneColumn(&Column{Value: &Column_DoubleValue{DoubleValue: 3.25}}),
		"double zero":      oneColumn(&Column{Value: &Column_DoubleValue{}}),
		"double -0":        oneColumn(&Column{Value: &Column_DoubleValue{DoubleValue: math.Copysign(0, -1)}}),
		"double NaN":       oneColumn(&Column{Value: &Column_DoubleValue{DoubleValue: math.NaN()}}),
		"int":              oneColumn(&Column{Value: &Column_IntValue{IntValue: 300}}),
		"int zero":         oneColumn(&Column{Value: &Column_IntValue{}}),
		"int negative":     oneColumn(&Column{Value: &Column_IntValue{IntValue: -1}}),
		"int max":          oneColumn(&Column{Value: &Column_IntValue{IntValue: math.MaxInt64}}),
		"string":           oneColumn(&Column{Value: &Column_StringValue{StringValue: "héllo"}}),
		"string empty":     oneColumn(&Column{Value: &Column_StringValue{}}),
		"string long":      oneColumn(&Column{Value: &Column_StringValue{StringValue: strings.Repeat("x", 70000)}}),
		"bool true":        oneColumn(&Column{Value: &Column_BoolValue{BoolValue: true}}),
		"bool false":       oneColumn(&Column{Value: &Column_BoolValue{}}),
		"json":             oneColumn(&Column{Value: &Column_JsonValue{JsonValue: []byte(`{"a":[1,2]}`)}}),
		"json empty":       oneColumn(&Column{Value: &Column_JsonValue{JsonValue: []byte{}}}),
		"json large":       oneColumn(&Column{Value: &Column_JsonValue{JsonValue: []byte(`"` + strings.Repeat("y", 5000) + `"`)}}),
		"timestamp":        oneColumn(&Column{Value: &Column_TimestampValue{TimestampValue: &timestamppb.Timestamp{Seconds: 1700000000, Nanos: 123000}}}),
		"timestamp zero":   oneColumn(&Column{Value: &Column_TimestampValue{TimestampValue: &timestamppb.Timestamp{}}}),
		"timestamp before": oneColumn(&Column{Value: &Column_TimestampValue{TimestampValue: &timestamppb.Timestamp{Seconds: -5, Nanos: -1}}}),
		"timestamp unknown": oneColumn(&Column{Value: &Column_TimestampValue{
			TimestampValue: withUnknown(&timestamppb.Timestamp{Seconds: 1})}}),
		"ip address":       oneColumn(&Column{Value: &Column_IpAddrValue{IpAddrValue: "10.0.0.1"}}),
		"cidr range":       oneColumn(&Column{Value: &Column_CidrRangeValue{CidrRangeValue: "10.0.0.0/8"}}),
		"ltree":            oneColumn(&Column{Value: &Column_LtreeValue{LtreeValue: "a.b.c"}}),
		"column unset":     oneColumn(&Column{}),
		"column nil":       oneColumn(nil),
		"column unknown":   oneColumn(withUnknown(&Column{Value: &Column_IntValue{IntValue: 1}})),
		"key empty":        {Row: &Row{Columns: map[string]*Column{"": {Value: &Column_IntValue{IntValue: 1}}}}},
		"row empty":        {Row: &Row{}},
		"row unknown":      {Row: withUnknown(&Row{})},
		"no row":           {},
		"metadata":         {Metadata: &QueryMetadata{HydrateCalls: 3, RowsFetched: 100000, CacheHit: true}},
		"metadata zero":    {Metadata: &QueryMetadata{}},
		"metadata unknown": {Metadata: withUnknown(&QueryMetadata{RowsFetched: 1})},
		"connection":       {Connection: "prolific", Row: &Row{Columns: map[string]*Column{"id": {Value: &Column_StringValue{StringValue: "x"}}}}},
		"response unknown": withUnknown(&ExecuteResponse{Connection: "c"}),
		"every field": {Row: &Row{Columns: map[string]*Column{"n": {Value: &Column_IntValue{IntValue: 2}}}},
			Metadata: &QueryMetadata{RowsFetched: 1}, Connection: "conn"},
	}
	for name, response := range cases {
		t.Run(name, func(t *testing.T) {
			want, err := proto.MarshalOptions{Deterministic: true}.Marshal(response)
			if err != nil {
				t.Fatal(err)
			}
			if got := marshalWithExecuteCodec(t, response); string(got) != string(want) {
				t.Errorf("execute codec wrote\n%x\nproto.Marshal writes\n%x", got, want)
			}
		})
	}
}

// A row of many columns: the map's entries come out in any order, so compare what a reader decodes.
func TestExecuteCodecRowRoundTrips(t *testing.T) {
	row := &Row{Columns: map[string]*Column{}}
	for i := range 40 {
		name := strings.Repeat("k", i+1)
		switch i % 5 {
		case 0:
			row.Columns[name] = &Column{Value: &Column_StringValue{StringValue: strings.Repeat("v", i*10)}}
		case 1:
			row.Columns[name] = &Column{Value: &Column_JsonValue{JsonValue: []byte(`[` + strings.Repeat("1,", i) + `1]`)}}
		case 2:
			row.Columns[name] = &Column{Value: &Column_TimestampValue{TimestampValue: timestamppb.New(timestamppb.Now().AsTime())}}
		case 3:
			row.Columns[name] = &Column{Value: &Column_NullValue{}}
		default:
			row.Columns[name] = &Column{Value: &Column_IntValue{IntValue: int64(-i * 1000)}}
		}
	}
	response := &ExecuteResponse{Row: row, Metadata: &QueryMetadata{RowsFetched: 40}, Connection: "prolific"}
	var decoded ExecuteResponse
	if err := proto.Unmarshal(marshalWithExecuteCodec(t, response), &decoded); err != nil {
		t.Fatal(err)
	}
	if !proto.Equal(response, &decoded) {
		t.Errorf("decoded %v, want %v", &decoded, response)
	}
}

// A string that is not valid UTF-8 cannot go on the wire as a proto3 string: the codec fails as proto.Marshal does,
// rather than send bytes the reader would refuse.
func TestExecuteCodecRefusesInvalidUTF8(t *testing.T) {
	for name, response := range map[string]*ExecuteResponse{
		"value":      oneColumn(&Column{Value: &Column_StringValue{StringValue: "a\xffb"}}),
		"ltree":      oneColumn(&Column{Value: &Column_LtreeValue{LtreeValue: "\xc3"}}),
		"key":        {Row: &Row{Columns: map[string]*Column{"\xff": {Value: &Column_IntValue{}}}}},
		"connection": {Connection: "\xff"},
	} {
		if _, err := NewExecuteCodec().Marshal(response); err == nil {
			t.Errorf("%s: no error for a string that is not valid UTF-8", name)
		}
	}
}

// Every other message goes through gRPC's proto codec unchanged.
func TestExecuteCodecOtherMessages(t *testing.T) {
	request := &ExecuteRequest{Table: "t", Connection: "c", CacheTtl: 30}
	want, err := proto.Marshal(request)
	if err != nil {
		t.Fatal(err)
	}
	if got := marshalWithExecuteCodec(t, request); string(got) != string(want) {
		t.Errorf("execute codec wrote %x, proto.Marshal writes %x", got, want)
	}
	var decoded ExecuteRequest
	if err := NewExecuteCodec().Unmarshal(singleBuffer(want), &decoded); err != nil || !proto.Equal(request, &decoded) {
		t.Errorf("Unmarshal: %v, %v", &decoded, err)
	}
}

func singleBuffer(b []byte) mem.BufferSlice {
	return mem.BufferSlice{mem.SliceBuffer(b)}
}
