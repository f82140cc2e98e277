package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"

	"github.com/rosterm/rosterm/ui/sanitize"
)

// errTerminalGone is returned when the terminal hangs up (an SSH
// connection drops, a terminal window closes).
var errTerminalGone = errors.New("the terminal went away; exiting")

// runProgram runs model on the terminal until it quits, the terminal goes
// away or a bug stops it, and leaves the terminal as it found it.
//
// When an SSH connection drops, the kernel hangs the terminal up: it sends
// SIGHUP, and reading the terminal meets the end of input or an error.
// Bubble Tea stops reading at the end of input but keeps running, with no
// key able to reach it any more, so rosterm ends the program on either
// sign (and on SIGHUP even when started under nohup).
//
// While the program runs, whatever is written to os.Stderr (Bubble Tea's
// report of a panic, with its stack trace, printed before the terminal is
// restored when the panic is in a command) goes to a file instead of over
// the screen; afterwards it is shown, sanitized, or for a panic summed up
// with the file's name.
func runProgram(model tea.Model, stderr io.Writer, opts ...tea.ProgramOption) error {
	in, err := terminalInput()
	if err != nil {
		return err
	}
	if in != os.Stdin {
		defer in.Close()
	}
	capture, err := captureStderr()
	if err != nil {
		return err
	}

	var p *tea.Program
	gone := make(chan struct{})
	var once sync.Once
	hangup := func() {
		once.Do(func() {
			close(gone)
			go p.Kill() // not from the reading goroutine: Kill waits for it
		})
	}
	p = tea.NewProgram(model, append(opts, tea.WithInput(hangupInput{File: in, hangup: hangup}))...)
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGHUP)
	defer signal.Stop(sig)
	finished := make(chan struct{})
	defer close(finished)
	go func() {
		select {
		case <-sig:
			hangup()
		case <-finished:
		}
	}()

	_, err = p.Run()
	captured := capture.stop()
	select {
	case <-gone:
		return errTerminalGone
	default:
	}
	if errors.Is(err, tea.ErrProgramPanic) {
		return panicReport(captured, capture.keep())
	}
	capture.discard()
	if len(captured) > 0 {
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

// stderrCapture holds os.Stderr's writes in a temporary file.
type stderrCapture struct {
	file *os.File
	prev *os.File
}

func captureStderr() (*stderrCapture, error) {
	f, err := os.CreateTemp("", "rosterm-crash-*.log")
	if err != nil {
		return nil, fmt.Errorf("could not create a file for error reports: %w", err)
	}
	c := &stderrCapture{file: f, prev: os.Stderr}
	os.Stderr = f
	return c, nil
}

// stop puts os.Stderr back and returns what was written.
func (c *stderrCapture) stop() []byte {
	os.Stderr = c.prev
	b, _ := os.ReadFile(c.file.Name())
	return b
}

// keep closes the file and returns its name.
func (c *stderrCapture) keep() string {
	c.file.Close()
	return c.file.Name()
}

func (c *stderrCapture) discard() {
	c.file.Close()
	os.Remove(c.file.Name())
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
