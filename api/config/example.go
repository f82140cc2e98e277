package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Example is the file `rosterm config init` writes: every setting, with
// what it does. It works against `rosterm demo-server` once the three
// secrets it names exist.
const Example = `# rosterm configuration. Check it with: rosterm config check [--online]
#
# Secrets are never written here in plain text unless only you can read this
# file. Each one is given as one of:
#   {env: NAME}       an environment variable
#   {file: PATH}      a file only you can read (chmod 600); ~ is your home
#   {command: CMD}    the first line a command prints, e.g. a password manager

# The profile used without --profile.
default_profile: local

profiles:
  # This profile talks to the demo server (rosterm demo-server --addr 127.0.0.1:8765),
  # whose credentials are: OPIGNO_SECRET=demo-secret, the Scope token
  # demo-scope-token, and the Vision api secret demo-secret.
  local:
    # read_only: true disables every change (as does --read-only).
    read_only: false
    # Opigno: possible connections, network and invitations (the Connections pane).
    opigno:
      endpoint: http://127.0.0.1:8765/opigno/graphql
      # OAuth2 client credentials; or instead a fixed token: {env: OPIGNO_TOKEN}
      token_url: http://127.0.0.1:8765/opigno/oauth/token
      client_id: demo-client
      client_secret: {env: OPIGNO_SECRET}
      # The Opigno user context rosterm acts as (Opigno-Client-UUID); --as overrides it.
      acting_uuid: 00000000-0000-4000-8000-000000000001
      # Opigno documents no query listing your communities: on a server that
      # cannot list them, these are the ones the Communities tab shows.
      communities: [14, 27]
    # Scope: users and groups (the Users and Groups panes).
    scope:
      endpoint: http://127.0.0.1:8765/scope/graphql
      token: {file: ~/.config/rosterm/scope.token}
    # XOi Vision: users and groups beside Scope's.
    vision:
      endpoint: http://127.0.0.1:8765/vision/graphql
      token_url: http://127.0.0.1:8765/vision/token
      # token_method: GET   # key and secret by basic auth instead of a JSON POST
      api_key: demo-key
      api_secret: {command: "pass show vision"}
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

// Init writes Example to path, readable only by its owner, creating the
// directory. It does not replace an existing file unless force is set.
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
	if _, err := f.WriteString(Example); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
