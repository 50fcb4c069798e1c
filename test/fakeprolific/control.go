package main

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
)

// controlPrefix starts the paths that script the fake from outside Go (the SQLite stage's Python tests): no real
// API path starts with it.
const controlPrefix = "/_fake/"

// withControl serves the control paths, and everything else from the fake API:
//
//	POST /_fake/faults?path=P&status=429[&retry_after=0][&times=N]  the next N requests to P get that status
//	POST /_fake/faults?path=P&kind=truncated[&times=N]              ... or a body cut off halfway
//	     [&match=Q]   only requests whose query has the parameters of the escaped query string Q, such as
//	                  match=workspace_id%3D65f0... (the others are served normally)
//	     [&repeat=1]  every matching request from now on, instead of the next N
//	DELETE /_fake/faults?path=P       remove the faults of P (the fixtures' fault-* batches keep theirs)
//	GET  /_fake/requests?prefix=P[&token=T]
//	                                  the requests whose escaped path starts with P (and that carry token T):
//	                                  {"count": n, "queries": [...], "max_in_flight": m}, where m is the most requests
//	                                  (with token T) that were in flight at once, whatever their path
//	DELETE /_fake/requests            forget the requests so far and the in-flight high-water marks
//	POST /_fake/latency?ms=N          delay every answer by N milliseconds from now on, so that requests overlap
func withControl(server *fakeapi.Server) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, controlPrefix) {
			server.ServeHTTP(w, r)
			return
		}
		switch {
		case r.Method == http.MethodPost && r.URL.Path == controlPrefix+"faults":
			injectFaults(w, r, server)
		case r.Method == http.MethodDelete && r.URL.Path == controlPrefix+"faults" && strings.HasPrefix(r.URL.Query().Get("path"), "/"):
			server.ClearFaultsFor(r.URL.Query().Get("path"))
			writeControlJSON(w, http.StatusOK, map[string]string{"cleared": r.URL.Query().Get("path")})
		case r.Method == http.MethodGet && r.URL.Path == controlPrefix+"requests":
			writeRequests(w, server, r.URL.Query().Get("prefix"), r.URL.Query().Get("token"))
		case r.Method == http.MethodDelete && r.URL.Path == controlPrefix+"requests":
			server.ResetLog()
			writeControlJSON(w, http.StatusOK, map[string]string{"cleared": "requests"})
		case r.Method == http.MethodPost && r.URL.Path == controlPrefix+"latency":
			setLatency(w, r, server)
		default:
			writeControlJSON(w, http.StatusNotFound, map[string]string{"error": "unknown control path " + r.URL.Path})
		}
	})
}

func injectFaults(w http.ResponseWriter, r *http.Request, server *fakeapi.Server) {
	q := r.URL.Query()
	fault := fakeapi.Fault{Kind: fakeapi.StatusFault, RetryAfter: q.Get("retry_after")}
	switch kind := q.Get("kind"); kind {
	case "", "status":
		status, err := strconv.Atoi(q.Get("status"))
		if err != nil || status < 100 || status > 599 {
			writeControlJSON(w, http.StatusBadRequest, map[string]string{"error": "status must be an HTTP status code"})
			return
		}
		fault.Status = status
	case "truncated":
		fault.Kind = fakeapi.TruncatedBody
	default:
		writeControlJSON(w, http.StatusBadRequest, map[string]string{"error": "kind must be status or truncated, not " + kind})
		return
	}
	times := 1
	if t := q.Get("times"); t != "" {
		n, err := strconv.Atoi(t)
		if err != nil || n < 1 {
			writeControlJSON(w, http.StatusBadRequest, map[string]string{"error": "times must be a whole number of at least 1"})
			return
		}
		times = n
	}
	match, err := url.ParseQuery(q.Get("match"))
	if err != nil {
		writeControlJSON(w, http.StatusBadRequest, map[string]string{"error": "match must be a query string such as workspace_id%3DID"})
		return
	}
	if len(match) > 0 {
		fault.Query = match
	}
	fault.Repeat = q.Get("repeat") == "1"
	if fault.Repeat {
		times = 1
	}
	path := q.Get("path")
	if !strings.HasPrefix(path, "/") {
		writeControlJSON(w, http.StatusBadRequest, map[string]string{"error": "path must be an escaped API path such as /api/v1/studies"})
		return
	}
	for range times {
		server.Inject(path, fault)
	}
	writeControlJSON(w, http.StatusOK, map[string]int{"injected": times})
}

func writeControlJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

// writeRequests lists the logged requests under a path prefix, with their query strings (page sizes, filters), and
// the concurrency high-water mark. With a token, only the requests that carry it: one connection's share.
func writeRequests(w http.ResponseWriter, server *fakeapi.Server, prefix, token string) {
	queries := []string{}
	for _, req := range server.Requests() {
		if strings.HasPrefix(req.Path, prefix) && (token == "" || req.Authorization == "Token "+token) {
			queries = append(queries, req.Query)
		}
	}
	peak := server.MaxInFlight()
	if token != "" {
		peak = server.MaxInFlightWithToken(token)
	}
	writeControlJSON(w, http.StatusOK, map[string]any{"count": len(queries), "queries": queries, "max_in_flight": peak})
}

func setLatency(w http.ResponseWriter, r *http.Request, server *fakeapi.Server) {
	ms, err := strconv.Atoi(r.URL.Query().Get("ms"))
	if err != nil || ms < 0 || ms > 10000 {
		writeControlJSON(w, http.StatusBadRequest, map[string]string{"error": "ms must be a whole number of milliseconds from 0 to 10000"})
		return
	}
	server.SetLatency(time.Duration(ms) * time.Millisecond)
	writeControlJSON(w, http.StatusOK, map[string]int{"latency_ms": ms})
}
