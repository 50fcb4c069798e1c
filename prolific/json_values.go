package prolific

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"
)

// The types below decode one JSON value liberally: a value of an unexpected type never fails the row it is in. What
// cannot be read becomes SQL NULL, and text keeps whatever the API sent. Each has a sqlValue method that returns what
// the column sends to Steampipe: nil for an absent or null value.

// jsonText is a scalar read as text. Strings are kept as they are; numbers, booleans and nested JSON keep their JSON
// text, so an id sent as a number still reads as an id.
type jsonText struct {
	value string
	set   bool
}

func (t *jsonText) UnmarshalJSON(data []byte) error {
	*t = jsonText{}
	switch {
	case len(data) == 0 || data[0] == 'n':
		return nil
	case data[0] == '"':
		// Most strings hold no escapes: slice them instead of running the full string decoder.
		if inner := data[1 : len(data)-1]; bytes.IndexByte(inner, '\\') < 0 {
			t.value, t.set = string(inner), true
			return nil
		}
		if json.Unmarshal(data, &t.value) == nil {
			t.set = true
		}
	default:
		t.value, t.set = string(data), true
	}
	return nil
}

func (t jsonText) sqlValue() any {
	if !t.set {
		return nil
	}
	return cleanText(t.value)
}

// firstNonBlank is the first of texts that holds more than white space, as its sqlValue, or nil. Title columns use
// it to fall back from a name that is optional (a study's internal name) to one that is always there.
func firstNonBlank(texts ...jsonText) any {
	for _, t := range texts {
		if t.set && strings.TrimSpace(t.value) != "" {
			return t.sqlValue()
		}
	}
	return nil
}

// jsonInt is an integer, also accepted as a numeric string or an integral float.
type jsonInt struct {
	value int64
	set   bool
}

func (n *jsonInt) UnmarshalJSON(data []byte) error {
	*n = jsonInt{}
	text := strings.Trim(string(data), `"`)
	if v, err := strconv.ParseInt(text, 10, 64); err == nil {
		n.value, n.set = v, true
	} else if f, err := strconv.ParseFloat(text, 64); err == nil && f == math.Trunc(f) && math.Abs(f) < 1<<63 {
		n.value, n.set = int64(f), true
	}
	return nil
}

func (n jsonInt) sqlValue() any {
	if !n.set {
		return nil
	}
	return n.value
}

// jsonNumber is a number that may have a fraction, also accepted as a numeric string.
type jsonNumber struct {
	value float64
	set   bool
}

func (n *jsonNumber) UnmarshalJSON(data []byte) error {
	*n = jsonNumber{}
	if v, err := strconv.ParseFloat(strings.Trim(string(data), `"`), 64); err == nil && !math.IsInf(v, 0) && !math.IsNaN(v) {
		n.value, n.set = v, true
	}
	return nil
}

func (n jsonNumber) sqlValue() any {
	if !n.set {
		return nil
	}
	return n.value
}

// jsonBool is a boolean, also accepted as the strings "true" and "false".
type jsonBool struct {
	value bool
	set   bool
}

func (b *jsonBool) UnmarshalJSON(data []byte) error {
	*b = jsonBool{}
	if v, err := strconv.ParseBool(strings.Trim(string(data), `"`)); err == nil {
		b.value, b.set = v, true
	}
	return nil
}

func (b jsonBool) sqlValue() any {
	if !b.set {
		return nil
	}
	return b.value
}

// jsonTime is an ISO-8601 timestamp. One without a zone is taken as UTC, which is what Prolific documents.
type jsonTime struct {
	value time.Time
	set   bool
}

var timeLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999Z07:00"}

func (t *jsonTime) UnmarshalJSON(data []byte) error {
	*t = jsonTime{}
	var text jsonText
	if len(data) == 0 || data[0] != '"' || text.UnmarshalJSON(data) != nil {
		return nil
	}
	for _, layout := range timeLayouts {
		if v, err := time.Parse(layout, text.value); err == nil {
			t.value, t.set = v.UTC(), true
			return nil
		}
	}
	return nil
}

func (t jsonTime) sqlValue() any {
	if !t.set {
		return nil
	}
	return t.value
}

// rawJSON keeps any JSON value as it was sent. JSON null and absence are both SQL NULL.
type rawJSON json.RawMessage

func (r *rawJSON) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		*r = nil
		return nil
	}
	*r = append((*r)[:0], data...)
	return nil
}

// rawValue keeps a raw value without copying it, for callers that own data; null becomes nil.
func rawValue(data []byte) rawJSON {
	if string(data) == "null" {
		return nil
	}
	return rawJSON(data)
}

// sqlValue is the JSON text as a string: the SDK passes a string to a JSON column as it is, where a json.RawMessage
// would go through json.Marshal, which scans and copies it again. The text was validated when the body was read.
func (r rawJSON) sqlValue() any {
	if r == nil {
		return nil
	}
	return string(compactJSON(cleanJSON(r)))
}

// compactJSON removes whitespace between the tokens of valid JSON, as json.Marshal did for the SDK: a value must be
// one line in JSON Lines output. The API's JSON seldom has any, so data is only copied when it does.
func compactJSON(data []byte) []byte {
	inString := false
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case inString && c == '\\':
			i++ // the escaped character
		case c == '"':
			inString = !inString
		case !inString && (c == ' ' || c == '\n' || c == '\r' || c == '\t'):
			var out bytes.Buffer
			if json.Compact(&out, data) != nil {
				return data
			}
			return out.Bytes()
		}
	}
	return data
}

// PostgreSQL cannot store the NUL character in text or jsonb. Rather than fail a query over one answer, the plugin
// replaces it with U+FFFD, the Unicode replacement character. docs/index.md documents this.
const nulReplacement = "\uFFFD"

// cleanText replaces NUL characters in a text value.
func cleanText(s string) string {
	if strings.IndexByte(s, 0) < 0 {
		return s
	}
	return strings.ReplaceAll(s, "\x00", nulReplacement)
}

// cleanJSON replaces the escapes of characters that no engine can store faithfully with \ufffd, the replacement
// character: \u0000 (PostgreSQL's text and jsonb cannot hold NUL), and a lone UTF-16 surrogate, which is not a
// character at all (PostgreSQL and Go's decoder already turn it into U+FFFD, so every engine now agrees). A surrogate
// pair is left alone. Raw NUL bytes cannot occur in valid JSON, so escapes are the only form. An escaped backslash
// followed by "u0000" is ordinary text and is left alone. Data is copied only when something is replaced.
func cleanJSON(data []byte) []byte {
	if !bytes.Contains(data, []byte(`\u`)) {
		return data
	}
	var out []byte // nil until the first replacement
	copied := 0    // data[:copied] is already in out
	for i := bytes.IndexByte(data, '\\'); i >= 0; {
		width, replace := unicodeEscape(data[i:])
		if replace {
			out = append(append(out, data[copied:i]...), `\ufffd`...)
			copied = i + width
		}
		i += width
		next := -1
		if i < len(data) {
			next = bytes.IndexByte(data[i:], '\\')
		}
		if next < 0 {
			break
		}
		i += next
	}
	if out == nil {
		return data
	}
	return append(out, data[copied:]...)
}

// unicodeEscape looks at the escape at the start of data (data[0] is a backslash) and returns its width in bytes, and
// whether cleanJSON replaces it: \u0000 or a lone surrogate. A surrogate pair is one escape of 12 bytes.
func unicodeEscape(data []byte) (width int, replace bool) {
	code, ok := hexEscape(data)
	if !ok {
		return 2, false // \\, \", \n and the like
	}
	switch {
	case code == 0:
		return 6, true
	case code >= 0xD800 && code <= 0xDBFF:
		if low, ok := hexEscape(data[6:]); ok && low >= 0xDC00 && low <= 0xDFFF {
			return 12, false
		}
		return 6, true
	case code >= 0xDC00 && code <= 0xDFFF:
		return 6, true
	}
	return 6, false
}

// hexEscape decodes a \uXXXX escape at the start of data.
func hexEscape(data []byte) (rune, bool) {
	if len(data) < 6 || data[0] != '\\' || data[1] != 'u' {
		return 0, false
	}
	code, err := strconv.ParseUint(string(data[2:6]), 16, 16)
	return rune(code), err == nil
}
