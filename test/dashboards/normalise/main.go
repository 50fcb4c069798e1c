// Command normalise turns Powerpipe's output into stable text for make test-dashboards to compare with a reviewed
// golden file: a dashboard snapshot (powerpipe dashboard run --output snapshot) or a benchmark's JSON
// (powerpipe benchmark run --output json). It keeps what the dashboards show — each panel's or control's title,
// status, error, columns and rows, in layout order — and drops what changes from run to run: start and end times,
// durations, execution ids and the search path.
//
// It exits 1 when a panel or control did not complete or reports an error, after printing everything, so the
// caller sees both the failure and the whole output.
//
// Usage: go run ./test/dashboards/normalise FILE.json >FILE.txt
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: normalise FILE.json")
		os.Exit(2)
	}
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "normalise:", err)
		os.Exit(2)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		fmt.Fprintf(os.Stderr, "normalise: %s is not Powerpipe JSON output: %v\n", os.Args[1], err)
		os.Exit(2)
	}
	// Output goes to a strings.Builder, whose writes cannot fail, and then to stdout in one write.
	var out strings.Builder
	var problems []string
	switch {
	case doc["panels"] != nil:
		problems = writeSnapshot(&out, doc)
	case doc["groups"] != nil || doc["controls"] != nil:
		problems = writeBenchmark(&out, doc)
	default:
		fmt.Fprintf(os.Stderr, "normalise: %s is neither a dashboard snapshot nor benchmark JSON\n", os.Args[1])
		os.Exit(2)
	}
	if _, err := os.Stdout.WriteString(out.String()); err != nil {
		fmt.Fprintln(os.Stderr, "normalise:", err)
		os.Exit(2)
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintln(os.Stderr, "normalise:", p)
		}
		os.Exit(1)
	}
}

// writeSnapshot prints the snapshot's inputs, then every panel in layout order.
func writeSnapshot(w *strings.Builder, doc map[string]any) []string {
	var problems []string
	panels, _ := doc["panels"].(map[string]any)
	if inputs, ok := doc["inputs"].(map[string]any); ok && len(inputs) > 0 {
		for _, name := range sortedKeys(inputs) {
			fmt.Fprintf(w, "input %s = %s\n", name, value(inputs[name]))
		}
	}
	for _, name := range layoutOrder(doc["layout"], panels) {
		panel, _ := panels[name].(map[string]any)
		kind := text(panel["panel_type"])
		status := text(panel["status"])
		fmt.Fprintf(w, "\n%s %s", kind, shortName(name))
		if title := text(panel["title"]); title != "" {
			fmt.Fprintf(w, " %q", title)
		}
		fmt.Fprintf(w, " [%s]\n", status)
		if e := text(panel["error"]); e != "" {
			fmt.Fprintf(w, "  error: %s\n", e)
			problems = append(problems, fmt.Sprintf("%s %s: %s", kind, name, e))
		}
		if status != "" && status != "complete" {
			problems = append(problems, fmt.Sprintf("%s %s finished with status %q", kind, name, status))
		}
		if data, ok := panel["data"].(map[string]any); ok {
			writeTable(w, data)
		}
	}
	return problems
}

// layoutOrder lists the panels depth first as the layout places them, then any others by name.
func layoutOrder(layout any, panels map[string]any) []string {
	var order []string
	seen := map[string]bool{}
	var walk func(node any)
	walk = func(node any) {
		n, ok := node.(map[string]any)
		if !ok {
			return
		}
		if name := text(n["name"]); name != "" && !seen[name] {
			seen[name] = true
			if _, ok := panels[name]; ok {
				order = append(order, name)
			}
		}
		children, _ := n["children"].([]any)
		for _, c := range children {
			walk(c)
		}
	}
	walk(layout)
	for _, name := range sortedKeys(panels) {
		if !seen[name] {
			order = append(order, name)
		}
	}
	return order
}

// writeTable prints a panel's columns and rows, one row a line, values in column order.
func writeTable(w *strings.Builder, data map[string]any) {
	columns, _ := data["columns"].([]any)
	var names []string
	for _, c := range columns {
		col, _ := c.(map[string]any)
		names = append(names, text(col["name"]))
	}
	fmt.Fprintf(w, "  columns: %s\n", strings.Join(names, " | "))
	rows, _ := data["rows"].([]any)
	for _, r := range rows {
		row, _ := r.(map[string]any)
		var values []string
		for _, name := range names {
			values = append(values, value(row[name]))
		}
		fmt.Fprintf(w, "  row: %s\n", strings.Join(values, " | "))
	}
}

// writeBenchmark prints every control of the benchmark's group tree with its summary and results.
func writeBenchmark(w *strings.Builder, doc map[string]any) []string {
	var problems []string
	var walk func(group map[string]any, depth int)
	walk = func(group map[string]any, depth int) {
		indent := strings.Repeat("  ", depth)
		fmt.Fprintf(w, "%sbenchmark %s %q\n", indent, shortName(text(group["group_id"])+text(group["name"])), text(group["title"]))
		controls, _ := group["controls"].([]any)
		for _, c := range controls {
			control, _ := c.(map[string]any)
			name := text(control["control_id"])
			if name == "" {
				name = text(control["name"])
			}
			status := runStatus(control["run_status"])
			fmt.Fprintf(w, "%s  control %s %q [%s]\n", indent, shortName(name), text(control["title"]), status)
			if e := text(control["run_error"]); e != "" {
				fmt.Fprintf(w, "%s    error: %s\n", indent, e)
				problems = append(problems, fmt.Sprintf("control %s: %s", name, e))
			}
			if status != "" && status != "complete" {
				problems = append(problems, fmt.Sprintf("control %s finished with status %q", name, status))
			}
			if summary, ok := control["summary"].(map[string]any); ok {
				var parts []string
				for _, k := range []string{"alarm", "ok", "info", "skip", "error"} {
					parts = append(parts, fmt.Sprintf("%s=%s", k, value(summary[k])))
				}
				fmt.Fprintf(w, "%s    summary: %s\n", indent, strings.Join(parts, " "))
			}
			results, _ := control["results"].([]any)
			for _, r := range results {
				result, _ := r.(map[string]any)
				var dims []string
				ds, _ := result["dimensions"].([]any)
				for _, d := range ds {
					dim, _ := d.(map[string]any)
					dims = append(dims, text(dim["key"])+"="+text(dim["value"]))
				}
				fmt.Fprintf(w, "%s    %s %s: %s", indent, text(result["status"]), text(result["resource"]), text(result["reason"]))
				if len(dims) > 0 {
					fmt.Fprintf(w, " (%s)", strings.Join(dims, ", "))
				}
				fmt.Fprintln(w)
			}
		}
		groups, _ := group["groups"].([]any)
		for _, g := range groups {
			if child, ok := g.(map[string]any); ok {
				walk(child, depth+1)
			}
		}
	}
	walk(doc, 0)
	return problems
}

// runStatus reads a control's run_status, which the JSON output gives as a number (its json template's mapping).
func runStatus(v any) string {
	if n, ok := v.(float64); ok {
		if name, ok := map[float64]string{1: "ready", 2: "started", 4: "complete", 8: "error"}[n]; ok {
			return name
		}
	}
	return text(v)
}

// shortName drops the mod's name, which is the same on every line.
func shortName(name string) string {
	return strings.TrimPrefix(name, "prolific_insights.")
}

func text(v any) string {
	if v == nil {
		return ""
	}
	if s, ok := v.(string); ok {
		return s
	}
	return value(v)
}

// value prints a cell: NULL for null, strings as they are, anything else as compact JSON.
func value(v any) string {
	switch v := v.(type) {
	case nil:
		return "NULL"
	case string:
		return v
	default:
		b, err := json.Marshal(v)
		if err != nil {
			return fmt.Sprint(v)
		}
		return string(b)
	}
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
