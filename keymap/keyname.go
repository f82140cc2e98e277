package keymap

import (
	"strings"
	"unicode/utf8"
)

// namedKeys are the key names Bubble Tea reports in KeyPressMsg.String().
func namedKeys() map[string]bool {
	m := map[string]bool{}
	for _, k := range strings.Fields(`enter esc tab space backspace delete insert up down left right
		home end pgup pgdown f1 f2 f3 f4 f5 f6 f7 f8 f9 f10 f11 f12`) {
		m[k] = true
	}
	return m
}

// ValidKey reports whether k names a key as Bubble Tea spells it: a single
// printable character or a named key, optionally with ctrl+, alt+, shift+.
func ValidKey(k string) bool {
	named := namedKeys()
	rest := k
	for {
		mod, after, ok := strings.Cut(rest, "+")
		if !ok || after == "" {
			break
		}
		if mod != "ctrl" && mod != "alt" && mod != "shift" {
			break
		}
		rest = after
	}
	if named[rest] {
		return true
	}
	r, size := utf8.DecodeRuneInString(rest)
	return size == len(rest) && r > ' ' && r != utf8.RuneError
}
