// Package config reads rosterm's configuration file: named profiles, each
// saying where Opigno, Scope and Vision are and where their credentials
// come from (an environment variable, a private file or a command), plus
// key bindings, theme and mouse. It resolves the credentials, builds the API
// clients a profile configures, and checks a profile against its servers.
//
// Every problem in the file is reported with its file and line and what is
// allowed, before the terminal UI starts; no message ever contains a
// secret's value.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/rosterm/rosterm/keymap"
	"github.com/rosterm/rosterm/theme"
)

// File is a configuration file.
type File struct {
	Path           string
	DefaultProfile string
	Profiles       []Profile // in the order of the file
	Keys           map[string][]string
	keymap         *keymap.Map   // the defaults with Keys applied
	Theme          string        // "" means auto
	Mouse          bool          // capture the mouse from the start
	Timeout        time.Duration // per request; 0 means the default
}

// Profile configures any of the three APIs; nil means not configured.
type Profile struct {
	Name     string
	ReadOnly bool // every mutation disabled
	Opigno   *Opigno
	Scope    *Scope
	Vision   *Vision
}

// Opigno is where Opigno is, how to sign in (a fixed Token, or OAuth2
// client credentials at TokenURL) and which user context to act as.
type Opigno struct {
	Endpoint     string
	TokenURL     string
	ClientID     string
	ClientSecret Secret
	Token        Secret
	ActingUUID   string
	// Communities are community ids to show: no query Opigno documents
	// lists the communities of the user rosterm acts as.
	Communities []string
}

// Scope is where Scope is and its API token.
type Scope struct {
	Endpoint string
	Token    Secret
}

// Vision is where Vision is, how to get tokens (an API key and secret
// exchanged at TokenURL, or a fixed Token) and the group ids to watch,
// since Vision cannot list groups.
type Vision struct {
	Endpoint    string
	TokenURL    string
	TokenMethod string // POST (JSON body, the default) or GET (basic auth)
	APIKey      Secret
	APISecret   Secret
	Token       Secret
	Groups      []string
}

// Path finds the configuration file: flagPath (--config), else
// $ROSTERM_CONFIG, else $XDG_CONFIG_HOME/rosterm/config.yaml, else
// ~/.config/rosterm/config.yaml. Explicit reports whether the user named
// the file, in which case it must exist.
func Path(flagPath string, getenv func(string) string) (path string, explicit bool, err error) {
	for _, p := range []string{flagPath, getenv("ROSTERM_CONFIG")} {
		if p != "" {
			p, err := ExpandHome(p)
			return p, true, err
		}
	}
	dir := getenv("XDG_CONFIG_HOME")
	if dir == "" || !filepath.IsAbs(dir) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", false, fmt.Errorf("cannot find the configuration directory: %v", err)
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "rosterm", "config.yaml"), false, nil
}

// Load reads and checks the file at path; its keys: rebind keys, the
// program's default keymap (which knows the program's panes). A missing
// file is an error that satisfies errors.Is(err, fs.ErrNotExist); problems
// in the file are Errors.
func Load(path string, keys *keymap.Map) (*File, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data, fi.Mode().Perm(), keys)
}

// Parse checks data, the contents of the file path whose permission bits
// are perm (they decide whether secrets may be written in it), its keys:
// against the default keymap keys.
func Parse(path string, data []byte, perm fs.FileMode, keys *keymap.Map) (*File, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, Errors{syntaxError(path, err)}
	}
	f := &File{Path: path, keymap: keys}
	if len(doc.Content) == 0 {
		return f, nil // an empty file
	}
	d := &decoder{file: path}
	var defaultNode, keysNode *yaml.Node
	d.mapping(doc.Content[0], "", []field{
		{"default_profile", func(_, v *yaml.Node, p string) { defaultNode = v; d.str(&f.DefaultProfile)(nil, v, p) }},
		{"profiles", func(_, v *yaml.Node, p string) { f.Profiles = d.profiles(v, p, perm) }},
		{"keys", func(_, v *yaml.Node, p string) { keysNode = v; f.Keys = d.keys(v, p) }},
		{"theme", d.checked(&f.Theme, theme.Check)},
		{"mouse", d.boolean(&f.Mouse)},
		{"timeout", d.duration(&f.Timeout)},
	})
	if f.DefaultProfile != "" && f.profile(f.DefaultProfile) == nil {
		d.fail(defaultNode, "default_profile", "no profile is named %q (profiles: %s)", f.DefaultProfile, f.profileNames())
	}
	if keysNode != nil && len(f.Keys) > 0 {
		f.keymap = d.applyKeys(keysNode, f.Keys, keys)
	}
	if err := d.errs.err(); err != nil {
		return nil, err
	}
	return f, nil
}

func (d *decoder) profiles(n *yaml.Node, path string, perm fs.FileMode) []Profile {
	var out []Profile
	d.entries(n, path, "profile names to profiles", func(k, v *yaml.Node) {
		p := Profile{Name: k.Value}
		pp := join(path, k.Value)
		if d.mapping(v, pp, []field{
			{"read_only", d.boolean(&p.ReadOnly)},
			{"opigno", func(k, v *yaml.Node, path string) { p.Opigno = d.opigno(k, v, path, perm) }},
			{"scope", func(k, v *yaml.Node, path string) { p.Scope = d.scope(k, v, path, perm) }},
			{"vision", func(k, v *yaml.Node, path string) { p.Vision = d.vision(k, v, path, perm) }},
		}) && p.Opigno == nil && p.Scope == nil && p.Vision == nil {
			d.fail(k, pp, "configure at least one of opigno, scope and vision")
		}
		out = append(out, p)
	})
	return out
}

func (d *decoder) opigno(k, v *yaml.Node, path string, perm fs.FileMode) *Opigno {
	o := &Opigno{}
	d.mapping(v, path, []field{
		{"endpoint", d.endpoint(&o.Endpoint)},
		{"token_url", d.endpoint(&o.TokenURL)},
		{"client_id", d.str(&o.ClientID)},
		{"client_secret", d.secret(&o.ClientSecret, perm)},
		{"token", d.secret(&o.Token, perm)},
		{"acting_uuid", d.uuid(&o.ActingUUID)},
		{"communities", d.list(&o.Communities, "community ids")},
	})
	d.require(k, path, map[string]bool{"endpoint": o.Endpoint != "", "acting_uuid": o.ActingUUID != ""})
	oauth := o.TokenURL != "" || o.ClientID != "" || o.ClientSecret.IsSet()
	switch {
	case o.Token.IsSet() && oauth:
		d.fail(k, path, "give either token, or token_url with client_id and client_secret, not both")
	case oauth:
		d.require(k, path, map[string]bool{"token_url": o.TokenURL != "", "client_id": o.ClientID != "", "client_secret": o.ClientSecret.IsSet()})
	case !o.Token.IsSet():
		d.fail(k, path, "sign in with token_url, client_id and client_secret (OAuth2 client credentials), or with a token")
	}
	return o
}

func (d *decoder) scope(k, v *yaml.Node, path string, perm fs.FileMode) *Scope {
	s := &Scope{}
	d.mapping(v, path, []field{
		{"endpoint", d.endpoint(&s.Endpoint)},
		{"token", d.secret(&s.Token, perm)},
	})
	d.require(k, path, map[string]bool{"endpoint": s.Endpoint != "", "token": s.Token.IsSet()})
	return s
}

func (d *decoder) vision(k, v *yaml.Node, path string, perm fs.FileMode) *Vision {
	s := &Vision{}
	d.mapping(v, path, []field{
		{"endpoint", d.endpoint(&s.Endpoint)},
		{"token_url", d.endpoint(&s.TokenURL)},
		{"token_method", d.oneOf(&s.TokenMethod, []string{"POST", "GET"})},
		{"api_key", d.secret(&s.APIKey, perm)},
		{"api_secret", d.secret(&s.APISecret, perm)},
		{"token", d.secret(&s.Token, perm)},
		{"groups", d.list(&s.Groups, "group ids")},
	})
	d.require(k, path, map[string]bool{"endpoint": s.Endpoint != ""})
	exchange := s.TokenURL != "" || s.APIKey.IsSet() || s.APISecret.IsSet()
	switch {
	case s.Token.IsSet() && exchange:
		d.fail(k, path, "give either token, or token_url with api_key and api_secret, not both")
	case exchange:
		d.require(k, path, map[string]bool{"token_url": s.TokenURL != "", "api_key": s.APIKey.IsSet(), "api_secret": s.APISecret.IsSet()})
	case !s.Token.IsSet():
		d.fail(k, path, "sign in with token_url, api_key and api_secret")
	}
	return s
}

// require reports the settings of a section that are missing.
func (d *decoder) require(k *yaml.Node, path string, have map[string]bool) {
	var missing []string
	for name, ok := range have {
		if !ok && !d.hasFailed(join(path, name)) {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		d.fail(k, path, "missing %s", strings.Join(missing, ", "))
	}
}

// keys decodes action names to lists of keys; keymap.FromConfig says
// whether they name actions and keys.
func (d *decoder) keys(n *yaml.Node, path string) map[string][]string {
	out := map[string][]string{}
	d.entries(n, path, "action names to keys", func(k, v *yaml.Node) {
		var keys []string
		d.list(&keys, "key names")(k, v, join(path, k.Value))
		if keys != nil {
			out[k.Value] = keys
		}
	})
	return out
}

// applyKeys applies the bindings to the default keymap and reports each
// problem at the line of the action or key it concerns.
func (d *decoder) applyKeys(n *yaml.Node, keys map[string][]string, defaults *keymap.Map) *keymap.Map {
	m, err := keymap.FromConfig(defaults, keys)
	if err == nil {
		return m
	}
	var errs keymap.BindErrors
	if !errors.As(err, &errs) {
		errs = keymap.BindErrors{{Key: -1, Msg: err.Error()}}
	}
	for _, e := range errs {
		d.fail(keyNode(n, e), "keys."+e.Action, "%s", e.Msg)
	}
	return defaults
}

// keyNode finds the node a keymap error is about: the action's name, or
// one key in its list.
func keyNode(keys *yaml.Node, e *keymap.BindError) *yaml.Node {
	keys = deref(keys)
	for i := 0; i+1 < len(keys.Content); i += 2 {
		k, v := keys.Content[i], deref(keys.Content[i+1])
		if k.Value != e.Action {
			continue
		}
		if v.Kind == yaml.SequenceNode && e.Key >= 0 && e.Key < len(v.Content) {
			return v.Content[e.Key]
		}
		return k
	}
	return keys
}

func (f *File) profile(name string) *Profile {
	for i := range f.Profiles {
		if f.Profiles[i].Name == name {
			return &f.Profiles[i]
		}
	}
	return nil
}

func (f *File) profileNames() string {
	if len(f.Profiles) == 0 {
		return "none"
	}
	names := make([]string, len(f.Profiles))
	for i, p := range f.Profiles {
		names[i] = p.Name
	}
	return strings.Join(names, ", ")
}

// Select picks the profile name, or when name is "" the default_profile,
// or the only profile there is.
func (f *File) Select(name string) (Profile, error) {
	switch {
	case name != "":
	case f.DefaultProfile != "":
		name = f.DefaultProfile
	case len(f.Profiles) == 1:
		return f.Profiles[0], nil
	case len(f.Profiles) == 0:
		return Profile{}, &Error{File: f.Path, Msg: "no profiles are configured; add one under profiles: (rosterm config init writes an example), or run with --demo"}
	default:
		return Profile{}, &Error{File: f.Path, Msg: fmt.Sprintf("several profiles and no default_profile: choose one with --profile NAME (profiles: %s)", f.profileNames())}
	}
	if p := f.profile(name); p != nil {
		return *p, nil
	}
	return Profile{}, &Error{File: f.Path, Msg: fmt.Sprintf("no profile is named %q (profiles: %s)", name, f.profileNames())}
}

// Keymap is the default keymap the file was read with, its bindings
// applied.
func (f *File) Keymap() *keymap.Map { return f.keymap }
