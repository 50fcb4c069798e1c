package proto

import (
	"math"
	"sync"
	"unicode/utf8"

	"google.golang.org/grpc/encoding"
	grpcproto "google.golang.org/grpc/encoding/proto"
	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/types/known/timestamppb"
)

// NewExecuteCodec returns gRPC's proto codec, except that it writes the wire encoding of an ExecuteResponse, the
// message a plugin sends once for every row, by hand. protobuf-go encodes a Row's map of columns by reflection, and
// gRPC's codec sizes each message twice (proto.Size, then proto.Marshal sizes it again): reading 100,000 rows over
// go-plugin, that was 29% of the plugin's CPU. The bytes are those proto.Marshal writes (the order of a map's
// entries aside, which protobuf leaves open), so any client decodes them as before. A response the hand encoder does
// not cover (a string that is not valid UTF-8, a oneof it does not know) goes to the proto codec, which reports the
// same error as before.
func NewExecuteCodec() encoding.CodecV2 {
	return executeCodec{encoding.GetCodecV2(grpcproto.Name)}
}

type executeCodec struct {
	encoding.CodecV2 // gRPC's proto codec, for every other message and for Unmarshal
}

func (c executeCodec) Marshal(v any) (mem.BufferSlice, error) {
	m, ok := v.(*ExecuteResponse)
	if !ok {
		return c.CodecV2.Marshal(v)
	}
	scratch := scratchBuffers.Get().(*[]byte)
	defer putScratch(scratch)
	wire, ok := m.appendWire((*scratch)[:0])
	*scratch = wire
	if !ok {
		return c.CodecV2.Marshal(v)
	}
	if mem.IsBelowBufferPoolingThreshold(len(wire)) {
		return mem.BufferSlice{mem.SliceBuffer(append([]byte(nil), wire...))}, nil
	}
	pool := mem.DefaultBufferPool()
	buf := pool.Get(len(wire))
	copy(*buf, wire)
	return mem.BufferSlice{mem.NewBuffer(buf, pool)}, nil
}

// scratchBuffers hold a response while it is written, since its length is known only at the end: it then goes to
// a buffer of its exact size, as gRPC's codec does.
var scratchBuffers = sync.Pool{New: func() any { return new([]byte) }}

// putScratch keeps a scratch buffer for the next response, unless a very large row grew it.
func putScratch(scratch *[]byte) {
	if cap(*scratch) <= 1<<16 {
		scratchBuffers.Put(scratch)
	}
}

// The field numbers of plugin.proto that the hand encoder writes.
const (
	executeResponseRow        = 1
	executeResponseMetadata   = 2
	executeResponseConnection = 3
	rowColumns                = 1
	mapEntryKey               = 1
	mapEntryValue             = 2
	metadataHydrateCalls      = 1
	metadataRowsFetched       = 2
	metadataCacheHit          = 3
	timestampSeconds          = 1
	timestampNanos            = 2
	columnNull                = 2
	columnDouble              = 3
	columnInt                 = 4
	columnString              = 5
	columnBool                = 6
	columnJSON                = 7
	columnTimestamp           = 8
	columnIPAddr              = 9
	columnCidrRange           = 10
	columnLtree               = 11
)

// appendWire appends m's encoding to b, and false if the hand encoder cannot write it.
func (m *ExecuteResponse) appendWire(b []byte) ([]byte, bool) {
	if m.Row != nil {
		b = protowire.AppendTag(b, executeResponseRow, protowire.BytesType)
		start := len(b)
		b = append(b, 0) // the row's length, written when it is known
		var ok bool
		if b, ok = m.Row.appendWire(b); !ok {
			return b, false
		}
		b = putLength(b, start)
	}
	if m.Metadata != nil {
		b = appendNestedHeader(b, executeResponseMetadata, m.Metadata.wireSize())
		b = m.Metadata.appendWire(b)
	}
	if m.Connection != "" {
		if !utf8.ValidString(m.Connection) {
			return b, false
		}
		b = protowire.AppendTag(b, executeResponseConnection, protowire.BytesType)
		b = protowire.AppendString(b, m.Connection)
	}
	return append(b, m.unknownFields...), true
}

// putLength writes the length of what follows b[start] as a varint at b[start], where one byte was set aside for
// it, moving what follows if the varint takes more.
func putLength(b []byte, start int) []byte {
	length := len(b) - start - 1
	if extra := protowire.SizeVarint(uint64(length)) - 1; extra > 0 {
		b = append(b, make([]byte, extra)...)
		copy(b[start+1+extra:], b[start+1:len(b)-extra])
	}
	protowire.AppendVarint(b[start:start], uint64(length))
	return b
}

// appendWire writes each of the row's map entries, its key and its value, both always written, as protobuf-go
// writes them (a nil column as an empty message).
func (r *Row) appendWire(b []byte) ([]byte, bool) {
	for name, column := range r.Columns {
		valueSize, ok := column.wireSize()
		if !ok || !utf8.ValidString(name) {
			return b, false
		}
		b = appendNestedHeader(b, rowColumns, sizeNested(mapEntryKey, len(name))+sizeNested(mapEntryValue, valueSize))
		b = protowire.AppendTag(b, mapEntryKey, protowire.BytesType)
		b = protowire.AppendString(b, name)
		b = appendNestedHeader(b, mapEntryValue, valueSize)
		b = column.appendWire(b)
	}
	return append(b, r.unknownFields...), true
}

// wireSize of a column: the one field of its oneof that is set, written even when it holds the zero value (proto3
// writes a set oneof field always, so that the reader knows which it is).
func (c *Column) wireSize() (int, bool) {
	if c == nil {
		return 0, true
	}
	n := len(c.unknownFields)
	switch v := c.Value.(type) {
	case nil:
	case *Column_NullValue:
		n += sizeVarintField(columnNull, uint64(v.NullValue))
	case *Column_DoubleValue:
		n += protowire.SizeTag(columnDouble) + protowire.SizeFixed64()
	case *Column_IntValue:
		n += sizeVarintField(columnInt, uint64(v.IntValue))
	case *Column_BoolValue:
		n += sizeVarintField(columnBool, 1)
	case *Column_JsonValue:
		n += sizeNested(columnJSON, len(v.JsonValue))
	case *Column_TimestampValue:
		if v.TimestampValue == nil {
			return 0, false
		}
		n += sizeNested(columnTimestamp, timestampSize(v.TimestampValue))
	default:
		number, text, ok := c.stringField()
		if !ok || !utf8.ValidString(text) {
			return 0, false
		}
		n += sizeNested(number, len(text))
	}
	return n, true
}

// stringField is the field number and value of a column whose value is one of its string fields.
func (c *Column) stringField() (protowire.Number, string, bool) {
	switch v := c.Value.(type) {
	case *Column_StringValue:
		return columnString, v.StringValue, true
	case *Column_IpAddrValue:
		return columnIPAddr, v.IpAddrValue, true
	case *Column_CidrRangeValue:
		return columnCidrRange, v.CidrRangeValue, true
	case *Column_LtreeValue:
		return columnLtree, v.LtreeValue, true
	}
	return 0, "", false
}

func (c *Column) appendWire(b []byte) []byte {
	if c == nil {
		return b
	}
	switch v := c.Value.(type) {
	case nil:
	case *Column_NullValue:
		b = protowire.AppendTag(b, columnNull, protowire.VarintType)
		b = protowire.AppendVarint(b, uint64(v.NullValue))
	case *Column_DoubleValue:
		b = protowire.AppendTag(b, columnDouble, protowire.Fixed64Type)
		b = protowire.AppendFixed64(b, math.Float64bits(v.DoubleValue))
	case *Column_IntValue:
		b = protowire.AppendTag(b, columnInt, protowire.VarintType)
		b = protowire.AppendVarint(b, uint64(v.IntValue))
	case *Column_BoolValue:
		b = protowire.AppendTag(b, columnBool, protowire.VarintType)
		b = protowire.AppendVarint(b, protowire.EncodeBool(v.BoolValue))
	case *Column_JsonValue:
		b = protowire.AppendTag(b, columnJSON, protowire.BytesType)
		b = protowire.AppendBytes(b, v.JsonValue)
	case *Column_TimestampValue:
		b = appendNestedHeader(b, columnTimestamp, timestampSize(v.TimestampValue))
		b = appendTimestamp(b, v.TimestampValue)
	default:
		number, text, _ := c.stringField()
		b = protowire.AppendTag(b, number, protowire.BytesType)
		b = protowire.AppendString(b, text)
	}
	return append(b, c.unknownFields...)
}

func (m *QueryMetadata) wireSize() int {
	n := len(m.unknownFields)
	if m.HydrateCalls != 0 {
		n += sizeVarintField(metadataHydrateCalls, uint64(m.HydrateCalls))
	}
	if m.RowsFetched != 0 {
		n += sizeVarintField(metadataRowsFetched, uint64(m.RowsFetched))
	}
	if m.CacheHit {
		n += sizeVarintField(metadataCacheHit, 1)
	}
	return n
}

func (m *QueryMetadata) appendWire(b []byte) []byte {
	if m.HydrateCalls != 0 {
		b = protowire.AppendTag(b, metadataHydrateCalls, protowire.VarintType)
		b = protowire.AppendVarint(b, uint64(m.HydrateCalls))
	}
	if m.RowsFetched != 0 {
		b = protowire.AppendTag(b, metadataRowsFetched, protowire.VarintType)
		b = protowire.AppendVarint(b, uint64(m.RowsFetched))
	}
	if m.CacheHit {
		b = protowire.AppendTag(b, metadataCacheHit, protowire.VarintType)
		b = protowire.AppendVarint(b, 1)
	}
	return append(b, m.unknownFields...)
}

// timestampSize and appendTimestamp write google.protobuf.Timestamp; a negative nanos, like any negative int32, is
// written as ten bytes, as protobuf-go does.
func timestampSize(t *timestamppb.Timestamp) int {
	n := len(t.ProtoReflect().GetUnknown())
	if t.Seconds != 0 {
		n += sizeVarintField(timestampSeconds, uint64(t.Seconds))
	}
	if t.Nanos != 0 {
		n += sizeVarintField(timestampNanos, uint64(t.Nanos))
	}
	return n
}

func appendTimestamp(b []byte, t *timestamppb.Timestamp) []byte {
	if t.Seconds != 0 {
		b = protowire.AppendTag(b, timestampSeconds, protowire.VarintType)
		b = protowire.AppendVarint(b, uint64(t.Seconds))
	}
	if t.Nanos != 0 {
		b = protowire.AppendTag(b, timestampNanos, protowire.VarintType)
		b = protowire.AppendVarint(b, uint64(t.Nanos))
	}
	return append(b, t.ProtoReflect().GetUnknown()...)
}

func sizeVarintField(number protowire.Number, value uint64) int {
	return protowire.SizeTag(number) + protowire.SizeVarint(value)
}

// sizeNested is the length of a length-delimited field: its tag, its length and its content.
func sizeNested(number protowire.Number, size int) int {
	return protowire.SizeTag(number) + protowire.SizeBytes(size)
}

func appendNestedHeader(b []byte, number protowire.Number, size int) []byte {
	b = protowire.AppendTag(b, number, protowire.BytesType)
	return protowire.AppendVarint(b, uint64(size))
}
