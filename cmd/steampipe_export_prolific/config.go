package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// steampipeOnlyArguments are arguments of a Steampipe connection block that Steampipe reads itself and does not pass
// to the plugin.
var steampipeOnlyArguments = []string{"plugin", "type", "connections", "import_schema"}

// connectionConfig returns the HCL settings of the connection the export uses: --config as given, or the body of the
// `connection "NAME"` block in the config directory's *.spc files, as Steampipe would pass it to the plugin. With
// neither, the settings are empty and the plugin falls back to PROLIFIC_TOKEN and PROLIFIC_URL. A --connection that
// names no block is an error; the default name "prolific" may be absent.
func connectionConfig(opts options, lookup func(string) (string, bool)) (string, error) {
	if opts.configSet {
		return opts.config, nil
	}
	dir := opts.configDir
	if dir == "" {
		dir = defaultConfigDir(lookup)
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.spc"))
	if err != nil {
		return "", err
	}
	sort.Strings(files)
	var found []string
	var body, from string
	for _, file := range files {
		blocks, err := connectionBlocks(file)
		if err != nil {
			return "", err
		}
		for name, block := range blocks {
			found = append(found, name)
			if name != opts.connection {
				continue
			}
			if from != "" {
				return "", fmt.Errorf("connection %q is defined twice, in %s and %s: keep one", name, from, file)
			}
			body, from = block, file
		}
	}
	if from == "" && opts.connection != "prolific" {
		sort.Strings(found)
		known := "none"
		if len(found) > 0 {
			known = strings.Join(found, ", ")
		}
		return "", fmt.Errorf("no connection %q in %s: the connections there are: %s", opts.connection,
			filepath.Join(dir, "*.spc"), known)
	}
	return body, nil
}

// defaultConfigDir is Steampipe's: $STEAMPIPE_INSTALL_DIR/config, else ~/.steampipe/config.
func defaultConfigDir(lookup func(string) (string, bool)) string {
	if dir, ok := lookup("STEAMPIPE_INSTALL_DIR"); ok && dir != "" {
		return filepath.Join(dir, "config")
	}
	home, ok := lookup("HOME")
	if !ok || home == "" {
		home, _ = os.UserHomeDir()
	}
	return filepath.Join(home, ".steampipe", "config")
}

// connectionBlocks reads one .spc file and returns, for each connection block of the prolific plugin, its arguments
// without Steampipe's own, as HCL text.
func connectionBlocks(file string) (map[string]string, error) {
	src, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	parsed, diags := hclsyntax.ParseConfig(src, file, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, errors.New(diags.Error())
	}
	blocks := map[string]string{}
	for _, block := range parsed.Body.(*hclsyntax.Body).Blocks {
		if block.Type != "connection" || len(block.Labels) != 1 || !isProlificBlock(block.Body) {
			continue
		}
		var text strings.Builder
		for _, attr := range sortedAttributes(block.Body) {
			if slices.Contains(steampipeOnlyArguments, attr.Name) {
				continue
			}
			r := attr.SrcRange
			text.Write(src[r.Start.Byte:r.End.Byte])
			text.WriteByte('\n')
		}
		blocks[block.Labels[0]] = text.String()
	}
	return blocks, nil
}

// isProlificBlock reports whether a connection block's plugin is this one: "prolific", or a longer reference to it
// such as "local/prolific" or "pipeworks/prolific@latest".
func isProlificBlock(body *hclsyntax.Body) bool {
	attr := body.Attributes["plugin"]
	if attr == nil {
		return false
	}
	value, diags := attr.Expr.Value(nil)
	if diags.HasErrors() || value.Type() != cty.String || value.IsNull() {
		return false
	}
	name := value.AsString()
	name = name[strings.LastIndex(name, "/")+1:]
	name, _, _ = strings.Cut(name, "@")
	return name == "prolific" || name == "steampipe-plugin-prolific"
}

// sortedAttributes returns a block's attributes in the order they appear in the file.
func sortedAttributes(body *hclsyntax.Body) []*hclsyntax.Attribute {
	attrs := make([]*hclsyntax.Attribute, 0, len(body.Attributes))
	for _, attr := range body.Attributes {
		attrs = append(attrs, attr)
	}
	sort.Slice(attrs, func(i, j int) bool { return attrs[i].SrcRange.Start.Byte < attrs[j].SrcRange.Start.Byte })
	return attrs
}
