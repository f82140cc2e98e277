package scope

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

var emailPattern = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)

const minPassword = 8

// checker collects the validation errors of one mutation input. Its caller
// holds the store's lock, so uniqueness checks and the write that follows
// them are atomic. self is the user being updated (0 when creating).
type checker struct {
	st   *store
	self int
	errs []*fieldError
}

func (c *checker) add(e *fieldError) { c.errs = append(c.errs, e) }

// text checks a name-like field: required fields must be present, and a
// present one must not be blank.
func (c *checker) text(path []string, v *string, required bool) {
	if (v == nil && required) || (v != nil && strings.TrimSpace(*v) == "") {
		c.add(invalid(path, humanize(path[len(path)-1]), "can't be blank", "blank"))
	}
}

func (c *checker) email(v *string, required bool) {
	path := pathOf("user", "email")
	c.text(path, v, required)
	if v == nil || strings.TrimSpace(*v) == "" {
		return
	}
	switch email := strings.TrimSpace(*v); {
	case !emailPattern.MatchString(email):
		c.add(invalid(path, "Email", "is invalid", "invalid"))
	case c.st.emailTaken(email, c.self):
		c.add(invalid(path, "Email", "is already in use", "taken"))
	}
}

func (c *checker) credentials(cr *credentialsInput, required bool) {
	if cr == nil {
		if required {
			c.add(invalid(pathOf("user", "credentials"), "Credentials", "can't be blank", "blank"))
		}
		return
	}
	path := pathOf("user", "credentials", "username")
	switch username := strings.TrimSpace(deref(cr.Username)); {
	case username == "":
		c.add(invalid(path, "Username", "can't be blank", "blank"))
	case strings.ContainsFunc(username, func(r rune) bool { return r <= ' ' }):
		c.add(invalid(path, "Username", "is invalid", "invalid"))
	case c.st.usernameTaken(username, c.self):
		c.add(invalid(path, "Username", "has already been taken", "taken"))
	}
	if len([]rune(deref(cr.Password))) < minPassword {
		c.add(invalid(pathOf("user", "credentials", "password"), "Password",
			fmt.Sprintf("is too short (minimum is %d characters)", minPassword), "too_short"))
	}
}

// list is a list argument without its null elements, each reported; nil
// when the argument was left out.
func (c *checker) list(path []string, v *[]*string) *[]string {
	if v == nil {
		return nil
	}
	out := []string{}
	for _, s := range *v {
		if s == nil {
			c.add(invalid(path, humanize(path[len(path)-1]), "can't contain null", "invalid"))
			continue
		}
		out = append(out, *s)
	}
	return &out
}

// licenses checks license type names given as strings (updateUser's
// requestedLicenses are Strings in the contract).
func (c *checker) licenses(names *[]string) {
	if names == nil {
		return
	}
	for _, n := range *names {
		if !slices.Contains(licenseTypeNames, n) {
			c.add(invalid(pathOf("requestedLicenses"), "Requested licenses",
				fmt.Sprintf("contains %q, which is not a license type (%s)", n, strings.Join(licenseTypeNames, ", ")), "invalid"))
		}
	}
}

// groups checks requestedGroups: UPPERCASE names of existing groups, each
// wrong one reported by name.
func (c *checker) groups(names *[]string) {
	if names == nil {
		return
	}
	for _, n := range *names {
		if msg, typ := c.groupProblem(n); msg != "" {
			c.add(invalid(pathOf("requestedGroups"), "Requested groups", "contains "+msg, typ))
		}
	}
}

// originGroup checks requestedOriginGroup, which is only used with an admin
// or author license; the caller decides whether it is needed.
func (c *checker) originGroup(name *string, required bool) {
	path := pathOf("requestedOriginGroup")
	switch {
	case name == nil && required:
		c.add(invalid(path, "Requested origin group", "can't be blank when an ADMIN or AUTHOR license is requested", "blank"))
	case name != nil:
		if msg, typ := c.groupProblem(*name); msg != "" {
			c.add(invalid(path, "Requested origin group", "is "+msg, typ))
		}
	}
}

func (c *checker) groupProblem(name string) (msg, typ string) {
	if name == "" || name != strings.ToUpper(name) {
		return fmt.Sprintf("%q, which is not an UPPERCASE group name", name), "invalid"
	}
	if _, ok := c.st.groupByName[name]; !ok {
		return fmt.Sprintf("%q, which is not an existing group", name), "not_found"
	}
	return "", ""
}

// keepsAdmin refuses to take ADMIN away from the last company admin.
func (c *checker) keepsAdmin(u *user, types []string) {
	if u.companyAdmin() && !slices.Contains(types, licAdmin) && c.st.companyAdmins() == 1 {
		c.add(invalid(pathOf("requestedLicenses"), "Requested licenses",
			"cannot remove the ADMIN license from the last company admin; one must remain", "invalid"))
	}
}

// licenseTypes dedupes requested licenses, keeping their order; absent
// means def.
func licenseTypes(requested *[]string, def []string) []string {
	if requested == nil {
		return def
	}
	var out []string
	for _, t := range *requested {
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}
