package keymap

import (
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
)

// keyNamesHelp says what ValidKey accepts, for error messages.
const keyNamesHelp = "use a single character, or names such as enter, esc, tab, space, up, pgdown, f1, ctrl+x, alt+x, shift+tab"

// namedCodes are the named keys as Bubble Tea spells them in
// KeyPressMsg.String(), with their key codes.
func namedCodes() map[string]rune {
	return map[string]rune{
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "space": tea.KeySpace,
		"backspace": tea.KeyBackspace, "delete": tea.KeyDelete, "insert": tea.KeyInsert,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"home": tea.KeyHome, "end": tea.KeyEnd, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
		"f1": tea.KeyF1, "f2": tea.KeyF2, "f3": tea.KeyF3, "f4": tea.KeyF4, "f5": tea.KeyF5, "f6": tea.KeyF6,
		"f7": tea.KeyF7, "f8": tea.KeyF8, "f9": tea.KeyF9, "f10": tea.KeyF10, "f11": tea.KeyF11, "f12": tea.KeyF12,
	}
}

// modifiers are the prefixes a key name may carry.
func modifiers() map[string]tea.KeyMod {
	return map[string]tea.KeyMod{"ctrl": tea.ModCtrl, "alt": tea.ModAlt, "shift": tea.ModShift}
}

// split separates a key name's modifiers from the key: "ctrl+shift+x"
// gives ctrl|shift and "x". A "+" alone is the plus key.
func split(name string) (tea.KeyMod, string) {
	var mod tea.KeyMod
	mods := modifiers()
	for {
		m, rest, ok := strings.Cut(name, "+")
		if !ok || rest == "" || mods[m] == 0 {
			return mod, name
		}
		mod |= mods[m]
		name = rest
	}
}

// ValidKey reports whether k names a key as Bubble Tea spells it: a single
// printable character or a named key, optionally with ctrl+, alt+, shift+.
func ValidKey(k string) bool {
	_, rest := split(k)
	if _, ok := namedCodes()[rest]; ok {
		return true
	}
	r, size := utf8.DecodeRuneInString(rest)
	return size == len(rest) && r > ' ' && r != utf8.RuneError
}

// Press builds the key press Bubble Tea reports for a valid key name:
// "j", "G", "tab", "shift+tab", "space", "ctrl+c". The root uses it to turn
// a mouse wheel into the focused pane's up and down keys; tests use it to
// type.
func Press(name string) tea.KeyPressMsg {
	mod, rest := split(name)
	if rest == "space" {
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " ", Mod: mod}
	}
	if code, ok := namedCodes()[rest]; ok {
		return tea.KeyPressMsg{Code: code, Mod: mod}
	}
	r, _ := utf8.DecodeRuneInString(rest)
	if mod != 0 {
		return tea.KeyPressMsg{Code: r, Mod: mod}
	}
	return tea.KeyPressMsg{Code: r, Text: rest}
}
