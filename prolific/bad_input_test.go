package prolific_test

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pipeworks/steampipe-plugin-prolific/test/fakeapi"
	"github.com/pipeworks/steampipe-plugin-prolific/test/harness"
)

// TestBadIDsAreEscapedOrRefused sends awkward values for every id key column of every table. Each query either
// fails with an error that names the problem, or reaches only the table's own endpoints with the value escaped into
// one path segment or query value (and finds nothing). No value may reach another endpoint, such as users/me.
func TestBadIDsAreEscapedOrRefused(t *testing.T) {
	refused := map[string]string{
		"":                        "empty",
		"   ":                     "empty",
		"..":                      "not a valid id",
		strings.Repeat("7", 5000): "characters long",
		"abc\x00def":              "control characters",
		"line\nbreak":             "control characters",
	}
	escaped := []string{"../../users/me", "a/b?c=d#e", "%2e%2e%2fusers%2fme", "Ünïcødé ✓ \u202eevil", "0b6f2d3e;drop table"}

	for _, probe := range probes {
		for column := range probe.quals {
			t.Run(probe.table+"."+column, func(t *testing.T) {
				api := fakeapi.New()
				server := httptest.NewServer(api)
				defer server.Close()
				p := harness.Start(t, harness.Config(server.URL))
				for value, reason := range refused {
					rows, err := p.Execute(t, harness.Query{Table: probe.table, Quals: harness.Equals(column, value)})
					if err == nil || !strings.Contains(err.Error(), reason) {
						t.Errorf("%s = %.40q: %d rows, err %v; want an error saying %q", column, value, len(rows), err, reason)
					}
				}
				api.ResetLog()
				for _, value := range escaped {
					_, err := p.Execute(t, harness.Query{Table: probe.table, Quals: harness.Equals(column, value)})
					if err != nil && !strings.Contains(err.Error(), "404") {
						t.Errorf("%s = %q: unexpected error %v", column, value, err)
					}
				}
				for _, r := range api.Requests() {
					if strings.HasPrefix(r.Path, "/api/v1/users/me") && probe.table != "prolific_user" {
						t.Errorf("%s reached %s", probe.table, r.Path)
					}
					if strings.Contains(r.Path, "/../") || strings.HasSuffix(r.Path, "/..") {
						t.Errorf("%s sent a dot segment: %s", probe.table, r.Path)
					}
				}
			})
		}
	}
}
