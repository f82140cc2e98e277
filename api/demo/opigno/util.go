package opigno

import (
	"strconv"

	graphql "github.com/graph-gophers/graphql-go"
)

func ptr[T any](v T) *T { return &v }

func itoa(n int) string { return strconv.Itoa(n) }

func gqlID(n int) graphql.ID { return graphql.ID(strconv.Itoa(n)) }

// parseID reads a numeric GraphQL ID; ok is false for anything else.
func parseID(id graphql.ID) (int, bool) {
	n, err := strconv.Atoi(string(id))
	if err != nil || n <= 0 {
		return 0, false
	}
	return n, true
}

// isUUID reports whether s has the 8-4-4-4-12 hexadecimal UUID form.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !isHex(c) {
				return false
			}
		}
	}
	return true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
