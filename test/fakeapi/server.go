// Package fakeapi is a fake Prolific API, faithful to docs/api-evidence.md, for tests at every level: the Go
// tests run it in process (httptest), and test/fakeprolific serves the same implementation for the go-plugin and
// PostgreSQL stages. It holds fixtures for every answer shape, synthetic batches of any size, and injectable faults,
// and it logs every request so tests can count API calls.
package fakeapi

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// DefaultToken is the token the fake accepts unless told otherwise.
const DefaultToken = "test-token"

// ErrorShape chooses which of Prolific's documented error body shapes the fake sends.
type ErrorShape int

const (
	// EnvelopeShape is {"error": {"status", "error_code", "title", "detail"}}.
	EnvelopeShape ErrorShape = iota
	// DetailShape is the Django REST style {"detail": "..."}.
	DetailShape
)

// Request is one request the fake received.
type Request struct {
	Method        string
	Path          string // escaped, as sent
	Query         string
	Authorization string
	UserAgent     string
	RemoteAddr    string // the client's address: the same value means the same reused connection
	Time          time.Time
}

// Server is the fake API. Create it with New; it is an http.Handler.
type Server struct {
	Token string
	// OtherTokens are accepted too, with the same data: two connections with their own tokens, as an aggregator has.
	OtherTokens []string
	// VisibleWorkspaces limits what a token sees, as an account that belongs to some workspaces only: the workspace
	// list shows it only these, and a request that names another workspace (a workspace_id parameter, or a
	// /workspaces/{id}/ path) is answered 403. A token without an entry sees every workspace. Set it before New's
	// server takes requests.
	VisibleWorkspaces map[string][]string
	AuthErrorShape    ErrorShape
	// Latency delays every answer, so that concurrent requests overlap as they would against the real API. Set it
	// before the first request, or with SetLatency while the fake serves.
	Latency time.Duration
	// MaxPageSize, when above zero, caps the page_size and limit of every paged list, as a server-side maximum would.
	// Tests set it to get many pages from small fixtures. Set it before the first request.
	MaxPageSize int
	// GroupsByWorkspaceIncludeProjectGroups makes GET /participant-groups/?workspace_id= return the workspace's
	// project-level groups too. By default it returns only the groups that belong to the workspace itself.
	GroupsByWorkspaceIncludeProjectGroups bool
	// MessagesAsDocumented makes the messages endpoints send sender_id and sent_at, as the spec and docs show, instead
	// of the spelling the official CLI reports from the real API (datetime_created; sender on the unread endpoint).
	MessagesAsDocumented bool

	mu          sync.Mutex
	batches     map[string]*batchData
	faults      map[string][]*Fault
	requests    []Request
	inFlight    int
	maxInFlight int
	// The same per Authorization header, so that a test can tell one connection's concurrency from another's.
	inFlightByAuth    map[string]int
	maxInFlightByAuth map[string]int
	mux               *http.ServeMux
}

// New returns a fake loaded with the standard fixtures (see fixtures.go).
func New() *Server {
	s := &Server{Token: DefaultToken, batches: map[string]*batchData{}, faults: map[string][]*Fault{}}
	s.mux = http.NewServeMux()
	for _, register := range registrars {
		register(s)
	}
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, EnvelopeShape, "Not Found", "no such endpoint: "+r.URL.EscapedPath())
	})
	return s
}

// registrars add one area's endpoints and fixtures to a new Server. Each area's file appends its own in init(), so
// a new endpoint is a new file: batch responses (fixtures.go), workspaces (workspaces.go), and so on.
var registrars []func(*Server)

// handle routes a GET pattern, written without a trailing slash (ServeHTTP strips it), to handler.
func (s *Server) handle(pattern string, handler http.HandlerFunc) {
	s.mux.HandleFunc("GET "+pattern, handler)
}

// List writes a documented single-shot list body: {"results": [...], "meta": {"count": n}}.
func List[T any](w http.ResponseWriter, results []T) {
	writeJSON(w, http.StatusOK, map[string]any{"results": results, "meta": map[string]int{"count": len(results)}})
}

// ListByWorkspace serves a list endpoint whose workspace_id parameter is required, as the batch list's is:
// the items whose workspace_id matches, or the documented 400 without the parameter.
func ListByWorkspace(items []map[string]any) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if results, ok := itemsOfWorkspace(w, r, items); ok {
			List(w, results)
		}
	}
}

// itemsOfWorkspace returns the items whose workspace_id is the request's required workspace_id parameter. Without
// the parameter it writes the documented 400 and returns false.
func itemsOfWorkspace(w http.ResponseWriter, r *http.Request, items []map[string]any) ([]map[string]any, bool) {
	workspaceID := r.URL.Query().Get("workspace_id")
	if workspaceID == "" {
		badRequest(w, "workspace_id", "This field is required.")
		return nil, false
	}
	results := []map[string]any{}
	for _, item := range items {
		if item["workspace_id"] == workspaceID {
			results = append(results, item)
		}
	}
	return results, true
}

// Object writes one object, or the documented 404 envelope when found is false.
func Object(w http.ResponseWriter, object any, found bool) {
	if !found {
		writeError(w, http.StatusNotFound, EnvelopeShape, "Not Found", "No such object.")
		return
	}
	writeJSON(w, http.StatusOK, object)
}

// objectByID serves the item of items whose "id" is the request's path value param, or a 404.
func objectByID(items []map[string]any, param string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for _, item := range items {
			if item["id"] == r.PathValue(param) {
				Object(w, item, true)
				return
			}
		}
		Object(w, nil, false)
	}
}

// ServeHTTP logs the request, checks the token, applies any injected fault, then routes. Paths are accepted with and
// without a trailing slash, as the real API does.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// A request counts as in flight from its arrival until the fake starts to answer: once the answer is on its way,
	// the client may finish reading it and send its next request before this handler has returned.
	latency, done := s.record(r)
	if latency > 0 {
		time.Sleep(latency)
	}
	done()

	if !s.authorized(r.Header.Get("Authorization")) {
		s.writeAuthError(w)
		return
	}
	if s.namesHiddenWorkspace(r) {
		writeError(w, http.StatusForbidden, EnvelopeShape, "Forbidden", "You do not have permission to perform this action.")
		return
	}
	if fault := s.takeFault(r.URL.EscapedPath(), r.URL.Query()); fault != nil {
		if fault.serve(w, r, s) {
			return
		}
	}
	if len(r.URL.Path) > 1 && strings.HasSuffix(r.URL.Path, "/") {
		r.URL.Path = strings.TrimSuffix(r.URL.Path, "/")
		r.URL.RawPath = strings.TrimSuffix(r.URL.RawPath, "/")
	}
	if r.Method != http.MethodGet {
		writeError(w, http.StatusMethodNotAllowed, EnvelopeShape, "Method Not Allowed", "the fake API is read-only")
		return
	}
	s.mux.ServeHTTP(w, r)
}

// authorized reports whether an Authorization header carries one of the accepted tokens.
func (s *Server) authorized(header string) bool {
	if header == "Token "+s.Token {
		return true
	}
	for _, token := range s.OtherTokens {
		if header == "Token "+token {
			return true
		}
	}
	return false
}

// record logs a request and counts it in flight until done is called. It returns the latency to serve it with.
func (s *Server) record(r *http.Request) (latency time.Duration, done func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	auth := r.Header.Get("Authorization")
	s.requests = append(s.requests, Request{
		Method: r.Method, Path: r.URL.EscapedPath(), Query: r.URL.RawQuery,
		Authorization: auth, UserAgent: r.Header.Get("User-Agent"), RemoteAddr: r.RemoteAddr, Time: time.Now(),
	})
	if s.inFlightByAuth == nil {
		s.inFlightByAuth, s.maxInFlightByAuth = map[string]int{}, map[string]int{}
	}
	s.inFlight++
	s.maxInFlight = max(s.maxInFlight, s.inFlight)
	s.inFlightByAuth[auth]++
	s.maxInFlightByAuth[auth] = max(s.maxInFlightByAuth[auth], s.inFlightByAuth[auth])
	return s.Latency, func() {
		s.mu.Lock()
		s.inFlight--
		s.inFlightByAuth[auth]--
		s.mu.Unlock()
	}
}

// SetLatency changes Latency while the fake serves.
func (s *Server) SetLatency(latency time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Latency = latency
}

// Requests returns a copy of the request log.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// RequestsTo counts the requests whose escaped path starts with prefix.
func (s *Server) RequestsTo(prefix string) int {
	n := 0
	for _, r := range s.Requests() {
		if strings.HasPrefix(r.Path, prefix) {
			n++
		}
	}
	return n
}

// MaxInFlight is the highest number of requests the fake served at once.
func (s *Server) MaxInFlight() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.maxInFlight
}

// MaxInFlightWithToken is the highest number of requests carrying token that the fake served at once.
func (s *Server) MaxInFlightWithToken(token string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.maxInFlightByAuth["Token "+token]
}

// ResetLog clears the request log and the concurrency high-water marks.
func (s *Server) ResetLog() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests, s.maxInFlight = nil, 0
	clear(s.maxInFlightByAuth)
}

func (s *Server) writeAuthError(w http.ResponseWriter) {
	writeError(w, http.StatusUnauthorized, s.AuthErrorShape, "Unauthorized", "Invalid token.")
}

// writeError sends an error body in one of Prolific's shapes.
func writeError(w http.ResponseWriter, status int, shape ErrorShape, title, detail string) {
	var body any
	switch shape {
	case DetailShape:
		body = map[string]any{"detail": detail}
	default:
		body = map[string]any{"error": map[string]any{
			"status": status, "error_code": 100000 + status, "title": title, "detail": detail,
		}}
	}
	writeJSON(w, status, body)
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	data, err := json.Marshal(body)
	if err != nil {
		panic(fmt.Sprintf("fakeapi: cannot encode %T: %v", body, err))
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", fmt.Sprint(len(data)))
	w.WriteHeader(status)
	_, _ = w.Write(data)
}
