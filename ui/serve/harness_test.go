package serve

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	"golang.org/x/crypto/ssh"

	"github.com/rosterm/rosterm/api/config"
	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	"github.com/rosterm/rosterm/api/journal"
	"github.com/rosterm/rosterm/ui"
)

// world is a rosterm serve over the demo server, with people who have
// keys, for tests that sign in with a real SSH client
// (golang.org/x/crypto/ssh).
type world struct {
	t        testing.TB
	srv      *Server
	addr     string
	hostKey  ssh.PublicKey
	journal  string
	users    string // the users file
	demo     *demotest.Server
	keys     map[string]ssh.Signer
	served   chan error
	stopOnce sync.Once
	stopErr  error
	logMu    sync.Mutex
	log      []string
}

func newSigner(t testing.TB) ssh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := ssh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// person is one entry of a test's users file.
type person struct{ name, role, acting string }

// usersFile writes the users file for people, with their keys.
func (w *world) usersFile(people []person) {
	w.t.Helper()
	var b strings.Builder
	b.WriteString("users:\n")
	for _, p := range people {
		if w.keys[p.name] == nil {
			w.keys[p.name] = newSigner(w.t)
		}
		key := strings.TrimSpace(string(ssh.MarshalAuthorizedKey(w.keys[p.name].PublicKey())))
		fmt.Fprintf(&b, "  - name: %s\n    role: %s\n    keys: [%q]\n", p.name, p.role, key+" "+p.name+"@laptop")
		if p.acting != "" {
			fmt.Fprintf(&b, "    acting_uuid: %s\n", p.acting)
		}
	}
	if err := os.WriteFile(w.users, []byte(b.String()), 0o600); err != nil {
		w.t.Fatal(err)
	}
}

var defaultPeople = []person{{"dana", Operator, ""}, {"vic", Viewer, ""}}

// start serves the demo to people; adjust changes the options.
func start(t testing.TB, people []person, adjust func(*Options)) *world {
	t.Helper()
	dir := t.TempDir()
	w := &world{t: t, journal: filepath.Join(dir, "state", "journal.jsonl"), users: filepath.Join(dir, "users.yaml"),
		keys: map[string]ssh.Signer{}, served: make(chan error, 1)}
	w.demo = demotest.Start(t, demo.Options{})
	p, err := demo.Profile(w.demo.URL, 0, "").Resolve(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	cl, err := p.Clients(config.Options{Journal: journal.New(w.journal)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cl.Close)
	w.usersFile(people)
	users, err := LoadUsers(w.users)
	if err != nil {
		t.Fatal(err)
	}
	host := newSigner(t)
	w.hostKey = host.PublicKey()
	o := Options{HostKey: host, Users: users, UsersPath: w.users,
		Log: func(s string) {
			w.logMu.Lock()
			w.log = append(w.log, s)
			w.logMu.Unlock()
		},
		Shared: Shared{Clients: cl, Keys: ui.DefaultKeys(), Theme: "auto", Demo: true, People: demo.People(),
			UndoDelay: 300 * time.Millisecond, Grace: time.Millisecond},
	}
	if adjust != nil {
		adjust(&o)
	}
	w.srv, err = New(o)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	w.addr = ln.Addr().String()
	go func() { w.served <- w.srv.Serve(smallSends{ln}) }()
	t.Cleanup(func() { w.stop(5 * time.Second) })
	return w
}

// smallSends gives each connection a small send buffer, so that a client
// that stops reading its connection (see stall) fills it in a frame or
// two. Over loopback, Linux grows it to megabytes: drawing that much took
// 20 s under the race detector.
type smallSends struct{ net.Listener }

func (l smallSends) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.SetWriteBuffer(8 << 10)
	}
	return c, err
}

// stop shuts the server down, at most d for the sessions to finish.
func (w *world) stop(d time.Duration) error {
	w.stopOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), d)
		defer cancel()
		w.stopErr = w.srv.Shutdown(ctx)
		select {
		case <-w.served:
		case <-time.After(5 * time.Second):
			w.t.Error("Serve did not return after Shutdown")
		}
	})
	return w.stopErr
}

func (w *world) logged(part string) bool {
	w.logMu.Lock()
	defer w.logMu.Unlock()
	for _, l := range w.log {
		if strings.Contains(l, part) {
			return true
		}
	}
	return false
}

// dial signs in with auth, checking the host key.
func (w *world) dial(auth ...ssh.AuthMethod) (*ssh.Client, error) {
	return ssh.Dial("tcp", w.addr, &ssh.ClientConfig{User: "someone", Auth: auth,
		HostKeyCallback: ssh.FixedHostKey(w.hostKey), Timeout: 10 * time.Second})
}

// as signs in as a person of the users file.
func (w *world) as(name string) *ssh.Client {
	w.t.Helper()
	c, err := w.dial(ssh.PublicKeys(w.keys[name]))
	if err != nil {
		w.t.Fatalf("%s signing in: %v", name, err)
	}
	w.t.Cleanup(func() { c.Close() })
	return c
}

// screen is an SSH session with a PTY, its output drawn by a terminal
// emulator as a person's terminal would.
type screen struct {
	t      testing.TB
	sess   *ssh.Session
	in     io.WriteCloser
	mu     sync.Mutex
	vt     *vt.Emulator
	raw    strings.Builder // everything after the UI ended
	got    chan struct{}   // a signal per chunk of output
	bytes  int
	done   chan error // the session's end: its exit status
	ended  bool
	reader bool // reading the output (false: a client that stopped)
}

// open starts the UI in a w×h terminal.
func open(t testing.TB, c *ssh.Client, w, h int, env ...string) *screen {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		_ = sess.Setenv(k, v)
	}
	if err := sess.RequestPty("xterm-256color", h, w, ssh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	s := &screen{t: t, sess: sess, vt: vt.NewEmulator(w, h), got: make(chan struct{}, 1), done: make(chan error, 1), reader: true}
	s.in, err = sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := sess.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	pumped := make(chan struct{})
	go func() { s.pump(out); close(pumped) }()
	// The terminal's answers (its background colour, say) go back as input.
	go func() {
		buf := make([]byte, 256)
		for {
			n, err := s.vt.Read(buf)
			if n > 0 {
				s.in.Write(buf[:n])
			}
			if err != nil {
				return
			}
		}
	}()
	// Wait returns on the exit status, which may overtake the last
	// output (the word on why the session ended): the end counts once
	// that output is on the test's screen too.
	go func() {
		err := sess.Wait()
		select {
		case <-pumped:
		case <-time.After(5 * time.Second):
		}
		s.done <- err
	}()
	// The emulator is not closed: its Read is not safe beside Close, and
	// the goroutine reading its answers ends with the test binary.
	t.Cleanup(func() { sess.Close() })
	return s
}

func (s *screen) pump(out io.Reader) {
	buf := make([]byte, 32*1024)
	for {
		n, err := out.Read(buf)
		if n > 0 {
			s.mu.Lock()
			s.vt.Write(buf[:n])
			s.bytes += n
			s.mu.Unlock()
			select {
			case s.got <- struct{}{}:
			default:
			}
		}
		if err != nil {
			return
		}
	}
}

// text is what the terminal shows.
func (s *screen) text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.vt.String()
}

// waitFor waits until the screen shows every part.
func (s *screen) waitFor(d time.Duration, parts ...string) string {
	s.t.Helper()
	deadline := time.After(d)
	for {
		text := s.text()
		ok := true
		for _, p := range parts {
			ok = ok && strings.Contains(text, p)
		}
		if ok {
			return text
		}
		select {
		case <-s.got:
		case <-time.After(50 * time.Millisecond):
		case <-deadline:
			s.t.Fatalf("the screen did not show %q in %s:\n%s", parts, d, text)
		}
	}
}

// press types keys.
func (s *screen) press(keys string) {
	s.t.Helper()
	if _, err := s.in.Write([]byte(keys)); err != nil {
		s.t.Fatalf("typing %q: %v", keys, err)
	}
}

// exit waits for the session to end and returns its exit status.
func (s *screen) exit(d time.Duration) int {
	s.t.Helper()
	select {
	case err := <-s.done:
		var ee *ssh.ExitError
		switch {
		case err == nil:
			return 0
		case errors.As(err, &ee):
			return ee.ExitStatus()
		}
		return -1
	case <-time.After(d):
		s.t.Fatalf("the session did not end in %s; screen:\n%s", d, s.text())
	}
	return -1
}

// ready waits for the UI to load and say who is signed in.
func (s *screen) ready(name string) string {
	s.t.Helper()
	return s.waitFor(20*time.Second, name+" · demo data", "Aaliyah Alvarez", "Users")
}

// toInvitations focuses Connections, on its Invitations tab.
func (s *screen) toInvitations() {
	s.t.Helper()
	s.press("3")
	s.press("]")
	s.press("]")
	// A tab loads when first shown: wait for the cursor on an invitation,
	// not only the tab, before a key acts on it (not "a accept": a
	// viewer's hints have no changes).
	s.waitFor(10*time.Second, "▸Invitations", "▌ ← ")
}
