package users

import (
	"errors"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/rosterm/rosterm/api"
	"github.com/rosterm/rosterm/api/directory"
	"github.com/rosterm/rosterm/ui/common"
	"github.com/rosterm/rosterm/ui/form"
	"github.com/rosterm/rosterm/ui/sanitize"
)

// createdMsg is a successful createUser, for the pane to show the new user.
type createdMsg struct {
	to   common.Target
	User api.User
}

func (c createdMsg) Address() common.Target { return c.to }

// Field keys are the names an Editor gives the attributes in error paths, so
// a server error finds its field by the last element of its path.
const (
	fFirst    = "firstName"
	fLast     = "lastName"
	fUsername = "username"
	fPassword = "password"
	fEmail    = "email"
	fPhone    = "phone"
	fJob      = "jobTitle"
	fLicenses = "requestedLicenses"
	fGroups   = "requestedGroups"
	fOrigin   = "requestedOriginGroup"
)

// fieldFor maps a server error to the form field it concerns; "" puts it
// at the form's foot.
func fieldFor(e directory.FieldError) string {
	switch f := e.Field(); f {
	case "credentials":
		return fUsername
	case fFirst, fLast, fUsername, fPassword, fEmail, fPhone, fJob, fLicenses, fGroups, fOrigin:
		return f
	}
	return ""
}

func checkEmail(s string) string {
	if !directory.IsEmail(strings.TrimSpace(s)) {
		return "is not an e-mail address"
	}
	return ""
}

func checkUsername(s string) string {
	if strings.ContainsAny(strings.TrimSpace(s), " \t") {
		return "cannot contain spaces"
	}
	return ""
}

// checkGroupNames applies Scope's rule to typed group names: UPPERCASE.
func checkGroupNames(s string) string {
	for _, g := range splitNames(s) {
		if g != strings.ToUpper(g) {
			return "group names are UPPERCASE, e.g. DEFAULT"
		}
	}
	return ""
}

func splitNames(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// groupFields are the groups and origin group fields: choices when the
// server lists its groups, typed names otherwise.
func groupFields(ed directory.Editor, opts formOptions, groups []string, origin string) []form.Field {
	needsOrigin := func(v form.Values) bool { return ed.NeedsOriginGroup(v.Chosen(fLicenses)) }
	if opts.groups == nil {
		return []form.Field{
			{Key: fGroups, Label: "Groups", Value: strings.Join(groups, ", "), Hint: "DEFAULT, JEDI", Check: checkGroupNames},
			{Key: fOrigin, Label: "Origin group", Value: origin, Hint: "DEFAULT", Check: checkGroupNames, Shown: needsOrigin},
		}
	}
	var chosenOrigin []string
	if origin != "" {
		chosenOrigin = []string{origin}
	}
	return []form.Field{
		{Key: fGroups, Label: "Groups", Kind: form.Multi, Options: opts.groups, Chosen: groups},
		{Key: fOrigin, Label: "Origin group", Kind: form.Single, Options: opts.groups, Chosen: chosenOrigin, Shown: needsOrigin},
	}
}

// groupsOf reads the groups field, whichever kind it is.
func groupsOf(v form.Values, opts formOptions) []string {
	if opts.groups == nil {
		return splitNames(v.Text(fGroups))
	}
	return v.Chosen(fGroups)
}

func originOf(v form.Values, opts formOptions) string {
	if opts.groups == nil {
		return strings.TrimSpace(v.Text(fOrigin))
	}
	if c := v.Chosen(fOrigin); len(c) > 0 {
		return c[0]
	}
	return ""
}

// originCheck asks for an origin group with the licenses that need one
// (Scope's admin or author), which the directory ignores otherwise.
func originCheck(ed directory.Editor, opts formOptions, required bool) func(form.Values) map[string]string {
	return func(v form.Values) map[string]string {
		if required && ed.NeedsOriginGroup(v.Chosen(fLicenses)) && originOf(v, opts) == "" {
			return map[string]string{fOrigin: "is required with an ADMIN or AUTHOR license"}
		}
		return nil
	}
}

func createForm(ctx *common.Context, ed directory.Editor, to common.Target, opts formOptions) *form.Model {
	var licenses, groups []string
	if slices.Contains(opts.licenses, "VIEWER") {
		licenses = []string{"VIEWER"}
	}
	if slices.Contains(opts.groups, "DEFAULT") {
		groups = []string{"DEFAULT"}
	}
	fields := []form.Field{
		{Key: fFirst, Label: "First name", Required: true},
		{Key: fLast, Label: "Last name", Required: true},
		{Key: fUsername, Label: "Username", Required: true, Check: checkUsername},
		{Key: fPassword, Label: "Password", Kind: form.Password, Required: true},
		{Key: fEmail, Label: "E-mail", Required: true, Check: checkEmail},
		{Key: fPhone, Label: "Phone", Hint: "optional"},
		{Key: fJob, Label: "Job title", Hint: "optional"},
		{Key: fLicenses, Label: "Licenses", Kind: form.Multi, Options: opts.licenses, Chosen: licenses},
	}
	fields = append(fields, groupFields(ed, opts, groups, "")...)
	request := ctx.Request
	submit := func(v form.Values) form.Job {
		nu := directory.NewUser{
			FirstName: strings.TrimSpace(v.Text(fFirst)), LastName: strings.TrimSpace(v.Text(fLast)),
			Username: strings.TrimSpace(v.Text(fUsername)), Password: v.Text(fPassword),
			Email: strings.TrimSpace(v.Text(fEmail)), Phone: strings.TrimSpace(v.Text(fPhone)),
			JobTitle: strings.TrimSpace(v.Text(fJob)), Licenses: v.Chosen(fLicenses),
			Groups: groupsOf(v, opts), OriginGroup: originOf(v, opts),
		}
		return func() form.ReplyMsg {
			ctx, cancel := request()
			defer cancel()
			u, errs, err := ed.CreateUser(ctx, nu)
			return reply(u, errs, err, createAgain(ed), func(u api.User) tea.Msg {
				return tea.Batch(
					func() tea.Msg { return createdMsg{to: to, User: u} },
					status("Created "+u.Name()+" ("+u.Email+")"))()
			})
		}
	}
	return form.New(ctx, "New "+ed.Name()+" user", "Create user", fields, submit).WithCheck(originCheck(ed, opts, true))
}

func editForm(ctx *common.Context, ed directory.Editor, to common.Target, opts formOptions, u api.User) *form.Model {
	fields := []form.Field{
		{Key: fFirst, Label: "First name", Value: u.FirstName, Required: true},
		{Key: fLast, Label: "Last name", Value: u.LastName, Required: true},
		{Key: fEmail, Label: "E-mail", Value: u.Email, Required: true, Check: checkEmail},
		{Key: fPhone, Label: "Phone", Value: u.Phone},
		{Key: fJob, Label: "Job title", Value: u.JobTitle},
		{Key: fLicenses, Label: "Licenses", Kind: form.Multi, Options: withCurrent(opts.licenses, u.Licenses), Chosen: u.Licenses},
	}
	if opts.groups != nil {
		opts.groups = withCurrent(opts.groups, u.Groups)
	}
	fields = append(fields, groupFields(ed, opts, u.Groups, u.OriginGroup)...)
	request := ctx.Request
	submit := func(v form.Values) form.Job {
		ch := changes(u, v, opts)
		return func() form.ReplyMsg {
			if ch == (directory.Change{}) {
				return form.ReplyMsg{Done: common.StatusMsg{Text: "Nothing to save: " + u.Name() + " is unchanged"}}
			}
			ctx, cancel := request()
			defer cancel()
			fresh, errs, err := ed.UpdateUser(ctx, u.ID, ch)
			return reply(fresh, errs, err, updateAgain, func(fresh api.User) tea.Msg {
				return tea.Batch(
					func() tea.Msg { return common.UserChangedMsg{User: fresh} },
					status("Saved "+fresh.Name()))()
			})
		}
	}
	return form.New(ctx, "Edit "+u.Name(), "Save", fields, submit).WithCheck(originCheck(ed, opts, u.OriginGroup == ""))
}

// withCurrent keeps values a user has among the options even when the
// server's list lacks them, so editing never silently drops one.
func withCurrent(options, current []string) []string {
	out := slices.Clone(options)
	for _, c := range current {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// changes is what the edit form changed; unchanged fields are not sent.
// Groups and licenses, when changed, are sent as whole sets.
func changes(u api.User, v form.Values, opts formOptions) directory.Change {
	var ch directory.Change
	text := func(dst **string, key, old string) {
		// The form showed the safe form of old: only a real edit differs.
		if s := strings.TrimSpace(v.Text(key)); s != strings.TrimSpace(sanitize.Text(old)) {
			*dst = &s
		}
	}
	text(&ch.FirstName, fFirst, u.FirstName)
	text(&ch.LastName, fLast, u.LastName)
	text(&ch.Email, fEmail, u.Email)
	text(&ch.Phone, fPhone, u.Phone)
	text(&ch.JobTitle, fJob, u.JobTitle)
	if l := v.Chosen(fLicenses); !sameSet(l, u.Licenses) {
		ch.Licenses = &l
	}
	if g := groupsOf(v, opts); !sameSet(g, u.Groups) {
		ch.Groups = &g
	}
	if o := originOf(v, opts); o != "" && o != u.OriginGroup {
		ch.OriginGroup = &o
	}
	return ch
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// What saving again does when the answer to a save never came, so the
// person can decide without fearing a duplicate: an Editor refuses a
// username it has (createAgain), and an update sends the same values.
const updateAgain = "saving again is safe: it sends the same changes"

func createAgain(ed directory.Editor) string {
	return "saving again is safe: if the user was created, " + ed.Name() + " says the username is taken"
}

// reply turns a mutation's outcome into the form's ReplyMsg: field errors by
// field, a failed request at the foot with what to do (again says what
// saving again would do when the outcome is unknown), success as
// done(user). The form stays open with everything typed unless it is done.
func reply(u api.User, errs []directory.FieldError, err error, again string, done func(api.User) tea.Msg) form.ReplyMsg {
	if err != nil {
		return form.ReplyMsg{Err: errorText(err, again)}
	}
	if len(errs) > 0 {
		r := form.ReplyMsg{Errors: map[string]string{}}
		for _, e := range errs {
			k := fieldFor(e)
			if k == "" {
				r.Err = joinErr(r.Err, e.Text())
				continue
			}
			r.Errors[k] = joinErr(r.Errors[k], e.Text())
		}
		return r
	}
	return form.ReplyMsg{Done: done(u)}
}

func joinErr(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// errorText is a failed save in words, with what to do about it in the
// form: save again, or, when the answer never came, what saving again
// would do.
func errorText(err error, again string) string {
	var e *api.Error
	switch {
	case !errors.As(err, &e):
		return err.Error()
	case e.Kind == api.KindOutcomeUnknown:
		return e.Message + " — " + again
	}
	if advice := common.Advice(err, "save again", ""); advice != "" {
		return e.Message + " — " + advice
	}
	return e.Message
}

// created puts a new user at the top of the list and selects it, while
// their directory is shown.
func (m *Model) created(u api.User) tea.Cmd {
	if m.src.Shows(u.Source) {
		m.list.Prepend(u)
		m.list.Focus(userKey(u))
		if m.firstTotal >= 0 && m.counted(u.Source) {
			m.firstTotal++
		}
	}
	return nil
}
