// Package fake makes the demo server's deterministic, realistic-looking data:
// people, phone numbers, job titles and titles for groups and communities.
// The same seed always gives the same data, so tests and screenshots are
// stable.
package fake

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// DefaultSeed is the seed of the data everyone sees by default. Each API
// generates its data for it once per process and gives every server a copy
// (see opigno, scope and vision's seeded): nearly every server a process
// starts serves it, every test's does, and generating it was most of what
// starting a server cost.
const DefaultSeed = 1

// Gen draws from a seeded source. It is not safe for concurrent use; the
// demo server generates its data once, before serving.
type Gen struct {
	r    *rand.Rand
	seen map[string]int
}

// New returns a generator for seed.
func New(seed uint64) *Gen {
	return &Gen{r: rand.New(rand.NewPCG(seed, 0x5eed)), seen: map[string]int{}}
}

// Intn returns a number in [0, n).
func (g *Gen) Intn(n int) int { return g.r.IntN(n) }

// Chance reports true with probability p.
func (g *Gen) Chance(p float64) bool { return g.r.Float64() < p }

// Pick returns one element of xs.
func Pick[T any](g *Gen, xs []T) T { return xs[g.r.IntN(len(xs))] }

// Person is a made-up person.
type Person struct {
	First, Last string
}

// Name is "First Last".
func (p Person) Name() string { return p.First + " " + p.Last }

// Person returns a new person.
func (g *Gen) Person() Person {
	return Person{First: Pick(g, firstNames), Last: Pick(g, lastNames)}
}

// Email returns an address for p at domain that no earlier call returned.
func (g *Gen) Email(p Person, domain string) string {
	local := strings.ToLower(asciiOnly(p.First) + "." + asciiOnly(p.Last))
	return g.unique(local, "@"+domain)
}

// Username returns a login name for p that no earlier call returned.
func (g *Gen) Username(p Person) string {
	return g.unique(strings.ToLower(asciiOnly(p.First[:1])+asciiOnly(p.Last)), "")
}

// unique appends a number to base when base+suffix was returned before.
func (g *Gen) unique(base, suffix string) string {
	key := base + suffix
	n := g.seen[key]
	g.seen[key] = n + 1
	if n == 0 {
		return key
	}
	return fmt.Sprintf("%s%d%s", base, n+1, suffix)
}

// Phone returns a North American phone number.
func (g *Gen) Phone() string {
	return fmt.Sprintf("+1 %03d-555-%04d", 201+g.r.IntN(780), g.r.IntN(10000))
}

// JobTitle returns a job title.
func (g *Gen) JobTitle() string { return Pick(g, jobTitles) }

// Topic returns a two-word topic, for community titles.
func (g *Gen) Topic() string { return Pick(g, adjectives) + " " + Pick(g, nouns) }

// asciiOnly drops letters an e-mail local part should not carry.
func asciiOnly(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
			b.WriteRune(r)
		case r == 'é' || r == 'è':
			b.WriteByte('e')
		case r == 'ö' || r == 'ó':
			b.WriteByte('o')
		case r == 'ü' || r == 'ú':
			b.WriteByte('u')
		case r == 'ñ':
			b.WriteByte('n')
		case r == 'á' || r == 'ä':
			b.WriteByte('a')
		case r == 'í':
			b.WriteByte('i')
		}
	}
	return b.String()
}
