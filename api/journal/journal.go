// Package journal keeps the record of every change rosterm sends: each
// mutation, who sent it and its outcome (applied, refused, or unknown when
// its answer never came back whole), appended as one JSON line to a file
// only its owner can read. A change whose outcome is unknown can be
// checked later against it; on a shared server (rosterm serve) it says
// which person, signed in with which key, did what.
//
// The API client records (api.Client, which sends every mutation); who is
// recorded travels with the request's context (With), since the clients
// are shared by every session of a server and the context is per session.
package journal

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// The outcomes of a change.
const (
	Applied = "applied" // the server carried it out
	Refused = "refused" // the server refused it, or rejected the document: nothing changed
	Unknown = "unknown" // sent, but the answer never came back whole: it may or may not have been applied
)

// Entry is one change sent.
type Entry struct {
	Time time.Time `json:"time"`
	// Person is who sent it: the name in the server's users file for a
	// session of rosterm serve, else the local user's login name.
	Person string `json:"person"`
	// Key is the SHA256 fingerprint of the SSH key the person signed in
	// with (rosterm serve only).
	Key string `json:"key,omitempty"`
	// From is where they connected from (rosterm serve only).
	From string `json:"from,omitempty"`
	// Acting is the Opigno user context the change was sent as.
	Acting    string         `json:"acting,omitempty"`
	API       string         `json:"api"`      // opigno, scope or vision
	Endpoint  string         `json:"endpoint"` // the GraphQL endpoint's URL
	Mutation  string         `json:"mutation"` // the mutation's field: acceptUserInvitation
	Variables map[string]any `json:"variables,omitempty"`
	Outcome   string         `json:"outcome"`           // Applied, Refused or Unknown
	Message   string         `json:"message,omitempty"` // the server's words, or what failed
	Millis    int64          `json:"ms"`                // how long the request took
}

// Person is who a request is sent for.
type Person struct {
	Name string
	Key  string // SSH key fingerprint, "" for the local user
	From string // remote address, "" for the local user
}

type personKey struct{}

// With returns a context whose changes are recorded as sent by p.
func With(ctx context.Context, p Person) context.Context {
	return context.WithValue(ctx, personKey{}, p)
}

// PersonOf is who ctx's requests are sent for, if anyone was named.
func PersonOf(ctx context.Context) (Person, bool) {
	p, ok := ctx.Value(personKey{}).(Person)
	return p, ok
}

type actingKey struct{}

// WithActing notes the Opigno user context a request acts as.
func WithActing(ctx context.Context, uuid string) context.Context {
	return context.WithValue(ctx, actingKey{}, uuid)
}

func actingOf(ctx context.Context) string {
	s, _ := ctx.Value(actingKey{}).(string)
	return s
}

// Local is the person at this computer's keyboard: the login name.
func Local(getenv func(string) string) Person {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return Person{Name: u.Username}
	}
	for _, v := range []string{"USER", "LOGNAME"} {
		if s := getenv(v); s != "" {
			return Person{Name: s}
		}
	}
	return Person{Name: "unknown"}
}

// StateDir is rosterm's state directory: $XDG_STATE_HOME/rosterm, else
// ~/.local/state/rosterm.
func StateDir(getenv func(string) string) (string, error) {
	dir := getenv("XDG_STATE_HOME")
	if dir == "" || !filepath.IsAbs(dir) {
		home := getenv("HOME")
		if home == "" {
			var err error
			if home, err = os.UserHomeDir(); err != nil {
				return "", fmt.Errorf("cannot find the state directory: %v", err)
			}
		}
		dir = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(dir, "rosterm"), nil
}

// Path is the journal's file in the state directory.
func Path(getenv func(string) string) (string, error) {
	dir, err := StateDir(getenv)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "journal.jsonl"), nil
}

// Journal appends entries to one file. It is safe for concurrent use; the
// file (and its directory) is made on the first entry, readable only by
// its owner.
type Journal struct {
	path string
	// OnError hears a failure to write an entry (a full disk, say); nil
	// ignores it.
	OnError func(error)
	mu      sync.Mutex
	now     func() time.Time
}

// New returns the journal kept at path.
func New(path string) *Journal { return &Journal{path: path, now: time.Now} }

// Path is the journal's file.
func (j *Journal) Path() string { return j.path }

// Record appends e, filling in its time and, from ctx, who sent it. A nil
// journal records nothing.
func (j *Journal) Record(ctx context.Context, e Entry) {
	if j == nil {
		return
	}
	if e.Person == "" {
		if p, ok := PersonOf(ctx); ok {
			e.Person, e.Key, e.From = p.Name, p.Key, p.From
		}
	}
	if e.Acting == "" {
		e.Acting = actingOf(ctx)
	}
	if err := j.Append(e); err != nil && j.OnError != nil {
		j.OnError(err)
	}
}

// Touch makes the journal's file (0600) if it is not there, to find out
// early that it can be written.
func (j *Journal) Touch() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	f, err := j.open()
	if err != nil {
		return err
	}
	return f.Close()
}

// open opens the journal's file to append, making it (0600) and its
// directory (0700) if they are not there. The caller holds mu.
func (j *Journal) open() (*os.File, error) {
	if err := os.MkdirAll(filepath.Dir(j.path), 0o700); err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	f, err := os.OpenFile(j.path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	return f, nil
}

// Append writes e as one line.
func (j *Journal) Append(e Entry) error {
	if e.Time.IsZero() {
		e.Time = j.now()
	}
	e.Time = e.Time.UTC()
	e.Variables = Redact(e.Variables)
	line, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	line = append(line, '\n')
	j.mu.Lock()
	defer j.mu.Unlock()
	f, err := j.open()
	if err != nil {
		return err
	}
	if fi, err := f.Stat(); err == nil && fi.Mode().Perm() != 0o600 {
		_ = f.Chmod(0o600) // made by someone else, or by hand: only its owner reads it
	}
	// One write of one line: O_APPEND keeps lines whole even when two
	// programs append at once.
	_, werr := f.Write(line)
	cerr := f.Close()
	if werr != nil {
		return fmt.Errorf("journal: %w", werr)
	}
	if cerr != nil {
		return fmt.Errorf("journal: %w", cerr)
	}
	return nil
}

// Read returns the entries in the file at path, oldest first. A missing
// file has none. A line that cannot be read is returned as an error
// naming it, after the entries before it.
func Read(path string) ([]Entry, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return decode(f, path)
}

func decode(r io.Reader, name string) ([]Entry, error) {
	var out []Entry
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var e Entry
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			return out, fmt.Errorf("%s:%d: not a journal entry: %v", name, n, err)
		}
		out = append(out, e)
	}
	return out, sc.Err()
}

// Redact returns vars with the value of every key that names a secret
// (a password, a token) replaced, at any depth.
func Redact(vars map[string]any) map[string]any {
	if vars == nil {
		return nil
	}
	out, _ := redact(vars).(map[string]any)
	return out
}

func redact(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			if SecretName(k) {
				if s, ok := x.(string); ok && s == "" {
					out[k] = ""
				} else if _, isMap := x.(map[string]any); !isMap {
					out[k] = "[redacted]"
				} else {
					out[k] = redact(x)
				}
				continue
			}
			out[k] = redact(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = redact(x)
		}
		return out
	}
	return v
}

// SecretName reports whether a variable, input field or argument named
// name holds a secret: password, secret, token, apiKey or api_key,
// credentials… A paging token (nextToken) or cursor is no secret. The
// journal and the debug log (package api) both keep such values out.
func SecretName(name string) bool {
	n := strings.ToLower(strings.NewReplacer("_", "", "-", "").Replace(name))
	switch n {
	case "nexttoken", "pagetoken", "nextpagetoken", "continuationtoken", "cursor":
		return false
	}
	for _, w := range []string{"password", "passwd", "passphrase", "secret", "token", "apikey", "credential", "authorization", "privatekey", "accesskey"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// Format is e as one line for people: when, who, what, and the outcome.
// It quotes what servers and people wrote as is: make it safe before
// showing it on a terminal.
func Format(e Entry) string {
	who := e.Person
	if who == "" {
		who = "?"
	}
	if e.Key != "" {
		who += " (" + e.Key + ")"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s  %s  %s %s", e.Time.Local().Format("2006-01-02 15:04:05"), who, e.API, e.Mutation)
	if len(e.Variables) > 0 {
		if v, err := json.Marshal(e.Variables); err == nil {
			b.WriteString(" " + string(v))
		}
	}
	if e.Acting != "" {
		b.WriteString(" acting as " + e.Acting)
	}
	b.WriteString("  " + e.Outcome)
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	return b.String()
}
