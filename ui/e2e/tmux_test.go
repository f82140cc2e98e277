//go:build e2e

// Package e2e runs the built rosterm binary in a real terminal (tmux), the
// way a new user does: it types with send-keys and reads the screen with
// capture-pane. It is behind the e2e build tag; .ci/run installs tmux and
// runs it once with TERM=xterm-256color and once with TERM=screen and
// NO_COLOR=1, as over SSH into a server with a plain terminal.
package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// binary is the rosterm built for this run.
var binary string

func TestMain(m *testing.M) {
	if _, err := exec.LookPath("tmux"); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: tmux is not installed")
		os.Exit(1)
	}
	dir, err := os.MkdirTemp("", "rosterm-e2e")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "rosterm")
	build := exec.Command("go", "build", "-o", binary, "github.com/rosterm/rosterm")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: build failed:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// Timeouts are generous: the machine may be busy, and a wait ends as soon
// as the screen shows what it waits for.
const (
	startup = 30 * time.Second // the binary starts its demo server and loads three panes
	step    = 10 * time.Second // one key's effect, a request included
)

// term is one tmux session running a shell in a fixed-size window, with a
// home and a configuration directory of its own (empty: a new user).
type term struct {
	t       *testing.T
	session string
	socket  string
	conf    string // the tmux server's configuration
	home    string // $HOME
	config  string // $XDG_CONFIG_HOME
}

// newTerm starts a shell in a w×h tmux window on a tmux server of its own,
// with the test's TERM and NO_COLOR.
func newTerm(t *testing.T, w, h int) *term {
	t.Helper()
	name := strings.NewReplacer("/", "-", " ", "-").Replace(t.Name())
	dir := t.TempDir()
	tm := &term{t: t, session: name, socket: filepath.Join(dir, "tmux.sock"), conf: filepath.Join(dir, "tmux.conf"),
		home: t.TempDir(), config: t.TempDir()}
	// tmux sets TERM in its panes from default-terminal, whatever the
	// environment says; its own configuration also keeps a tester's
	// ~/.tmux.conf out.
	conf := fmt.Sprintf("set -g default-terminal %q\nset -g status off\n", termName())
	if err := os.WriteFile(tm.conf, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	env := []string{"-e", "NO_COLOR=" + os.Getenv("NO_COLOR"), "-e", "HOME=" + tm.home,
		"-e", "XDG_CONFIG_HOME=" + tm.config, "-e", "PS1=$ "}
	args := append([]string{"new-session", "-d", "-s", name, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h)}, env...)
	tm.tmux(append(args, "sh")...)
	t.Cleanup(func() { exec.Command("tmux", "-S", tm.socket, "kill-server").Run() })
	return tm
}

func termName() string {
	if t := os.Getenv("TERM"); t != "" && t != "dumb" {
		return t
	}
	return "xterm-256color"
}

func (tm *term) tmux(args ...string) string {
	tm.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-S", tm.socket, "-f", tm.conf}, args...)...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %v: %v: %s", args, err, out)
	}
	return string(out)
}

// run types a command line into the shell.
func (tm *term) run(cmdline string) {
	tm.tmux("send-keys", "-t", tm.session, "-l", cmdline)
	tm.tmux("send-keys", "-t", tm.session, "Enter")
}

// rosterm starts the program under test with args.
func (tm *term) rosterm(args ...string) {
	tm.run(strings.Join(append([]string{binary}, args...), " ") + "; echo EXIT:$?")
}

// keys sends key names as tmux knows them ("j", "Tab", "BTab", "Enter",
// "Escape", "Space", "C-c").
func (tm *term) keys(keys ...string) {
	for _, k := range keys {
		tm.tmux("send-keys", "-t", tm.session, k)
	}
}

// typeText types literal text.
func (tm *term) typeText(s string) { tm.tmux("send-keys", "-t", tm.session, "-l", s) }

// screen is what the terminal shows now, lines the shell wrapped joined.
func (tm *term) screen() string { return tm.tmux("capture-pane", "-p", "-J", "-t", tm.session) }

// waitFor waits until ok holds for the screen, and returns that screen.
func (tm *term) waitFor(d time.Duration, what string, ok func(screen string) bool) string {
	tm.t.Helper()
	deadline := time.Now().Add(d)
	for {
		s := tm.screen()
		if ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("waited %s for %s; the screen shows:\n%s", d, what, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// wait waits until every text is on screen.
func (tm *term) wait(d time.Duration, texts ...string) string {
	tm.t.Helper()
	return tm.waitFor(d, fmt.Sprintf("%q", texts), func(s string) bool { return containsAll(s, texts...) })
}

// waitLine waits until one line of the screen holds every one of parts.
func (tm *term) waitLine(d time.Duration, parts ...string) string {
	tm.t.Helper()
	return tm.waitFor(d, fmt.Sprintf("a line with %q", parts), func(s string) bool { return lineWith(s, parts...) != "" })
}

// waitStatus waits until the status line, the screen's last, holds every
// one of parts.
func (tm *term) waitStatus(d time.Duration, parts ...string) string {
	tm.t.Helper()
	return tm.waitFor(d, fmt.Sprintf("%q in the status line", parts), func(s string) bool {
		return containsAll(statusLine(s), parts...)
	})
}

// containsAll reports whether s contains every one of parts.
func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

// lineWith is the first line of screen that holds every one of parts, or "".
func lineWith(screen string, parts ...string) string {
	for _, l := range strings.Split(screen, "\n") {
		if containsAll(l, parts...) {
			return l
		}
	}
	return ""
}

// statusLine is the last line on screen.
func statusLine(screen string) string {
	lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
	return lines[len(lines)-1]
}

// cursorRow is the focused pane's selected row, without the pane's
// borders: only the focused list draws the ▌ cursor.
func cursorRow(screen string) string {
	l := lineWith(screen, "▌")
	_, after, _ := strings.Cut(l, "▌")
	row, _, _ := strings.Cut(after, "│")
	return strings.TrimSpace(row)
}

// settle waits out the grace period in which a new dialog ignores the
// keys that would confirm it (ui/demo.go sets 250 ms), so a key typed
// before the dialog was seen cannot answer it. Nothing on screen shows
// its end, so this one wait is by the clock.
func settle() { time.Sleep(400 * time.Millisecond) }

// waitGone waits until text is no longer on screen.
func (tm *term) waitGone(d time.Duration, text string) {
	tm.t.Helper()
	deadline := time.Now().Add(d)
	for strings.Contains(tm.screen(), text) {
		if time.Now().After(deadline) {
			tm.t.Fatalf("%q still on screen after %s:\n%s", text, d, tm.screen())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// resize changes the window size, as dragging a terminal window does.
func (tm *term) resize(w, h int) {
	tm.tmux("resize-window", "-t", tm.session, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h))
}

// format reads a tmux format variable of the pane (alternate_on, cursor_flag).
func (tm *term) format(name string) string {
	return strings.TrimSpace(tm.tmux("display-message", "-p", "-t", tm.session, "#{"+name+"}"))
}
