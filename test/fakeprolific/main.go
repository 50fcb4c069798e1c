// Command fakeprolific serves the fake Prolific API of test/fakeapi, with the same fixtures and fault batches the Go
// tests use, for the go-plugin, PostgreSQL and SQLite stages and for `make demo`. Paths under /_fake/ script it
// from outside Go (control.go):
//
//	go run ./test/fakeprolific -addr 127.0.0.1:18081 -token test-token
package main

import (
	"errors"
	"flag"
	"log"
	"net"
	"net/http"
	"strconv"
	"strings"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:18081", "loopback address to listen on")
	token := flag.String("token", fakeapi.DefaultToken, "API token to accept; a comma-separated list accepts each")
	synthetic := flag.String("synthetic", "", "comma-separated batch sizes to serve as synthetic batches with ids bench-<size>, pre-rendered in memory")
	peers := flag.String("peers", "", "comma-separated batch sizes to serve as text-only synthetic batches with ids peers-<size>, which the official Prolific CLI can read too")
	outside := flag.String("outside", "", "comma-separated batch sizes to serve as outside-shape batches (short free-text and multiple-choice answers) with ids outside-<size>")
	visible := map[string][]string{}
	flag.Func("visible", "TOKEN=WORKSPACE[,WORKSPACE...]: the token sees only these workspaces (a 403 for any other); repeatable",
		func(v string) error {
			token, ids, ok := strings.Cut(v, "=")
			if !ok || token == "" {
				return errors.New("want TOKEN=WORKSPACE[,WORKSPACE...]")
			}
			visible[token] = strings.Split(ids, ",")
			return nil
		})
	flag.Parse()

	host, _, err := net.SplitHostPort(*addr)
	if err != nil || (host != "localhost" && !net.ParseIP(host).IsLoopback()) {
		log.Fatalf("fakeprolific: -addr %q must be a loopback address such as 127.0.0.1:18081", *addr)
	}
	server := fakeapi.New()
	tokens := strings.Split(*token, ",")
	server.Token, server.OtherTokens = tokens[0], tokens[1:]
	server.VisibleWorkspaces = visible
	for _, n := range sizes("-synthetic", *synthetic) {
		server.AddBatchBody(fakeapi.SyntheticBatchID(n), fakeapi.SyntheticBatch(fakeapi.SyntheticBatchID(n), n))
	}
	for _, n := range sizes("-peers", *peers) {
		server.AddBatchBody(fakeapi.PeersBatchID(n), fakeapi.PeersBatch(fakeapi.PeersBatchID(n), n))
	}
	for _, n := range sizes("-outside", *outside) {
		server.AddBatchBody(fakeapi.OutsideBatchID(n), fakeapi.OutsideBatch(fakeapi.OutsideBatchID(n), n))
	}
	listener, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatalf("fakeprolific: %v", err)
	}
	log.Printf("fakeprolific: serving the fake Prolific API on http://%s", listener.Addr())
	log.Fatal(http.Serve(listener, withControl(server)))
}

// sizes parses a comma-separated list of batch sizes given to flag.
func sizes(flag, list string) []int {
	var out []int
	for _, size := range strings.Split(list, ",") {
		if size = strings.TrimSpace(size); size == "" {
			continue
		}
		n, err := strconv.Atoi(size)
		if err != nil || n < 0 {
			log.Fatalf("fakeprolific: %s %q: sizes must be whole numbers", flag, list)
		}
		out = append(out, n)
	}
	return out
}
