package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReaderOptionsFromConfig(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "config.toml")
	os.WriteFile(bad, []byte("theme = \"purple\"\n"), 0o644)
	t.Setenv("HERALD_CONFIG", bad)
	_, err := readerOptions(false)
	if err == nil || !strings.Contains(err.Error(), bad) || !strings.Contains(err.Error(), "--no-config") {
		t.Fatalf("bad config: got %v, want an error naming the file and --no-config", err)
	}
	opts, err := readerOptions(true)
	if err != nil || opts.Theme != "auto" {
		t.Fatalf("--no-config: %+v, %v", opts, err)
	}
	good := filepath.Join(t.TempDir(), "config.toml")
	os.WriteFile(good, []byte("theme = \"light\"\n[keys]\n\"list.open\" = [\"l\"]\n"), 0o644)
	t.Setenv("HERALD_CONFIG", good)
	opts, err = readerOptions(false)
	if err != nil || opts.Theme != "light" || opts.Keys.List.Open.Keys()[0] != "l" {
		t.Fatalf("good config: %+v, %v", opts.Theme, err)
	}
}

func TestNoConfigIsAGlobalFlag(t *testing.T) {
	var out, errOut strings.Builder
	code := Run(t.Context(), []string{"--no-config", "--db", filepath.Join(t.TempDir(), "h.db"), "ls"}, strings.NewReader(""), &out, &errOut)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
}
