// Package terminal runs the UI on the user's terminal and leaves the
// terminal as it found it, whatever happens: the program quits, the
// terminal hangs up (an SSH connection drops), or a bug panics.
package terminal

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"

	"github.com/rosterm/rosterm/ui/sanitize"
)

// ErrGone is returned when the terminal hangs up (an SSH
// connection drops, a terminal window closes).
var ErrGone = errors.New("the terminal went away; exiting")

// Run runs model on the terminal until it quits, the terminal goes
// away or a bug stops it, and leaves the terminal as it found it.
//
// When an SSH connection drops, the kernel hangs the terminal up: it sends
// SIGHUP, and reading the terminal meets the end of input or an error.
// Bubble Tea stops reading at the end of input but keeps running, with no
// key able to reach it any more, so rosterm ends the program on either
// sign (and on SIGHUP even when started under nohup).
//
// From the start of the program on, whatever is written to os.Stderr goes
// to a file (in CrashDir, removed on the way out unless it explains a
// panic, or holds what a hang-up left nobody to read) instead of over the
// screen: Bubble Tea's report of a panic
// (the value and the stack trace), which, for a panic in a command, it
// prints from the command's goroutine before the terminal is restored and
// possibly after Run has returned. So os.Stderr is not put back (it would
// race with that goroutine); rosterm writes its own messages to stderr,
// the terminal's standard error kept aside. The standard logger (which
// captured the real stderr when the program started, so it would write
// over the screen) goes to the same file, and after the program to
// stderr, each line made safe. After the program, what was captured is
// shown, sanitized, or for a panic summed up with the name of the file
// that keeps it.
func Run(model tea.Model, stderr io.Writer, opts ...tea.ProgramOption) error {
	return RunRedacted(model, stderr, nil, opts...)
}

// RunRedacted is Run with redact (nil: none) applied to every text about
// the run: the crash file, what is shown after the program, a panic's
// summary (see redact.go).
func RunRedacted(model tea.Model, stderr io.Writer, redact func(string) string, opts ...tea.ProgramOption) error {
	stderr, redact = redacting(stderr, redact)
	in, err := terminalInput()
	if err != nil {
		return err
	}
	if in != os.Stdin {
		defer in.Close()
	}
	// From before the crash file exists until it is dealt with, a signal
	// that would end the program (SIGTERM, SIGINT, or SIGHUP when the
	// terminal hangs up) ends it here, as Bubble Tea would, so that the
	// file goes with it. Bubble Tea's own handler is off: it handles them
	// only while it runs, and one that comes as the program quits for
	// another reason blocks its shutdown (it sends to the event loop
	// without checking it is still there).
	sig := make(chan os.Signal, 3)
	signal.Notify(sig, syscall.SIGHUP, syscall.SIGTERM, syscall.SIGINT)
	defer signal.Stop(sig)
	capture, err := captureStderr()
	if err != nil {
		return err
	}
	defer redactFile(capture.file.Name(), redact)

	var p *tea.Program
	gone := make(chan struct{})
	var once sync.Once
	hangup := func() {
		once.Do(func() {
			close(gone)
			// Quit, not Kill: Kill closes the input reader without waiting
			// for the goroutine reading it (a data race in Bubble Tea).
			// Not from the reading goroutine either: quitting waits for it.
			go p.Quit()
		})
	}
	p = tea.NewProgram(model, append(opts, tea.WithInput(hangupInput{File: in, hangup: hangup}), tea.WithoutSignalHandler())...)
	finished := make(chan struct{})
	defer close(finished)
	go func() {
		for {
			select {
			case s := <-sig:
				switch s {
				case syscall.SIGHUP:
					hangup()
				case syscall.SIGINT:
					go p.Send(tea.InterruptMsg{})
				default:
					go p.Quit()
				}
			case <-finished:
				return
			}
		}
	}()

	_, err = p.Run()
	log.SetOutput(safeLines{stderr})
	select {
	case <-gone:
		// Nobody is left to read what was captured: it stays in the
		// file if there is any, and an empty file goes.
		capture.removeIfEmpty()
		return ErrGone
	default:
	}
	if errors.Is(err, tea.ErrProgramPanic) {
		return panicReport([]byte(redact(string(capture.report()))), capture.file.Name())
	}
	if captured := capture.discard(); len(captured) > 0 {
		fmt.Fprintln(stderr, sanitize.Text(string(captured)))
	}
	return err
}

// terminalInput is what Bubble Tea reads keys from: stdin when it is a
// terminal, else the controlling terminal.
func terminalInput() (*os.File, error) {
	if term.IsTerminal(os.Stdin.Fd()) {
		return os.Stdin, nil
	}
	in, _, err := tea.OpenTTY()
	if err != nil {
		return nil, errors.New("no terminal to read keys from: stdin is not a terminal and there is no controlling terminal")
	}
	return in, nil
}

// hangupInput is the terminal's input, reporting its end. It stays an
// *os.File underneath, so Bubble Tea still puts it in raw mode and reads
// it with a cancelable reader.
type hangupInput struct {
	*os.File
	hangup func()
}

func (h hangupInput) Read(p []byte) (int, error) {
	n, err := h.File.Read(p)
	if err != nil && n == 0 {
		h.hangup()
	}
	return n, err
}

// safeLines writes what the standard logger says, made safe: it may
// quote a server.
type safeLines struct{ w io.Writer }

func (s safeLines) Write(p []byte) (int, error) {
	_, err := fmt.Fprintln(s.w, sanitize.Text(strings.TrimRight(string(p), "\n")))
	return len(p), err
}

// stderrCapture is the file os.Stderr writes to.
type stderrCapture struct{ file *os.File }

// CrashDir is where the reports of a bug go: $XDG_STATE_HOME/rosterm, else
// ~/.local/state/rosterm, the XDG base directory for what a program keeps
// between runs. Not the temporary directory: it is shared, and its files
// outlive the session they would explain. getenv is os.Getenv but in
// tests.
func CrashDir(getenv func(string) string) (string, error) {
	dir := getenv("XDG_STATE_HOME")
	if dir == "" || !filepath.IsAbs(dir) {
		home := getenv("HOME")
		if home == "" || !filepath.IsAbs(home) {
			return "", errors.New("no directory for error reports: set XDG_STATE_HOME or HOME")
		}
		dir = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(dir, "rosterm"), nil
}

// captureStderr creates the crash file, readable by the user alone (0600,
// in a directory created 0700: a report may quote what servers sent), and
// sends os.Stderr and the standard logger to it. Every way out of Run
// removes it unless it holds a report.
func captureStderr() (*stderrCapture, error) {
	dir, err := CrashDir(os.Getenv)
	if err == nil {
		err = os.MkdirAll(dir, 0o700)
	}
	var f *os.File
	if err == nil {
		f, err = os.CreateTemp(dir, "rosterm-crash-*.log")
	}
	if err != nil {
		return nil, fmt.Errorf("could not create a file for error reports: %w", err)
	}
	os.Stderr = f
	log.SetOutput(f)
	return &stderrCapture{file: f}, nil
}

// removeIfEmpty removes the file if nothing was written to it.
func (c *stderrCapture) removeIfEmpty() {
	if fi, err := c.file.Stat(); err == nil && fi.Size() == 0 {
		os.Remove(c.file.Name())
	}
}

// report waits (a second or two at most) for Bubble Tea's panic report to
// be written whole, that is for the file to have it and then stop growing,
// and returns it.
func (c *stderrCapture) report() []byte {
	var last []byte
	for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		b, _ := os.ReadFile(c.file.Name())
		if bytes.Contains(b, []byte("Restoring terminal")) && len(b) == len(last) {
			return b
		}
		last = b
	}
	return last
}

// discard returns what was captured and removes the file; later writes to
// os.Stderr go nowhere.
func (c *stderrCapture) discard() []byte {
	b, _ := os.ReadFile(c.file.Name())
	os.Remove(c.file.Name())
	return b
}

// panicReport sums up Bubble Tea's report of a panic ("Caught panic:",
// the value, "Restoring terminal...", the stack) in one safe line.
func panicReport(report []byte, file string) error {
	value := string(report)
	if _, after, ok := strings.Cut(value, "Caught panic:"); ok {
		value, _, _ = strings.Cut(after, "Restoring terminal")
	}
	value = sanitize.Line(string(bytes.TrimSpace([]byte(value))), 200)
	return fmt.Errorf("stopped by a bug (%s). The terminal has been restored; the details are in %s, please report them", value, file)
}
