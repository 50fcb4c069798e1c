package main

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

func renderPeers(title string, contenders []*contender, n int, batchID string) string {
	cli := contenders[0]
	fastestPeer := func(round int) time.Duration {
		var best time.Duration
		for _, c := range contenders {
			if c.peer && (best == 0 || c.runs[round].Wall < best) {
				best = c.runs[round].Wall
			}
		}
		return best
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n%s: %d responses (%s), %d rounds; medians, and medians of per-round ratios\n", title, n, batchID,
		len(cli.runs))
	fmt.Fprintf(&b, "%-28s %8s %13s %8s %8s %8s %7s %7s %8s\n", "contender", "rows", "digest", "wall s", "cpu s",
		"RSS MB", "×CLI", "×peer", "×CLIcpu")
	for _, c := range contenders {
		var walls, cpus, rss, toCLI, toPeer, cpuToCLI []float64
		for i, r := range c.runs {
			walls = append(walls, r.Wall.Seconds())
			cpus = append(cpus, r.CPU.Seconds())
			rss = append(rss, r.PeakRSSMB)
			toCLI = append(toCLI, r.Wall.Seconds()/cli.runs[i].Wall.Seconds())
			cpuToCLI = append(cpuToCLI, r.CPU.Seconds()/cli.runs[i].CPU.Seconds())
			if peer := fastestPeer(i); peer > 0 {
				toPeer = append(toPeer, r.Wall.Seconds()/peer.Seconds())
			}
		}
		digestText := c.runs[0].Digest
		if digestText == "" {
			digestText = "(count)"
		}
		fmt.Fprintf(&b, "%-28s %8d %13s %8.2f %8.2f %8.1f %7.2f %7s %8.2f\n", c.name, c.runs[0].Rows, digestText,
			median(walls), median(cpus), median(rss), median(toCLI), ratioText(toPeer), median(cpuToCLI))
		if c.runs[0].PluginRSS > 0 {
			var prss, pcpu []float64
			for _, r := range c.runs {
				prss, pcpu = append(prss, r.PluginRSS), append(pcpu, r.PluginCPU)
			}
			fmt.Fprintf(&b, "%-28s %8s %13s %8s %8.2f %8.1f\n", "  of which the plugin process", "", "", "", median(pcpu), median(prss))
		}
		if c.runs[0].Startup > 0 {
			var startups []float64
			for _, r := range c.runs {
				startups = append(startups, r.Startup.Seconds())
			}
			fmt.Fprintf(&b, "%-28s %8s %13s %8.2f\n", "  of which startup (select 1)", "", "", median(startups))
		}
	}
	b.WriteString("CPU is user+system of the contender's processes (PostgreSQL: psql and the backend; Steampipe query: the CLI\n" +
		"and the processes it waited for; Steampipe service: psql, the backend and the plugin). RSS is the largest process's peak.\n")
	return b.String()
}

func ratioText(ratios []float64) string {
	if len(ratios) == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", median(ratios))
}

// renderFloors prints each figure with its ratio to the floors measured at the same size in the same run.
func renderFloors(results []floorResult) string {
	floors := map[string]map[int]floorResult{}
	for _, r := range results {
		if floors[r.Mode] == nil {
			floors[r.Mode] = map[int]floorResult{}
		}
		if _, seen := floors[r.Mode][r.N]; !seen {
			floors[r.Mode][r.N] = r
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\nFloors: the plugin against what bounds it from below (ratios to floors of the same size in this run)\n")
	fmt.Fprintf(&b, "%-36s %9s %9s %10s %8s %9s %9s %10s %8s %8s %8s %8s\n", "measurement", "responses", "rows",
		"wall ms", "cpu s", "heap MB", "RSS MB", "plugin RSS", "×transf", "×decode", "×SDK", "×SDKcpu")
	for _, r := range results {
		ratio := func(mode string) string {
			if floor, ok := floors[mode][r.N]; ok && floor.Wall > 0 {
				return fmt.Sprintf("%.2f", float64(r.Wall)/float64(floor.Wall))
			}
			return "-"
		}
		cpuRatio := "-"
		if floor, ok := floors["sdkfloor"][r.N]; ok && floor.CPU > 0 {
			cpuRatio = fmt.Sprintf("%.2f", float64(r.CPU)/float64(floor.CPU))
		}
		pluginRSS := "-"
		if r.PluginRSS > 0 {
			pluginRSS = fmt.Sprintf("%.1f", r.PluginRSS)
		}
		fmt.Fprintf(&b, "%-36s %9d %9d %10.1f %8.2f %9.1f %9.1f %10s %8s %8s %8s %8s\n", r.Label, r.N, r.Rows, ms(r.Wall),
			r.CPU.Seconds(), r.PeakHeapMB, r.PeakRSSMB, pluginRSS, ratio("transfer"), ratio("decode"), ratio("sdkfloor"), cpuRatio)
	}
	for _, r := range results {
		if r.Panels != "" {
			fmt.Fprintf(&b, "%s: each panel's wall ms: %s\n", r.Label, r.Panels)
		}
	}
	return b.String()
}

func panelsText(panels []float64) string {
	var parts []string
	for _, p := range panels {
		parts = append(parts, fmt.Sprintf("%.0f", p))
	}
	return strings.Join(parts, " ")
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func median(values []float64) float64 {
	if len(values) == 0 {
		return 0
	}
	sorted := append([]float64(nil), values...)
	sort.Float64s(sorted)
	if len(sorted)%2 == 1 {
		return sorted[len(sorted)/2]
	}
	return (sorted[len(sorted)/2-1] + sorted[len(sorted)/2]) / 2
}
