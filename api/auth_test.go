package api

import (
	"context"
	"fmt"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

// countingSource issues numbered tokens that expire after ttl.
type countingSource struct {
	ttl time.Duration
	n   int
}

func (s *countingSource) Token(context.Context) (*oauth2.Token, error) {
	s.n++
	return &oauth2.Token{AccessToken: fmt.Sprintf("tok-%d", s.n), Expiry: time.Now().Add(s.ttl)}, nil
}

func TestTokensAreRenewedBeforeTheyExpire(t *testing.T) {
	fresh := &countingSource{ttl: time.Hour}
	a := NewTokenAuth(fresh, func(s string) string { return s }, nil)
	for range 3 {
		if _, err := a.Header(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if fresh.n != 1 {
		t.Fatalf("a token valid for an hour must be reused, fetched %d", fresh.n)
	}
	// A token with less than a minute left is not sent: a request could
	// arrive after it expired.
	ending := &countingSource{ttl: 30 * time.Second}
	a = NewTokenAuth(ending, func(s string) string { return s }, nil)
	h1, _ := a.Header(context.Background())
	h2, _ := a.Header(context.Background())
	if ending.n != 2 || h1.Get("Authorization") == h2.Get("Authorization") {
		t.Fatalf("a token about to expire must be renewed before use, fetched %d", ending.n)
	}
}
