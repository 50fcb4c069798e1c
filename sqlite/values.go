package main

import (
	"strconv"
	"strings"
	"time"

	"github.com/pipeworks/steampipe-plugin-prolific/internal/host"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"google.golang.org/protobuf/types/known/timestamppb"
)

// timestampLayout is how timestamps reach SQLite: UTC text in SQLite's own date format, with fractional seconds only
// when there are any, as Turbot's extensions write them. It sorts and compares as text with the values of SQLite's
// date functions, so "created_at > datetime('now', '-3 days')" works, and julianday() and strftime() read it.
const timestampLayout = "2006-01-02 15:04:05.999"

// sqlValue is a column value as SQLite stores it: nil (NULL), int64, float64, or text with a JSON flag.
type sqlValue struct {
	null   bool
	isInt  bool
	isReal bool
	isJSON bool
	i      int64
	f      float64
	text   string
}

// toSQL converts one of the plugin's column values. Booleans become 0 or 1, JSON its text (flagged as JSON),
// timestamps text in timestampLayout.
func toSQL(c *proto.Column) sqlValue {
	switch v := host.ValueOf(c); v.Kind {
	case host.Bool:
		if v.Bool {
			return sqlValue{isInt: true, i: 1}
		}
		return sqlValue{isInt: true}
	case host.Int:
		return sqlValue{isInt: true, i: v.Int}
	case host.Double:
		return sqlValue{isReal: true, f: v.Double}
	case host.String:
		return sqlValue{text: v.Text}
	case host.JSON:
		return sqlValue{isJSON: true, text: string(v.Raw)}
	case host.Timestamp:
		return sqlValue{text: v.Time.Format(timestampLayout)}
	default:
		return sqlValue{null: true}
	}
}

// sqliteArg is a value SQLite passed to xFilter.
type sqliteArg struct {
	null   bool
	isInt  bool
	isReal bool
	i      int64
	f      float64
	text   string // SQLite's text form of the value, whatever its type
}

// qualValue converts a constraint's value for a column of type columnType. It returns false when no row can match
// (NULL, or text that is not a number for a numeric column), so that the scan is skipped instead of sent.
func qualValue(columnType proto.ColumnType, arg sqliteArg) (*proto.QualValue, bool) {
	if arg.null {
		return nil, false
	}
	switch columnType {
	case proto.ColumnType_INT, proto.ColumnType_BOOL:
		i, ok := arg.integer()
		if !ok {
			return nil, false
		}
		if columnType == proto.ColumnType_BOOL {
			return &proto.QualValue{Value: &proto.QualValue_BoolValue{BoolValue: i != 0}}, true
		}
		return &proto.QualValue{Value: &proto.QualValue_Int64Value{Int64Value: i}}, true
	case proto.ColumnType_DOUBLE:
		f, err := strconv.ParseFloat(strings.TrimSpace(arg.text), 64)
		if err != nil {
			return nil, false
		}
		return &proto.QualValue{Value: &proto.QualValue_DoubleValue{DoubleValue: f}}, true
	case proto.ColumnType_TIMESTAMP:
		t, ok := parseTimestamp(arg.text)
		if !ok {
			return nil, false
		}
		return &proto.QualValue{Value: &proto.QualValue_TimestampValue{TimestampValue: timestamppb.New(t)}}, true
	case proto.ColumnType_JSON:
		return &proto.QualValue{Value: &proto.QualValue_JsonbValue{JsonbValue: arg.text}}, true
	default:
		return &proto.QualValue{Value: &proto.QualValue_StringValue{StringValue: arg.text}}, true
	}
}

func (a sqliteArg) integer() (int64, bool) {
	switch {
	case a.isInt:
		return a.i, true
	case a.isReal:
		return int64(a.f), float64(int64(a.f)) == a.f
	default:
		i, err := strconv.ParseInt(strings.TrimSpace(a.text), 10, 64)
		return i, err == nil
	}
}

// parseTimestamp reads the date formats SQLite's functions produce and accept, and RFC 3339.
func parseTimestamp(text string) (time.Time, bool) {
	text = strings.TrimSpace(text)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999",
		"2006-01-02T15:04:05.999999999", "2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, text); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
