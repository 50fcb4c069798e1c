// Command ocipush pushes a release's plugin binaries as the OCI image that Steampipe's plugin installer reads
// (`steampipe plugin install REGISTRY/pipeworks/prolific@VERSION`). make publish runs it (release/publish.sh).
//
// The layout and media types are those of github.com/turbot/pipe-fittings/v2 v2.3.6 ociinstaller, the installer of
// the Steampipe CLI v1.1.3 (see docs/releasing.md, "The OCI image"):
//
//	config  application/vnd.turbot.steampipe.config.v1+json
//	        {"schemaVersion": "2020-11-18", "plugin": {"name", "organization", "version"}}
//	layer   application/vnd.turbot.steampipe.plugin.<os>-<arch>.layer.v1+gzip, one per platform, titled
//	        steampipe-plugin-prolific_<os>_<arch>.gz; the gzip header names the file Steampipe writes
//	layer   application/vnd.turbot.steampipe.plugin.docs.layer.v1+tar   the docs directory (index.md, tables/)
//	layer   application/vnd.turbot.steampipe.plugin.spc.layer.v1+tar    the config directory (prolific.spc)
//	layer   application/vnd.turbot.steampipe.plugin.license.layer.v1+text  LICENSE
//
// Directories are pushed as oras does (a gzipped tar with the io.deis.oras.content.unpack annotation), which the
// installer's oras file store unpacks. The manifest is an OCI image manifest (image-spec v1.0) whose created
// annotation is SOURCE_DATE_EPOCH, so the same dist/ gives the same digest.
//
// Credentials: REGISTRY_USERNAME and REGISTRY_PASSWORD if set, otherwise the Docker config (docker login, oras
// login). TLS is verified with the system roots; SSL_CERT_FILE adds a private CA.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	ocispec "github.com/opencontainers/image-spec/specs-go/v1"
	"oras.land/oras-go/v2"
	"oras.land/oras-go/v2/content"
	"oras.land/oras-go/v2/content/file"
	"oras.land/oras-go/v2/registry/remote"
	"oras.land/oras-go/v2/registry/remote/auth"
	"oras.land/oras-go/v2/registry/remote/credentials"
	"oras.land/oras-go/v2/registry/remote/retry"
)

const (
	mediaTypeConfig  = "application/vnd.turbot.steampipe.config.v1+json"
	mediaTypeBinary  = "application/vnd.turbot.steampipe.plugin.%s-%s.layer.v1+gzip"
	mediaTypeDocs    = "application/vnd.turbot.steampipe.plugin.docs.layer.v1+tar"
	mediaTypeSpc     = "application/vnd.turbot.steampipe.plugin.spc.layer.v1+tar"
	mediaTypeLicense = "application/vnd.turbot.steampipe.plugin.license.layer.v1+text"
	configSchema     = "2020-11-18"
)

var binaryName = regexp.MustCompile(`^steampipe-plugin-prolific_([a-z0-9]+)_([a-z0-9]+)\.gz$`)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "ocipush: ERROR:", err)
		os.Exit(1)
	}
}

// options are the command line.
type options struct {
	dist, image, version, tags, docs, spc, license, org string
	plainHTTP                                           bool
}

func parseOptions() (options, error) {
	var o options
	flag.StringVar(&o.dist, "dist", "dist", "directory with steampipe-plugin-prolific_<os>_<arch>.gz")
	flag.StringVar(&o.image, "image", "", "repository to push to, for example ghcr.io/pipeworks/prolific")
	flag.StringVar(&o.version, "version", "", "plugin version, for example v0.3.0; the image is tagged without the v")
	flag.StringVar(&o.tags, "tags", "latest", "comma-separated further tags")
	flag.StringVar(&o.docs, "docs", "", "docs directory to ship (index.md, tables/)")
	flag.StringVar(&o.spc, "spc", "", "config directory to ship (prolific.spc)")
	flag.StringVar(&o.license, "license", "", "LICENSE file")
	flag.StringVar(&o.org, "org", "pipeworks", "organization in the image config")
	flag.BoolVar(&o.plainHTTP, "plain-http", false, "talk to the registry over plain HTTP")
	flag.Parse()
	if o.image == "" || o.version == "" || o.docs == "" || o.spc == "" || o.license == "" {
		return o, fmt.Errorf("-image, -version, -docs, -spc and -license are required")
	}
	return o, nil
}

func run() error {
	o, err := parseOptions()
	if err != nil {
		return err
	}
	ctx := context.Background()
	tag := strings.TrimPrefix(o.version, "v") // Steampipe strips the v of @v1.2.3 before it looks up the tag

	work, err := os.MkdirTemp("", "ocipush-")
	if err != nil {
		return err
	}
	defer func() { _ = os.RemoveAll(work) }()
	store, err := file.New(work)
	if err != nil {
		return err
	}
	defer func() { _ = store.Close() }()
	store.TarReproducible = true

	layers, platforms, err := addLayers(ctx, store, o)
	if err != nil {
		return err
	}
	name := filepath.Base(o.image)
	cfgDesc, err := pushConfig(ctx, store, name, o.org, tag)
	if err != nil {
		return err
	}
	manifest, err := packManifest(ctx, store, layers, cfgDesc, name, tag)
	if err != nil {
		return err
	}
	repo, err := openRepository(o.image, o.plainHTTP)
	if err != nil {
		return err
	}
	if _, err := oras.Copy(ctx, store, tag, repo, tag, oras.DefaultCopyOptions); err != nil {
		return fmt.Errorf("pushing %s:%s: %w", o.image, tag, err)
	}
	pushed, err := addTags(ctx, repo, manifest, tag, o.tags)
	if err != nil {
		return fmt.Errorf("tagging %s: %w", o.image, err)
	}
	fmt.Printf("pushed %s@%s (%d platforms) as %s:%s\n", o.image, manifest.Digest, platforms, o.image, strings.Join(pushed, ", :"))
	return nil
}

// addLayers adds one layer per platform binary in dist/, then the docs, the config and the licence.
func addLayers(ctx context.Context, store *file.Store, o options) ([]ocispec.Descriptor, int, error) {
	var layers []ocispec.Descriptor
	add := func(name, mediaType, path string) error {
		desc, err := store.Add(ctx, name, mediaType, path)
		if err != nil {
			return fmt.Errorf("adding %s: %w", path, err)
		}
		layers = append(layers, desc)
		return nil
	}
	entries, err := os.ReadDir(o.dist)
	if err != nil {
		return nil, 0, err
	}
	platforms := 0
	for _, e := range entries {
		m := binaryName.FindStringSubmatch(e.Name())
		if m == nil {
			continue
		}
		if err := add(e.Name(), fmt.Sprintf(mediaTypeBinary, m[1], m[2]), filepath.Join(o.dist, e.Name())); err != nil {
			return nil, 0, err
		}
		platforms++
	}
	if platforms == 0 {
		return nil, 0, fmt.Errorf("no steampipe-plugin-prolific_<os>_<arch>.gz in %s: run make release first", o.dist)
	}
	for _, l := range [][3]string{{"docs", mediaTypeDocs, o.docs}, {"config", mediaTypeSpc, o.spc}, {"LICENSE", mediaTypeLicense, o.license}} {
		if err := add(l[0], l[1], l[2]); err != nil {
			return nil, 0, err
		}
	}
	return layers, platforms, nil
}

// pushConfig stores the image config Steampipe reads: the plugin's name, organization and version.
func pushConfig(ctx context.Context, store *file.Store, name, org, tag string) (ocispec.Descriptor, error) {
	var cfg struct {
		SchemaVersion string `json:"schemaVersion"`
		Plugin        struct {
			Name         string `json:"name"`
			Organization string `json:"organization"`
			Version      string `json:"version"`
		} `json:"plugin"`
	}
	cfg.SchemaVersion = configSchema
	cfg.Plugin.Name, cfg.Plugin.Organization, cfg.Plugin.Version = name, org, tag
	cfgBytes, err := json.Marshal(cfg)
	if err != nil {
		return ocispec.Descriptor{}, err
	}
	cfgDesc := content.NewDescriptorFromBytes(mediaTypeConfig, cfgBytes)
	return cfgDesc, store.Push(ctx, cfgDesc, bytes.NewReader(cfgBytes))
}

// packManifest writes the image manifest, dated SOURCE_DATE_EPOCH (or 1970) so the same inputs give the same digest,
// and tags it in the store.
func packManifest(ctx context.Context, store *file.Store, layers []ocispec.Descriptor, cfgDesc ocispec.Descriptor,
	name, tag string) (ocispec.Descriptor, error) {
	created := time.Unix(0, 0).UTC()
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		sec, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return ocispec.Descriptor{}, fmt.Errorf("SOURCE_DATE_EPOCH: %w", err)
		}
		created = time.Unix(sec, 0).UTC()
	}
	manifest, err := oras.PackManifest(ctx, store, oras.PackManifestVersion1_0, "", oras.PackManifestOptions{
		Layers:           layers,
		ConfigDescriptor: &cfgDesc,
		ManifestAnnotations: map[string]string{
			ocispec.AnnotationCreated:  created.Format(time.RFC3339),
			ocispec.AnnotationVersion:  tag,
			ocispec.AnnotationTitle:    name,
			ocispec.AnnotationSource:   "https://github.com/pipeworks/steampipe-plugin-prolific",
			ocispec.AnnotationLicenses: "Apache-2.0",
		},
	})
	if err != nil {
		return manifest, err
	}
	return manifest, store.Tag(ctx, manifest, tag)
}

// openRepository connects to the registry with REGISTRY_USERNAME and REGISTRY_PASSWORD, or the Docker config.
func openRepository(image string, plainHTTP bool) (*remote.Repository, error) {
	repo, err := remote.NewRepository(image)
	if err != nil {
		return nil, err
	}
	repo.PlainHTTP = plainHTTP
	client := &auth.Client{Client: retry.DefaultClient, Cache: auth.NewCache()}
	if user, pass := os.Getenv("REGISTRY_USERNAME"), os.Getenv("REGISTRY_PASSWORD"); user != "" || pass != "" {
		client.Credential = auth.StaticCredential(repo.Reference.Registry, auth.Credential{Username: user, Password: pass})
	} else if creds, err := credentials.NewStoreFromDocker(credentials.StoreOptions{}); err == nil {
		client.Credential = credentials.Credential(creds)
	}
	repo.Client = client
	return repo, nil
}

// addTags tags the pushed manifest with each further tag, and returns every tag it now has.
func addTags(ctx context.Context, repo *remote.Repository, manifest ocispec.Descriptor, tag, tags string) ([]string, error) {
	pushed := []string{tag}
	for _, t := range strings.Split(tags, ",") {
		if t = strings.TrimSpace(t); t == "" || t == tag {
			continue
		}
		if err := repo.Tag(ctx, manifest, t); err != nil {
			return pushed, fmt.Errorf(":%s: %w", t, err)
		}
		pushed = append(pushed, t)
	}
	return pushed, nil
}
