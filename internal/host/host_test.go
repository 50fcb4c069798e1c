package host_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pipeworks/steampipe-plugin-prolific/internal/host"
	"github.com/pipeworks/steampipe-plugin-prolific/prolific"
	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
	"google.golang.org/protobuf/types/known/timestamppb"
)

// The variables the plugin and the engines once wrote into the process environment.
var once = []string{"STEAMPIPE_FREE_MEM_INTERVAL", "STEAMPIPE_CACHE_MAX_TTL", "STEAMPIPE_LOG_LEVEL", "STEAMPIPE_CACHE"}

// unset removes names from the environment for the test (restored after it).
func unset(t *testing.T, names ...string) {
	t.Helper()
	for _, name := range names {
		t.Setenv(name, "")
		if err := os.Unsetenv(name); err != nil {
			t.Fatal(err)
		}
	}
}

// batchQuery reads the ids of the all-shapes batch.
var batchQuery = host.Query{Table: "prolific_batch_response", Columns: []string{"id"},
	Quals: harness.Equals("batch_id", fakeapi.BatchAllShapes)}

// rows runs q to its end and counts its rows.
func rows(t *testing.T, h *host.Host, q host.Query) int {
	t.Helper()
	stream := h.Stream(context.Background(), q)
	n := 0
	for {
		resp, err := stream.Recv()
		if err != nil {
			t.Fatalf("query %s: %v", q.Table, err)
		}
		if resp == nil {
			return n
		}
		if resp.Row != nil {
			n++
		}
	}
}

// Loading the plugin must leave the environment of the process that loads it as it was: the SQLite extension runs in
// a Python program, the PostgreSQL extension in a database backend. This builds the definition, starts the host as
// the SQLite extension does, configures it and runs a query, with none of the variables set that the plugin used to
// set when they were missing.
func TestLoadingThePluginLeavesTheEnvironmentAlone(t *testing.T) {
	unset(t, once...)
	before := os.Environ()
	_, baseURL := harness.StartFake(t)

	_ = prolific.Plugin(context.Background())
	h := host.Start(host.Options{Cache: host.CacheFromEnvironment(os.LookupEnv), LogLevel: "error"})
	if err := h.Configure(harness.Config(baseURL)); err != nil {
		t.Fatal(err)
	}
	if n := rows(t, h, batchQuery); n == 0 {
		t.Fatal("the query returned no rows")
	}
	after := os.Environ()
	for _, entry := range after {
		if !slices.Contains(before, entry) {
			t.Errorf("loading the plugin set %s", entry)
		}
	}
	for _, entry := range before {
		if !slices.Contains(after, entry) {
			t.Errorf("loading the plugin removed or changed %s", entry)
		}
	}
}

// With STEAMPIPE_FREE_MEM_INTERVAL unset, the SDK forces no garbage collection while it streams rows
// (patches/sdk/0007); it used to take that from the variable the plugin wrote into the environment.
func TestNoForcedGarbageCollectionByDefault(t *testing.T) {
	unset(t, "STEAMPIPE_FREE_MEM_INTERVAL")
	if got := plugin.GetFreeMemInterval(); got != 0 {
		t.Errorf("free-memory interval %d rows with the variable unset, want 0 (off); is the SDK patched (make sdk)?", got)
	}
	t.Setenv("STEAMPIPE_FREE_MEM_INTERVAL", "1000")
	if got := plugin.GetFreeMemInterval(); got != 1000 {
		t.Errorf("free-memory interval %d rows with STEAMPIPE_FREE_MEM_INTERVAL=1000, want 1000", got)
	}
}

func TestCacheFromEnvironment(t *testing.T) {
	for name, tc := range map[string]struct {
		env  map[string]string
		want host.Cache
	}{
		"unset":         {nil, host.Cache{Enabled: true, TTL: 300 * time.Second}},
		"ttl":           {map[string]string{"STEAMPIPE_CACHE_MAX_TTL": "60"}, host.Cache{Enabled: true, TTL: time.Minute}},
		"off":           {map[string]string{"STEAMPIPE_CACHE": "false"}, host.Cache{TTL: 300 * time.Second}},
		"not a number":  {map[string]string{"STEAMPIPE_CACHE_MAX_TTL": "soon"}, host.Cache{Enabled: true, TTL: 300 * time.Second}},
		"not a boolean": {map[string]string{"STEAMPIPE_CACHE": "maybe"}, host.Cache{Enabled: true, TTL: 300 * time.Second}},
	} {
		got := host.CacheFromEnvironment(func(name string) (string, bool) { v, ok := tc.env[name]; return v, ok })
		if got != tc.want {
			t.Errorf("%s: %+v, want %+v", name, got, tc.want)
		}
	}
}

// Every request carries the host's cache settings, as Steampipe sends its own with each query, unless the query
// brings its own, and the limit where the SDK reads it.
func TestRequestCarriesTheCacheSettingsAndLimit(t *testing.T) {
	h := host.Start(host.Options{Connection: "mine", Cache: host.Cache{Enabled: true, TTL: host.DefaultCacheTTL}})
	req := h.Request(host.Query{Table: "prolific_workspace", Columns: []string{"id"}, Limit: 7})
	data := req.ExecuteConnectionData["mine"]
	if req.Connection != "mine" || !data.CacheEnabled || data.CacheTtl != 300 {
		t.Errorf("connection %q, cache %v for %d s; want mine, on, 300 s", req.Connection, data.CacheEnabled, data.CacheTtl)
	}
	if data.Limit.GetValue() != 7 {
		t.Errorf("limit %v, want 7", data.Limit)
	}
	req = h.Request(host.Query{Table: "prolific_workspace", Columns: []string{"id"}, Cache: &host.NoCache})
	if data := req.ExecuteConnectionData["mine"]; data.CacheEnabled || data.Limit != nil {
		t.Errorf("a query without cache or limit: cache %v, limit %v", data.CacheEnabled, data.Limit)
	}
}

// The cache settings take effect: a host with Steampipe's cache answers a repeated query from the cache; without it,
// each query reaches the API.
func TestCacheSettingsTakeEffect(t *testing.T) {
	for _, tc := range []struct {
		cache    host.Cache
		requests int
	}{{host.CacheFromEnvironment(func(string) (string, bool) { return "", false }), 1}, {host.NoCache, 2}} {
		api, baseURL := harness.StartFake(t)
		h := host.Start(host.Options{Cache: tc.cache})
		if err := h.Configure(harness.Config(baseURL)); err != nil {
			t.Fatal(err)
		}
		first, second := rows(t, h, batchQuery), rows(t, h, batchQuery)
		if first == 0 || first != second {
			t.Errorf("cache %+v: %d rows, then %d", tc.cache, first, second)
		}
		if got := api.RequestsTo(fakeapi.ResponsesPath(fakeapi.BatchAllShapes)); got != tc.requests {
			t.Errorf("cache %+v: %d requests for two queries, want %d", tc.cache, got, tc.requests)
		}
	}
}

// A configuration the plugin refuses is a ConfigError with the plugin's own message.
func TestConfigureRefusal(t *testing.T) {
	err := host.Start(host.Options{}).Configure(`tokn = "x"`)
	if !host.IsConfigError(err) || !strings.Contains(err.Error(), "tokn") {
		t.Errorf("Configure with an unknown argument: %v, want a ConfigError naming it", err)
	}
}

// LogLevel sets the level of the plugin's logger, without the environment; a level the user set wins.
func TestLogLevelOption(t *testing.T) {
	for _, tc := range []struct {
		userLevel string
		logged    bool
	}{{"", false}, {"warn", true}} {
		unset(t, "STEAMPIPE_LOG_LEVEL")
		if tc.userLevel != "" {
			t.Setenv("STEAMPIPE_LOG_LEVEL", tc.userLevel)
		}
		got := captureStderr(t, func() {
			host.Start(host.Options{LogLevel: "off"})
			log.Printf("[WARN] marker-warning")
		})
		if strings.Contains(got, "marker-warning") != tc.logged {
			t.Errorf("STEAMPIPE_LOG_LEVEL=%q and LogLevel off: logged %q; want the warning logged: %v", tc.userLevel, got, tc.logged)
		}
	}
}

// captureStderr returns what run writes to os.Stderr, where the SDK's logger writes.
func captureStderr(t *testing.T, run func()) string {
	t.Helper()
	reader, writer, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	original := os.Stderr
	os.Stderr = writer
	defer func() { os.Stderr = original }()
	run()
	_ = writer.Close()
	out, _ := io.ReadAll(reader)
	_ = reader.Close()
	return string(out)
}

func TestValueOf(t *testing.T) {
	at := time.Date(2026, 9, 14, 10, 22, 31, 412_000_000, time.FixedZone("CEST", 2*3600))
	for name, tc := range map[string]struct {
		in   *proto.Column
		kind host.Kind
		want any
	}{
		"absent":    {nil, host.Null, nil},
		"null":      {&proto.Column{Value: &proto.Column_NullValue{}}, host.Null, nil},
		"string":    {&proto.Column{Value: &proto.Column_StringValue{StringValue: "a"}}, host.String, "a"},
		"int":       {&proto.Column{Value: &proto.Column_IntValue{IntValue: -3}}, host.Int, int64(-3)},
		"double":    {&proto.Column{Value: &proto.Column_DoubleValue{DoubleValue: 0.5}}, host.Double, 0.5},
		"bool":      {&proto.Column{Value: &proto.Column_BoolValue{BoolValue: true}}, host.Bool, true},
		"timestamp": {&proto.Column{Value: &proto.Column_TimestampValue{TimestampValue: timestamppb.New(at)}}, host.Timestamp, at.UTC()},
		"json":      {&proto.Column{Value: &proto.Column_JsonValue{JsonValue: []byte(`{"a":[1]}`)}}, host.JSON, map[string]any{"a": []any{1.0}}},
		"inet":      {&proto.Column{Value: &proto.Column_IpAddrValue{IpAddrValue: "10.0.0.1"}}, host.String, "10.0.0.1"},
	} {
		v := host.ValueOf(tc.in)
		got, err := v.Any()
		if err != nil || v.Kind != tc.kind || fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("%s: %s %#v (%v), want %s %#v", name, v.Kind, got, err, tc.kind, tc.want)
		}
	}
	if v := host.ValueOf(&proto.Column{Value: &proto.Column_TimestampValue{TimestampValue: timestamppb.New(at)}}); v.Time.Location() != time.UTC {
		t.Errorf("timestamp in %s, want UTC", v.Time.Location())
	}
	if _, err := host.ValueOf(&proto.Column{Value: &proto.Column_JsonValue{JsonValue: []byte(`{`)}}).Any(); err == nil {
		t.Error("invalid JSON decoded without an error")
	}
}
