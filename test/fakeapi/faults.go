package fakeapi

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"time"
)

// FaultKind names a way the fake misbehaves.
type FaultKind int

const (
	// StatusFault answers with Status (429, 5xx, 401, ...) and an error body; RetryAfter sets the Retry-After header.
	StatusFault FaultKind = iota
	// TruncatedBody sends the first half of the real body with the full Content-Length, then closes.
	TruncatedBody
	// MalformedJSON sends the real body with a separator after its middle replaced, so it is no longer JSON.
	MalformedJSON
	// StalledBody sends half the real body, then sends nothing until the client leaves or StallFor passes.
	StalledBody
	// StalledHeaders sends nothing at all until the client leaves or StallFor passes.
	StalledHeaders
	// ResetMidBody sends half the real body, then resets the TCP connection.
	ResetMidBody
	// HTMLPage answers 200 with an HTML page, as a captive portal or proxy might.
	HTMLPage
	// Redirect answers 302 to Location, for example another host.
	Redirect
	// DropConnection resets the TCP connection before any response, as a restarting load balancer might.
	DropConnection
)

// Fault is one scripted misbehaviour for one request.
type Fault struct {
	Kind       FaultKind
	Status     int           // StatusFault: the status code
	RetryAfter string        // StatusFault: the Retry-After header, if any
	Body       string        // StatusFault: the body; a Prolific error envelope when empty
	Location   string        // Redirect: the target
	StallFor   time.Duration // StalledBody, StalledHeaders: the longest stall; 30 s when zero
	Repeat     bool          // stay in place for every request instead of being used once
	// Query, when set, limits the fault to requests whose query string has each of these parameters with one of
	// the given values, such as workspace_id for a list that names its workspace in the query (the batch list).
	// Requests that do not match pass the fault by and are served normally.
	Query url.Values
}

// Inject queues faults for requests to path (escaped, without a trailing slash). Each fault serves one request in
// order, except a Repeat fault, which serves every request from then on.
func (s *Server) Inject(path string, faults ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	path = strings.TrimSuffix(path, "/")
	for i := range faults {
		s.faults[path] = append(s.faults[path], &faults[i])
	}
}

// ClearFaults removes every queued fault.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = map[string][]*Fault{}
}

// takeFault returns the first fault queued for path whose Query the request matches, and uses it up unless it repeats.
// ClearFaultsFor removes the faults queued for path, and keeps the others (such as the standard fixtures' fault-*
// batches).
func (s *Server) ClearFaultsFor(path string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.faults, strings.TrimSuffix(path, "/"))
}

func (s *Server) takeFault(path string, query url.Values) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	path = strings.TrimSuffix(path, "/")
	queue := s.faults[path]
	for i, fault := range queue {
		if !fault.matches(query) {
			continue
		}
		if !fault.Repeat {
			s.faults[path] = slices.Delete(slices.Clone(queue), i, i+1)
		}
		return fault
	}
	return nil
}

// matches reports whether a request with this query string is one the fault is for.
func (f *Fault) matches(query url.Values) bool {
	for name, values := range f.Query {
		if !slices.Contains(values, query.Get(name)) {
			return false
		}
	}
	return true
}

// serve writes the fault's response. It returns false when the request should be served normally after all.
func (f *Fault) serve(w http.ResponseWriter, r *http.Request, s *Server) bool {
	stall := f.StallFor
	if stall == 0 {
		stall = 30 * time.Second
	}
	switch f.Kind {
	case StatusFault:
		if f.RetryAfter != "" {
			w.Header().Set("Retry-After", f.RetryAfter)
		}
		if f.Body != "" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(f.Status)
			_, _ = fmt.Fprint(w, f.Body)
			return true
		}
		writeError(w, f.Status, EnvelopeShape, http.StatusText(f.Status), "Injected fault.")
	case HTMLPage:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusOK)
		_, _ = fmt.Fprint(w, "<!DOCTYPE html><html><head><title>Sign in</title></head><body><h1>Network login required</h1></body></html>")
	case Redirect:
		http.Redirect(w, r, f.Location, http.StatusFound)
	case StalledHeaders:
		waitOrLeave(r, stall)
	case DropConnection:
		resetAfter(w, nil, -1)
	case TruncatedBody, MalformedJSON, StalledBody, ResetMidBody:
		body := s.render(r)
		half := len(body) / 2
		switch f.Kind {
		case TruncatedBody:
			writeHead(w, len(body))
			_, _ = w.Write(body[:half])
		case MalformedJSON:
			// Break the JSON at a separator after the middle, outside any string, where every reader must notice.
			broken := append([]byte(nil), body...)
			at := structuralByteAfter(broken, half)
			broken[at] = '#'
			writeHead(w, len(broken))
			_, _ = w.Write(broken)
		case StalledBody:
			writeHead(w, len(body))
			_, _ = w.Write(body[:half])
			w.(http.Flusher).Flush()
			waitOrLeave(r, stall)
		case ResetMidBody:
			resetAfter(w, body[:half], len(body))
		}
	}
	return true
}

// render produces the body the request would get without a fault.
func (s *Server) render(r *http.Request) []byte {
	recorder := httptest.NewRecorder()
	s.mux.ServeHTTP(recorder, r)
	return recorder.Body.Bytes()
}

func writeHead(w http.ResponseWriter, length int) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", fmt.Sprint(length))
	w.WriteHeader(http.StatusOK)
}

func waitOrLeave(r *http.Request, limit time.Duration) {
	select {
	case <-r.Context().Done():
	case <-time.After(limit):
	}
}

// resetAfter writes a response head and part of the body on the raw connection, then resets it (RST, not FIN). With
// a negative fullLength it writes nothing before the reset.
func resetAfter(w http.ResponseWriter, part []byte, fullLength int) {
	conn, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		panic("fakeapi: cannot hijack the connection: " + err.Error())
	}
	if fullLength >= 0 {
		writeRawHead(buf, fullLength)
		_, _ = buf.Write(part)
	}
	_ = buf.Flush()
	if tcp, ok := conn.(*net.TCPConn); ok {
		_ = tcp.SetLinger(0)
	}
	_ = conn.Close()
}

func writeRawHead(buf *bufio.ReadWriter, length int) {
	_, _ = fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", length)
}

// structuralByteAfter returns the index of the first comma or closing bracket at or after from that is not inside a
// string, or the last byte when there is none.
func structuralByteAfter(body []byte, from int) int {
	inString, escaped := false, false
	for i, c := range body {
		switch {
		case escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case c == '"':
			inString = !inString
		case !inString && i >= from && (c == ',' || c == '}' || c == ']'):
			return i
		}
	}
	return len(body) - 1
}
