package prolific

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// APIError is the one error type for an HTTP response that Prolific answered with a non-2xx status. It carries the
// status and whatever the body said, in any of the shapes Prolific uses:
//
//	{"error": {"status": 400, "error_code": 140001, "title": "...", "detail": ...}}
//	{"status": 400, "error_code": 140001, "title": "...", "detail": ...}   (a bare ErrorDetail)
//	{"detail": "Not found."} or {"message": "..."}                          (Django REST style)
//
// When the body is none of these, Body keeps a short, printable excerpt of it.
type APIError struct {
	Method     string
	Path       string // the request path, never the full URL with credentials
	StatusCode int
	ErrorCode  int64  // Prolific's internal code; 0 when the body had none
	Title      string // short title from the body
	Detail     string // detail flattened to one line: "field: message; other: message"
	Body       string // excerpt of an unparsed body
	RetryAfter time.Duration
	Attempts   int // how many requests were made, retries included
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %d %s", e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode))
	if e.Title != "" && !strings.EqualFold(e.Title, http.StatusText(e.StatusCode)) {
		b.WriteString(": " + e.Title)
	}
	if e.Detail != "" {
		b.WriteString(": " + e.Detail)
	}
	if e.ErrorCode != 0 {
		fmt.Fprintf(&b, " (error_code %d)", e.ErrorCode)
	}
	if e.Body != "" {
		b.WriteString(": body: " + e.Body)
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " (after %d attempts)", e.Attempts)
	}
	if hint := statusHint(e.StatusCode); hint != "" {
		b.WriteString(". " + hint)
	}
	return b.String()
}

func statusHint(status int) string {
	switch status {
	case http.StatusUnauthorized:
		return "Check the API token ('token' in the connection configuration or " + tokenEnvVar + ")"
	case http.StatusForbidden:
		return "The token's account has no access to this resource"
	case http.StatusTooManyRequests:
		return "Prolific is rate limiting this account: try again later, or raise max_retry_wait"
	}
	return ""
}

// retryable reports whether the same request may succeed later.
func (e *APIError) retryable() bool {
	switch e.StatusCode {
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// isNotFound reports whether err is a 404 from the API.
func isNotFound(err error) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound
}

// maxErrorBody bounds how much of an error body is read.
const maxErrorBody = 64 << 10

// newAPIError reads an error response's body (bounded) and parses it. scrub removes secrets from any text that is
// kept, because an error body may echo request headers.
func newAPIError(resp *http.Response, body []byte, scrub func(string) string) *APIError {
	e := &APIError{
		Method:     resp.Request.Method,
		Path:       resp.Request.URL.EscapedPath(),
		StatusCode: resp.StatusCode,
		RetryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()),
	}
	if !parseErrorBody(body, e) {
		e.Body = excerpt(body, 200)
	}
	e.Title, e.Detail, e.Body = scrub(e.Title), scrub(e.Detail), scrub(e.Body)
	return e
}

// errorDetail is Prolific's documented ErrorDetail, plus the Django REST "message" key.
type errorDetail struct {
	Status    json.RawMessage `json:"status"`
	ErrorCode json.RawMessage `json:"error_code"`
	Title     json.RawMessage `json:"title"`
	Detail    json.RawMessage `json:"detail"`
	Message   json.RawMessage `json:"message"`
}

// parseErrorBody fills e from a JSON error body and reports whether the body said anything usable.
func parseErrorBody(body []byte, e *APIError) bool {
	var envelope struct {
		Error json.RawMessage `json:"error"`
	}
	if json.Unmarshal(body, &envelope) != nil {
		return false
	}
	var detail errorDetail
	if len(envelope.Error) > 0 && envelope.Error[0] == '{' {
		_ = json.Unmarshal(envelope.Error, &detail)
	} else {
		_ = json.Unmarshal(body, &detail)
		if len(envelope.Error) > 0 { // {"error": "some text"}
			detail.Message = envelope.Error
		}
	}
	e.Title = flattenDetail(detail.Title)
	e.Detail = flattenDetail(detail.Detail)
	if message := flattenDetail(detail.Message); message != "" && message != e.Detail {
		e.Detail = strings.TrimPrefix(e.Detail+"; "+message, "; ")
	}
	if code, err := strconv.ParseInt(string(bytes.Trim(detail.ErrorCode, `"`)), 10, 64); err == nil {
		e.ErrorCode = code
	}
	return e.Title != "" || e.Detail != ""
}

// flattenDetail turns a string, a list of strings or an object of field messages into one line.
func flattenDetail(raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var text string
	if json.Unmarshal(raw, &text) == nil {
		return strings.TrimSpace(text)
	}
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) == nil {
		parts := make([]string, 0, len(list))
		for _, item := range list {
			if s := flattenDetail(item); s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, "; ")
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(raw, &fields) == nil {
		names := make([]string, 0, len(fields))
		for name := range fields {
			names = append(names, name)
		}
		sort.Strings(names)
		parts := make([]string, 0, len(names))
		for _, name := range names {
			parts = append(parts, name+": "+flattenDetail(fields[name]))
		}
		return strings.Join(parts, "; ")
	}
	return strings.TrimSpace(string(raw))
}

// excerpt returns at most limit printable runes of body on one line.
func excerpt(body []byte, limit int) string {
	text := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return ' '
		}
		if !unicode.IsPrint(r) {
			return -1
		}
		return r
	}, string(body))
	text = strings.Join(strings.Fields(text), " ")
	if runes := []rune(text); len(runes) > limit {
		return string(runes[:limit]) + "…"
	}
	return text
}

// parseRetryAfter reads a Retry-After header given in seconds or as an HTTP date. It returns 0 when the header is
// absent or unreadable.
func parseRetryAfter(value string, now time.Time) time.Duration {
	value = strings.TrimSpace(value)
	if value == "" {
		return 0
	}
	if seconds, err := strconv.ParseFloat(value, 64); err == nil {
		if seconds <= 0 {
			return 0
		}
		return time.Duration(seconds * float64(time.Second))
	}
	if when, err := http.ParseTime(value); err == nil && when.After(now) {
		return when.Sub(now)
	}
	return 0
}
