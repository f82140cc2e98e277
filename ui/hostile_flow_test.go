package ui_test

import (
	"encoding/base64"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	demoopigno "github.com/rosterm/rosterm/api/demo/opigno"
	"github.com/rosterm/rosterm/ui"
	"github.com/rosterm/rosterm/ui/sanitize"
	"github.com/rosterm/rosterm/ui/uitest"
)

// frameCheck wraps a model and checks every new frame it renders, and
// its window title, before Bubble Tea turns it into terminal output.
type frameCheck struct {
	tea.Model
	log *frameLog
}

type frameLog struct {
	mu       sync.Mutex
	w, h     int
	last     string
	frames   int
	problems []string
	titles   map[string]bool
}

func (f frameCheck) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m, cmd := f.Model.Update(msg)
	return frameCheck{Model: m, log: f.log}, cmd
}

func (f frameCheck) View() tea.View {
	v := f.Model.View()
	f.log.check(v)
	return v
}

func (l *frameLog) check(v tea.View) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.titles[v.WindowTitle] = true
	if v.Content == l.last {
		return
	}
	l.last = v.Content
	l.frames++
	for _, p := range uitest.FrameProblems(v.Content, l.w, l.h) {
		if len(l.problems) < 20 {
			l.problems = append(l.problems, fmt.Sprintf("%s, in:\n%s", p, sanitize.Text(v.Content)))
		}
	}
}

// cursorTo moves the focused pane's cursor down to the row showing text.
func cursorTo(t *testing.T, p *uitest.Program, text string) {
	t.Helper()
	for range 60 {
		screen := p.Screen.Text()
		if lineWith(screen, "▌", text) {
			return
		}
		was := selectedLine(screen)
		p.Press("j")
		// Each move is drawn before the next key: on a busy machine keys
		// pressed ahead of the screen would carry the cursor past the row.
		p.WaitFor("the cursor to move", 5*time.Second, func(s string) bool { return selectedLine(s) != was })
	}
	t.Fatalf("no row shows %q:\n%s", text, p.Screen.Text())
}

// selectedLine is the screen's line with the cursor, "" if none.
func selectedLine(screen string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, "▌") {
			return l
		}
	}
	return ""
}

// TestHostileTextNeverReachesTheTerminal drives the whole program on the
// hostile demo data through every place that shows server text: each
// pane's rows (every Connections tab), the Users detail and card, the
// Groups summary and member list, the CTA menu, confirmations, pickers,
// a form showing the server's error, the result dialogs, the status and
// error lines, the error log, help, the window title and the clipboard.
// Every frame may hold only text and colours, and fit the terminal; the
// bytes written to the terminal may not set the title or the clipboard
// to anything of the server's, link, reset, clear the scrollback or carry
// controls.
func TestHostileTextNeverReachesTheTerminal(t *testing.T) {
	t.Parallel()
	const w, h = 120, 40
	srv := demotest.Start(t, demo.Options{Hostile: true})
	ctx, err := connectDemo(t.Context(), srv.URL, demoopigno.AdminUUID, "dark")
	if err != nil {
		t.Fatal(err)
	}
	ctx.Grace, ctx.UndoDelay = 0, -1
	log := &frameLog{w: w, h: h, titles: map[string]bool{}}
	p := uitest.StartRendered(t, frameCheck{Model: ui.New(ctx, ui.Options{Theme: "dark"}), log: log}, w, h)
	// Each step waits for what it shows; a frame found wrong on the way
	// fails the test there, naming the step.
	firstProblem := func() string {
		log.mu.Lock()
		defer log.mu.Unlock()
		if len(log.problems) > 0 {
			return log.problems[0]
		}
		return ""
	}
	wait := func(texts ...string) {
		t.Helper()
		p.WaitFor(strings.Join(texts, ", "), 10*time.Second, func(s string) bool {
			for _, text := range texts {
				if !strings.Contains(s, text) && firstProblem() == "" {
					return false
				}
			}
			return true
		})
		if problem := firstProblem(); problem != "" {
			t.Fatalf("waiting for %q, a frame: %s", texts, problem)
		}
	}
	gone := func(what, text string) {
		t.Helper()
		p.WaitFor(what, 5*time.Second, func(s string) bool { return !strings.Contains(s, text) })
	}

	// Every pane's rows; the first user's detail and groups summary.
	wait("Mallory PWNED", "PWNED Crew", "DENWP Crew", "PWNED Mallory", "[Connect", "Job title", "Mallory PWNED:")

	// The Users card, and copying the user's e-mail.
	p.Press("enter")
	wait("e edit · x delete")
	p.Press("esc", "y")
	wait("Copied mallory")

	// The edit form, prefilled with hostile values, and the server's
	// error, which quotes a hostile group name, beside the field.
	p.Press("e")
	wait("Edit Mallory", "Last name")
	p.Press("tab", "tab", "tab", "tab", "tab", "down", "space", "tab", "tab", "space", "enter", "enter")
	wait("! Requested origin group is")
	p.Press("esc", "y") // the form has changes: esc asks, y discards them
	gone("the form closed", "Requested origin group")

	// Deleting: the confirmation and the result name the user.
	p.Press("x")
	wait("Delete user?", "[ No ]")
	p.Press("y")
	wait("Deleted (1)")
	p.Press("esc")

	// Help lists keys named after the selected user.
	p.Press("?")
	wait("rosterm help")
	p.Press("?")

	// Groups: the summary, a hostile group's members; adding the user to
	// a hostile group, which the server refuses quoting its name (the
	// error line); taking them out of another (the confirmation names it,
	// the status says so).
	p.Press("2")
	wait("▶ Groups")
	p.Press("enter")
	wait("Groups ›")
	p.Press("esc")
	wait("▶ Groups")
	p.Press("e")
	p.WaitFor("the refusal", 5*time.Second, func(s string) bool {
		return strings.HasPrefix(statusLine(s), "! changing the groups of a user")
	})
	p.Press("esc", "j", "e")
	wait("Remove from group?", "[ No ]")
	p.Press("y")
	p.WaitFor("the removal", 5*time.Second, func(s string) bool { return strings.Contains(statusLine(s), "Removed") })

	// Vision: a hostile user's card (looked up afresh) and a hostile
	// group's members.
	p.Press("1", "S", "S")
	wait("Users · Vision", "vision Mallory PWNED")
	p.Press("j", "j", "j")
	p.WaitFor("a hostile Vision user", 5*time.Second, func(s string) bool { return lineWith(s, "▌ vision Mallory") })
	p.Press("enter")
	wait("Vision is read-only")
	p.Press("esc", "2", "S", "S")
	wait("Groups · Vision", "PWNED Safety")
	cursorTo(t, p, "PWNED Safety")
	p.Press("enter")
	wait("Groups › PWNED Safety", "Mallory")
	p.Press("esc")

	// Connections: a hostile row's menu and its invitation picker of
	// hostile communities; Connect on the hostile rows until one is
	// refused with a message that carries a hostile name.
	p.Press("3")
	wait("▶ Connections", "▸Possible", "click me Mallory")
	for range 3 { // the first rows are hostile: their menus
		p.Press("enter")
		wait("createUserInvitation", "Act as")
		p.Press("esc", "j")
	}
	p.Press("g", "i")
	wait("Invite to which community?", "Community")
	p.Press("esc")
	for n := 0; !strings.HasPrefix(statusLine(p.Screen.Text()), "!"); n++ {
		if n == 8 {
			t.Fatal("no Connect was refused")
		}
		p.Press("enter")
		wait("createUserInvitation")
		p.Press("1")
		p.WaitFor("the Connect's outcome", 5*time.Second, func(s string) bool {
			st := statusLine(s)
			return strings.HasPrefix(st, "!") || strings.Contains(st, "Done: invited")
		})
	}
	p.Press("E")
	wait("Recent errors")
	p.Press("E", "esc")

	// The other tabs: the network (and removing someone, confirmed), the
	// invitations (declined at once), the communities and their menu.
	p.Press("]")
	p.WaitFor("the network's rows", 10*time.Second, func(s string) bool {
		return strings.Contains(s, "▸Network") && strings.Contains(cursorRow(s), "#")
	})
	p.Press("x")
	wait("Remove connection", "[ No ]", "Mallory (#")
	p.Press("n", "]")
	wait("▸Invitations", "← ")
	p.Press("d")
	p.WaitFor("the decline", 5*time.Second, func(s string) bool { return strings.Contains(statusLine(s), "eclin") }) // declining, declined
	p.Press("]")
	wait("▸Communities", "Community")
	p.Press("enter")
	wait("esc close")
	p.Press("esc")

	out := quit(t, p)
	log.mu.Lock()
	defer log.mu.Unlock()
	t.Logf("%d distinct frames checked, %d bytes of terminal output", log.frames, len(out))
	for _, problem := range log.problems {
		t.Errorf("a frame: %s", problem)
	}
	for title := range log.titles {
		if title != "rosterm" {
			t.Errorf("window title %q", title)
		}
	}
	problems, clipboard := uitest.TerminalProblems(out)
	for _, problem := range problems {
		t.Errorf("terminal output: %s", problem)
	}
	if len(clipboard) != 1 || !strings.Contains(clipboard[0], "@pwned.example") {
		t.Errorf("want one clipboard write, the copied e-mail: %q", clipboard)
	}
	for _, c := range clipboard {
		if c != sanitize.Text(c) {
			t.Errorf("the clipboard got unsanitized text %q", c)
		}
	}
	// Belt and braces: the payloads that write the clipboard and link,
	// as the terminal would receive them. (Their text may show: a server
	// error quoting a hostile name shows it escaped.)
	for _, leak := range []string{
		"\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte("PWNED clipboard")),
		"\x1b]8;;https://pwned.example/PWNED",
	} {
		if strings.Contains(string(out), leak) {
			t.Errorf("the terminal output carries %q", leak)
		}
	}
	if !strings.Contains(string(out), "PWNED") {
		t.Error("the hostile names should be shown, made harmless")
	}
}
