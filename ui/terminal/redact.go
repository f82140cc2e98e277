package terminal

import (
	"io"
	"os"
)

// redacting returns stderr with redact applied to every write, and redact
// itself, the identity when nil.
func redacting(stderr io.Writer, redact func(string) string) (io.Writer, func(string) string) {
	if redact == nil {
		return stderr, func(s string) string { return s }
	}
	return redactingWriter{w: stderr, redact: redact}, redact
}

// redactingWriter writes what it is given with redact applied. Each write
// is a whole message (a line, or what was captured), so no credential is
// split between two.
type redactingWriter struct {
	w      io.Writer
	redact func(string) string
}

func (r redactingWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(r.w, r.redact(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// redactFile rewrites the file at name, when it is still there (a crash
// report kept for the user), with redact applied to its text.
func redactFile(name string, redact func(string) string) {
	b, err := os.ReadFile(name)
	if err != nil {
		return
	}
	if clean := redact(string(b)); clean != string(b) {
		_ = os.WriteFile(name, []byte(clean), 0o600)
	}
}
