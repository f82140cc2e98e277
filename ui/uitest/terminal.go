package uitest

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/rosterm/rosterm/ui/sanitize"
)

// FrameProblems lists what in a frame (a model's view, before Bubble Tea
// renders it) could act on a terminal: anything but text, line breaks and
// colour (SGR) sequences. Server text that kept an escape sequence, a
// control character or a bidi control shows up here whatever the renderer
// would make of it. A frame wider than width cells or taller than height
// lines is a problem too: long text broke the layout. So is a line whose
// width the layout (grapheme clusters) and a terminal that advances its
// cursor once per code point (tmux, xterm, Bubble Tea's renderer without
// mode 2027) measure differently: its borders would not line up.
func FrameProblems(frame string, width, height int) []string {
	var problems []string
	if !utf8.ValidString(frame) {
		problems = append(problems, "invalid UTF-8")
	}
	for i := 0; i < len(frame); {
		r, size := utf8.DecodeRuneInString(frame[i:])
		if r == 0x1b {
			n := escapeLen(frame[i:])
			if seq := frame[i : i+n]; !strings.HasPrefix(seq, "\x1b[") || !strings.HasSuffix(seq, "m") {
				problems = append(problems, fmt.Sprintf("escape sequence %q", seq))
			}
			i += n
			continue
		}
		if p := runeProblem(r, size); p != "" {
			problems = append(problems, p)
		}
		i += size
	}
	lines := strings.Split(frame, "\n")
	if len(lines) > height {
		problems = append(problems, fmt.Sprintf("%d lines, more than the terminal's %d", len(lines), height))
	}
	for n, l := range lines {
		if w := ansi.StringWidth(l); w > width {
			problems = append(problems, fmt.Sprintf("line %d is %d cells wide, more than the terminal's %d", n, w, width))
		} else if wc := ansi.StringWidthWc(l); wc != w {
			problems = append(problems, fmt.Sprintf("line %d is %d cells wide to the layout but %d to a terminal that advances once per code point", n, w, wc))
		}
	}
	return problems
}

// TerminalProblems lists what in out, the bytes a program wrote to its
// terminal, would let text act on the terminal rather than be shown:
// invalid UTF-8; C1 and bidi controls; C0 controls other than line breaks
// and the BEL ending an OSC (a carriage return, which renderers write
// too, only FrameProblems can judge); control strings (DCS, SOS, PM, APC); OSC
// other than the window title "rosterm", the background colour query and
// clipboard writes; a terminal reset; clearing the scrollback; cursor
// moves far beyond any screen. It also returns what each clipboard write
// (OSC 52) puts on the clipboard, for the caller to check.
func TerminalProblems(out []byte) (problems, clipboard []string) {
	s := string(out)
	if !utf8.ValidString(s) {
		problems = append(problems, "invalid UTF-8")
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == 0x1b {
			n := escapeLen(s[i:])
			p, clip := sequenceProblem(s[i : i+n])
			if p != "" {
				problems = append(problems, p)
			}
			if s[i:i+n] == "\x1b[?1049l" && i+n < len(s) && s[i+n] != 0x1b {
				// Bubble Tea leaves the alternate screen last, among its
				// own sequences: text after it is on the shell's screen.
				problems = append(problems, "text after leaving the alternate screen")
			}
			if clip != nil {
				clipboard = append(clipboard, *clip)
			}
			i += n
			continue
		}
		// A renderer writes a carriage return to go back to the start
		// of a line: only frames show one that came with text.
		if p := runeProblem(r, size); p != "" && r != '\r' {
			problems = append(problems, p)
		}
		i += size
	}
	return problems, clipboard
}

// runeProblem says what is wrong with r, size bytes long, outside an
// escape sequence.
func runeProblem(r rune, size int) string {
	switch {
	case r == utf8.RuneError && size == 1:
		return "invalid UTF-8"
	case r == '\n':
		return ""
	case r < 0x20 || r == 0x7f:
		return fmt.Sprintf("control character U+%04X", r)
	case r >= 0x80 && r <= 0x9f:
		return fmt.Sprintf("C1 control U+%04X", r)
	case sanitize.IsBidi(r):
		return fmt.Sprintf("bidi control U+%04X", r)
	}
	return ""
}

// sequenceProblem judges one escape sequence a renderer wrote.
func sequenceProblem(seq string) (problem string, clipboard *string) {
	if len(seq) < 2 {
		return "a lone ESC", nil
	}
	switch seq[1] {
	case '[':
		return csiProblem(seq), nil
	case ']':
		return oscProblem(seq)
	case 'P', 'X', '^', '_':
		return fmt.Sprintf("control string %q", seq), nil
	case 'c':
		return "terminal reset (ESC c)", nil
	}
	return "", nil
}

func csiProblem(seq string) string {
	body := seq[2:]
	final := body[len(body)-1:]
	params := body[:len(body)-1]
	if final == "J" && params == "3" {
		return "scrollback cleared (CSI 3 J)"
	}
	if strings.Contains("ABCDEFGHf", final) {
		for p := range strings.SplitSeq(params, ";") {
			if n, err := strconv.Atoi(p); err == nil && n > 500 {
				return fmt.Sprintf("cursor moved beyond any screen %q", seq)
			}
		}
	}
	return ""
}

// oscProblem allows the window title rosterm sets (and clears), the
// background colour query, and clipboard writes, whose text it returns.
func oscProblem(seq string) (string, *string) {
	body := strings.TrimSuffix(strings.TrimSuffix(seq[2:], "\a"), "\x1b\\")
	cmd, arg, _ := strings.Cut(body, ";")
	switch {
	case (cmd == "0" || cmd == "2") && (arg == "rosterm" || arg == ""):
		return "", nil
	case cmd == "11" && arg == "?":
		return "", nil
	case cmd == "52":
		_, data, _ := strings.Cut(arg, ";")
		text, err := base64.StdEncoding.DecodeString(data)
		if err != nil {
			return fmt.Sprintf("clipboard write that is not base64 %q", seq), nil
		}
		s := string(text)
		return "", &s
	}
	return fmt.Sprintf("OSC %q", seq), nil
}

// escapeLen is the length of the escape sequence at s[0] == ESC: CSI to
// its final byte, OSC to BEL or ST, other control strings to ST, else
// two bytes.
func escapeLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[':
		for i := 2; i < len(s); i++ {
			if s[i] >= 0x40 && s[i] <= 0x7e {
				return i + 1
			}
		}
	case ']', 'P', 'X', '^', '_':
		for i := 2; i < len(s); i++ {
			if s[i] == '\a' && s[1] == ']' {
				return i + 1
			}
			if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
		}
	default:
		return 2
	}
	return len(s)
}
