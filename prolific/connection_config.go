package prolific

import (
	"errors"
	"fmt"
	"math/big"
	"net"
	"net/url"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// Defaults for the connection arguments. docs/index.md and config/prolific.spc state the same values.
const (
	defaultBaseURL        = "https://api.prolific.com"
	defaultTimeout        = 30 * time.Second
	defaultMaxRetries     = 5
	defaultRetryBaseDelay = 1 * time.Second
	defaultMaxRetryWait   = 60 * time.Second

	tokenEnvVar   = "PROLIFIC_TOKEN"
	baseURLEnvVar = "PROLIFIC_URL"
)

// prolificConfig is the connection block of config/prolific.spc. Every field is a pointer (or an expression) so that
// an absent argument can be told apart from an empty one.
type prolificConfig struct {
	Token          *string        `hcl:"token"`
	BaseURL        *string        `hcl:"base_url"`
	Timeout        *string        `hcl:"timeout"`
	MaxRetries     hcl.Expression `hcl:"max_retries,optional"`
	RetryBaseDelay *string        `hcl:"retry_base_delay"`
	MaxRetryWait   *string        `hcl:"max_retry_wait"`
	MaxConcurrent  hcl.Expression `hcl:"max_concurrent_requests,optional"`
	// IgnoreErrorCodes lists HTTP statuses that skip one workspace or project of a listing instead of failing it.
	IgnoreErrorCodes hcl.Expression `hcl:"ignore_error_codes,optional"`
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
	// maxConcurrent, when the deprecated max_concurrent_requests sets it, bounds the requests the connection has open
	// at once, bodies still being read included, on top of the rate limiters' max_concurrency. 0: no bound of its own.
	maxConcurrent int
	// ignoreErrorCodes are the statuses with which a workspace or project is skipped in a listing (sorted).
	ignoreErrorCodes []int
}

// missingTokenMessage names both places a token can come from, and where each engine takes the configuration: the
// same plugin runs in Steampipe, PostgreSQL, SQLite and the export CLI, and the fix differs between them.
const missingTokenMessage = "no Prolific API token: set 'token' in the connection's configuration or the " + tokenEnvVar +
	" environment variable (Steampipe: ~/.steampipe/config/prolific.spc, and restart Steampipe after setting the" +
	" variable; PostgreSQL: the foreign server's config option; SQLite: steampipe_configure_prolific(); export CLI:" +
	" --config or its prolific.spc). Create a token in the Prolific web app under Settings > API tokens"

// resolveSettings applies the precedence config file > environment variable > default, and checks every value.
// lookupEnv is os.LookupEnv outside tests.
func resolveSettings(config prolificConfig, lookupEnv func(string) (string, bool)) (clientSettings, error) {
	settings := clientSettings{
		timeout: defaultTimeout,
		retry:   retryPolicy{maxRetries: defaultMaxRetries, baseDelay: defaultRetryBaseDelay, maxWait: defaultMaxRetryWait},
	}

	token := firstNonEmpty(config.Token, tokenEnvVar, lookupEnv)
	if token == "" {
		return settings, errors.New(missingTokenMessage)
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
	if settings.maxConcurrent, err = wholeNumber("max_concurrent_requests", config.MaxConcurrent, 1, settings.maxConcurrent); err != nil {
		return settings, err
	}
	if settings.retry.maxRetries, err = wholeNumber("max_retries", config.MaxRetries, 0, settings.retry.maxRetries); err != nil {
		return settings, err
	}
	if settings.ignoreErrorCodes, err = httpStatuses("ignore_error_codes", config.IgnoreErrorCodes); err != nil {
		return settings, err
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

// wholeNumber reads an optional whole-number argument of at least minimum. The numeric arguments are declared as
// expressions, not ints, because the SDK reports a value of the wrong type without naming the argument
// ("Unsuitable value: a number is required"); read here, the error names it and gives an example.
func wholeNumber(name string, expr hcl.Expression, minimum, fallback int) (int, error) {
	if expr == nil {
		return fallback, nil
	}
	value, diags := expr.Value(nil)
	if diags.HasErrors() {
		return 0, fmt.Errorf("%s: %s", name, diags.Error())
	}
	if value.IsNull() {
		return fallback, nil
	}
	if number, err := convert.Convert(value, cty.Number); err == nil && number.IsKnown() {
		if n, accuracy := number.AsBigFloat().Int64(); accuracy == big.Exact && n >= int64(minimum) && n <= 1<<20 {
			return int(n), nil
		}
	}
	return 0, fmt.Errorf("%s = %s is not valid: it must be a whole number of at least %d, such as %s = %d",
		name, describeValue(value), minimum, name, max(minimum, fallback))
}

// httpStatuses reads an optional list of HTTP error statuses, such as [403, 404]. A status may be written as a
// number or as a string of digits ("403"), as some of Turbot's plugins write theirs; anything else, or a status
// outside 400-599, is refused with the value that is wrong.
func httpStatuses(name string, expr hcl.Expression) ([]int, error) {
	if expr == nil {
		return nil, nil
	}
	value, diags := expr.Value(nil)
	if diags.HasErrors() {
		return nil, fmt.Errorf("%s: %s", name, diags.Error())
	}
	if value.IsNull() {
		return nil, nil
	}
	example := fmt.Sprintf("such as %s = [403]", name)
	if !value.IsKnown() || !isCollection(value.Type()) {
		return nil, fmt.Errorf("%s = %s is not valid: it must be a list of HTTP statuses, %s", name, describeValue(value), example)
	}
	var statuses []int
	for it := value.ElementIterator(); it.Next(); {
		_, element := it.Element()
		status, err := wholeNumber(name, hcl.StaticExpr(element, hcl.Range{}), 400, 0)
		if err != nil || element.IsNull() || status > 599 {
			return nil, fmt.Errorf("%s: %s is not an HTTP error status: list statuses from 400 to 599, %s",
				name, describeValue(element), example)
		}
		if !slices.Contains(statuses, status) {
			statuses = append(statuses, status)
		}
	}
	slices.Sort(statuses)
	return statuses, nil
}

// describeValue shows a configuration value the way the user wrote it, for an error message.
func describeValue(value cty.Value) string {
	if value.IsNull() || !value.IsKnown() {
		return "null"
	}
	if value.Type() == cty.String {
		return fmt.Sprintf("%q", value.AsString())
	}
	if value.Type() == cty.Number {
		return value.AsBigFloat().Text('g', -1)
	}
	return value.Type().FriendlyName()
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

// isCollection reports whether an HCL value of type t holds a list of elements: a list, a tuple or a set.
func isCollection(t cty.Type) bool {
	return t.IsListType() || t.IsTupleType() || t.IsSetType()
}
