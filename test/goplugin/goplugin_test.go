// Package goplugin builds the plugin binary and drives it over hashicorp/go-plugin, as Steampipe launches it: a
// subprocess serving gRPC, configured and queried through the SDK's own client.
package goplugin

import (
	"debug/buildinfo"
	"fmt"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
)

func TestPluginBinaryOverGoPlugin(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the plugin binary")
	}
	api := fakeapi.New()
	server := httptest.NewServer(api)
	defer server.Close()
	remote := harness.Launch(t, harness.BuildPluginBinary(t), harness.Config(server.URL))

	if _, ok := remote.Schema(t)["prolific_batch_response"]; !ok {
		t.Fatal("schema has no prolific_batch_response")
	}

	columns := []string{"batch_id", "id", "created_at", "answer_values", "schema_version", "no_submission"}
	rows, err := remote.Execute(responses(columns, harness.In("batch_id", fakeapi.BatchSentiment, fakeapi.BatchAllShapes), -1))
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

	limited, err := remote.Execute(responses([]string{"id"}, harness.Equals("batch_id", fakeapi.BatchLarge), 3))
	if err != nil || len(limited) != 3 {
		t.Fatalf("LIMIT 3: %d rows, err %v", len(limited), err)
	}

	_, err = remote.Execute(responses([]string{"id"}, nil, -1))
	if err == nil || !strings.Contains(err.Error(), "missing 1 required qual") {
		t.Fatalf("missing qual: err %v", err)
	}
}

// responses is a scan of prolific_batch_response.
func responses(columns []string, quals map[string]*proto.Quals, limit int64) harness.Query {
	return harness.Query{Table: "prolific_batch_response", Columns: columns, Quals: quals, Limit: limit}
}

// TestPluginBinaryHasPatchedSDK checks what `go version -m` shows for a plain `go build` of the repository: the SDK
// module replaced by the patched copy in third_party. Without that replace the binary could lose errors.
func TestPluginBinaryHasPatchedSDK(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the plugin binary")
	}
	info, err := buildinfo.ReadFile(harness.BuildPluginBinary(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, dep := range info.Deps {
		if dep.Path != "github.com/turbot/steampipe-plugin-sdk/v5" {
			continue
		}
		if dep.Replace == nil || dep.Replace.Path != "./third_party/steampipe-plugin-sdk" {
			t.Fatalf("the SDK is %s %s, replaced by %+v; want ./third_party/steampipe-plugin-sdk", dep.Path, dep.Version, dep.Replace)
		}
		return
	}
	t.Fatal("the binary's build info has no steampipe-plugin-sdk dependency")
}
