package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"

	"github.com/rosterm/rosterm/api/clock"
	"github.com/rosterm/rosterm/api/demo/opigno"
	"github.com/rosterm/rosterm/api/journal"
)

// An operator accepts an invitation: it is sent once its undo window
// ends, and the journal names them, with their key's fingerprint.
func TestOperatorAcceptsAndTheJournalNamesThem(t *testing.T) {
	t.Parallel()
	w := start(t, defaultPeople, nil)
	s := open(t, w.as("dana"), 120, 40)
	s.ready("dana")
	s.toInvitations()
	s.press("a")
	s.waitFor(10*time.Second, "Done: accepted the invitation from")
	es, err := journal.Read(w.journal)
	if err != nil || len(es) != 1 {
		t.Fatalf("journal: %+v %v", es, err)
	}
	e := es[0]
	if e.Person != "dana" || e.Key != ssh.FingerprintSHA256(w.keys["dana"].PublicKey()) || e.Mutation != "acceptUserInvitation" ||
		e.Outcome != journal.Applied || e.API != "opigno" || !strings.HasPrefix(e.From, "127.0.0.1:") {
		t.Fatalf("entry %+v", e)
	}
	s.press("q")
	if code := s.exit(5 * time.Second); code != 0 {
		t.Fatalf("exit status %d", code)
	}
}

// A viewer cannot send a change: the UI says the session is read-only,
// nothing reaches the server and the journal has nothing.
func TestViewerCannotSendAChange(t *testing.T) {
	t.Parallel()
	w := start(t, defaultPeople, nil)
	s := open(t, w.as("vic"), 120, 40)
	if text := s.ready("vic"); !strings.Contains(text, "read-only") {
		t.Fatalf("the status line does not say read-only:\n%s", text)
	}
	s.toInvitations()
	s.press("a")
	s.waitFor(5*time.Second, "Read-only mode")
	s.press("d")
	time.Sleep(time.Second) // more than the undo window
	for _, c := range w.demo.Calls("") {
		if strings.HasPrefix(strings.TrimSpace(c.Query), "mutation") {
			t.Fatalf("a viewer's change reached the server: %s", c.Query)
		}
	}
	if es, _ := journal.Read(w.journal); len(es) != 0 {
		t.Fatalf("journal: %+v", es)
	}
}

// Each session is its own: one person's undo queue, dialogs and focus
// are not another's, and each acts as their own Opigno user.
func TestSessionsStayApart(t *testing.T) {
	t.Parallel()
	w := start(t, []person{{"dana", Operator, ""}, {"mia", Operator, opigno.MemberUUID}}, func(o *Options) {
		o.Shared.UndoDelay = 5 * time.Second
	})
	dana := open(t, w.as("dana"), 120, 40)
	mia := open(t, w.as("mia"), 120, 40)
	dana.ready("dana")
	mia.ready("mia")
	mia.waitFor(10*time.Second, "Demo Member")
	if strings.Contains(dana.text(), "Demo Member") {
		t.Fatal("dana acts as mia's user")
	}
	dana.toInvitations()
	dana.press("a")
	dana.waitFor(5*time.Second, "Accepting the invitation from")
	mia.press("?")
	mia.waitFor(5*time.Second, "Everywhere")
	if strings.Contains(dana.text(), "Everywhere") {
		t.Fatal("mia's help shows on dana's screen")
	}
	if strings.Contains(mia.text(), "Accepting the invitation from") {
		t.Fatal("dana's countdown shows on mia's screen")
	}
	dana.press("u")
	dana.waitFor(5*time.Second, "Undone")
	if strings.Contains(mia.text(), "Undone") {
		t.Fatal("dana's undo shows on mia's screen")
	}
}

// Only keys in the users file sign in, and only by key; a session is a
// terminal and nothing else: commands, subsystems, a shell without a
// PTY, port and agent forwarding are refused.
func TestRefusedBeforeAnyUI(t *testing.T) {
	t.Parallel()
	w := start(t, defaultPeople, nil)
	if _, err := w.dial(ssh.PublicKeys(newSigner(t))); err == nil || !strings.Contains(err.Error(), "unable to authenticate") {
		t.Fatalf("an unknown key: %v", err)
	}
	if !w.logged("unknown key") {
		t.Error("the refusal is not logged")
	}
	if _, err := w.dial(ssh.Password("hunter22"), ssh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) {
		return []string{"hunter22"}, nil
	})); err == nil || !strings.Contains(err.Error(), "attempted methods [none]") {
		t.Fatalf("a password: %v", err)
	}
	c := w.as("dana")

	sess, _ := c.NewSession()
	if err := sess.Start("ls /"); err == nil {
		t.Error("a command ran")
	}
	sess.Close()

	sess, _ = c.NewSession()
	if err := sess.RequestSubsystem("sftp"); err == nil {
		t.Error("the sftp subsystem started")
	}
	sess.Close()

	sess, _ = c.NewSession()
	if err := sess.Shell(); err == nil {
		t.Error("a shell without a PTY started")
	}
	sess.Close()

	sess, _ = c.NewSession()
	if err := agent.RequestAgentForwarding(sess); err == nil {
		t.Error("agent forwarding accepted")
	}
	sess.Close()

	if conn, err := c.Dial("tcp", w.demo.URL[len("http://"):]); err == nil {
		conn.Close()
		t.Error("local port forwarding (direct-tcpip) opened")
	}
	if ln, err := c.Listen("tcp", "127.0.0.1:0"); err == nil {
		ln.Close()
		t.Error("remote port forwarding (tcpip-forward) accepted")
	}
	// The connection still serves the UI after all that.
	s := open(t, c, 100, 30)
	s.ready("dana")
}

// At most MaxPerPerson sessions per person and MaxSessions in all; the
// one refused is told why.
func TestSessionLimits(t *testing.T) {
	t.Parallel()
	w := start(t, []person{{"dana", Operator, ""}, {"vic", Viewer, ""}, {"ann", Viewer, ""}}, func(o *Options) {
		o.MaxSessions, o.MaxPerPerson = 3, 2
	})
	c := w.as("dana")
	open(t, c, 100, 30).ready("dana")
	open(t, c, 100, 30).ready("dana")
	third := open(t, c, 100, 30)
	third.waitFor(10*time.Second, "you have 2 sessions open")
	if code := third.exit(5 * time.Second); code != 1 {
		t.Fatalf("exit %d", code)
	}
	open(t, w.as("vic"), 100, 30).ready("vic")
	full := open(t, w.as("ann"), 100, 30)
	full.waitFor(10*time.Second, "3 sessions open, its limit")
	if w.srv.Sessions() != 3 {
		t.Fatalf("%d sessions", w.srv.Sessions())
	}
}

// A session nobody types in is warned, then closed, and told why.
func TestIdleSessionsClose(t *testing.T) {
	t.Parallel()
	clk := clock.NewVirtual(time.Now())
	w := start(t, defaultPeople, func(o *Options) { o.Idle, o.Clock = 30*time.Minute, clk })
	s := open(t, w.as("vic"), 100, 30)
	s.ready("vic")
	for deadline := time.Now().Add(10 * time.Second); clk.Scheduled() == 0; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the session set no idle timer")
		}
	}
	clk.Advance(29 * time.Minute)
	s.waitFor(5*time.Second, "this session closes in 1m0s unless you press one")
	clk.Advance(time.Minute)
	if code := s.exit(5 * time.Second); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if !w.logged("without a key") {
		t.Error("the idle close is not logged")
	}
}

// SIGHUP reads the users file again: a removed key no longer signs in,
// and a session whose person's role changed closes, saying why.
func TestReloadUsers(t *testing.T) {
	t.Parallel()
	w := start(t, defaultPeople, nil)
	vic := open(t, w.as("vic"), 100, 30)
	vic.ready("vic")
	dana := open(t, w.as("dana"), 100, 30)
	dana.ready("dana")
	w.usersFile([]person{{"dana", Viewer, ""}})
	if err := w.srv.Reload(); err != nil {
		t.Fatal(err)
	}
	dana.exit(5 * time.Second)
	vic.exit(5 * time.Second)
	if _, err := w.dial(ssh.PublicKeys(w.keys["vic"])); err == nil {
		t.Fatal("a removed key signs in")
	}
	again := open(t, w.as("dana"), 100, 30)
	if text := again.ready("dana"); !strings.Contains(text, "read-only") {
		t.Fatalf("dana is now a viewer:\n%s", text)
	}
	// A broken file changes nothing.
	os.WriteFile(w.users, []byte("users: [{name: x, role: boss}]\n"), 0o600)
	if err := w.srv.Reload(); err == nil {
		t.Fatal("a broken users file was taken")
	}
	w.as("dana")
}

func TestUsersFileProblemsHaveLines(t *testing.T) {
	t.Parallel()
	k := strings.TrimSpace(string(ssh.MarshalAuthorizedKey(newSigner(t).PublicKey())))
	_, err := ParseUsers("users.yaml", []byte(`users:
  - name: dana
    role: admin
    keys: ["`+k+`"]
  - name: vic
    role: viewer
    keys: ["ssh-ed25519 notakey"]
    acting_uuid: nope
  - name: dana
    role: viewer
    keys: ["`+k+`"]
    shell: /bin/sh
`))
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"users.yaml:3: role \"admin\"", "users.yaml:7: not a public key", "users.yaml:8: acting_uuid", "dana is listed twice",
		"also dana's", "users.yaml:12: unknown setting \"shell\""} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q lacks %q", err, want)
		}
	}
}

// The host key is made once, 0600, and the same key is read after.
func TestHostKeyKeptAcrossRestarts(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "state", "rosterm", "host_ed25519")
	a, err := HostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("%v %v", fi, err)
	}
	b, err := HostKey(path)
	if err != nil || ssh.FingerprintSHA256(a.PublicKey()) != ssh.FingerprintSHA256(b.PublicKey()) {
		t.Fatalf("another key after a restart: %v", err)
	}
	os.Chmod(path, 0o644)
	if _, err := HostKey(path); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("a key others can read: %v", err)
	}
}
