package config

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/rosterm/rosterm/keymap/suggest"
)

// Source says where a secret comes from.
type Source int

// The places a secret can come from.
const (
	Unset       Source = iota
	FromPlain          // written in the configuration file itself
	FromEnv            // an environment variable named in the file
	FromFile           // a file only its owner can read
	FromCommand        // the first line of a command's output (a password manager)
)

// CommandTimeout is how long a secret's command may run.
const CommandTimeout = 30 * time.Second

// Secret is a credential setting. Its value is known once Resolve has run
// (at once for Plain); nothing prints it.
type Secret struct {
	From  Source
	Ref   string // the variable name, file path or command
	value string
	at    at
}

// PlainSecret is a secret given as a value, as the demo profile's are.
func PlainSecret(v string) Secret { return Secret{From: FromPlain, value: v} }

// IsSet reports whether the setting was given.
func (s Secret) IsSet() bool { return s.From != Unset }

// Value is the secret, once resolved.
func (s Secret) Value() string { return s.value }

// Describe says where the secret comes from, never what it is.
func (s Secret) Describe() string {
	switch s.From {
	case FromPlain:
		return "written in the file"
	case FromEnv:
		return "from $" + s.Ref
	case FromFile:
		return "from file " + s.Ref
	case FromCommand:
		return fmt.Sprintf("from command %q", s.Ref)
	}
	return "not set"
}

// secretKeys are the forms a secret's mapping may take.
var secretKeys = []string{"env", "file", "command"}

// secret decodes a credential: a plain string, or a mapping with exactly
// one of env, file or command. A plain string is refused when others can
// read the file (perm is the file's permission bits).
func (d *decoder) secret(dst *Secret, perm fs.FileMode) func(_, v *yaml.Node, path string) {
	return func(_, v *yaml.Node, path string) {
		s := Secret{at: d.at(v, path)}
		switch {
		case isScalar(v) && v.Value != "":
			if perm&0o077 != 0 {
				d.fail(v, path, "a secret is written in the file, which others can read (mode %04o): run chmod 600 %s, or give it as {env: NAME}, {file: PATH} or {command: CMD}", perm, d.file)
				return
			}
			s.From, s.value = FromPlain, v.Value
		case v.Kind == yaml.MappingNode && len(v.Content) == 2:
			k, val := v.Content[0], deref(v.Content[1])
			forms := map[string]Source{"env": FromEnv, "file": FromFile, "command": FromCommand}
			from, ok := forms[k.Value]
			if !ok {
				d.fail(k, path, "unknown key %q%s (allowed: env, file, command)", k.Value, suggest.DidYouMean(k.Value, secretKeys))
				return
			}
			if !isScalar(val) || val.Value == "" {
				d.fail(val, join(path, k.Value), "want a non-empty string, got %s", describe(val))
				return
			}
			s.From, s.Ref = from, val.Value
		default:
			d.fail(v, path, "want a string, or one of {env: NAME}, {file: PATH}, {command: CMD}, got %s", describe(v))
			return
		}
		*dst = s
	}
}

// resolve reads the secret from where it comes from.
func (s *Secret) resolve(ctx context.Context) error {
	var err error
	switch s.From {
	case Unset, FromPlain:
		return nil
	case FromEnv:
		if s.value = os.Getenv(s.Ref); s.value == "" {
			err = fmt.Errorf("the environment variable %s is not set", s.Ref)
		}
	case FromFile:
		s.value, err = readSecretFile(s.Ref)
	case FromCommand:
		s.value, err = runSecretCommand(ctx, s.Ref)
	}
	if err != nil {
		return s.at.errorf("%v", err)
	}
	return nil
}

// readSecretFile reads a secret from a file that only its owner can read,
// as ssh does for keys.
func readSecretFile(name string) (string, error) {
	path, err := ExpandHome(name)
	if err != nil {
		return "", err
	}
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", fmt.Errorf("the file %s does not exist", name)
	case err != nil:
		return "", fmt.Errorf("cannot read %s: %v", name, errors.Unwrap(err))
	case fi.IsDir():
		return "", fmt.Errorf("%s is a directory, not a file holding the secret", name)
	case fi.Mode().Perm()&0o077 != 0:
		return "", fmt.Errorf("refusing %s: others can read it (mode %04o); run: chmod 600 %s", name, fi.Mode().Perm(), name)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("cannot read %s: %v", name, errors.Unwrap(err))
	}
	v := strings.TrimSpace(string(b))
	if v == "" {
		return "", fmt.Errorf("the file %s is empty", name)
	}
	return v, nil
}

// runSecretCommand runs command with sh and takes the first line of its
// output, as `pass show` prints the password first.
func runSecretCommand(ctx context.Context, command string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, CommandTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "sh", "-c", command)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	ownGroup(cmd)
	// A command that leaves a child holding its output open still returns.
	cmd.WaitDelay = time.Second
	err := cmd.Run()
	switch {
	case ctx.Err() != nil:
		return "", fmt.Errorf("the command %q did not finish in time", command)
	case err != nil:
		msg := fmt.Sprintf("the command %q failed (%v)", command, err)
		if line := firstLine(stderr.String()); line != "" {
			msg += ": " + line
		}
		return "", errors.New(msg)
	}
	v := firstLine(stdout.String())
	if v == "" {
		return "", fmt.Errorf("the command %q printed nothing", command)
	}
	return v, nil
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(line)
}

// ExpandHome replaces a leading ~ with the home directory.
func ExpandHome(path string) (string, error) {
	if path != "~" && !strings.HasPrefix(path, "~/") {
		return path, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("cannot expand ~ in %s: %v", path, err)
	}
	return filepath.Join(home, path[1:]), nil
}
