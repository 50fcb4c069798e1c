package child

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/pipeworks/steampipe-plugin-prolific/test/bench/floor"
	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

// transfer is the transfer floor: the body downloaded with Go's HTTP client into io.Discard.
func (c *child) transfer() func() (int, error) {
	return func() (int, error) {
		return fetch(c.baseURL, c.batchID, func(body io.Reader) (int, error) {
			_, err := io.Copy(io.Discard, body)
			return c.n, err
		})
	}
}

// decode is the decode floor: the body downloaded and cut into responses by encoding/json (floor.Items), no SDK.
func (c *child) decode() func() (int, error) {
	return func() (int, error) {
		return fetch(c.baseURL, c.batchID, func(body io.Reader) (int, error) {
			rows := 0
			err := floor.Items(body, func(json.RawMessage) error { rows++; return nil })
			return rows, err
		})
	}
}

// sdkFloor is the SDK floor (floor.Plugin) in process, its rows the first responses of the batch, decoded and
// converted before the measurement. It digests its rows as the plugin mode does, so that the two do the same work
// outside the plugin, and so that make bench can check that the floor gives the plugin's rows.
func (c *child) sdkFloor() func() (int, error) {
	var rows []*floor.Row
	body := fakeapi.SyntheticBatch(c.batchID, min(c.n, floor.DistinctRows))
	if err := floor.Decode(bytes.NewReader(body), func(r *floor.Response) { rows = append(rows, floor.NewRow(r, c.batchID)) }); err != nil {
		c.t.Fatal(err)
	}
	p := harness.StartWith(c.t, floor.Plugin(rows, c.n), `token = "t"`)
	return func() (int, error) {
		err := p.Each(c.t, c.query, func(row harness.Row) error { return c.sum.FromRow(row) })
		return c.sum.Rows, err
	}
}

// inProcess is the plugin through its gRPC surface in this process, every column.
func (c *child) inProcess() func() (int, error) {
	p := harness.Start(c.t, harness.Config(c.baseURL, `timeout = "60s"`))
	return func() (int, error) {
		err := p.Each(c.t, c.query, func(row harness.Row) error { return c.sum.FromRow(row) })
		return c.sum.Rows, err
	}
}

// goPlugin is the plugin binary over go-plugin, as Steampipe runs it, every column.
func (c *child) goPlugin() func() (int, error) {
	remote, profile := launch(c.t, c.baseURL)
	if os.Getenv("BENCH_CACHE") == "on" { // Steampipe's query cache, on by default there, at Steampipe's size
		remote.SetCacheOptions(c.t, 300, 16384)
		c.query.Cached = true
	}
	if profile != nil {
		c.after = func() { profile(func() error { return remote.Each(c.query, func(harness.Row) error { return nil }) }) }
	}
	return func() (int, error) {
		err := remote.Each(c.query, func(row harness.Row) error { return c.sum.FromRow(row) })
		c.extra = pluginProcessFigures(c.t, remote.Pid())
		return c.sum.Rows, err
	}
}

// startup is the plugin binary's start over go-plugin, as Steampipe starts it: the process, the handshake, the
// connection's config and the schema. It reads no rows.
func (c *child) startup() func() (int, error) {
	return func() (int, error) {
		remote, _ := launch(c.t, c.baseURL)
		if len(remote.Schema(c.t)) == 0 {
			return 0, fmt.Errorf("the plugin reported no tables")
		}
		c.extra = pluginProcessFigures(c.t, remote.Pid())
		return 0, nil
	}
}

// dashboardPanels are the columns of the panel queries of a dashboard over one batch, as PostgreSQL asks for them:
// counts, breakdowns by type and instruction, participants over time, answers, metadata, and a table of every column.
var dashboardPanels = [][]string{
	{"id"}, {"response_type"}, {"instruction_id", "answer_values"}, {"participant_id", "created_at"},
	{"task_id", "instruction_id", "answer_values"}, {"metadata"}, nil,
}

// dashboard runs the dashboard's panel queries one after another over go-plugin, with the query cache on or off
// (BENCH_CACHE), and reports each panel's wall time.
func (c *child) dashboard() func() (int, error) {
	remote, _ := launch(c.t, c.baseURL)
	remote.SetCacheOptions(c.t, 300, 16384)
	var every []string
	for _, column := range remote.Schema(c.t)[floor.Table].GetColumns() {
		every = append(every, column.Name)
	}
	cached := os.Getenv("BENCH_CACHE") == "on"
	return func() (int, error) {
		var panels []float64
		for _, columns := range dashboardPanels {
			q := c.query
			q.Columns, q.Cached = columns, cached
			if columns == nil {
				q.Columns = every
			}
			start := time.Now()
			rows := 0
			if err := remote.Each(q, func(harness.Row) error { rows++; return nil }); err != nil {
				return 0, err
			}
			if rows != c.n {
				return 0, fmt.Errorf("panel %v: %d rows, want %d", columns, rows, c.n)
			}
			panels = append(panels, float64(time.Since(start).Microseconds())/1000)
		}
		c.extra = pluginProcessFigures(c.t, remote.Pid())
		c.extra["panels_ms"] = panels
		return c.n, nil
	}
}

// fetch GETs a batch's responses from the fake and hands the body to read.
func fetch(baseURL, batchID string, read func(io.Reader) (int, error)) (int, error) {
	req, err := http.NewRequest(http.MethodGet, baseURL+fakeapi.ResponsesPath(batchID), nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Token "+fakeapi.DefaultToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer func() { _ = resp.Body.Close() }()
	return read(resp.Body)
}
