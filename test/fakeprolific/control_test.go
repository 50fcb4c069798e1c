package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
)

type requestLog struct {
	Count       int      `json:"count"`
	Queries     []string `json:"queries"`
	MaxInFlight int      `json:"max_in_flight"`
}

// The Steampipe stage proves concurrency limits and connection routing through these control paths: a latency set
// while the fake serves makes requests overlap, and the log tells each token's requests and peak apart.
func TestControlCountsEachTokensRequestsAndPeak(t *testing.T) {
	fake := fakeapi.New()
	fake.OtherTokens = []string{"token-b"}
	server := httptest.NewServer(withControl(fake))
	defer server.Close()
	call(t, http.MethodPost, server.URL+"/_fake/latency?ms=100", nil)

	get := func(token string, n int) {
		var wg sync.WaitGroup
		for range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				req, _ := http.NewRequest(http.MethodGet, server.URL+"/api/v1/users/me/", nil)
				req.Header.Set("Authorization", "Token "+token)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				resp.Body.Close()
			}()
		}
		wg.Wait()
	}
	get(fakeapi.DefaultToken, 4)
	get("token-b", 2)

	var a, b, all requestLog
	call(t, http.MethodGet, server.URL+"/_fake/requests?prefix=/api/v1/users&token="+fakeapi.DefaultToken, &a)
	call(t, http.MethodGet, server.URL+"/_fake/requests?prefix=/api/v1/users&token=token-b", &b)
	call(t, http.MethodGet, server.URL+"/_fake/requests?prefix=/api/v1/users", &all)
	if a.Count != 4 || b.Count != 2 || all.Count != 6 {
		t.Errorf("counts: token a %d, token b %d, all %d; want 4, 2, 6", a.Count, b.Count, all.Count)
	}
	// With 100 ms of latency, requests sent together overlap; the two tokens' bursts were sent one after the other.
	if a.MaxInFlight != 4 || b.MaxInFlight != 2 || all.MaxInFlight != 4 {
		t.Errorf("peaks: token a %d, token b %d, all %d; want 4, 2, 4", a.MaxInFlight, b.MaxInFlight, all.MaxInFlight)
	}

	call(t, http.MethodDelete, server.URL+"/_fake/requests", nil)
	call(t, http.MethodGet, server.URL+"/_fake/requests?prefix=/&token="+fakeapi.DefaultToken, &a)
	if a.Count != 0 || a.MaxInFlight != 0 {
		t.Errorf("after DELETE: %+v, want an empty log", a)
	}
}

func TestControlRefusesABadLatency(t *testing.T) {
	server := httptest.NewServer(withControl(fakeapi.New()))
	defer server.Close()
	for _, ms := range []string{"", "-1", "soon", "10001"} {
		resp, err := http.Post(server.URL+"/_fake/latency?ms="+ms, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("ms=%q: status %d, want 400", ms, resp.StatusCode)
		}
	}
}

func call(t *testing.T, method, url string, into any) {
	t.Helper()
	req, _ := http.NewRequest(method, url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s %s: %s", method, url, resp.Status)
	}
	if into != nil {
		if err := json.NewDecoder(resp.Body).Decode(into); err != nil {
			t.Fatal(err)
		}
	}
}
