package harness

import (
	"bytes"
	"io"
	"os"
	"sync"
	"testing"
	"time"
)

// Logs captures what the plugin logs. The SDK's logger writes to the os.Stderr it finds when the plugin is built, so
// CaptureLogs must be called before Start, and tests that use it must not run in parallel.
type Logs struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	done chan struct{}
}

// CaptureLogs redirects os.Stderr into a buffer at the given level (TRACE, DEBUG, INFO, WARN) until the test ends.
func CaptureLogs(t testing.TB, level string) *Logs {
	t.Helper()
	t.Setenv("STEAMPIPE_LOG_LEVEL", level)
	reader, writer, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	original := os.Stderr
	os.Stderr = writer
	logs := &Logs{done: make(chan struct{})}
	go func() {
		defer close(logs.done)
		chunk := make([]byte, 32<<10)
		for {
			n, err := reader.Read(chunk)
			logs.mu.Lock()
			logs.buf.Write(chunk[:n])
			logs.mu.Unlock()
			if err == io.EOF || err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() {
		os.Stderr = original
		_ = writer.Close()
		<-logs.done
		_ = reader.Close()
	})
	return logs
}

// String returns everything logged so far.
func (l *Logs) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// WaitFor waits up to a few seconds for text to appear in the logs, since the pipe delivers them asynchronously.
func (l *Logs) WaitFor(text string) bool {
	for range 200 {
		if bytes.Contains([]byte(l.String()), []byte(text)) {
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	return false
}
