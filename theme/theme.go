// Package theme turns a named palette into the styles rosterm draws with.
// There is no package-level theme: the program builds one Theme and hands
// it to every pane, so several sessions in one process can differ.
//
// State is never shown by colour alone: the cursor row and focused pane
// also carry a glyph, so the "none" theme and NO_COLOR lose nothing.
package theme

import (
	"fmt"
	"image/color"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/rosterm/rosterm/keymap/suggest"
)

// Names lists the themes a configuration may name.
func Names() []string { return []string{"auto", "dark", "light", "high-contrast", "none"} }

// Theme is the set of styles for one program.
type Theme struct {
	Name string // the concrete theme: dark, light, high-contrast or none

	Text          lipgloss.Style
	Dim           lipgloss.Style
	Accent        lipgloss.Style
	Title         lipgloss.Style
	TitleFocused  lipgloss.Style
	Border        lipgloss.Style
	BorderFocused lipgloss.Style
	Cursor        lipgloss.Style // the selected row in the focused pane
	CursorBlur    lipgloss.Style // the selected row in another pane
	Marked        lipgloss.Style // rows chosen with space
	Error         lipgloss.Style
	Warn          lipgloss.Style
	OK            lipgloss.Style
	Key           lipgloss.Style // a key in help
	Status        lipgloss.Style // the status line
	Badge         lipgloss.Style // small labels such as a row's source
}

// palette is a theme's colours; nil means the terminal's default.
type palette struct {
	fg, dim, accent, border, borderFocus, selBg, selFg, blurBg, err, warn, ok color.Color
}

// xterm256 is the index of hex in the xterm palette's colours 16 to 255
// (the 6×6×6 cube and the greys), which are the same in every terminal
// that has 256 colours, unlike 0 to 15, which terminals' own themes
// change; ok is false for a colour the palette lacks. It is computed, not
// looked up in a table: no package-level state.
func xterm256(hex string) (c ansi.IndexedColor, ok bool) {
	var r, g, b int
	if n, err := fmt.Sscanf(hex, "#%02x%02x%02x", &r, &g, &b); err != nil || n != 3 || len(hex) != 7 {
		return 0, false
	}
	level := func(v int) int {
		for i, l := range [...]int{0, 95, 135, 175, 215, 255} {
			if l == v {
				return i
			}
		}
		return -1
	}
	if lr, lg, lb := level(r), level(g), level(b); lr >= 0 && lg >= 0 && lb >= 0 {
		return ansi.IndexedColor(16 + 36*lr + 6*lg + lb), true
	}
	if r == g && g == b && r >= 8 && r <= 238 && (r-8)%10 == 0 {
		return ansi.IndexedColor(232 + (r-8)/10), true
	}
	return 0, false
}

// color is hex as the terminal is told it: by its xterm palette index when
// the palette has exactly that colour, which a true-colour terminal draws
// the same and is told in about half the bytes (a frame repeats these
// colours hundreds of times), else by its value.
func color256(hex string) color.Color {
	if c, ok := xterm256(hex); ok {
		return c
	}
	return lipgloss.Color(hex)
}

func palettes(name string) (palette, bool) {
	c := color256
	switch name {
	case "dark":
		return palette{fg: c("#d0d0d0"), dim: c("#808080"), accent: c("#87afff"), border: c("#585858"),
			borderFocus: c("#87afff"), selBg: c("#3a3a6a"), selFg: c("#ffffff"), blurBg: c("#303030"),
			err: c("#ff8787"), warn: c("#ffd75f"), ok: c("#87d787")}, true
	case "light":
		return palette{fg: c("#262626"), dim: c("#6c6c6c"), accent: c("#005fd7"), border: c("#a8a8a8"),
			borderFocus: c("#005fd7"), selBg: c("#d7d7ff"), selFg: c("#000000"), blurBg: c("#e4e4e4"),
			err: c("#d70000"), warn: c("#875f00"), ok: c("#008700")}, true
	case "high-contrast":
		return palette{fg: c("#ffffff"), dim: c("#d0d0d0"), accent: c("#ffff00"), border: c("#ffffff"),
			borderFocus: c("#ffff00"), selBg: c("#ffff00"), selFg: c("#000000"), blurBg: c("#444444"),
			err: c("#ff5f5f"), warn: c("#ffff00"), ok: c("#5fff5f")}, true
	case "none":
		return palette{}, true
	}
	return palette{}, false
}

// New builds the theme name; "auto" picks dark or light by darkBackground.
func New(name string, darkBackground bool) (*Theme, error) {
	if name == "" || name == "auto" {
		name = "light"
		if darkBackground {
			name = "dark"
		}
	}
	if err := Check(name); err != nil {
		return nil, err
	}
	p, _ := palettes(name)
	return build(name, p), nil
}

func build(name string, p palette) *Theme {
	st := func(fg color.Color) lipgloss.Style {
		s := lipgloss.NewStyle()
		if fg != nil {
			s = s.Foreground(fg)
		}
		return s
	}
	t := &Theme{
		Name:          name,
		Text:          st(p.fg),
		Dim:           st(p.dim),
		Accent:        st(p.accent),
		Title:         st(p.fg).Bold(true),
		TitleFocused:  st(p.accent).Bold(true),
		Border:        st(p.border),
		BorderFocused: st(p.borderFocus),
		Marked:        st(p.accent).Bold(true),
		Error:         st(p.err).Bold(true),
		Warn:          st(p.warn),
		OK:            st(p.ok),
		Key:           st(p.accent).Bold(true),
		Status:        st(p.dim),
		Badge:         st(p.dim),
	}
	if p.selBg == nil {
		// No colour: reverse video is an attribute, not a colour.
		t.Cursor = lipgloss.NewStyle().Reverse(true)
		t.CursorBlur = lipgloss.NewStyle().Underline(true)
		t.Dim = lipgloss.NewStyle().Faint(true)
		t.Status = t.Dim
		t.Badge = t.Dim
	} else {
		t.Cursor = lipgloss.NewStyle().Background(p.selBg).Foreground(p.selFg).Bold(true)
		t.CursorBlur = lipgloss.NewStyle().Background(p.blurBg).Foreground(p.fg)
	}
	return t
}

// Valid reports whether name is a theme a configuration may name.
func Valid(name string) bool { return slices.Contains(Names(), name) }

// Check says what is wrong with a theme name the user gave (in the
// configuration file or with --theme), in one wording wherever it came
// from: the names allowed, and the one meant when it is a slip.
func Check(name string) error {
	if Valid(name) {
		return nil
	}
	return fmt.Errorf("unknown theme %q%s (choose one of %s)", name, suggest.DidYouMean(name, Names()), strings.Join(Names(), ", "))
}
