// Package harness runs the plugin in process through its own gRPC surface, the way Steampipe's FDW and export tools
// drive it, but synchronously: SetAllConnectionConfigs parses and validates the connection config, and Execute runs a
// query and returns the plugin's error directly. See docs/development.md ("Testing levels").
package harness

import (
	"context"
	"fmt"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	grpclib "google.golang.org/grpc"

	"github.com/pipeworks/steampipe-plugin-prolific/internal/host"
	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

// ConnectionName is the connection every harness plugin serves.
const ConnectionName = host.DefaultConnection

// Plugin is an in-process plugin server with one connection: the host the export CLI and the SQLite extension run
// on (internal/host), with the query cache off unless a query asks for it.
type Plugin struct {
	host *host.Host
}

// Config returns the HCL of a connection to baseURL with the fake's token and fast retries, plus any extra lines.
func Config(baseURL string, extra ...string) string {
	settings := map[string]string{
		"base_url": fmt.Sprintf("%q", baseURL), "token": fmt.Sprintf("%q", fakeapi.DefaultToken),
		"retry_base_delay": `"5ms"`, "max_retry_wait": `"5s"`, "timeout": `"2s"`,
	}
	for _, line := range extra { // "name = value" lines replace the defaults above
		name, value, _ := strings.Cut(line, "=")
		settings[strings.TrimSpace(name)] = strings.TrimSpace(value)
	}
	names := make([]string, 0, len(settings))
	for name := range settings {
		names = append(names, name)
	}
	sort.Strings(names)
	var config strings.Builder
	for _, name := range names {
		fmt.Fprintf(&config, "%s = %s\n", name, settings[name])
	}
	return config.String()
}

// StartFake serves a new fake Prolific API until the test ends and returns it with its base URL.
func StartFake(t testing.TB) (*fakeapi.Server, string) {
	t.Helper()
	api := fakeapi.New()
	server := httptest.NewServer(api)
	t.Cleanup(server.Close)
	return api, server.URL
}

// Start builds the plugin and sets its connection config. A config error fails the test.
func Start(t testing.TB, config string) *Plugin {
	t.Helper()
	p, err := StartErr(config)
	if err != nil {
		t.Fatalf("SetAllConnectionConfigs: %v", err)
	}
	return p
}

// StartErr is Start for tests that expect the config to be refused.
func StartErr(config string) (*Plugin, error) {
	return startHost(nil, config)
}

// StartWith is Start for another plugin definition, such as the benchmark's SDK floor.
func StartWith(t testing.TB, pluginFunc plugin.PluginFunc, config string) *Plugin {
	t.Helper()
	p, err := startHost(pluginFunc, config)
	if err != nil {
		t.Fatalf("SetAllConnectionConfigs: %v", err)
	}
	return p
}

func startHost(pluginFunc plugin.PluginFunc, config string) (*Plugin, error) {
	h := host.Start(host.Options{Plugin: pluginFunc, Cache: host.NoCache})
	return &Plugin{host: h}, h.Configure(config)
}

// Schema returns the table schemas the plugin reports.
func (p *Plugin) Schema(t testing.TB) map[string]*proto.TableSchema {
	t.Helper()
	schema, err := p.host.Schema()
	if err != nil {
		t.Fatalf("GetSchema: %v", err)
	}
	return schema
}

// Query is one scan of one table.
type Query struct {
	Table   string
	Columns []string // nil selects every column of the table's schema
	Quals   map[string]*proto.Quals
	Limit   int64 // -1 or 0 for no limit
	Context context.Context
	// ReadDelay makes the reader take this long over each row, as a database converting rows does, so that the
	// plugin is still sending rows when its scan ends: the moment the SDK's error races used to hit.
	ReadDelay time.Duration
	// Cached turns the SDK's query cache on for this query (for host.DefaultCacheTTL, 300 s), as Steampipe does by
	// default; otherwise every query reaches the API.
	Cached bool
}

// hostQuery is q as the host runs it.
func (q Query) hostQuery() host.Query {
	hq := host.Query{Table: q.Table, Columns: q.Columns, Quals: q.Quals, Limit: q.Limit}
	if q.Cached {
		hq.Cache = &host.Cache{Enabled: true, TTL: host.DefaultCacheTTL}
	}
	return hq
}

// Row is one returned row, column name to value.
type Row map[string]*proto.Column

// Execute runs q and returns its rows and the plugin's error. Unless q.Cached is set, the query cache is off, so
// every call reaches the API.
func (p *Plugin) Execute(t testing.TB, q Query) ([]Row, error) {
	t.Helper()
	stream := &captureStream{ctx: q.Context, readDelay: q.ReadDelay}
	if stream.ctx == nil {
		stream.ctx = context.Background()
	}
	err := p.execute(t, q, stream)
	return stream.rows, err
}

// execute sends q to the plugin's Execute with the given stream.
func (p *Plugin) execute(t testing.TB, q Query, stream proto.WrapperPlugin_ExecuteServer) error {
	t.Helper()
	if q.Columns == nil {
		for _, c := range p.Schema(t)[q.Table].GetColumns() {
			q.Columns = append(q.Columns, c.Name)
		}
	}
	return p.host.Execute(q.hostQuery(), stream)
}

// newExecuteRequest is the request Steampipe would send for q.
func newExecuteRequest(q Query) *proto.ExecuteRequest {
	hq := q.hostQuery()
	cache := host.NoCache
	if hq.Cache != nil {
		cache = *hq.Cache
	}
	return host.NewRequest(ConnectionName, hq, cache)
}

// MustExecute is Execute for queries that must succeed.
func (p *Plugin) MustExecute(t testing.TB, q Query) []Row {
	t.Helper()
	rows, err := p.Execute(t, q)
	if err != nil {
		t.Fatalf("query %s: %v", q.Table, err)
	}
	return rows
}

// captureStream collects the rows Execute sends.
type captureStream struct {
	grpclib.ServerStream // nil: only Send and Context are used
	ctx                  context.Context
	readDelay            time.Duration
	mu                   sync.Mutex
	rows                 []Row
}

func (s *captureStream) Send(r *proto.ExecuteResponse) error {
	if s.readDelay > 0 && r != nil && r.Row != nil {
		time.Sleep(s.readDelay)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if r != nil && r.Row != nil {
		s.rows = append(s.rows, r.Row.Columns)
	}
	return nil
}

func (s *captureStream) Context() context.Context { return s.ctx }

// Equals is a qual map with column = value for each pair.
func Equals(pairs ...string) map[string]*proto.Quals {
	quals := map[string]*proto.Quals{}
	for i := 0; i+1 < len(pairs); i += 2 {
		quals[pairs[i]] = &proto.Quals{Quals: []*proto.Qual{{
			FieldName: pairs[i], Operator: &proto.Qual_StringValue{StringValue: "="},
			Value: &proto.QualValue{Value: &proto.QualValue_StringValue{StringValue: pairs[i+1]}},
		}}}
	}
	return quals
}

// In is a qual map with column = any of values, as PostgreSQL sends an IN list.
func In(column string, values ...string) map[string]*proto.Quals {
	list := &proto.QualValueList{}
	for _, v := range values {
		list.Values = append(list.Values, &proto.QualValue{Value: &proto.QualValue_StringValue{StringValue: v}})
	}
	return map[string]*proto.Quals{column: {Quals: []*proto.Qual{{
		FieldName: column, Operator: &proto.Qual_StringValue{StringValue: "="},
		Value: &proto.QualValue{Value: &proto.QualValue_ListValue{ListValue: list}},
	}}}}
}

// Value converts a column to a plain Go value: nil, string, int64, float64, bool, time.Time, or decoded JSON.
func Value(t testing.TB, c *proto.Column) any {
	t.Helper()
	v, err := host.ValueOf(c).Any()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// Kind names the type of a column's value, to check column types: "null", "string", "int", "bool", "timestamp",
// "json", "double".
func Kind(c *proto.Column) string {
	return host.ValueOf(c).Kind.String()
}

// ByColumn indexes rows by the string value of one column; it fails the test on a duplicate.
func ByColumn(t testing.TB, rows []Row, column string) map[string]Row {
	t.Helper()
	index := make(map[string]Row, len(rows))
	for _, row := range rows {
		key := row[column].GetStringValue()
		if _, dup := index[key]; dup {
			t.Fatalf("duplicate %s %q", column, key)
		}
		index[key] = row
	}
	return index
}

// Strings returns the string values of one column, sorted.
func Strings(rows []Row, column string) []string {
	values := make([]string, 0, len(rows))
	for _, row := range rows {
		values = append(values, row[column].GetStringValue())
	}
	sort.Strings(values)
	return values
}

// Timestamp parses an RFC 3339 time for expectations.
func Timestamp(t testing.TB, text string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339Nano, text)
	if err != nil {
		t.Fatalf("bad expected timestamp %q: %v", text, err)
	}
	return v.UTC()
}

// connectionConfigs is the request that gives a plugin its one connection, as Steampipe sends it.
func connectionConfigs(config string) *proto.SetAllConnectionConfigsRequest {
	return host.ConfigRequest(ConnectionName, config)
}

// Count runs q like Execute but keeps no rows: it only counts them, so a large read holds no memory in the harness.
func (p *Plugin) Count(t testing.TB, q Query) (int, error) {
	t.Helper()
	count := 0
	err := p.Each(t, q, func(Row) error { count++; return nil })
	return count, err
}

// Each runs q like Execute but hands each row to each as the plugin sends it and keeps none.
func (p *Plugin) Each(t testing.TB, q Query, each func(Row) error) error {
	t.Helper()
	stream := &eachStream{captureStream: captureStream{ctx: q.Context}, each: each}
	if stream.ctx == nil {
		stream.ctx = context.Background()
	}
	return p.execute(t, q, stream)
}

type eachStream struct {
	captureStream
	each func(Row) error
}

func (s *eachStream) Send(r *proto.ExecuteResponse) error {
	if r != nil && r.Row != nil {
		return s.each(r.Row.Columns)
	}
	return nil
}

// SetRateLimiters replaces the plugin's rate limiter definitions by name, as a `limiter` block in the user's plugin
// configuration does.
func (p *Plugin) SetRateLimiters(t testing.TB, definitions ...*proto.RateLimiterDefinition) {
	t.Helper()
	if err := p.host.SetRateLimiters(definitions...); err != nil {
		t.Fatalf("SetRateLimiters: %v", err)
	}
}
