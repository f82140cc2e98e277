//go:build linux

package terminal

import (
	"bytes"
	"fmt"
	"log"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"golang.org/x/sys/unix"

	"github.com/rosterm/rosterm/ui/sanitize"
)

// init turns the test binary into a program run on the terminal the way
// rosterm runs its UI, when ROSTERM_TERMINAL_RUN says which: "idle" draws
// a screen and waits; "update" and "command" then panic there.
func init() {
	where := os.Getenv("ROSTERM_TERMINAL_RUN")
	if where == "" {
		return
	}
	stderr := os.Stderr
	if err := Run(panicModel{where: where}, stderr); err != nil {
		fmt.Fprintln(stderr, "rosterm: "+sanitize.Text(err.Error()))
		os.Exit(1)
	}
	os.Exit(0)
}

// panicModel draws a screen, then panics in Update or in a command, or,
// "idle", waits for the terminal to go, or, "log", has a library write to
// the standard logger and quits.
type panicModel struct{ where string }

type boomMsg struct{}

const panicValue = "boom \x1b]0;PWNED title\x07 in a name"

func (m panicModel) Init() tea.Cmd {
	switch m.where {
	case "idle":
		return nil
	case "log":
		return tea.Tick(200*time.Millisecond, func(time.Time) tea.Msg {
			log.Printf("a library says %s", panicValue)
			return tea.Quit()
		})
	}
	return tea.Tick(200*time.Millisecond, func(time.Time) tea.Msg {
		if m.where == "command" {
			panic(panicValue)
		}
		return boomMsg{}
	})
}

func (m panicModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(boomMsg); ok {
		panic(panicValue)
	}
	return m, nil
}

func (m panicModel) View() tea.View {
	v := tea.NewView("a screen about to break")
	v.AltScreen = true
	return v
}

// openPTY returns a new pseudo-terminal's two ends, 120×40.
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	// Non-blocking, so that reads go through the runtime's poller and
	// Close ends a read in progress (the hang-up).
	fd, err := unix.Open("/dev/ptmx", unix.O_RDWR|unix.O_NOCTTY|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	master = os.NewFile(uintptr(fd), "/dev/ptmx")
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	slave, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := unix.IoctlSetWinsize(int(slave.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Row: 40, Col: 120}); err != nil {
		t.Fatal(err)
	}
	return master, slave
}

// child is the program under test on a pseudo-terminal.
type child struct {
	cmd    *exec.Cmd
	master *os.File
	stderr bytes.Buffer
	mu     sync.Mutex
	screen bytes.Buffer // everything written to the terminal
	done   chan error
}

// startOnPTY runs the test binary as a program (env says which) with the
// terminal as stdin and stdout; controlling makes it the process's
// controlling terminal, so that hanging up sends SIGHUP.
func startOnPTY(t *testing.T, controlling bool, env ...string) *child {
	t.Helper()
	master, slave := openPTY(t)
	c := &child{cmd: exec.Command(os.Args[0]), master: master, done: make(chan error, 1)}
	c.cmd.Env = append(append(os.Environ(), "TERM=xterm-256color"), env...)
	c.cmd.Stdin, c.cmd.Stdout, c.cmd.Stderr = slave, slave, &c.stderr
	if slices.Contains(env, "ROSTERM_TERMINAL_RUN=log") {
		c.cmd.Stderr = slave // as in a terminal: standard error is the screen
	}
	c.cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: controlling}
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	slave.Close()
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := master.Read(buf)
			c.mu.Lock()
			c.screen.Write(buf[:n])
			c.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	go func() { c.done <- c.cmd.Wait() }()
	t.Cleanup(func() {
		c.cmd.Process.Kill()
		master.Close()
	})
	return c
}

// waitScreen waits until the terminal has been sent want.
func (c *child) waitScreen(t *testing.T, want string, d time.Duration) {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		c.mu.Lock()
		ok := strings.Contains(c.screen.String(), want)
		c.mu.Unlock()
		if ok {
			return
		}
		select {
		case err := <-c.done:
			t.Fatalf("exited (%v) before the terminal got %q; stderr: %s", err, want, c.stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("the terminal did not get %q in %s", want, d)
		}
	}
}

// waitExit waits for the program to end and returns its exit code.
func (c *child) waitExit(t *testing.T, d time.Duration) int {
	t.Helper()
	select {
	case <-c.done:
		return c.cmd.ProcessState.ExitCode()
	case <-time.After(d):
		t.Fatalf("still running %s later; stderr: %s", d, c.stderr.String())
	}
	return 0
}

// TestExitsWhenTheTerminalHangsUp: when an SSH connection drops, the
// terminal hangs up. The program exits promptly, whether it gets SIGHUP (as the
// session's process does) or only finds its input gone (as when started
// under nohup, or outside the terminal's session).
func TestExitsWhenTheTerminalHangsUp(t *testing.T) {
	for name, controlling := range map[string]bool{"SIGHUP": true, "input ends": false} {
		t.Run(name, func(t *testing.T) {
			c := startOnPTY(t, controlling, "ROSTERM_TERMINAL_RUN=idle")
			c.waitScreen(t, "a screen about to break", 10*time.Second) // the UI is up
			time.Sleep(200 * time.Millisecond)
			c.master.Close() // hang up
			if code := c.waitExit(t, 5*time.Second); code != 1 || !strings.Contains(c.stderr.String(), "the terminal went away") {
				t.Fatalf("exit %d, stderr %q", code, c.stderr.String())
			}
		})
	}
}

// TestExitsWithoutATerminal: with stdin at end of input and no terminal to
// read keys from, the program says so and exits instead of waiting.
func TestExitsWithoutATerminal(t *testing.T) {
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "ROSTERM_TERMINAL_RUN=idle")
	devnull, _ := os.Open(os.DevNull)
	defer devnull.Close()
	var stderr bytes.Buffer
	cmd.Stdin, cmd.Stderr = devnull, &stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true} // no controlling terminal
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatal("still running with no terminal")
	}
	if cmd.ProcessState.ExitCode() != 1 || !strings.Contains(stderr.String(), "no terminal to read keys from") {
		t.Fatalf("exit %d, stderr %q", cmd.ProcessState.ExitCode(), stderr.String())
	}
}

// TestPanicRestoresTheTerminalAndReports: a bug in Update or in a command
// leaves the terminal restored (the alternate screen left, the cursor
// shown) and prints one short, sanitized line naming the file with the
// details, not a stack trace over the screen.
func TestPanicRestoresTheTerminalAndReports(t *testing.T) {
	for _, where := range []string{"update", "command"} {
		t.Run(where, func(t *testing.T) {
			// Bubble Tea's recovery kills the program, closing its input
			// reader while the goroutine reading it may still use it: a
			// data race in bubbletea v2.0.10 (tea.go, shutdown(kill)) on
			// the crash path. Under -race its report goes to a file, so
			// that this test checks what the user sees.
			c := startOnPTY(t, true, "ROSTERM_TERMINAL_RUN="+where, "GORACE=log_path="+t.TempDir()+"/race exitcode=1")
			c.waitScreen(t, "a screen about to break", 10*time.Second)
			if code := c.waitExit(t, 5*time.Second); code != 1 {
				t.Fatalf("exit %d", code)
			}
			c.waitScreen(t, "\x1b[?1049l", time.Second) // the alternate screen left
			c.mu.Lock()
			screen := c.screen.String()
			c.mu.Unlock()
			if strings.Contains(screen, "goroutine") || strings.Contains(screen, "PWNED") {
				t.Errorf("the panic's report went over the screen: %q", screen)
			}
			msg := c.stderr.String()
			if !strings.Contains(msg, "rosterm: stopped by a bug (boom") || !strings.Contains(msg, "please report") ||
				strings.Contains(msg, "\x1b") || strings.Count(msg, "\n") != 1 {
				t.Fatalf("report %q", msg)
			}
			file := msg[strings.Index(msg, "details are in ")+len("details are in ") : strings.Index(msg, ", please")]
			details, err := os.ReadFile(file)
			os.Remove(file)
			if err != nil || !bytes.Contains(details, []byte("goroutine")) || !bytes.Contains(details, []byte(panicValue)) {
				t.Fatalf("the details file %s: %v\n%s", file, err, details)
			}
		})
	}
}

// TestTheStandardLoggerNeverWritesOverTheScreen: a library logging while
// the UI runs (the standard logger holds the real standard error, the
// terminal) is shown after the program, made safe, not over the screen.
func TestTheStandardLoggerNeverWritesOverTheScreen(t *testing.T) {
	c := startOnPTY(t, true, "ROSTERM_TERMINAL_RUN=log")
	c.waitScreen(t, "a screen about to break", 10*time.Second)
	if code := c.waitExit(t, 5*time.Second); code != 0 {
		t.Fatalf("exit %d", code)
	}
	c.waitScreen(t, "a library says", 2*time.Second)
	c.mu.Lock()
	screen := c.screen.String()
	c.mu.Unlock()
	left := strings.LastIndex(screen, "\x1b[?1049l")
	said := strings.Index(screen, "a library says")
	if left < 0 || said < left {
		t.Fatalf("the log line was written while the UI ran: %q", screen)
	}
	if after := screen[said:]; strings.Contains(after, "\x1b") || !strings.Contains(after, "in a name") {
		t.Fatalf("the log line should be shown made safe: %q", after)
	}
}
