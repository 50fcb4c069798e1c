package main

import (
	"github.com/pipeworks/steampipe-plugin-prolific/prolific"
	"github.com/turbot/steampipe-plugin-sdk/v5/plugin"
)

func main() {
	plugin.Serve(&plugin.ServeOpts{PluginFunc: prolific.Plugin})
}
