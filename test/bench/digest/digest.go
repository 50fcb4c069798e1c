// Package digest checks that every contender of make bench returned the same rows. Each contender's output (CSV, the
// official CLI's text, or the plugin's gRPC rows) is reduced to the same projection of each response: the fields that
// every output carries, in a canonical form. The digest sums a SHA-256 of each projection, so a contender that drops,
// duplicates or garbles a row cannot pass for a fast one. The sum ignores order: the SDK builds rows concurrently and
// streams them as they are ready, so without ORDER BY the plugin's order is not the API's.
package digest

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// Record is the projection of one response. CreatedAt is "2006-01-02 15:04:05" in UTC, the precision the official
// CLI prints. Values are the answer items' values in order, leaving out items without one; Metadata maps each
// metadata key to its value as text.
type Record struct {
	ID, ParticipantID, SubmissionID, TaskID, CorrelationID string
	SchemaVersion, CreatedAt, InstructionID, ResponseType  string
	Values                                                 []string
	Metadata                                               map[string]string
}

// Digest accumulates records.
type Digest struct {
	sum  [4]uint64 // the rows' SHA-256 sums added lane by lane, modulo 2^64
	line []byte
	Rows int
}

// New returns an empty digest.
func New() *Digest { return &Digest{} }

// Add adds one record.
func (d *Digest) Add(r Record) {
	const sep, end = '\x1f', '\x1e'
	line := d.line[:0]
	for _, field := range []string{r.ID, r.ParticipantID, r.SubmissionID, r.TaskID, r.CorrelationID, r.SchemaVersion,
		r.CreatedAt, r.InstructionID, r.ResponseType} {
		line = append(append(line, field...), sep)
	}
	for _, v := range r.Values {
		line = append(append(line, v...), sep)
	}
	keys := make([]string, 0, len(r.Metadata))
	for k := range r.Metadata {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		line = append(append(append(append(line, k...), '='), r.Metadata[k]...), sep)
	}
	line = append(line, end)
	rowSum := sha256.Sum256(line)
	for i := range d.sum {
		d.sum[i] += binary.BigEndian.Uint64(rowSum[8*i:])
	}
	d.line = line
	d.Rows++
}

// Sum is the digest's hex form, short enough for a table column.
func (d *Digest) Sum() string {
	var out [32]byte
	for i, lane := range d.sum {
		binary.BigEndian.PutUint64(out[8*i:], lane)
	}
	return hex.EncodeToString(out[:])[:12]
}

// FromRow adds a row as the plugin streams it over gRPC.
func (d *Digest) FromRow(columns map[string]*proto.Column) error {
	text := func(name string) string {
		c := columns[name]
		switch v := c.GetValue().(type) {
		case *proto.Column_StringValue:
			return v.StringValue
		case *proto.Column_IntValue:
			return fmt.Sprint(v.IntValue)
		case *proto.Column_TimestampValue:
			return v.TimestampValue.AsTime().UTC().Format(time.DateTime)
		}
		return ""
	}
	values, err := answerValues(columns["answer_values"].GetJsonValue())
	if err != nil {
		return err
	}
	metadata, err := metadataText(columns["metadata"].GetJsonValue())
	if err != nil {
		return err
	}
	d.Add(Record{ID: text("id"), ParticipantID: text("participant_id"), SubmissionID: text("submission_id"),
		TaskID: text("task_id"), CorrelationID: text("correlation_id"), SchemaVersion: text("schema_version"),
		CreatedAt: text("created_at"), InstructionID: text("instruction_id"), ResponseType: text("response_type"),
		Values: values, Metadata: metadata})
	return nil
}

// FromCSV digests a CSV file with a header row that names the plugin's columns (at least those of Record, with
// answer_values and metadata as JSON), as the curl+jq and Python peers and PostgreSQL's COPY write it.
func FromCSV(r io.Reader) (*Digest, error) {
	reader := csv.NewReader(bufio.NewReaderSize(r, 1<<20))
	reader.ReuseRecord = true
	header, err := reader.Read()
	if err != nil {
		return nil, fmt.Errorf("reading the CSV header: %w", err)
	}
	index := map[string]int{}
	for i, name := range header {
		index[name] = i
	}
	for _, name := range []string{"id", "participant_id", "submission_id", "task_id", "correlation_id", "schema_version",
		"created_at", "instruction_id", "response_type", "answer_values", "metadata"} {
		if _, ok := index[name]; !ok {
			return nil, fmt.Errorf("the CSV has no column %q", name)
		}
	}
	d := New()
	for {
		row, err := reader.Read()
		if errors.Is(err, io.EOF) {
			return d, nil
		}
		if err != nil {
			return nil, err
		}
		field := func(name string) string { return row[index[name]] }
		values, err := answerValues([]byte(field("answer_values")))
		if err != nil {
			return nil, fmt.Errorf("row %d: %w", d.Rows+1, err)
		}
		metadata, err := metadataText([]byte(field("metadata")))
		if err != nil {
			return nil, fmt.Errorf("row %d: %w", d.Rows+1, err)
		}
		d.Add(Record{ID: field("id"), ParticipantID: field("participant_id"), SubmissionID: field("submission_id"),
			TaskID: field("task_id"), CorrelationID: field("correlation_id"), SchemaVersion: field("schema_version"),
			CreatedAt: csvTime(field("created_at")), InstructionID: field("instruction_id"),
			ResponseType: field("response_type"), Values: values, Metadata: metadata})
	}
}

// csvTime reduces an ISO-8601 time ("2026-09-14T09:00:00.000Z" from the API, "2026-09-14 09:00:00+00" from
// PostgreSQL in UTC) to seconds.
func csvTime(text string) string {
	if len(text) < 19 {
		return text
	}
	return strings.Replace(text[:19], "T", " ", 1)
}

// FromCLIText digests the text that `prolific aitaskbuilder batch responses` prints (official CLI v1.2.1).
func FromCLIText(r io.Reader) (*Digest, error) {
	scanner := bufio.NewScanner(r)
	scanner.Buffer(make([]byte, 1<<20), 1<<20)
	d := New()
	var current *Record
	section := ""
	flush := func() {
		if current != nil {
			d.Add(*current)
		}
	}
	for scanner.Scan() {
		line := scanner.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "Response ") && strings.HasSuffix(line, ":"):
			flush()
			current, section = &Record{Metadata: map[string]string{}}, ""
			continue
		case current == nil:
			continue
		case line == "  Metadata:" || line == "  Response:":
			section = strings.TrimSuffix(trimmed, ":")
			continue
		}
		key, value, _ := strings.Cut(trimmed, ": ")
		if strings.HasSuffix(trimmed, ":") && !strings.Contains(trimmed, ": ") {
			key, value = strings.TrimSuffix(trimmed, ":"), ""
		}
		switch {
		case section == "Metadata" && strings.HasPrefix(line, "    "):
			current.Metadata[key] = value
		case section == "Response":
			cliResponseLine(current, line, key, value)
		default:
			cliTopLine(current, key, value)
		}
	}
	flush()
	return d, scanner.Err()
}

func cliTopLine(r *Record, key, value string) {
	switch key {
	case "ID":
		r.ID = value
	case "Participant ID":
		r.ParticipantID = value
	case "Submission ID":
		r.SubmissionID = value
	case "Task ID":
		r.TaskID = value
	case "Correlation ID":
		r.CorrelationID = value
	case "Schema Version":
		r.SchemaVersion = value
	case "Created At":
		r.CreatedAt = value
	}
}

// cliResponseLine reads one line of a response's answer. The CLI prints values as "Text: v" (free text) or "- v"
// (choices); file uploads have no value.
func cliResponseLine(r *Record, line, key, value string) {
	switch {
	case key == "Instruction ID":
		r.InstructionID = value
	case key == "Type":
		r.ResponseType = value
	case key == "Text":
		r.Values = append(r.Values, value)
	case strings.HasPrefix(line, "      - ") && r.ResponseType != "file_upload":
		r.Values = append(r.Values, strings.TrimPrefix(line, "      - "))
	}
}

// answerValues reads the answer_values column: a JSON array whose null items are left out. Strings are taken as
// they are, other values as their JSON text.
func answerValues(data []byte) ([]string, error) {
	if len(data) == 0 || string(data) == "null" {
		return nil, nil
	}
	items, ok := topLevel(data, '[', ']')
	if !ok {
		return nil, fmt.Errorf("answer_values %q is not a JSON array", data)
	}
	var values []string
	for _, item := range items {
		if string(item) == "null" {
			continue
		}
		values = append(values, jsonText(item))
	}
	return values, nil
}

// metadataText reads the metadata column, a JSON object, as key to text.
func metadataText(data []byte) (map[string]string, error) {
	if len(data) == 0 || string(data) == "null" {
		return nil, nil
	}
	members, ok := topLevel(data, '{', '}')
	if !ok {
		return nil, fmt.Errorf("metadata %q is not a JSON object", data)
	}
	out := make(map[string]string, len(members))
	for _, member := range members {
		end := stringEnd(member, 0)
		colon := bytes.IndexByte(member[end:], ':')
		if end == 0 || colon < 0 {
			return nil, fmt.Errorf("metadata %q: bad member %q", data, member)
		}
		out[jsonText(member[:end])] = jsonText(bytes.TrimSpace(member[end+colon+1:]))
	}
	return out, nil
}

// jsonText is a JSON string's text, or another value's JSON text. Strings without escapes, the usual case, are
// sliced rather than decoded: the digest of a plugin run is taken while it reads, so it must be cheap.
func jsonText(raw []byte) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) >= 2 && raw[0] == '"' {
		if bytes.IndexByte(raw, '\\') < 0 {
			return string(raw[1 : len(raw)-1])
		}
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
	}
	return string(raw)
}

// topLevel splits a JSON array or object (open and close are its brackets) into its top-level elements, trimmed.
// It reports false when data is not one.
func topLevel(data []byte, open, close byte) ([][]byte, bool) {
	data = bytes.TrimSpace(data)
	if len(data) < 2 || data[0] != open || data[len(data)-1] != close {
		return nil, false
	}
	var parts [][]byte
	depth, start := 0, 1
	for i := 1; i < len(data)-1; i++ {
		switch data[i] {
		case '"':
			i = stringEnd(data, i) - 1
		case '[', '{':
			depth++
		case ']', '}':
			depth--
		case ',':
			if depth == 0 {
				parts = append(parts, bytes.TrimSpace(data[start:i]))
				start = i + 1
			}
		}
	}
	if last := bytes.TrimSpace(data[start : len(data)-1]); len(last) > 0 {
		parts = append(parts, last)
	}
	return parts, true
}

// stringEnd returns the index just past the JSON string that starts at data[i], or i when there is none.
func stringEnd(data []byte, i int) int {
	if i >= len(data) || data[i] != '"' {
		return i
	}
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(data)
}
