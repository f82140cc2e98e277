package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"go.uber.org/goleak"
	"golang.org/x/crypto/ssh"

	"github.com/rosterm/rosterm/api/journal"
)

// syncBuffer is a buffer written by one goroutine and read by another.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitText waits until b has a line matching re and returns its groups.
func waitText(t *testing.T, b *syncBuffer, re string) []string {
	t.Helper()
	rx := regexp.MustCompile(re)
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := rx.FindStringSubmatch(b.String()); m != nil {
			return m
		}
	}
	t.Fatalf("no %q in:\n%s", re, b.String())
	return nil
}

// rosterm serve --demo, signed into with a real SSH client: SIGTERM tells
// the session, which ends with exit status 0; the command says it
// stopped and returns, and no goroutine is left (goleak).
func TestServeStopsCleanlyOnSIGTERM(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	dir := t.TempDir()
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	signer, _ := ssh.NewSignerFromKey(priv)
	users := filepath.Join(dir, "users.yaml")
	line := strings.TrimSpace(string(ssh.MarshalAuthorizedKey(signer.PublicKey())))
	os.WriteFile(users, []byte(fmt.Sprintf("users:\n  - name: dana\n    role: operator\n    keys: [%q]\n", line)), 0o600)
	env := map[string]string{"HOME": dir, "XDG_STATE_HOME": filepath.Join(dir, "state"), "XDG_CONFIG_HOME": filepath.Join(dir, "config")}
	getenv := func(k string) string { return env[k] }

	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- runServe([]string{"--demo", "--addr", "127.0.0.1:0", "--users", users, "--drain", "10s"}, getenv, &stdout, &stderr)
	}()
	m := waitText(t, &stdout, `listening on (127\.0\.0\.1:\d+), host key (SHA256:\S+)`)
	addr, fingerprint := m[1], m[2]
	if !strings.Contains(stdout.String(), "journal: "+filepath.Join(dir, "state", "rosterm", "journal.jsonl")) {
		t.Errorf("the journal's place is not said:\n%s", stdout.String())
	}
	keyFile := filepath.Join(dir, "state", "rosterm", "host_ed25519")
	if fi, err := os.Stat(keyFile); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("host key file: %v %v", fi, err)
	}

	var seen string
	client, err := ssh.Dial("tcp", addr, &ssh.ClientConfig{User: "dana", Auth: []ssh.AuthMethod{ssh.PublicKeys(signer)},
		HostKeyCallback: func(_ string, _ net.Addr, key ssh.PublicKey) error { seen = ssh.FingerprintSHA256(key); return nil }})
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	if seen != fingerprint {
		t.Fatalf("the server showed %s, its start line said %s", seen, fingerprint)
	}
	sess, _ := client.NewSession()
	defer sess.Close()
	if err := sess.RequestPty("xterm", 40, 120, ssh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	var screen syncBuffer
	sess.Stdout = &screen
	in, _ := sess.StdinPipe()
	defer in.Close()
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	waitText(t, &screen, `dana`)
	waitText(t, &stderr, `dana: session started`)

	syscall.Kill(os.Getpid(), syscall.SIGTERM)
	ended := make(chan error, 1)
	go func() { ended <- sess.Wait() }()
	select {
	case err := <-ended:
		var ee *ssh.ExitError
		if err != nil && !(errors.As(err, &ee) && ee.ExitStatus() == 0) {
			t.Fatalf("session: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("the session did not end after SIGTERM")
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("rosterm serve: %v\n%s", err, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("rosterm serve did not return after SIGTERM")
	}
	if !strings.Contains(screen.String(), "the server is stopping") || !strings.HasSuffix(stdout.String(), "stopped\n") {
		t.Fatalf("screen tail %q; stdout %q", tail(screen.String()), stdout.String())
	}
	client.Close()
}

func tail(s string) string { return s[max(0, len(s)-200):] }

// Without a users file rosterm serve does not start, unless it serves the
// demo (any key then, each as its SSH user name); a users file with a
// problem stops it with the line.
func TestServeNeedsAUsersFile(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"HOME": dir, "XDG_STATE_HOME": filepath.Join(dir, "state"), "XDG_CONFIG_HOME": filepath.Join(dir, "config")}
	getenv := func(k string) string { return env[k] }
	var out, errb bytes.Buffer
	err := runServe([]string{"--addr", "127.0.0.1:0"}, getenv, &out, &errb)
	if err == nil || !strings.Contains(err.Error(), "no users file at "+filepath.Join(dir, "config", "rosterm", "users.yaml")) {
		t.Fatalf("%v", err)
	}
	bad := filepath.Join(dir, "users.yaml")
	os.WriteFile(bad, []byte("users:\n  - name: dana\n    role: boss\n    keys: []\n"), 0o600)
	if err := runServe([]string{"--demo", "--users", bad}, getenv, &out, &errb); err == nil || !strings.Contains(err.Error(), "users.yaml:3: role \"boss\"") {
		t.Fatalf("%v", err)
	}
}

// rosterm journal prints every change, made safe for the terminal.
func TestJournalCommand(t *testing.T) {
	dir := t.TempDir()
	getenv := func(k string) string { return map[string]string{"XDG_STATE_HOME": dir}[k] }
	var out bytes.Buffer
	if err := runJournal(nil, getenv, &out, &out); err != nil || !strings.Contains(out.String(), "no changes recorded yet") {
		t.Fatalf("%v %q", err, out.String())
	}
	j := journal.New(filepath.Join(dir, "rosterm", "journal.jsonl"))
	j.Append(journal.Entry{Person: "dana", Key: "SHA256:k", API: "opigno", Mutation: "acceptUserInvitation", Outcome: journal.Unknown,
		Message: "timeout \x1b]0;PWNED\x07 after 15s"})
	out.Reset()
	if err := runJournal(nil, getenv, &out, &out); err != nil {
		t.Fatal(err)
	}
	if s := out.String(); !strings.Contains(s, "dana (SHA256:k)  opigno acceptUserInvitation  unknown: timeout") || strings.Contains(s, "\x1b") {
		t.Fatalf("%q", s)
	}
	out.Reset()
	runJournal([]string{"--json"}, getenv, &out, &out)
	if !strings.Contains(out.String(), `"outcome":"unknown"`) || strings.Contains(out.String(), "\x1b") {
		t.Fatalf("%q", out.String())
	}
}
