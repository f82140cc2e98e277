package config_test

import (
	"github.com/rosterm/rosterm/ui"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/rosterm/rosterm/api/config"
)

// The file config init writes is compared with testdata/TestInitWritesTheExample.golden
// (go test ./api/config -run TestInit -update rewrites it after a deliberate change).
func TestInitWritesTheExample(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new", "rosterm", "config.yaml")
	if err := config.Init(path, false); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// The golden file has the secrets' directory as DIR, the same in every run.
	golden.RequireEqual(t, []byte(strings.ReplaceAll(string(data), filepath.Dir(path), "DIR")))
	for _, name := range config.InitSecrets() {
		fi, err := os.Stat(filepath.Join(filepath.Dir(path), name))
		if err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("the secret file %s: %v, mode %v; want it, 0600", name, err, fi)
		}
	}
	fi, _ := os.Stat(path)
	dir, _ := os.Stat(filepath.Dir(path))
	if fi.Mode().Perm() != 0o600 || dir.Mode().Perm() != 0o700 {
		t.Errorf("file mode %o, directory mode %o; want 600 and 700", fi.Mode().Perm(), dir.Mode().Perm())
	}
	if _, err := config.Load(path, ui.DefaultKeys()); err != nil {
		t.Errorf("the example does not load: %v", err)
	}
}

func TestInitKeepsAnExistingFileUnlessForced(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	os.WriteFile(path, []byte("theme: dark\n"), 0o644)
	err := config.Init(path, false)
	if err == nil || !strings.Contains(err.Error(), "already exists; edit it, or pass --force to replace it") {
		t.Fatalf("got %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "theme: dark\n" {
		t.Fatal("the existing file changed")
	}
	if err := config.Init(path, true); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(path)
	if b, _ := os.ReadFile(path); string(b) != config.Example(filepath.Dir(path)) || fi.Mode().Perm() != 0o600 {
		t.Errorf("forced: mode %o", fi.Mode().Perm())
	}
}
