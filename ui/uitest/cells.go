package uitest

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/term"
)

// Cells asks a real terminal, tmux, how many cells it draws for a text: a
// tmux server of its own runs, in a window 500 columns wide, the test
// binary itself as a helper that prints each text at the start of a line
// and asks the terminal where its cursor ended (CSI 6n). This is the
// terminal's own measure, which the layout's (ansi.StringWidth) has to
// match for a frame to stay whole.
type Cells struct {
	t      testing.TB
	socket string
	dir    string
	n      int
}

// NewCells starts the tmux server, or skips the test when tmux is not
// installed.
func NewCells(t testing.TB) *Cells {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	dir := t.TempDir()
	c := &Cells{t: t, socket: filepath.Join(dir, "tmux.sock"), dir: dir}
	c.tmux("new-session", "-d", "-s", "cells", "-x", "500", "-y", "5", "sleep 3600")
	t.Cleanup(func() { exec.Command("tmux", "-S", c.socket, "kill-server").Run() })
	return c
}

func (c *Cells) tmux(args ...string) {
	c.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-S", c.socket, "-f", os.DevNull}, args...)...).CombinedOutput()
	if err != nil {
		c.t.Fatalf("tmux %v: %v: %s", args, err, out)
	}
}

// Measure returns the cells tmux draws for each text, printed alone at the
// start of a line. Texts must fit in 500 cells.
func (c *Cells) Measure(texts []string) []int {
	c.t.Helper()
	c.n++
	in := filepath.Join(c.dir, fmt.Sprintf("in%d", c.n))
	out := filepath.Join(c.dir, fmt.Sprintf("out%d", c.n))
	var b strings.Builder
	for _, s := range texts {
		b.WriteString(strconv.Quote(s) + "\n")
	}
	if err := os.WriteFile(in, []byte(b.String()), 0o600); err != nil {
		c.t.Fatal(err)
	}
	self, err := os.Executable()
	if err != nil {
		c.t.Fatal(err)
	}
	c.tmux("respawn-pane", "-k", "-t", "cells", fmt.Sprintf("%s=%s,%s %s; sleep 3600", measureEnv, in, out, self))
	deadline := time.Now().Add(20 * time.Second)
	for {
		if data, err := os.ReadFile(out); err == nil {
			if strings.HasPrefix(string(data), "error") {
				c.t.Fatalf("measuring in tmux: %s", data)
			}
			var widths []int
			for _, f := range strings.Fields(string(data)) {
				n, _ := strconv.Atoi(f)
				widths = append(widths, n)
			}
			if len(widths) != len(texts) {
				c.t.Fatalf("tmux measured %d texts of %d: %s", len(widths), len(texts), data)
			}
			return widths
		}
		if time.Now().After(deadline) {
			c.t.Fatal("tmux measured nothing in 20s")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// measureEnv names the helper's input and output files.
const measureEnv = "ROSTERM_MEASURE_CELLS"

// init runs the helper when the test binary is started as one, in a tmux
// pane.
func init() {
	files := os.Getenv(measureEnv)
	if files == "" {
		return
	}
	in, out, _ := strings.Cut(files, ",")
	widths, err := measureHere(in)
	if err != nil {
		widths = "error " + strings.ReplaceAll(err.Error(), "\n", " ")
	}
	// Written whole, then renamed, so the test never reads half of it.
	if os.WriteFile(out+".tmp", []byte(widths), 0o600) == nil {
		os.Rename(out+".tmp", out)
	}
	os.Exit(0)
}

// measureHere prints each text of the file in at the start of a line of
// this terminal, and returns where the terminal put the cursor after each:
// the number of cells it drew, one number a line.
func measureHere(in string) (string, error) {
	data, err := os.ReadFile(in)
	if err != nil {
		return "", err
	}
	state, err := term.MakeRaw(os.Stdin.Fd())
	if err != nil {
		return "", err
	}
	defer term.Restore(os.Stdin.Fd(), state)
	replies := bufio.NewReader(os.Stdin)
	var widths strings.Builder
	for _, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		if line == "" {
			continue
		}
		s, err := strconv.Unquote(line)
		if err != nil {
			return "", err
		}
		fmt.Print("\r\x1b[2K" + s + "\x1b[6n")
		reply, err := replies.ReadString('R') // ESC [ row ; col R
		if err != nil {
			return "", err
		}
		_, col, ok := strings.Cut(strings.TrimSuffix(reply, "R"), ";")
		n, err := strconv.Atoi(col)
		if !ok || err != nil {
			return "", fmt.Errorf("the terminal answered %q", reply)
		}
		fmt.Fprintln(&widths, n-1)
	}
	return widths.String(), nil
}
