// Package goplugin builds the plugin binary and drives it over hashicorp/go-plugin, as Steampipe launches it: a
// subprocess serving gRPC, configured and queried through the SDK's own client.
package goplugin

import (
	"errors"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	goplugin "github.com/hashicorp/go-plugin"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
	sdkgrpc "github.com/turbot/steampipe-plugin-sdk/v5/grpc"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	pluginshared "github.com/turbot/steampipe-plugin-sdk/v5/grpc/shared"
)

// buildPlugin compiles main.go into a temporary binary.
func buildPlugin(t *testing.T) string {
	t.Helper()
	binary := filepath.Join(t.TempDir(), "steampipe-plugin-prolific.plugin")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Dir = filepath.Join("..", "..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return binary
}

// launch starts the binary over go-plugin and sets its connection config.
func launch(t *testing.T, binary, config string) *sdkgrpc.PluginClient {
	t.Helper()
	cmd := exec.Command(binary)
	cmd.Env = append(os.Environ(), "STEAMPIPE_LOG_LEVEL=WARN")
	client := goplugin.NewClient(&goplugin.ClientConfig{
		HandshakeConfig:  pluginshared.Handshake,
		Plugins:          map[string]goplugin.Plugin{"prolific": &pluginshared.WrapperPlugin{}},
		Cmd:              cmd,
		AllowedProtocols: []goplugin.Protocol{goplugin.ProtocolGRPC},
		Stderr:           io.Discard,
	})
	t.Cleanup(client.Kill)
	pc, err := sdkgrpc.NewPluginClient(client, "prolific")
	if err != nil {
		t.Fatalf("start plugin: %v", err)
	}
	_, err = pc.SetAllConnectionConfigs(&proto.SetAllConnectionConfigsRequest{
		Configs: []*proto.ConnectionConfig{{Connection: "prolific", Plugin: "prolific", PluginShortName: "prolific",
			PluginInstance: "prolific", Config: config}},
		MaxCacheSizeMb: 16,
	})
	if err != nil {
		t.Fatalf("SetAllConnectionConfigs: %v", err)
	}
	return pc
}

// execute runs one query and reads the stream to its end.
func execute(pc *sdkgrpc.PluginClient, columns []string, quals map[string]*proto.Quals, limit int64) ([]map[string]*proto.Column, error) {
	req := &proto.ExecuteRequest{
		Table: "prolific_batch_response", Connection: "prolific", CallId: sdkgrpc.BuildCallId(),
		QueryContext:          proto.NewQueryContext(columns, quals, limit, nil),
		ExecuteConnectionData: map[string]*proto.ExecuteConnectionData{"prolific": {CacheEnabled: false}},
	}
	if limit > 0 {
		req.ExecuteConnectionData["prolific"].Limit = &proto.NullableInt{Value: limit}
	}
	stream, _, cancel, err := pc.Execute(req)
	if err != nil {
		return nil, err
	}
	defer cancel()
	var rows []map[string]*proto.Column
	for {
		resp, err := stream.Recv()
		if errors.Is(err, io.EOF) || (err == nil && resp == nil) {
			return rows, nil
		}
		if err != nil {
			return rows, err
		}
		if resp.Row != nil {
			rows = append(rows, resp.Row.Columns)
		}
	}
}

func TestPluginBinaryOverGoPlugin(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the plugin binary")
	}
	api := fakeapi.New()
	server := httptest.NewServer(api)
	defer server.Close()
	pc := launch(t, buildPlugin(t), harness.Config(server.URL))

	schema, err := pc.GetSchema("prolific")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := schema.Schema["prolific_batch_response"]; !ok {
		t.Fatalf("schema has no prolific_batch_response: %v", schema.Schema)
	}

	columns := []string{"batch_id", "id", "created_at", "answer_values", "schema_version", "no_submission"}
	rows, err := execute(pc, columns, harness.In("batch_id", fakeapi.BatchSentiment, fakeapi.BatchAllShapes), -1)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, row := range rows {
		counts[row["batch_id"].GetStringValue()]++
	}
	if counts[fakeapi.BatchSentiment] != 54 || counts[fakeapi.BatchAllShapes] != 12 {
		t.Fatalf("rows per batch = %v", counts)
	}
	var first []string
	for _, row := range rows {
		if row["id"].GetStringValue() == "3f1c9a52-8e4b-4d7a-9b21-6c0e5f7a1d06" {
			first = append(first, fmt.Sprint(row["created_at"].GetTimestampValue().AsTime().UTC().Format("2006-01-02T15:04:05.000Z")),
				string(row["answer_values"].GetJsonValue()), fmt.Sprint(row["schema_version"].GetIntValue()))
		}
	}
	sort.Strings(first)
	if strings.Join(first, " ") != `2 2026-09-14T10:27:45.250Z ["toxic","spam"]` {
		t.Fatalf("row 06 = %q", first)
	}

	limited, err := execute(pc, []string{"id"}, harness.Equals("batch_id", fakeapi.BatchLarge), 3)
	if err != nil || len(limited) != 3 {
		t.Fatalf("LIMIT 3: %d rows, err %v", len(limited), err)
	}

	_, err = execute(pc, []string{"id"}, nil, -1)
	if err == nil || !strings.Contains(err.Error(), "missing 1 required qual") {
		t.Fatalf("missing qual: err %v", err)
	}
}
