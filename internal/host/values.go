package host

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// Kind is the type of a column value the plugin returned.
type Kind uint8

const (
	Null Kind = iota
	String
	Int
	Double
	Bool
	Timestamp
	JSON
)

var kindNames = [...]string{Null: "null", String: "string", Int: "int", Double: "double", Bool: "bool",
	Timestamp: "timestamp", JSON: "json"}

func (k Kind) String() string { return kindNames[k] }

// Value is one column value as a Go value, by Kind: Text for String, Int, Double, Bool, Time for Timestamp (in UTC),
// and Raw for JSON (the JSON text as the plugin sent it). It is a struct, not an interface, so that converting the
// columns of every row of a large read allocates nothing.
type Value struct {
	Kind   Kind
	Text   string
	Int    int64
	Double float64
	Bool   bool
	Time   time.Time
	Raw    []byte
}

// ValueOf converts a column the plugin returned. This is the one place that reads the SDK's column types: the
// network address and ltree types are text, and a missing column or value is NULL.
func ValueOf(c *proto.Column) Value {
	switch v := c.GetValue().(type) {
	case *proto.Column_StringValue:
		return Value{Kind: String, Text: v.StringValue}
	case *proto.Column_IntValue:
		return Value{Kind: Int, Int: v.IntValue}
	case *proto.Column_DoubleValue:
		return Value{Kind: Double, Double: v.DoubleValue}
	case *proto.Column_BoolValue:
		return Value{Kind: Bool, Bool: v.BoolValue}
	case *proto.Column_TimestampValue:
		return Value{Kind: Timestamp, Time: v.TimestampValue.AsTime().UTC()}
	case *proto.Column_JsonValue:
		return Value{Kind: JSON, Raw: v.JsonValue}
	case *proto.Column_IpAddrValue:
		return Value{Kind: String, Text: v.IpAddrValue}
	case *proto.Column_CidrRangeValue:
		return Value{Kind: String, Text: v.CidrRangeValue}
	case *proto.Column_LtreeValue:
		return Value{Kind: String, Text: v.LtreeValue}
	default: // nil, NullValue
		return Value{}
	}
}

// Any is the value as a plain Go value: nil, string, int64, float64, bool, time.Time, or decoded JSON (maps, slices,
// float64s). JSON that does not decode is an error.
func (v Value) Any() (any, error) {
	if v.Kind != JSON {
		return [...]any{Null: nil, String: v.Text, Int: v.Int, Double: v.Double, Bool: v.Bool, Timestamp: v.Time}[v.Kind], nil
	}
	var decoded any
	if err := json.Unmarshal(v.Raw, &decoded); err != nil {
		return nil, fmt.Errorf("column holds invalid JSON %q: %w", v.Raw, err)
	}
	return decoded, nil
}
