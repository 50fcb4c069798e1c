package prolific

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// Defaults for the connection arguments. docs/index.md and config/prolific.spc state the same values.
const (
	defaultBaseURL        = "https://api.prolific.com"
	defaultTimeout        = 30 * time.Second
	defaultMaxRetries     = 5
	defaultRetryBaseDelay = 1 * time.Second
	defaultMaxRetryWait   = 60 * time.Second
	defaultMaxConcurrent  = 5

	tokenEnvVar   = "PROLIFIC_TOKEN"
	baseURLEnvVar = "PROLIFIC_URL"
)

// prolificConfig is the connection block of config/prolific.spc. Every field is a pointer so that an absent argument
// can be told apart from an empty one.
type prolificConfig struct {
	Token          *string `hcl:"token"`
	BaseURL        *string `hcl:"base_url"`
	Timeout        *string `hcl:"timeout"`
	MaxRetries     *int    `hcl:"max_retries"`
	RetryBaseDelay *string `hcl:"retry_base_delay"`
	MaxRetryWait   *string `hcl:"max_retry_wait"`
	MaxConcurrent  *int    `hcl:"max_concurrent_requests"`
}

// ConfigInstance returns an empty connection config for the SDK to decode HCL into.
func ConfigInstance() any {
	return &prolificConfig{}
}

// GetConfig returns the connection's parsed config. Every read of Connection.Config goes through here, so that a move
// to SDK v6 (connection.GetConfig()) is a one-line change.
func GetConfig(connection *plugin.Connection) prolificConfig {
	if connection == nil || connection.Config == nil {
		return prolificConfig{}
	}
	config, _ := connection.Config.(prolificConfig)
	return config
}

// clientSettings is a connection config after defaults, environment variables and validation.
type clientSettings struct {
	token   string
	baseURL *url.URL
	timeout time.Duration
	retry   retryPolicy
	// maxConcurrent bounds the requests the connection has open at once, bodies still being read included.
	maxConcurrent int
}

// resolveSettings applies the precedence config file > environment variable > default, and checks every value.
// lookupEnv is os.LookupEnv outside tests.
func resolveSettings(config prolificConfig, lookupEnv func(string) (string, bool)) (clientSettings, error) {
	settings := clientSettings{
		timeout:       defaultTimeout,
		maxConcurrent: defaultMaxConcurrent,
		retry:         retryPolicy{maxRetries: defaultMaxRetries, baseDelay: defaultRetryBaseDelay, maxWait: defaultMaxRetryWait},
	}

	token := firstNonEmpty(config.Token, tokenEnvVar, lookupEnv)
	if token == "" {
		return settings, fmt.Errorf("no Prolific API token: set 'token' in the connection configuration (~/.steampipe/config/prolific.spc) " +
			"or the " + tokenEnvVar + " environment variable, then restart Steampipe. Create a token in the Prolific web app under Settings > API tokens")
	}
	if strings.ContainsAny(token, "\r\n\t ") {
		return settings, fmt.Errorf("the Prolific API token contains whitespace: copy it again without spaces or line breaks")
	}
	settings.token = token

	rawURL := firstNonEmpty(config.BaseURL, baseURLEnvVar, lookupEnv)
	if rawURL == "" {
		rawURL = defaultBaseURL
	}
	baseURL, err := parseBaseURL(rawURL)
	if err != nil {
		return settings, err
	}
	settings.baseURL = baseURL

	if settings.timeout, err = positiveDuration("timeout", config.Timeout, settings.timeout); err != nil {
		return settings, err
	}
	if settings.retry.baseDelay, err = positiveDuration("retry_base_delay", config.RetryBaseDelay, settings.retry.baseDelay); err != nil {
		return settings, err
	}
	if settings.retry.maxWait, err = positiveDuration("max_retry_wait", config.MaxRetryWait, settings.retry.maxWait); err != nil {
		return settings, err
	}
	if config.MaxConcurrent != nil {
		if *config.MaxConcurrent < 1 {
			return settings, fmt.Errorf("max_concurrent_requests is %d: it must be 1 or more", *config.MaxConcurrent)
		}
		settings.maxConcurrent = *config.MaxConcurrent
	}
	if config.MaxRetries != nil {
		if *config.MaxRetries < 0 {
			return settings, fmt.Errorf("max_retries is %d: it must be 0 (no retries) or more", *config.MaxRetries)
		}
		settings.retry.maxRetries = *config.MaxRetries
	}
	return settings, nil
}

// firstNonEmpty returns the config value when it is set and not blank, else the environment variable.
func firstNonEmpty(configValue *string, envVar string, lookupEnv func(string) (string, bool)) string {
	if configValue != nil && strings.TrimSpace(*configValue) != "" {
		return strings.TrimSpace(*configValue)
	}
	if value, ok := lookupEnv(envVar); ok {
		return strings.TrimSpace(value)
	}
	return ""
}

// parseBaseURL accepts an absolute http(s) URL with an optional path prefix and trailing slash. Plain http is allowed
// only to loopback hosts, because the token travels in a header that anyone on the path could read.
func parseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, fmt.Errorf("base_url %q is not a valid URL: use an absolute URL such as %q", raw, defaultBaseURL)
	}
	if u.User != nil {
		return nil, fmt.Errorf("base_url must not contain a user name or password: put the API token in 'token' instead")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("base_url %q must not contain a query or fragment: use a URL such as %q", raw, defaultBaseURL)
	}
	if u.Scheme == "http" && !isLoopbackHost(u.Hostname()) {
		return nil, fmt.Errorf("base_url %q uses plain http to a host that is not loopback: the API token would cross the network "+
			"unencrypted. Use https:// (plain http is accepted only for localhost, 127.0.0.0/8 and [::1])", raw)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// positiveDuration parses an optional Go duration argument such as "30s".
func positiveDuration(name string, value *string, fallback time.Duration) (time.Duration, error) {
	if value == nil {
		return fallback, nil
	}
	d, err := time.ParseDuration(strings.TrimSpace(*value))
	if err != nil {
		return 0, fmt.Errorf("%s = %q is not a duration: use a value such as \"30s\", \"1500ms\" or \"2m\"", name, *value)
	}
	if d <= 0 {
		return 0, fmt.Errorf("%s = %q must be greater than zero", name, *value)
	}
	return d, nil
}

// osLookupEnv is the environment used outside tests.
var osLookupEnv = os.LookupEnv
