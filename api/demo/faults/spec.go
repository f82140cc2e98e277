package faults

import (
	"fmt"
	"strconv"
	"strings"
)

// DefaultShare is the share of requests a SPEC rule without one applies to.
const DefaultShare = 0.1

// SpecHelp documents the SPEC syntax, for `rosterm demo-server -h`.
const SpecHelp = `SPEC is a comma-separated list of FAULT[@API][=SHARE]:
  FAULT  401, 403, 429, 500, 502, partial, malformed, truncated, huge, hang, reset,
         or all (every fault, splitting SHARE evenly);
         or a server that misbehaves on every answer (SHARE 100% unless given):
         repeat, cycle, endless, flood (paging that repeats, cycles or never
         ends), dup (every row twice) or lie (a schema whose names carry GraphQL)
  API    opigno, scope or vision (default: all three GraphQL endpoints)
  SHARE  the fraction of requests to fail, 0.05 or 5% (default 10%)
e.g. --faults 429,500=0.2,hang@scope=5% ; a 429 asks to retry after 1 second;
     --faults cycle@vision,lie@scope`

// Parse reads a fault SPEC (see SpecHelp) into random rules. The shares of
// the rules that can apply to one API must add up to at most 1.
func Parse(spec string) ([]Rule, error) {
	var rules []Rule
	for part := range strings.SplitSeq(spec, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		rs, err := parseRule(part)
		if err != nil {
			return nil, err
		}
		rules = append(rules, rs...)
	}
	for _, api := range []string{"opigno", "scope", "vision"} {
		total := 0.0
		for _, r := range rules {
			if r.matches("/" + api + "/graphql") {
				total += r.Share
			}
		}
		if total > 1+1e-9 {
			return nil, fmt.Errorf("faults: the shares for %s add up to %.0f%%, more than 100%%", api, total*100)
		}
	}
	return rules, nil
}

func parseRule(s string) ([]Rule, error) {
	name, share, hasShare := strings.Cut(s, "=")
	name, api, hasAPI := strings.Cut(name, "@")
	r := Rule{Share: DefaultShare}
	if hasAPI {
		if api != "opigno" && api != "scope" && api != "vision" {
			return nil, fmt.Errorf("faults: unknown API %q in %q (want opigno, scope or vision)", api, s)
		}
		r.Path = api
	}
	if hasShare {
		v, err := parseShare(share)
		if err != nil {
			return nil, fmt.Errorf("faults: %q: %w", s, err)
		}
		r.Share = v
	}
	if name == "all" {
		all := All()
		rules := make([]Rule, 0, len(all))
		for _, f := range all {
			rules = append(rules, Rule{Fault: f, Path: r.Path, Share: r.Share / float64(len(all))})
		}
		return rules, nil
	}
	for _, f := range All() {
		if name == string(f) {
			r.Fault = f
			return []Rule{r}, nil
		}
	}
	for _, f := range Misbehaving() {
		if name == string(f) {
			r.Fault = f
			if !hasShare {
				r.Share = 1
			}
			return []Rule{r}, nil
		}
	}
	return nil, fmt.Errorf("faults: unknown fault %q (want one of %s, all, or %s)", name, names(All()), names(Misbehaving()))
}

func parseShare(s string) (float64, error) {
	pct, isPct := strings.CutSuffix(s, "%")
	v, err := strconv.ParseFloat(pct, 64)
	if isPct {
		v /= 100
	}
	if err != nil || v < 0 || v > 1 {
		return 0, fmt.Errorf("the share %q is not a fraction between 0 and 1 or a percentage", s)
	}
	return v, nil
}

func names(fs []Fault) string {
	var out []string
	for _, f := range fs {
		out = append(out, string(f))
	}
	return strings.Join(out, ", ")
}
