package ui_test

import (
	"bytes"
	"encoding/base64"
	"image/color"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/rosterm/rosterm/api/demo"
	"github.com/rosterm/rosterm/api/demo/demotest"
	demoopigno "github.com/rosterm/rosterm/api/demo/opigno"
	"github.com/rosterm/rosterm/ui"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/uitest"
)

// demoContext is the demo profile's program context for a new demo server.
func demoContext(t *testing.T, themeName string) *common.Context {
	t.Helper()
	srv := demotest.Start(t, demo.Options{})
	ctx, err := connectDemo(t.Context(), srv.URL, demoopigno.AdminUUID, themeName)
	if err != nil {
		t.Fatal(err)
	}
	return ctx
}

// quit ends the program and returns everything it wrote to the terminal.
func quit(t *testing.T, p *uitest.Program) []byte {
	t.Helper()
	p.Press("ctrl+c")
	p.WaitFinished(t, finalTimeout)
	out, _ := io.ReadAll(p.FinalOutput(t, finalTimeout))
	return out
}

func TestHelpShowsEffectiveBindingsAndTheMode(t *testing.T) {
	t.Parallel()
	ctx := demoContext(t, "dark")
	if err := ctx.Keys.Apply(map[string][]string{"quit": {"Q"}, "help": {"f1", "?"}, "pane_connections": {"C"}}); err != nil {
		t.Fatal(err)
	}
	ctx.ReadOnly = true
	p := uitest.Start(t, ui.New(ctx, ui.Options{Theme: "dark", ConfigPath: "/home/me/.config/rosterm/config.yaml"}), 120, 40)
	p.WaitText(5*time.Second, "Abbott", "demo data · read-only")

	p.Press("C")
	p.WaitText(time.Second, "▶ Connections")
	p.Press("f1")
	p.WaitText(time.Second, "rosterm help", "(f1/? or esc closes)", "Connections pane", "Everywhere",
		"Q             quit", "C             connections pane",
		"read-only mode: every change is disabled",
		"demo data · theme dark · mouse off (M toggles)", "config /home/me/.config/rosterm/config.yaml")
	if s := p.Screen.Text(); strings.Contains(s, "q             quit") {
		t.Errorf("help shows the default quit key after rebinding:\n%s", s)
	}
	p.Press("esc")
	p.WaitText(time.Second, "Q quit")
	p.Press("q") // no longer quits
	p.Press("Q")
	p.WaitFinished(t, finalTimeout)
}

// TestHelpColumnsNeverTouch: at 80x24 help needs two columns; the longest
// description still ends before the next column begins.
func TestHelpColumnsNeverTouch(t *testing.T) {
	t.Parallel()
	p := uitest.Start(t, ui.New(demoContext(t, "dark"), ui.Options{Theme: "dark"}), 80, 24)
	p.WaitText(5*time.Second, "Abbott")
	p.Press("3")
	p.WaitText(5*time.Second, "[Connect]")
	p.Press("?")
	p.WaitText(time.Second, "Connections pane", "Everywhere")
	for _, l := range strings.Split(p.Screen.Text(), "\n") {
		if i := strings.Index(l, "remove / cancel / delete"); i >= 0 {
			if rest := l[i+len("remove / cancel / delete"):]; rest != "" && !strings.HasPrefix(rest, "  ") {
				t.Fatalf("help's columns run together: %q", l)
			}
			quit(t, p)
			return
		}
	}
	t.Fatalf("help lacks the delete key:\n%s", p.Screen.Text())
}

// TestNarrowStatusLineKeepsAPaneKey: at 80 columns the status line says
// who rosterm acts as in fewer words, so the focused pane's main key still
// shows beside it.
func TestNarrowStatusLineKeepsAPaneKey(t *testing.T) {
	t.Parallel()
	p := uitest.Start(t, ui.New(demoContext(t, "dark"), ui.Options{Theme: "dark"}), 120, 40)
	p.WaitText(5*time.Second, "ASSEMBLY", "demo data · acting as Demo Administrator")
	p.Press("2")
	p.WaitFor("the wide status line", time.Second, func(s string) bool {
		st := statusLine(s)
		return strings.Contains(st, "acting as Demo Administrator") && strings.Contains(st, "enter members")
	})
	p.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
	p.WaitFor("the narrow status line", time.Second, func(s string) bool {
		st := statusLine(s)
		return strings.Contains(st, "demo data · Demo Administrator") && strings.Contains(st, "enter members · ? help")
	})
	quit(t, p)
}

func TestStartNoticeSaysThereIsNoConfiguration(t *testing.T) {
	t.Parallel()
	ctx := demoContext(t, "dark")
	notice := "no configuration: demo data · rosterm config init writes one"
	p := uitest.Start(t, ui.New(ctx, ui.Options{Theme: "dark", Notice: notice}), 120, 40)
	p.WaitText(5*time.Second, "Abbott", notice)
	p.Press("esc")
	p.WaitText(5*time.Second, "demo data · acting as Demo Administrator") // asked of Opigno: a round trip
	quit(t, p)
}

func TestUnconfiguredPanesSayWhatToConfigure(t *testing.T) {
	t.Parallel()
	ctx := demoContext(t, "dark")
	ctx.Opigno, ctx.Directories = nil, nil
	ctx.Demo = false
	p := uitest.Start(t, ui.New(ctx, ui.Options{Theme: "dark", Profile: "work", ConfigPath: "/etc/rosterm.yaml"}), 120, 40)
	p.WaitText(time.Second, "Users needs Scope or Vision", "Groups needs Scope or", "Connections needs Opigno",
		`"work"`, "/etc/rosterm.yaml", "client_secret: {env: OPIGNO_SECRET}", "token: {env: SCOPE_TOKEN}", "not configured", "profile work")
	p.Press("j", "enter", "/", "3", "?")
	p.WaitText(time.Second, "Connections pane", "not configured (see the pane)")
	quit(t, p)
}

func TestAutoThemeFollowsTheBackgroundColour(t *testing.T) {
	t.Parallel()
	ctx := demoContext(t, "auto")
	p := uitest.Start(t, ui.New(ctx, ui.Options{Theme: "auto"}), 120, 40)
	// Nothing waits for the terminal's answer, which may never come.
	p.WaitText(5*time.Second, "Abbott", "[Connect]")
	p.Press("?")
	p.WaitText(time.Second, "theme dark (auto)")
	p.Send(tea.BackgroundColorMsg{Color: color.White})
	p.Press("?", "?") // redraw help
	p.WaitText(time.Second, "theme light (auto)")
	p.Send(tea.BackgroundColorMsg{Color: color.Black})
	p.Press("?", "?")
	p.WaitText(time.Second, "theme dark (auto)")
	quit(t, p)

	ctx = demoContext(t, "high-contrast")
	p = uitest.Start(t, ui.New(ctx, ui.Options{Theme: "high-contrast"}), 120, 40)
	p.WaitText(5*time.Second, "Abbott")
	p.Send(tea.BackgroundColorMsg{Color: color.White})
	p.Press("?")
	p.WaitText(time.Second, "theme high-contrast · mouse off")
	quit(t, p)
}

// colourSGR finds a select-graphic-rendition sequence that sets a colour
// (30–38, 40–48, 90–97, 100–107), or "".
func colourSGR(out []byte) string {
	for _, m := range regexp.MustCompile(`\x1b\[([0-9;:]*)m`).FindAllSubmatch(out, -1) {
		for _, p := range strings.FieldsFunc(string(m[1]), func(r rune) bool { return r == ';' || r == ':' }) {
			n, _ := strconv.Atoi(p)
			if (n >= 30 && n <= 38) || (n >= 40 && n <= 48) || (n >= 90 && n <= 97) || (n >= 100 && n <= 107) {
				return string(m[0])
			}
		}
	}
	return ""
}

func TestNoColourThemeMarksStateWithoutColour(t *testing.T) {
	t.Parallel()
	// A terminal that could show any colour: only the theme holds it back.
	trueColour := tea.WithColorProfile(colorprofile.TrueColor)
	ctx := demoContext(t, "none")
	p := uitest.StartRendered(t, ui.New(ctx, ui.Options{Theme: "none"}), 120, 40, trueColour)
	p.WaitText(5*time.Second, "Abbott", "▶ Users") // focus has a marker
	p.WaitFor("a marker on the cursor row", time.Second, func(s string) bool {
		return strings.Contains(s, "│▌")
	})
	out := quit(t, p)
	if m := colourSGR(out); m != "" {
		t.Errorf("the none theme wrote a colour: %q", m)
	}
	if dark := demoContext(t, "dark"); dark != nil {
		p := uitest.StartRendered(t, ui.New(dark, ui.Options{Theme: "dark"}), 120, 40, trueColour)
		p.WaitText(5*time.Second, "Abbott")
		if colourSGR(quit(t, p)) == "" {
			t.Error("the colour check finds nothing in the dark theme either")
		}
	}
}

func TestMouseIsOffUntilToggled(t *testing.T) {
	t.Parallel()
	ctx := demoContext(t, "dark")
	p := uitest.StartRendered(t, ui.New(ctx, ui.Options{Theme: "dark"}), 120, 40)
	p.WaitText(5*time.Second, "Abbott", "[Connect]")
	cursorOnRow := func(n int) func(string) bool {
		return func(s string) bool {
			lines := strings.Split(s, "\n")
			return len(lines) > n && strings.HasPrefix(lines[n], "│▌")
		}
	}
	p.Send(tea.MouseWheelMsg{X: 10, Y: 5, Button: tea.MouseWheelDown})
	p.Send(tea.MouseClickMsg{X: 60, Y: 5, Button: tea.MouseLeft})
	p.Press("?", "esc") // something after the mouse, to be sure it was ignored
	p.WaitFor("the mouse ignored", time.Second, cursorOnRow(1))
	if s := p.Screen.Text(); !strings.Contains(s, "▶ Users") {
		t.Fatalf("a click focused a pane with the mouse off:\n%s", s)
	}

	p.Press("M")
	p.WaitText(time.Second, "Mouse on: the wheel scrolls, a click selects; M frees text selection.")
	p.Send(tea.MouseWheelMsg{X: 10, Y: 5, Button: tea.MouseWheelDown})
	p.Send(tea.MouseWheelMsg{X: 10, Y: 5, Button: tea.MouseWheelDown})
	p.WaitFor("the wheel to move the cursor two rows", time.Second, cursorOnRow(3))
	p.Send(tea.MouseClickMsg{X: 60, Y: 5, Button: tea.MouseLeft})
	p.WaitText(time.Second, "▶ Groups")
	p.Press("M")
	p.WaitText(time.Second, "Mouse off: the terminal selects text again.")
	out := quit(t, p)
	if !bytes.Contains(out, []byte("\x1b[?1002h")) || !bytes.Contains(out, []byte("\x1b[?1002l")) {
		t.Error("mouse capture was not turned on and off in the terminal")
	}
}

func TestMouseSettingCapturesFromTheStart(t *testing.T) {
	t.Parallel()
	ctx := demoContext(t, "dark")
	p := uitest.Start(t, ui.New(ctx, ui.Options{Theme: "dark", Mouse: true}), 120, 40)
	p.WaitText(5*time.Second, "Abbott")
	p.Send(tea.MouseClickMsg{X: 100, Y: 5, Button: tea.MouseLeft})
	p.WaitText(time.Second, "▶ Connections")
	p.Press("?")
	p.WaitText(time.Second, "mouse on (M toggles)")
	quit(t, p)
}

func TestCopyGoesToTheClipboardByOSC52Sanitized(t *testing.T) {
	t.Parallel()
	ctx := demoContext(t, "dark")
	p := uitest.Start(t, ui.New(ctx, ui.Options{Theme: "dark"}), 120, 40)
	p.WaitText(5*time.Second, "Abbott")
	p.Send(common.CopyMsg{Text: "luke@jedi.org\x1b]52;c;ZXZpbA==\x07\x1b[31m"})
	p.WaitText(time.Second, "Copied luke@jedi.org")
	// The status says Copied as the clipboard write is sent as a command,
	// which the program may run after a quit sent now: wait for the write.
	want := "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte("luke@jedi.org"))
	var out []byte
	teatest.WaitFor(t, p.Output(), func(b []byte) bool {
		out = bytes.Clone(b)
		return bytes.Contains(b, []byte(want))
	}, teatest.WithDuration(20*time.Second))
	out = append(out, quit(t, p)...)
	if bytes.Contains(out, []byte("ZXZpbA==")) {
		t.Error("an escape sequence in the copied text reached the terminal")
	}
}
