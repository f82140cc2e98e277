package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/template"
)

// exampleText is the file `rosterm config init` writes: every setting, with
// what it does; {{.Opigno}}, {{.Scope}} and {{.Vision}} are the files beside
// it that hold the demo server's secrets, so that it runs as it is.
const exampleText = `# rosterm configuration. Check it with: rosterm config check [--online]
#
# Secrets are never written here in plain text unless only you can read this
# file. Each one is given as one of:
#   {env: NAME}       an environment variable
#   {file: PATH}      a file only you can read (chmod 600); ~ is your home
#   {command: CMD}    the first line a command prints, e.g. a password manager

# The profile used without --profile.
default_profile: local

profiles:
  # This profile talks to the demo server as it is:
  #   rosterm demo-server --addr 127.0.0.1:8765
  # Its secrets are in files beside this one, readable only by you. For a
  # real server, put its addresses here and its secrets in those files, or
  # give them another way (see the top of this file).
  local:
    # read_only: true disables every change (as does --read-only).
    read_only: false
    # Opigno: possible connections, network and invitations (the Connections pane).
    opigno:
      endpoint: http://127.0.0.1:8765/opigno/graphql
      # OAuth2 client credentials; or instead a fixed token: {env: OPIGNO_TOKEN}
      token_url: http://127.0.0.1:8765/opigno/oauth/token
      client_id: demo-client
      client_secret: {file: {{.Opigno}}}
      # or: client_secret: {env: OPIGNO_SECRET}
      # or: client_secret: {command: "pass show opigno/rosterm"}
      # The Opigno user context rosterm acts as (Opigno-Client-UUID); --as overrides it.
      acting_uuid: 00000000-0000-4000-8000-000000000001
      # Opigno documents no query listing your communities: on a server that
      # cannot list them, these are the ones the Communities tab shows.
      communities: [14, 27]
    # Scope: users and groups (the Users and Groups panes).
    scope:
      endpoint: http://127.0.0.1:8765/scope/graphql
      token: {file: {{.Scope}}}
      # or: token: {env: SCOPE_TOKEN}
      # or: token: {command: "pass show scope"}
    # XOi Vision: users and groups beside Scope's.
    vision:
      endpoint: http://127.0.0.1:8765/vision/graphql
      token_url: http://127.0.0.1:8765/vision/token
      # token_method: GET   # key and secret by basic auth instead of a JSON POST
      api_key: demo-key
      api_secret: {file: {{.Vision}}}
      # or: api_secret: {env: VISION_SECRET}
      # or: api_secret: {command: "pass show vision"}
      # Vision cannot list groups: the group ids to watch.
      groups: [your-org-a-group]

# Rebind any action to one or more keys; rosterm's help (?) lists every
# action and the keys in effect. Key names: a character, or enter, esc,
# tab, space, up, down, pgup, pgdown, home, end, f1…f12, with ctrl+, alt+
# or shift+ in front.
keys:
  accept: [a, A]

# auto (follows the terminal's background), dark, light, high-contrast or
# none. NO_COLOR or --no-color turn colour off.
theme: auto

# mouse: true captures the mouse (wheel scrolls, click focuses a pane); it
# blocks the terminal's own text selection, so it is off by default. The
# M key toggles it while rosterm runs.
mouse: false

# How long one request may take.
timeout: 15s
`

// secretFile is one secret init writes beside the configuration: the demo
// server's, so that the example runs as it is.
type secretFile struct{ name, value string }

var exampleSecrets = [3]secretFile{
	{"opigno.secret", "demo-secret"},
	{"scope.token", "demo-scope-token"},
	{"vision.secret", "demo-secret"},
}

// Example is the file `rosterm config init` writes for a configuration in
// dir: the secrets it names are files in dir.
func Example(dir string) string {
	var b strings.Builder
	paths := map[string]string{}
	for i, k := range []string{"Opigno", "Scope", "Vision"} {
		paths[k] = strconv.Quote(filepath.Join(dir, exampleSecrets[i].name))
	}
	template.Must(template.New("example").Parse(exampleText)).Execute(&b, paths)
	return b.String()
}

// Init writes Example to path, readable only by its owner, creating the
// directory, and beside it the files holding the demo server's secrets
// (0600), so that the profile runs as it is against rosterm demo-server. It
// does not replace an existing configuration unless force is set, and never
// an existing secret file, which may hold a real secret by now.
func Init(path string, force bool) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(path, flags, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; edit it, or pass --force to replace it", path)
	}
	if err != nil {
		return err
	}
	// An existing file keeps its mode with O_TRUNC: make it private too.
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	if _, err := f.WriteString(Example(filepath.Dir(path))); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	for _, sf := range exampleSecrets {
		if err := writeSecret(filepath.Join(filepath.Dir(path), sf.name), sf.value); err != nil {
			return err
		}
	}
	return nil
}

// InitSecrets are the names of the secret files Init writes beside the
// configuration.
func InitSecrets() []string {
	out := make([]string, len(exampleSecrets))
	for i, sf := range exampleSecrets {
		out[i] = sf.name
	}
	return out
}

// writeSecret writes value to a new file only its owner can read; an
// existing file is left as it is.
func writeSecret(path, value string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if _, err := f.WriteString(value + "\n"); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
