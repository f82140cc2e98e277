//go:build linux

package terminal

import (
	"bytes"
	"fmt"
	"log"
	"os"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/ui/sanitize"
)

// crashSecret is a credential a bug's panic or a library's log line
// quotes.
const crashSecret = "tok-SECRET-9f8e7d"

// init runs the test binary as a program whose panic (or log line)
// quotes a credential, under RunRedacted, when ROSTERM_TERMINAL_SECRET
// says which: "update" panics there, "log" logs and quits.
func init() {
	where := os.Getenv("ROSTERM_TERMINAL_SECRET")
	if where == "" {
		return
	}
	stderr := os.Stderr
	redact := func(s string) string { return strings.ReplaceAll(s, crashSecret, "[redacted]") }
	if err := RunRedacted(secretModel{where: where}, stderr, redact); err != nil {
		fmt.Fprintln(stderr, "rosterm: "+sanitize.Text(redact(err.Error())))
		os.Exit(1)
	}
	os.Exit(0)
}

type secretModel struct{ where string }

func (m secretModel) Init() tea.Cmd {
	return tea.Tick(200*time.Millisecond, func(time.Time) tea.Msg {
		if m.where == "log" {
			log.Printf("a library says the token is %s", crashSecret)
			return tea.Quit()
		}
		return boomMsg{}
	})
}

func (m secretModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(boomMsg); ok {
		panic("request failed with Authorization: Bearer " + crashSecret)
	}
	return m, nil
}

func (m secretModel) View() tea.View {
	v := tea.NewView("a screen about to break")
	v.AltScreen = true
	return v
}

// TestTheCrashReportHoldsNoCredential: a panic quoting a credential is
// reported, in the message and in the file that keeps the details,
// without it; so is a library's log line shown after the program.
func TestTheCrashReportHoldsNoCredential(t *testing.T) {
	t.Parallel() // a program of its own, on a terminal of its own
	c := startOnPTY(t, true, "ROSTERM_TERMINAL_SECRET=update", "GORACE=log_path="+t.TempDir()+"/race exitcode=1")
	c.waitScreen(t, "a screen about to break", 10*time.Second)
	if code := c.waitExit(t, 5*time.Second); code != 1 {
		t.Fatalf("exit %d", code)
	}
	msg := c.stderr.String()
	if !strings.Contains(msg, "stopped by a bug") || strings.Contains(msg, crashSecret) || !strings.Contains(msg, "[redacted]") {
		t.Fatalf("report %q", msg)
	}
	file := msg[strings.Index(msg, "details are in ")+len("details are in ") : strings.Index(msg, ", please")]
	details, err := os.ReadFile(file)
	os.Remove(file)
	if err != nil || !bytes.Contains(details, []byte("goroutine")) || bytes.Contains(details, []byte(crashSecret)) ||
		!bytes.Contains(details, []byte("Bearer [redacted]")) {
		t.Fatalf("the details file %s: %v\n%s", file, err, details)
	}

	c = startOnPTY(t, true, "ROSTERM_TERMINAL_SECRET=log")
	c.waitScreen(t, "a screen about to break", 10*time.Second)
	if code := c.waitExit(t, 5*time.Second); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if out := c.stderr.String(); strings.Contains(out, crashSecret) || !strings.Contains(out, "the token is [redacted]") {
		t.Fatalf("after the program: %q", out)
	}
}
