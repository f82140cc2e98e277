//go:build e2e

package e2e

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	xterm "github.com/charmbracelet/x/term"
)

// Names whose width terminals disagree on (emoji ZWJ sequences, flags,
// variation selectors, skin tones, floods of combining marks, Indic
// syllables, Hangul jamo, invisible format characters, emoji newer than the
// terminal: api/demo/hostile.Widths, seeded by --hostile in every pane)
// must not break the frame: in every pane, on every screen the test goes
// through, every line of the frame is exactly as wide as the window and
// each pane's borders stand in the same columns on every line, as tmux
// draws them. The columns are tmux's own: each line is printed again in a
// pane of another tmux session, which is asked where its cursor ended.
func TestWidthsTheTerminalDisagreesOnKeepTheFrame(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			tm := newTerm(t, size[0], size[1])
			m := newMeasurer(t, tm)
			tm.rosterm("--demo", "--hostile")
			tm.wait(startup, "Users", "Groups", "Connections", "[Connect")
			tm.waitGone(startup, "Loading…")
			check := func(what string) { t.Helper(); checkFrame(t, tm, m, size[0], size[1], what) }
			check("the first screen")

			// Users: down through the Scope users named with hostile.Widths
			// (last names Aab to Aaj, after the payloads), whose detail shows
			// below the list at 120×40.
			walk(t, tm, check, "users", "Wide Aaj")
			// Vision only: its users named with hostile.Widths follow the
			// payloads on the first page.
			tm.keys("S")
			tm.waitLine(step, "Scope only")
			tm.keys("S")
			tm.waitLine(step, "Vision only")
			tm.keys("g")
			walk(t, tm, check, "vision users", "wide8@")

			// Groups: three Scope groups are named with them.
			tm.keys("2")
			tm.wait(step, "▶ Groups")
			walk(t, tm, check, "groups", "ASSEMBLY")

			// Connections: possible connections named with them, a CTA
			// menu, then the communities (one's title carries them).
			tm.keys("3")
			tm.wait(step, "▶ Connections")
			walk(t, tm, check, "connections", "Aaj")
			tm.keys("k", "k", "k", "Enter")
			tm.wait(step, "Connect")
			check("a possible connection's actions")
			tm.keys("Escape", "]", "]", "]")
			tm.wait(step, "Community")
			check("the communities")
			tm.keys("q")
			tm.wait(step, "EXIT:0")
		})
	}
}

// walk moves the focused list's cursor down, checking the frame after every
// move, until the selected row holds until (at most 40 moves).
func walk(t *testing.T, tm *term, check func(string), what, until string) {
	t.Helper()
	for i := 0; i < 40; i++ {
		s := tm.screen()
		check(fmt.Sprintf("%s, after %d moves down", what, i))
		if strings.Contains(cursorRow(s), until) {
			return
		}
		tm.keys("j")
		time.Sleep(60 * time.Millisecond)
	}
	t.Fatalf("%s: no row with %q came under the cursor:\n%s", what, until, tm.screen())
}

// isBorder reports the box-drawing characters panes are drawn with.
func isBorder(r rune) bool { return r >= 0x2500 && r <= 0x257f }

// checkFrame reads the screen as tmux holds it, cell row by cell row, and
// checks that every line above the status line is w cells wide as tmux
// draws it, ends in a border, and has a border in each column where the
// top line has a corner.
func checkFrame(t *testing.T, tm *term, m *measurer, w, h int, what string) {
	t.Helper()
	screen := tm.tmux("capture-pane", "-p", "-t", tm.session) // not joined: row by row
	lines := strings.Split(strings.TrimSuffix(screen, "\n"), "\n")
	if len(lines) < h-1 {
		t.Fatalf("%s: %d lines on a %d-line screen:\n%s", what, len(lines), h, screen)
	}
	frame := lines[:h-1]
	// For each line, the width of the line and of its start up to each
	// border character: the border's column.
	var texts []string
	type border struct{ line, query int }
	var borders []border
	for i, l := range frame {
		texts = append(texts, l)
		for j, r := range l {
			if isBorder(r) {
				borders = append(borders, border{i, len(texts)})
				texts = append(texts, l[:j])
			}
		}
	}
	widths := m.measure(texts)
	columns := make([]map[int]bool, len(frame))
	for i := range columns {
		columns[i] = map[int]bool{}
	}
	for _, b := range borders {
		columns[b.line][widths[b.query]] = true
	}
	var corners []int // the top line's ╭ and ╮: each pane's left and right edges
	q := 1
	for _, r := range frame[0] {
		if isBorder(r) {
			if r == '╭' || r == '╮' {
				corners = append(corners, widths[q])
			}
			q++
		}
	}
	if len(corners) < 2 {
		t.Fatalf("%s: no panes on the top line:\n%s", what, screen)
	}
	q = 0
	var problems []string
	for i, l := range frame {
		if got := widths[q]; got != w || !isBorder(lastRune(l)) {
			problems = append(problems, fmt.Sprintf("line %d is %d cells wide (the window %d), ending %q: %q", i+1, got, w, lastRune(l), l))
		}
		for _, c := range corners {
			if !columns[i][c] {
				problems = append(problems, fmt.Sprintf("line %d has no border in column %d: %q", i+1, c, l))
				break
			}
		}
		q += 1 + strings.Count(strings.Map(func(r rune) rune {
			if isBorder(r) {
				return 'x'
			}
			return -1
		}, l), "x")
	}
	if len(problems) > 0 {
		t.Fatalf("%s: the frame is broken:\n%s\nthe screen:\n%s", what, strings.Join(problems, "\n"), screen)
	}
}

func lastRune(s string) rune {
	r := []rune(s)
	if len(r) == 0 {
		return 0
	}
	return r[len(r)-1]
}

// measurer asks tmux how many cells it draws for a text: a session of its
// own on the test's tmux server, 500 columns wide, runs this test binary as
// a helper (ROSTERM_E2E_MEASURE) that prints each text at the start of a
// line and asks the terminal where the cursor is (CSI 6n).
type measurer struct {
	t   *testing.T
	tm  *term
	dir string
	n   int
}

func newMeasurer(t *testing.T, tm *term) *measurer {
	tm.tmux("new-session", "-d", "-s", "measure", "-x", "500", "-y", "5", "sleep 3600")
	return &measurer{t: t, tm: tm, dir: t.TempDir()}
}

func (m *measurer) measure(texts []string) []int {
	m.t.Helper()
	m.n++
	in := filepath.Join(m.dir, fmt.Sprintf("in%d", m.n))
	out := filepath.Join(m.dir, fmt.Sprintf("out%d", m.n))
	var b strings.Builder
	for _, s := range texts {
		b.WriteString(strconv.Quote(s) + "\n")
	}
	if err := os.WriteFile(in, []byte(b.String()), 0o600); err != nil {
		m.t.Fatal(err)
	}
	self, err := os.Executable()
	if err != nil {
		m.t.Fatal(err)
	}
	m.tm.tmux("respawn-pane", "-k", "-t", "measure", fmt.Sprintf("ROSTERM_E2E_MEASURE=%s,%s %s; sleep 3600", in, out, self))
	deadline := time.Now().Add(step)
	for {
		if data, err := os.ReadFile(out + ".done"); err == nil {
			var widths []int
			for _, f := range strings.Fields(string(data)) {
				n, _ := strconv.Atoi(f)
				widths = append(widths, n)
			}
			if len(widths) != len(texts) {
				m.t.Fatalf("measured %d texts of %d", len(widths), len(texts))
			}
			return widths
		}
		if time.Now().After(deadline) {
			m.t.Fatalf("tmux measured nothing in %s", step)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// init runs the measuring helper in a tmux pane when ROSTERM_E2E_MEASURE
// names its input and output files.
func init() {
	files := os.Getenv("ROSTERM_E2E_MEASURE")
	if files == "" {
		return
	}
	in, out, _ := strings.Cut(files, ",")
	if err := measureHere(in, out); err != nil {
		fmt.Println("measure:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

// measureHere prints each text of in at the start of a line of this
// terminal, and writes to out where the terminal put the cursor after it:
// the number of cells it drew.
func measureHere(in, out string) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	state, err := xterm.MakeRaw(os.Stdin.Fd())
	if err != nil {
		return err
	}
	defer xterm.Restore(os.Stdin.Fd(), state)
	replies := bufio.NewReader(os.Stdin)
	var widths []string
	for _, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		if line == "" {
			continue
		}
		s, err := strconv.Unquote(line)
		if err != nil {
			return err
		}
		fmt.Print("\r\x1b[2K" + s + "\x1b[6n")
		reply, err := replies.ReadString('R') // ESC [ row ; col R
		if err != nil {
			return err
		}
		_, col, ok := strings.Cut(strings.TrimSuffix(reply, "R"), ";")
		n, err := strconv.Atoi(col)
		if !ok || err != nil {
			return fmt.Errorf("the terminal answered %q", reply)
		}
		widths = append(widths, strconv.Itoa(n-1))
	}
	if err := os.WriteFile(out, []byte(strings.Join(widths, "\n")+"\n"), 0o600); err != nil {
		return err
	}
	return os.Rename(out, out+".done")
}
