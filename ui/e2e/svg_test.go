//go:build e2e

package e2e

import (
	"fmt"
	"html"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// The README's screenshots are made from the real program's screen:
// `tmux capture-pane -e` gives the text with its SGR styling, and svg()
// draws it as an SVG terminal, so they are remade whenever the UI changes
// (ROSTERM_SCREENSHOTS=1 go test -tags e2e -run TestScreenshots ./ui/e2e).

const (
	cellW    = 8.4
	cellH    = 18.0
	fontSize = 14
	bgColor  = "#1c1c1c"
	fgColor  = "#d0d0d0"
)

// cellStyle is the SGR state of a cell.
type cellStyle struct {
	fg, bg                  string
	bold, faint, under, rev bool
}

type run struct {
	x     int
	text  string
	width int
	style cellStyle
}

// svg renders captured terminal lines (with SGR sequences) as an SVG image
// of cols×rows cells.
func svg(captured string, cols, rows int) string {
	var b strings.Builder
	w, h := float64(cols)*cellW+16, float64(rows)*cellH+16
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f">`+"\n", w, h, w, h)
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" rx="6" fill="%s"/>`+"\n", bgColor)
	fmt.Fprintf(&b, `<g font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="%d" xml:space="preserve">`+"\n", fontSize)
	for y, line := range strings.Split(strings.TrimRight(captured, "\n"), "\n") {
		if y >= rows {
			break
		}
		for _, r := range runs(line) {
			drawRun(&b, r, y)
		}
	}
	b.WriteString("</g>\n</svg>\n")
	return b.String()
}

func drawRun(b *strings.Builder, r run, y int) {
	fg, bg := r.style.fg, r.style.bg
	if fg == "" {
		fg = fgColor
	}
	if r.style.rev {
		if bg == "" {
			bg = bgColor
		}
		fg, bg = bg, fg
	}
	x0, y0 := 8+float64(r.x)*cellW, 8+float64(y)*cellH
	if bg != "" {
		fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>`+"\n", x0, y0, float64(r.width)*cellW, cellH, bg)
	}
	if strings.TrimSpace(r.text) == "" {
		return
	}
	attrs := ""
	if r.style.bold {
		attrs += ` font-weight="bold"`
	}
	if r.style.faint {
		attrs += ` opacity="0.6"`
	}
	if r.style.under {
		attrs += ` text-decoration="underline"`
	}
	fmt.Fprintf(b, `<text x="%.1f" y="%.1f" fill="%s" textLength="%.1f" lengthAdjust="spacingAndGlyphs"%s>%s</text>`+"\n",
		x0, y0+cellH*0.75, fg, float64(r.width)*cellW, attrs, html.EscapeString(r.text))
}

// runs splits a captured line into stretches of one style.
func runs(line string) []run {
	var out []run
	var st cellStyle
	cur := run{}
	x := 0
	flush := func() {
		if cur.text != "" {
			out = append(out, cur)
		}
		cur = run{x: x, style: st}
	}
	for i := 0; i < len(line); {
		if line[i] == 0x1b && i+1 < len(line) && line[i+1] == '[' {
			j := i + 2
			for j < len(line) && (line[j] < 0x40 || line[j] > 0x7e) {
				j++
			}
			if j < len(line) && line[j] == 'm' {
				flush()
				st = applySGR(st, line[i+2:j])
				cur.style = st
			}
			i = j + 1
			continue
		}
		g, w := ansi.FirstGraphemeCluster(line[i:], ansi.GraphemeWidth)
		cur.text += g
		cur.width += w
		x += w
		i += len(g)
	}
	flush()
	return out
}

func applySGR(st cellStyle, params string) cellStyle {
	ps := strings.Split(params, ";")
	if params == "" {
		ps = []string{"0"}
	}
	for i := 0; i < len(ps); i++ {
		n, _ := strconv.Atoi(ps[i])
		switch {
		case n == 0:
			st = cellStyle{}
		case n == 1:
			st.bold = true
		case n == 2:
			st.faint = true
		case n == 4:
			st.under = true
		case n == 7:
			st.rev = true
		case n == 22:
			st.bold, st.faint = false, false
		case n == 24:
			st.under = false
		case n == 27:
			st.rev = false
		case n >= 30 && n <= 37:
			st.fg = palette16[n-30]
		case n >= 90 && n <= 97:
			st.fg = palette16[n-90+8]
		case n >= 40 && n <= 47:
			st.bg = palette16[n-40]
		case n >= 100 && n <= 107:
			st.bg = palette16[n-100+8]
		case n == 39:
			st.fg = ""
		case n == 49:
			st.bg = ""
		case n == 38 || n == 48:
			c, used := extendedColor(ps[i+1:])
			i += used
			if n == 38 {
				st.fg = c
			} else {
				st.bg = c
			}
		}
	}
	return st
}

// extendedColor reads "5;n" or "2;r;g;b" and says how many params it used.
func extendedColor(ps []string) (string, int) {
	if len(ps) >= 2 && ps[0] == "5" {
		n, _ := strconv.Atoi(ps[1])
		return color256(n), 2
	}
	if len(ps) >= 4 && ps[0] == "2" {
		r, _ := strconv.Atoi(ps[1])
		g, _ := strconv.Atoi(ps[2])
		b, _ := strconv.Atoi(ps[3])
		return fmt.Sprintf("#%02x%02x%02x", r, g, b), 4
	}
	return "", len(ps)
}

var palette16 = [16]string{
	"#000000", "#cd3131", "#0dbc79", "#e5e510", "#2472c8", "#bc3fbc", "#11a8cd", "#e5e5e5",
	"#666666", "#f14c4c", "#23d18b", "#f5f543", "#3b8eea", "#d670d6", "#29b8db", "#ffffff",
}

func color256(n int) string {
	switch {
	case n < 16:
		return palette16[n]
	case n < 232:
		n -= 16
		level := func(v int) int {
			if v == 0 {
				return 0
			}
			return 55 + v*40
		}
		return fmt.Sprintf("#%02x%02x%02x", level(n/36), level(n/6%6), level(n%6))
	}
	g := 8 + (n-232)*10
	return fmt.Sprintf("#%02x%02x%02x", g, g, g)
}
