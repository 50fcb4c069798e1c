package prolific

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// listEnvelope is what a list body says besides its items.
type listEnvelope struct {
	count    *int64 // meta.count, when the body has one
	complete bool   // the whole body was read; false when the reader stopped early
	skipped  int    // items that were not objects and so could not be rows
	hasLinks bool   // the body has a _links object (page-numbered lists)
	next     string // _links.next.href; empty when it is null or absent
}

// decodeList reads a list body as a stream: an object {"results": [...], "meta": {"count": n}, ...} or a bare array.
// It calls emit for each item as soon as it is decoded; emit returns false to stop reading. A body that ends before
// its JSON is complete, or is not valid JSON, is an error even after items were emitted, so a cut-off response can
// never pass for a short list.
func decodeList[T any](body io.Reader, emit func(*T) bool) (listEnvelope, error) {
	var envelope listEnvelope
	dec := json.NewDecoder(body)
	first, err := dec.Token()
	if err != nil {
		return envelope, describeDecodeError(err)
	}
	switch first {
	case json.Delim('['):
		stopped, err := decodeItems(dec, emit, &envelope)
		if err != nil || stopped {
			return envelope, err
		}
	case json.Delim('{'):
		for dec.More() {
			key, err := dec.Token()
			if err != nil {
				return envelope, describeDecodeError(err)
			}
			stopped, err := decodeMember(dec, key, emit, &envelope)
			if err != nil || stopped {
				return envelope, err
			}
		}
		if _, err := dec.Token(); err != nil { // the closing brace
			return envelope, describeDecodeError(err)
		}
	default:
		return envelope, fmt.Errorf("expected a JSON object or array, got %v", first)
	}
	envelope.complete = true
	return envelope, nil
}

// decodeMember reads one member of a list object.
func decodeMember[T any](dec *json.Decoder, key json.Token, emit func(*T) bool, envelope *listEnvelope) (bool, error) {
	switch key {
	case "results":
		if !dec.More() {
			return false, describeDecodeError(io.ErrUnexpectedEOF)
		}
		open, err := dec.Token()
		if err != nil {
			return false, describeDecodeError(err)
		}
		if open == nil { // "results": null is a documented empty list
			return false, nil
		}
		if open != json.Delim('[') {
			return false, fmt.Errorf(`"results" is %v, not a list`, open)
		}
		return decodeItems(dec, emit, envelope)
	case "meta":
		var meta struct {
			Count *int64 `json:"count"`
		}
		if err := dec.Decode(&meta); err != nil && !isTypeError(err) {
			return false, describeDecodeError(err)
		}
		envelope.count = meta.Count
	case "_links":
		var links struct {
			Next *struct {
				Href *string `json:"href"`
			} `json:"next"`
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return false, describeDecodeError(err)
		}
		// Only an object counts as links; null or another type is read as if the member were absent.
		if len(raw) > 0 && raw[0] == '{' && json.Unmarshal(raw, &links) == nil {
			envelope.hasLinks = true
			if links.Next != nil && links.Next.Href != nil {
				envelope.next = *links.Next.Href
			}
		}
	default:
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return false, describeDecodeError(err)
		}
	}
	return false, nil
}

// decodeItems reads array items up to and including the closing bracket. It reports whether emit asked to stop.
func decodeItems[T any](dec *json.Decoder, emit func(*T) bool, envelope *listEnvelope) (bool, error) {
	for dec.More() {
		item := new(T)
		if err := dec.Decode(item); err != nil {
			if isTypeError(err) { // the item was read whole but is not an object: skip it, keep the rest
				envelope.skipped++
				continue
			}
			return false, describeDecodeError(err)
		}
		if !emit(item) {
			return true, nil
		}
	}
	if _, err := dec.Token(); err != nil { // the closing bracket
		return false, describeDecodeError(err)
	}
	return false, nil
}

func isTypeError(err error) bool {
	var typeErr *json.UnmarshalTypeError
	return errors.As(err, &typeErr)
}

// describeDecodeError explains the two ways a body can be incomplete or broken.
func describeDecodeError(err error) error {
	var syntaxErr *json.SyntaxError
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("the response body ended before its JSON was complete (truncated response)")
	case errors.As(err, &syntaxErr):
		return fmt.Errorf("the response body is not valid JSON at byte %d: %w", syntaxErr.Offset, err)
	}
	return err
}
