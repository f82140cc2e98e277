//go:build e2e

package e2e

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// server is `rosterm serve --demo` running for a test, with the people
// of its users file and their keys (made with ssh-keygen).
type server struct {
	t           *testing.T
	cmd         *exec.Cmd
	port        string
	fingerprint string
	dir         string // keys, users file, known_hosts
	mu          sync.Mutex
	out         strings.Builder
	exited      chan error
}

func sshTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is not installed (apt-get install openssh-client; .ci/run does)", name)
	}
	return p
}

// startServer starts rosterm serve with home as its $HOME (so its
// journal is that home's, which `rosterm journal` in the terminal reads).
func startServer(t *testing.T, home string) *server {
	t.Helper()
	keygen := sshTool(t, "ssh-keygen")
	s := &server{t: t, dir: t.TempDir(), exited: make(chan error, 1)}
	var users strings.Builder
	users.WriteString("users:\n")
	for _, p := range []struct{ name, role string }{{"dana", "operator"}, {"vic", "viewer"}, {"eve", ""}} {
		key := filepath.Join(s.dir, p.name)
		if out, err := exec.Command(keygen, "-q", "-t", "ed25519", "-N", "", "-C", p.name+"@laptop", "-f", key).CombinedOutput(); err != nil {
			t.Fatalf("ssh-keygen: %v %s", err, out)
		}
		if p.role == "" {
			continue // eve has a key the server does not know
		}
		pub, _ := os.ReadFile(key + ".pub")
		fmt.Fprintf(&users, "  - name: %s\n    role: %s\n    keys: [%q]\n", p.name, p.role, strings.TrimSpace(string(pub)))
	}
	usersFile := filepath.Join(s.dir, "users.yaml")
	os.WriteFile(usersFile, []byte(users.String()), 0o600)

	s.cmd = exec.Command(binary, "serve", "--demo", "--addr", "127.0.0.1:0", "--users", usersFile, "--drain", "10s")
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "XDG_STATE_HOME=") && !strings.HasPrefix(kv, "HOME=") {
			env = append(env, kv)
		}
	}
	s.cmd.Env = append(env, "HOME="+home)
	stdout, _ := s.cmd.StdoutPipe()
	s.cmd.Stderr = &lockedWriter{s}
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.cmd.Process.Kill() })
	start := regexp.MustCompile(`listening on 127\.0\.0\.1:(\d+), host key (SHA256:\S+)`)
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			s.log(sc.Text() + "\n")
			lines <- sc.Text()
		}
		close(lines)
		s.exited <- s.cmd.Wait()
	}()
	deadline := time.After(startup)
	for s.port == "" {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("rosterm serve ended: %s", s.output())
			}
			if m := start.FindStringSubmatch(l); m != nil {
				s.port, s.fingerprint = m[1], m[2]
			}
		case <-deadline:
			t.Fatalf("rosterm serve did not start: %s", s.output())
		}
	}
	go func() {
		for range lines {
		}
	}()
	return s
}

type lockedWriter struct{ s *server }

func (w *lockedWriter) Write(p []byte) (int, error) { w.s.log(string(p)); return len(p), nil }

func (s *server) log(text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.out.WriteString(text)
}

func (s *server) output() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.out.String()
}

// knownHosts fetches the server's host key with ssh-keyscan, as a person
// would, and checks it is the one the start line named.
func (s *server) knownHosts() string {
	s.t.Helper()
	out, err := exec.Command(sshTool(s.t, "ssh-keyscan"), "-p", s.port, "-t", "ed25519", "127.0.0.1").Output()
	if err != nil || len(out) == 0 {
		s.t.Fatalf("ssh-keyscan: %v", err)
	}
	path := filepath.Join(s.dir, "known_hosts")
	os.WriteFile(path, out, 0o600)
	fp, err := exec.Command(sshTool(s.t, "ssh-keygen"), "-l", "-f", path).Output()
	if err != nil || !strings.Contains(string(fp), s.fingerprint) {
		s.t.Fatalf("ssh-keyscan shows %q; the start line said %s (%v)", fp, s.fingerprint, err)
	}
	return path
}

// ssh is the command line signing in as name with OpenSSH's client.
func (s *server) ssh(name, known string, extra ...string) []string {
	return append([]string{sshTool(s.t, "ssh"), "-p", s.port, "-i", filepath.Join(s.dir, name),
		"-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + known, "-o", "IdentitiesOnly=yes",
		"-o", "BatchMode=yes", "-o", "LogLevel=ERROR"}, extra...)
}

// The server over OpenSSH's client in a real terminal: the host key
// ssh-keyscan shows is the one announced; a viewer's accept is refused in
// the UI and nothing is journaled; an operator's is sent and `rosterm
// journal` names them; an unknown key, a command and port forwarding are
// refused; SIGTERM ends the session cleanly.
func TestServeOverSSH(t *testing.T) {
	tm := newTerm(t, 120, 40)
	srv := startServer(t, tm.home)
	known := srv.knownHosts()

	// Refused before any UI, by OpenSSH's client.
	run := func(args ...string) (string, int) {
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Stdin = nil
		out, _ := cmd.CombinedOutput()
		return string(out), cmd.ProcessState.ExitCode()
	}
	if out, code := run(srv.ssh("eve", known, "-t", "127.0.0.1")...); code != 255 || !strings.Contains(out, "Permission denied (publickey)") {
		t.Errorf("an unknown key: exit %d, %q", code, out)
	}
	if out, code := run(srv.ssh("dana", known, "127.0.0.1", "ls", "/")...); code == 0 || !strings.Contains(out, "exec request failed") {
		t.Errorf("a command: exit %d, %q", code, out)
	}
	if out, code := run(srv.ssh("dana", known, "-N", "-o", "ExitOnForwardFailure=yes", "-R", "0:127.0.0.1:"+srv.port, "127.0.0.1")...); code == 0 || !strings.Contains(out, "forwarding failed") {
		t.Errorf("remote port forwarding: exit %d, %q", code, out)
	}
	if out, code := run(srv.ssh("dana", known, "-o", "PreferredAuthentications=password", "-o", "NumberOfPasswordPrompts=0", "127.0.0.1")...); code != 255 || !strings.Contains(out, "Permission denied") {
		t.Errorf("a password: exit %d, %q", code, out)
	}

	// A viewer: the UI says read-only, and nothing is journaled.
	tm.run(strings.Join(srv.ssh("vic", known, "-t", "127.0.0.1"), " ") + "; echo EXIT:$?")
	tm.waitStatus(startup, "signed in as vic", "read-only")
	tm.wait(startup, "Abbott", "[Connect]")
	tm.keys("3", "]", "]")
	tm.wait(step, "▸Invitations") // a viewer's hints have no changes
	tm.waitLine(step, "▌", "← ")
	tm.keys("a")
	tm.waitStatus(step, "Read-only mode")
	tm.keys("q")
	tm.wait(step, "EXIT:0")
	tm.run(binary + " journal")
	tm.wait(step, "no changes recorded yet")

	// An operator accepts an invitation; the journal names them.
	tm.run("clear; " + strings.Join(srv.ssh("dana", known, "-t", "127.0.0.1"), " ") + "; echo EXIT:$?")
	tm.waitStatus(startup, "signed in as dana")
	tm.wait(startup, "Abbott", "[Connect]")
	tm.keys("3", "]", "]")
	tm.waitStatus(step, "a accept")
	tm.waitLine(step, "▌", "← ")
	tm.keys("a")
	tm.waitStatus(step, "Accepting the invitation from", "u undo")
	tm.waitStatus(step, "Done: accepted the invitation from")
	tm.keys("q")
	tm.wait(step, "EXIT:0")
	tm.run("clear; " + binary + " journal")
	line := tm.waitLine(step, "dana (SHA256:", "opigno acceptUserInvitation", "applied")
	if strings.Count(tm.screen(), "acceptUserInvitation") != 1 {
		t.Errorf("the journal has more than dana's accept:\n%s", tm.screen())
	}
	_ = line

	// SIGTERM: the session is told and ends cleanly, and so does the server.
	tm.run("clear; " + strings.Join(srv.ssh("dana", known, "-t", "127.0.0.1"), " ") + "; echo EXIT:$?")
	tm.waitStatus(startup, "signed in as dana")
	srv.cmd.Process.Signal(syscall.SIGTERM)
	tm.wait(step, "the server is stopping", "EXIT:0")
	select {
	case err := <-srv.exited:
		if err != nil || !strings.Contains(srv.output(), "stopped") {
			t.Fatalf("rosterm serve after SIGTERM: %v\n%s", err, srv.output())
		}
	case <-time.After(step):
		t.Fatalf("rosterm serve still running after SIGTERM:\n%s", srv.output())
	}
}
