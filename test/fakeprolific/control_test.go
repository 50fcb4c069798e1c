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
				_ = resp.Body.Close()
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
		_ = resp.Body.Close()
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
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s %s: %s", method, url, resp.Status)
	}
	if into != nil {
		if err := json.NewDecoder(resp.Body).Decode(into); err != nil {
			t.Fatal(err)
		}
	}
}

// A token limited to some workspaces lists only those, and is refused any other by name, as an account that is not a
// member of a workspace is; the Steampipe stage routes aggregator queries with it.
func TestVisibleWorkspacesLimitAToken(t *testing.T) {
	fake := fakeapi.New()
	fake.OtherTokens = []string{"vision-only"}
	fake.VisibleWorkspaces = map[string][]string{"vision-only": {fakeapi.WorkspaceVision}}
	server := httptest.NewServer(fake)
	defer server.Close()
	status := func(token, path string) (int, string) {
		req, _ := http.NewRequest(http.MethodGet, server.URL+path, nil)
		req.Header.Set("Authorization", "Token "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = resp.Body.Close() }()
		var body struct {
			Results []struct {
				ID string `json:"id"`
			} `json:"results"`
		}
		_ = json.NewDecoder(resp.Body).Decode(&body)
		ids := ""
		for _, r := range body.Results {
			ids += r.ID + " "
		}
		return resp.StatusCode, ids
	}
	if code, ids := status("vision-only", "/api/v1/workspaces/"); code != 200 || ids != fakeapi.WorkspaceVision+" " {
		t.Errorf("the limited token's workspace list: %d %q, want only Vision", code, ids)
	}
	if code, ids := status(fakeapi.DefaultToken, "/api/v1/workspaces/"); code != 200 || ids != fakeapi.WorkspaceNLP+" "+fakeapi.WorkspaceVision+" " {
		t.Errorf("the other token's workspace list: %d %q, want both", code, ids)
	}
	for _, path := range []string{"/api/v1/data-collection/batches?workspace_id=" + fakeapi.WorkspaceNLP,
		"/api/v1/workspaces/" + fakeapi.WorkspaceNLP + "/projects/"} {
		if code, _ := status("vision-only", path); code != http.StatusForbidden {
			t.Errorf("%s with the limited token: %d, want 403", path, code)
		}
		if code, _ := status(fakeapi.DefaultToken, path); code != http.StatusOK {
			t.Errorf("%s with the other token: %d, want 200", path, code)
		}
	}
	if code, _ := status("vision-only", "/api/v1/data-collection/batches?workspace_id="+fakeapi.WorkspaceVision); code != http.StatusOK {
		t.Errorf("the limited token's own workspace: %d, want 200", code)
	}
}
