package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/pipeworks/steampipe-plugin-prolific/internal/host"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

// rowWriter writes rows as they arrive. finish completes the output after the last row. When the export fails,
// abandon writes out the rows written so far, and nothing more: a failed json export is not a valid JSON document.
type rowWriter interface {
	write(row map[string]*proto.Column) error
	finish() error
	abandon()
}

// outputBuffer is the size of the buffer between the rows and stdout.
const outputBuffer = 64 << 10

func newRowWriter(format string, w io.Writer, columns []string) (rowWriter, error) {
	buffered := bufio.NewWriterSize(w, outputBuffer)
	switch format {
	case "csv":
		out := &csvWriter{csv: csv.NewWriter(buffered), buffered: buffered, columns: columns,
			record: make([]string, len(columns))}
		return out, out.csv.Write(columns)
	case "json", "jsonl":
		return newJSONWriter(buffered, columns, format == "json"), nil
	default:
		return nil, usagef("--output %q: choose csv, json or jsonl", format)
	}
}

// csvWriter writes a header line, then one line per row. JSON columns hold their JSON text; NULL is an empty field.
type csvWriter struct {
	csv      *csv.Writer
	buffered *bufio.Writer
	columns  []string
	record   []string
	scratch  []byte
}

func (w *csvWriter) write(row map[string]*proto.Column) error {
	for i, name := range w.columns {
		w.scratch = appendText(w.scratch[:0], host.ValueOf(row[name]))
		w.record[i] = string(w.scratch)
	}
	return w.csv.Write(w.record)
}

func (w *csvWriter) abandon() {
	w.csv.Flush()
	_ = w.buffered.Flush()
}

func (w *csvWriter) finish() error {
	w.csv.Flush()
	if err := w.csv.Error(); err != nil {
		return err
	}
	return w.buffered.Flush()
}

// appendText appends a column's value as text: the CSV form. JSON is its text, timestamps RFC 3339 in UTC, NULL
// nothing.
func appendText(dst []byte, v host.Value) []byte {
	switch v.Kind {
	case host.String:
		return append(dst, v.Text...)
	case host.Int:
		return strconv.AppendInt(dst, v.Int, 10)
	case host.Double:
		return strconv.AppendFloat(dst, v.Double, 'g', -1, 64)
	case host.Bool:
		return strconv.AppendBool(dst, v.Bool)
	case host.JSON:
		return append(dst, v.Raw...)
	case host.Timestamp:
		return v.Time.AppendFormat(dst, time.RFC3339Nano)
	default:
		return dst
	}
}

// jsonWriter writes each row as one JSON object with the columns in order: JSON columns as JSON, timestamps as
// RFC 3339 text, NULL as null. As an array (json) or one object per line (jsonl).
type jsonWriter struct {
	buffered *bufio.Writer
	columns  []string
	keys     [][]byte // each column's name, encoded with its quotes and colon
	array    bool
	rows     int
	line     []byte
	text     bytes.Buffer
	encoder  *json.Encoder
}

func newJSONWriter(w *bufio.Writer, columns []string, array bool) *jsonWriter {
	out := &jsonWriter{buffered: w, columns: columns, array: array}
	out.encoder = json.NewEncoder(&out.text)
	out.encoder.SetEscapeHTML(false)
	for _, name := range columns {
		out.keys = append(out.keys, append(out.appendString(nil, name), ':'))
	}
	return out
}

func (w *jsonWriter) write(row map[string]*proto.Column) error {
	w.line = w.line[:0]
	switch {
	case w.array && w.rows == 0:
		w.line = append(w.line, "[\n"...)
	case w.array:
		w.line = append(w.line, ",\n"...)
	}
	w.line = append(w.line, '{')
	for i, key := range w.keys {
		if i > 0 {
			w.line = append(w.line, ',')
		}
		w.line = append(w.line, key...)
		w.line = w.appendValue(w.line, row[w.columns[i]])
	}
	w.line = append(w.line, '}')
	if !w.array {
		w.line = append(w.line, '\n')
	}
	w.rows++
	_, err := w.buffered.Write(w.line)
	return err
}

func (w *jsonWriter) abandon() { _ = w.buffered.Flush() }

func (w *jsonWriter) finish() error {
	end := "\n]\n"
	if w.rows == 0 {
		end = "[]\n"
	}
	if w.array {
		if _, err := w.buffered.WriteString(end); err != nil {
			return err
		}
	}
	return w.buffered.Flush()
}

// appendValue appends a column's value as JSON: numbers and booleans as in CSV, text and timestamps as strings, JSON
// as it is, NULL as null.
func (w *jsonWriter) appendValue(dst []byte, c *proto.Column) []byte {
	switch v := host.ValueOf(c); {
	case v.Kind == host.Null:
		return append(dst, "null"...)
	case v.Kind == host.String:
		return w.appendString(dst, v.Text)
	case v.Kind == host.Double && (math.IsNaN(v.Double) || math.IsInf(v.Double, 0)):
		return w.appendString(dst, strconv.FormatFloat(v.Double, 'g', -1, 64)) // JSON has no NaN or Infinity
	case v.Kind == host.JSON && !json.Valid(v.Raw):
		return w.appendString(dst, string(v.Raw)) // never write a broken document
	case v.Kind == host.Timestamp:
		return append(appendText(append(dst, '"'), v), '"')
	default:
		return appendText(dst, v)
	}
}

// appendString appends s as a JSON string, without the HTML escaping of json.Marshal.
func (w *jsonWriter) appendString(dst []byte, s string) []byte {
	w.text.Reset()
	if err := w.encoder.Encode(s); err != nil {
		panic(fmt.Sprintf("encoding a string cannot fail: %v", err))
	}
	return append(dst, bytes.TrimSuffix(w.text.Bytes(), []byte("\n"))...)
}
