package prolific_test

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

// Connection config, as Steampipe passes it: HCL text through SetAllConnectionConfigs.

func TestMissingTokenIsAClearQueryError(t *testing.T) {
	t.Setenv("PROLIFIC_TOKEN", "")
	api := fakeapi.New()
	server := httptest.NewServer(api)
	defer server.Close()
	p := harness.Start(t, "base_url = \""+server.URL+"\"\n")
	_, err := queryBatch(t, p, fakeapi.BatchAllShapes)
	if err == nil {
		t.Fatal("a query without a token succeeded")
	}
	for _, want := range []string{"'token'", "PROLIFIC_TOKEN", "prolific.spc", "API tokens"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	if len(api.Requests()) != 0 {
		t.Error("a request was sent without a token")
	}
}

func TestEnvironmentVariablesConfigureTheConnection(t *testing.T) {
	api := fakeapi.New()
	api.Token = "env-token"
	server := httptest.NewServer(api)
	defer server.Close()
	t.Setenv("PROLIFIC_TOKEN", "env-token")
	t.Setenv("PROLIFIC_URL", server.URL+"/")
	p := harness.Start(t, "") // an empty connection block
	rows, err := queryBatch(t, p, fakeapi.BatchAllShapes)
	if err != nil || len(rows) != 12 {
		t.Fatalf("%d rows, err %v", len(rows), err)
	}
}

func TestConfigFileBeatsEnvironmentVariables(t *testing.T) {
	api := fakeapi.New()
	server := httptest.NewServer(api)
	defer server.Close()
	t.Setenv("PROLIFIC_TOKEN", "env-token-that-the-fake-refuses")
	t.Setenv("PROLIFIC_URL", "https://env.example.invalid")
	p := harness.Start(t, harness.Config(server.URL))
	if _, err := queryBatch(t, p, fakeapi.BatchAllShapes); err != nil {
		t.Fatalf("the config file's token and base_url were not used: %v", err)
	}
}

func TestConfigErrorsAreExplained(t *testing.T) {
	cases := []struct {
		config string
		want   []string
	}{
		{`token = "t"` + "\n" + `base_url = "http://api.prolific.com"`, []string{"base_url", "unencrypted", "https://"}},
		{`token = "t"` + "\n" + `base_url = "not a url"`, []string{"base_url", "not a valid URL"}},
		{`token = "t"` + "\n" + `timeout = "0s"`, []string{"timeout", "greater than zero"}},
		{`token = "t"` + "\n" + `timeout = "ten seconds"`, []string{"timeout", "not a duration"}},
		{`token = "t"` + "\n" + `max_retries = -2`, []string{"max_retries = -2 is not valid", "at least 0"}},
		{`token = "t"` + "\n" + `max_retries = "many"`, []string{`max_retries = "many" is not valid`, "whole number"}},
		{`token = "t"` + "\n" + `max_concurrent_requests = 0`, []string{"max_concurrent_requests = 0 is not valid"}},
		{`token = "t"` + "\n" + `timeout = "-5s"`, []string{"timeout", "greater than zero"}},
		{`token = "t"` + "\n" + `base_url = "http://10.1.2.3:8080"`, []string{"base_url", "unencrypted"}},
	}
	for _, tc := range cases {
		p := harness.Start(t, tc.config)
		_, err := queryBatch(t, p, fakeapi.BatchAllShapes)
		if err == nil {
			t.Errorf("config %q: no error", tc.config)
			continue
		}
		for _, want := range tc.want {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("config %q: error %q does not contain %q", tc.config, err, want)
			}
		}
	}
}

func TestConfigSyntaxErrorsAreRefusedAtLoad(t *testing.T) {
	cases := map[string]string{
		`tokn = "t"`: `Did you mean "token"?`,
		`token = `:   "",
	}
	for config, want := range cases {
		_, err := harness.StartErr(config)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("config %q: err %v, want one containing %q", config, err, want)
		}
	}
}

// TestConfigErrorsNeverShowTheToken checks the errors of broken connection blocks that carry a token.
func TestConfigErrorsNeverShowTheToken(t *testing.T) {
	const token = "sekrit-config-token-42"
	for _, config := range []string{
		`token = "` + token + `"` + "\nmax_retries = ",
		`token = "` + token + `"` + "\ntokn = 1",
		`token = "` + token + `" junk`,
		`token = "` + token + `"` + "\nmax_retries = \"many\"",
		`token = "` + token + `"` + "\nbase_url = \"http://10.0.0.1\"",
	} {
		p, err := harness.StartErr(config)
		if err == nil {
			_, err = queryBatch(t, p, fakeapi.BatchAllShapes)
		}
		if err == nil {
			t.Errorf("config %q: no error", config)
		} else if strings.Contains(err.Error(), token) {
			t.Errorf("config %q: the token is in the error %q", config, err)
		}
	}
}
