package harness

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	goplugin "github.com/hashicorp/go-plugin"

	sdkgrpc "github.com/turbot/steampipe-plugin-sdk/v5/grpc"
	"github.com/turbot/steampipe-plugin-sdk/v5/grpc/proto"
	pluginshared "github.com/turbot/steampipe-plugin-sdk/v5/grpc/shared"
)

// Remote is the plugin binary running as a subprocess over hashicorp/go-plugin, as Steampipe launches it.
type Remote struct {
	client  *sdkgrpc.PluginClient
	process *goplugin.Client
}

// BuildPluginBinary compiles the repository's main.go into a temporary binary, against the patched SDK as every
// build of the repository is (go.mod's replace), the binary `make` installs.
func BuildPluginBinary(t testing.TB) string {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	binary := filepath.Join(t.TempDir(), "steampipe-plugin-prolific.plugin")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Dir = filepath.Join(filepath.Dir(here), "..", "..")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return binary
}

// Launch starts binary over go-plugin and sets its connection config; the subprocess is killed when the test ends.
func Launch(t testing.TB, binary, config string) *Remote {
	t.Helper()
	return LaunchWith(t, binary, config, io.Discard, "STEAMPIPE_LOG_LEVEL=WARN")
}

// LaunchWith is Launch with the plugin's stderr (its log) sent to stderr and env added to its environment.
func LaunchWith(t testing.TB, binary, config string, stderr io.Writer, env ...string) *Remote {
	t.Helper()
	cmd := exec.Command(binary)
	cmd.Env = append(os.Environ(), env...)
	client := goplugin.NewClient(&goplugin.ClientConfig{
		HandshakeConfig:  pluginshared.Handshake,
		Plugins:          map[string]goplugin.Plugin{"prolific": &pluginshared.WrapperPlugin{}},
		Cmd:              cmd,
		AllowedProtocols: []goplugin.Protocol{goplugin.ProtocolGRPC},
		Stderr:           stderr,
	})
	t.Cleanup(client.Kill)
	pc, err := sdkgrpc.NewPluginClient(client, "prolific")
	if err != nil {
		t.Fatalf("start plugin: %v", err)
	}
	_, err = pc.SetAllConnectionConfigs(connectionConfigs(config))
	if err != nil {
		t.Fatalf("SetAllConnectionConfigs: %v", err)
	}
	return &Remote{client: pc, process: client}
}

// SetCacheOptions configures the plugin's query cache as Steampipe does after it starts a plugin (Steampipe's
// defaults are a 300 s lifetime and 16384 MB).
func (r *Remote) SetCacheOptions(t testing.TB, ttlSeconds, maxSizeMb int64) {
	t.Helper()
	if _, err := r.client.SetCacheOptions(&proto.SetCacheOptionsRequest{Enabled: true, Ttl: ttlSeconds, MaxSizeMb: maxSizeMb}); err != nil {
		t.Fatalf("SetCacheOptions: %v", err)
	}
}

// Pid is the process id of the plugin subprocess.
func (r *Remote) Pid() int { return r.process.ReattachConfig().Pid }

// Schema returns the table schemas the binary reports.
func (r *Remote) Schema(t testing.TB) map[string]*proto.TableSchema {
	t.Helper()
	resp, err := r.client.GetSchema(ConnectionName)
	if err != nil {
		t.Fatalf("GetSchema: %v", err)
	}
	return resp.Schema
}

// Execute runs q over gRPC and reads the stream to its end, as Steampipe's FDW does: the rows, then the stream's
// final status, which carries the plugin's error. Columns must be given.
func (r *Remote) Execute(q Query) ([]Row, error) {
	var rows []Row
	err := r.Each(q, func(row Row) error {
		rows = append(rows, row)
		time.Sleep(q.ReadDelay)
		return nil
	})
	return rows, err
}

// Each is Execute that hands each row to each as it arrives and keeps none; an error from each ends the scan.
func (r *Remote) Each(q Query, each func(Row) error) error {
	req := newExecuteRequest(q)
	stream, _, cancel, err := r.client.Execute(req)
	if err != nil {
		return err
	}
	defer cancel()
	for {
		resp, err := stream.Recv()
		if errors.Is(err, io.EOF) || (err == nil && resp == nil) {
			return nil
		}
		if err != nil {
			return err
		}
		if resp.Row != nil {
			if err := each(resp.Row.Columns); err != nil {
				return err
			}
		}
	}
}
