package scope

import "strings"

// withoutUsersField removes Query.users (and the comment line above it)
// from the schema text, as servers before Scope 2.28.1 lack it. Other types
// are left alone: an unreferenced UsersQueryResult is harmless.
func withoutUsersField(sdl string) string {
	lines := strings.Split(sdl, "\n")
	out := make([]string, 0, len(lines))
	inQuery := false
	for _, line := range lines {
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "type Query"):
			inQuery = true
		case inQuery && trimmed == "}":
			inQuery = false
		case inQuery && strings.HasPrefix(trimmed, "users("):
			if n := len(out); n > 0 && strings.HasPrefix(strings.TrimSpace(out[n-1]), "#") {
				out = out[:n-1]
			}
			continue
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}
