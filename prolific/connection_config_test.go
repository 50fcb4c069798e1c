package prolific

import (
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

func env(vars map[string]string) func(string) (string, bool) {
	return func(name string) (string, bool) {
		v, ok := vars[name]
		return v, ok
	}
}

func ptr[T any](v T) *T { return &v }

// number is a numeric argument as HCL decodes it.
func number(n int) hcl.Expression { return hcl.StaticExpr(cty.NumberIntVal(int64(n)), hcl.Range{}) }

func TestTokenConfigBeatsEnvironment(t *testing.T) {
	settings, err := resolveSettings(prolificConfig{Token: ptr("from-config")}, env(map[string]string{tokenEnvVar: "from-env"}))
	if err != nil {
		t.Fatal(err)
	}
	if settings.token != "from-config" {
		t.Fatalf("token = %q, want the config value", settings.token)
	}
}

func TestTokenFallsBackToEnvironment(t *testing.T) {
	settings, err := resolveSettings(prolificConfig{}, env(map[string]string{tokenEnvVar: "from-env"}))
	if err != nil {
		t.Fatal(err)
	}
	if settings.token != "from-env" {
		t.Fatalf("token = %q, want the PROLIFIC_TOKEN value", settings.token)
	}
}

func TestMissingTokenErrorNamesBothSources(t *testing.T) {
	for name, config := range map[string]prolificConfig{"absent": {}, "blank": {Token: ptr("  ")}} {
		_, err := resolveSettings(config, env(nil))
		if err == nil {
			t.Fatalf("%s token: no error", name)
		}
		for _, want := range []string{"'token'", "PROLIFIC_TOKEN", "prolific.spc"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s token: error %q does not mention %s", name, err, want)
			}
		}
	}
}

func TestBaseURLResolution(t *testing.T) {
	cases := []struct {
		name   string
		config *string
		env    map[string]string
		want   string
	}{
		{"default", nil, nil, "https://api.prolific.com"},
		{"environment", nil, map[string]string{baseURLEnvVar: "https://api.example.test/"}, "https://api.example.test"},
		{"config beats environment", ptr("https://config.example.test"), map[string]string{baseURLEnvVar: "https://env.example.test"}, "https://config.example.test"},
		{"trailing slash", ptr("https://api.prolific.com/"), nil, "https://api.prolific.com"},
		{"path prefix", ptr("https://gateway.example.test/prolific/"), nil, "https://gateway.example.test/prolific"},
		{"http to loopback ip", ptr("http://127.0.0.1:8080"), nil, "http://127.0.0.1:8080"},
		{"http to localhost", ptr("http://localhost:8080/"), nil, "http://localhost:8080"},
		{"http to ipv6 loopback", ptr("http://[::1]:8080"), nil, "http://[::1]:8080"},
	}
	for _, tc := range cases {
		vars := map[string]string{tokenEnvVar: "t"}
		for k, v := range tc.env {
			vars[k] = v
		}
		settings, err := resolveSettings(prolificConfig{BaseURL: tc.config}, env(vars))
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if got := settings.baseURL.String(); got != tc.want {
			t.Errorf("%s: base URL = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestBadBaseURLIsExplained(t *testing.T) {
	cases := map[string]string{
		"api.prolific.com":                 "not a valid URL",
		"ftp://api.prolific.com":           "not a valid URL",
		"https://":                         "not a valid URL",
		"://bad":                           "not a valid URL",
		"http://api.prolific.com":          "unencrypted",
		"http://10.0.0.5:8080":             "unencrypted",
		"https://user:pw@api.prolific.com": "user name or password",
		"https://api.prolific.com/?x=1":    "query or fragment",
	}
	for raw, want := range cases {
		_, err := resolveSettings(prolificConfig{Token: ptr("t"), BaseURL: ptr(raw)}, env(nil))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("base_url %q: error %v, want one containing %q", raw, err, want)
		}
		if err != nil && !strings.Contains(err.Error(), "base_url") {
			t.Errorf("base_url %q: error %q does not name base_url", raw, err)
		}
	}
}

func TestTuningArguments(t *testing.T) {
	settings, err := resolveSettings(prolificConfig{Token: ptr("t")}, env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if settings.timeout != 30*time.Second || settings.retry.maxRetries != 5 ||
		settings.retry.baseDelay != time.Second || settings.retry.maxWait != time.Minute {
		t.Fatalf("defaults = %+v %+v", settings.timeout, settings.retry)
	}
	settings, err = resolveSettings(prolificConfig{Token: ptr("t"), Timeout: ptr("90s"), MaxRetries: number(0),
		RetryBaseDelay: ptr("250ms"), MaxRetryWait: ptr("2m")}, env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if settings.timeout != 90*time.Second || settings.retry.maxRetries != 0 ||
		settings.retry.baseDelay != 250*time.Millisecond || settings.retry.maxWait != 2*time.Minute {
		t.Fatalf("set values = %+v %+v", settings.timeout, settings.retry)
	}
}

func TestBadTuningArgumentsAreExplained(t *testing.T) {
	cases := []struct {
		config prolificConfig
		want   string
	}{
		{prolificConfig{Timeout: ptr("soon")}, `timeout = "soon" is not a duration`},
		{prolificConfig{Timeout: ptr("0s")}, "must be greater than zero"},
		{prolificConfig{Timeout: ptr("-5s")}, "must be greater than zero"},
		{prolificConfig{RetryBaseDelay: ptr("10")}, "retry_base_delay"},
		{prolificConfig{MaxRetryWait: ptr("-1m")}, "max_retry_wait"},
		{prolificConfig{MaxRetries: number(-1)}, "max_retries = -1 is not valid: it must be a whole number of at least 0"},
		{prolificConfig{MaxRetries: hcl.StaticExpr(cty.StringVal("many"), hcl.Range{})}, `max_retries = "many" is not valid`},
		{prolificConfig{MaxRetries: hcl.StaticExpr(cty.NumberFloatVal(2.5), hcl.Range{})}, "max_retries = 2.5 is not valid"},
		{prolificConfig{MaxConcurrent: number(0)}, "max_concurrent_requests = 0 is not valid: it must be a whole number of at least 1"},
	}
	for _, tc := range cases {
		tc.config.Token = ptr("t")
		_, err := resolveSettings(tc.config, env(nil))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %v, want one containing %q", tc.config, err, tc.want)
		}
	}
}
