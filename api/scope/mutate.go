package scope

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/rosterm/rosterm/api"
)

// FieldError is a validation failure Scope reports inside a mutation's
// payload: Path names the argument at fault (["user", "email"]).
type FieldError struct {
	Path        []string `json:"path"`
	Message     string   `json:"message"`
	FullMessage string   `json:"fullMessage"`
}

// Field is the last element of the path, the attribute at fault ("email").
func (e FieldError) Field() string {
	if len(e.Path) == 0 {
		return ""
	}
	return e.Path[len(e.Path)-1]
}

// Text is the message to show: the full one, or the short one.
func (e FieldError) Text() string {
	if e.FullMessage != "" {
		return e.FullMessage
	}
	return e.Message
}

// NewUser is what createUser needs. Licenses and Groups are sent only when
// set (the server then applies its defaults); OriginGroup only when the
// licenses include an admin or author license, as Scope documents.
type NewUser struct {
	FirstName, LastName string
	Username, Password  string
	Email               string
	Phone, JobTitle     string
	Licenses            []string
	Groups              []string // UPPERCASE group names
	OriginGroup         string
}

// Change is an update: nil fields are left as they are. Groups and
// Licenses, when set, replace the whole set.
type Change struct {
	FirstName, LastName, Email, Phone, JobTitle *string
	Groups                                      *[]string
	Licenses                                    *[]string
	OriginGroup                                 *string
}

// NeedsOriginGroup reports whether licenses make an origin group
// meaningful: Scope uses it only with an admin or author license.
func NeedsOriginGroup(licenses []string) bool {
	return slices.Contains(licenses, "ADMIN") || slices.Contains(licenses, "AUTHOR")
}

// The mutations declare their input with the type names Scope documents;
// a server that calls them otherwise says so, and is then answered in its
// own terms (api.Template's Var).
var (
	createUserDoc = doc("RostermCreateUser", `mutation RostermCreateUser({{.Var "input" "CreateUserMutationInput!"}}) {
  createUser(input: $input) { errors { path message fullMessage } user { {{template "user" .}} } }
}`)
	updateUserDoc = doc("RostermUpdateUser", `mutation RostermUpdateUser({{.Var "input" "UpdateUserMutationInput!"}}) {
  updateUser(input: $input) { errors { path message fullMessage } success user { {{template "user" .}} } }
}`)
	deleteUsersDoc = doc("RostermDeleteUsers", `mutation RostermDeleteUsers({{.Var "input" "DeleteUsersMutationInput!"}}) {
  deleteUsers(input: $input) { errors { path message fullMessage } success undeletedItems { id name } }
}`)
)

// CreateUser creates a user. Validation failures come back as field
// errors, not as an error; err is for failures of the request itself.
func (c *Client) CreateUser(ctx context.Context, nu NewUser) (api.User, []FieldError, error) {
	user := map[string]any{
		"firstName": nu.FirstName, "lastName": nu.LastName, "email": nu.Email,
		"credentials": map[string]any{"username": nu.Username, "password": nu.Password},
	}
	if nu.Phone != "" {
		user["phone"] = nu.Phone
	}
	if nu.JobTitle != "" {
		user["jobTitle"] = nu.JobTitle
	}
	input := map[string]any{"user": user}
	if len(nu.Licenses) > 0 {
		input["requestedLicenses"] = nu.Licenses
	}
	if len(nu.Groups) > 0 {
		input["requestedGroups"] = nu.Groups
	}
	if nu.OriginGroup != "" && NeedsOriginGroup(nu.Licenses) {
		input["requestedOriginGroup"] = nu.OriginGroup
	}
	var out struct {
		CreateUser *userPayload `json:"createUser"`
	}
	if _, err := c.gql.MutateDoc(ctx, createUserDoc, &out, map[string]any{"input": input}); err != nil {
		return api.User{}, nil, err
	}
	return payloadUser(out.CreateUser)
}

// UpdateUser changes the user id as ch says.
func (c *Client) UpdateUser(ctx context.Context, id string, ch Change) (api.User, []FieldError, error) {
	user := map[string]any{}
	for name, v := range map[string]*string{"firstName": ch.FirstName, "lastName": ch.LastName,
		"email": ch.Email, "phone": ch.Phone, "jobTitle": ch.JobTitle} {
		if v != nil {
			user[name] = *v
		}
	}
	input := map[string]any{"id": id}
	if len(user) > 0 {
		input["user"] = user
	}
	if ch.Groups != nil {
		input["requestedGroups"] = nonNil(*ch.Groups)
	}
	if ch.Licenses != nil {
		input["requestedLicenses"] = nonNil(*ch.Licenses)
	}
	if ch.OriginGroup != nil && *ch.OriginGroup != "" {
		input["requestedOriginGroup"] = *ch.OriginGroup
	}
	var out struct {
		UpdateUser *userPayload `json:"updateUser"`
	}
	if _, err := c.gql.MutateDoc(ctx, updateUserDoc, &out, map[string]any{"input": input}); err != nil {
		return api.User{}, nil, err
	}
	return payloadUser(out.UpdateUser)
}

// nonNil sends an empty set as [] rather than null, which would mean
// "leave as it is".
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// userPayload is createUser's and updateUser's answer.
type userPayload struct {
	Errors []FieldError `json:"errors"`
	User   *userJSON    `json:"user"`
}

// payloadUser reads a create or update payload.
func payloadUser(p *userPayload) (api.User, []FieldError, error) {
	switch {
	case p == nil:
		return api.User{}, nil, &api.Error{Kind: api.KindGraphQL, Message: "the server answered without a result"}
	case len(p.Errors) > 0:
		return api.User{}, p.Errors, nil
	case p.User == nil:
		return api.User{}, nil, &api.Error{Kind: api.KindGraphQL, Message: "the server reported success but returned no user"}
	}
	return p.User.user(), nil, nil
}

// Undeleted is a user deleteUsers kept, and why.
type Undeleted struct {
	ID, Name, Reason string
}

// DeleteResult is what deleteUsers did: the ids deleted, the ones kept with
// the server's reason, and messages not tied to one of them.
type DeleteResult struct {
	Deleted   []string
	Undeleted []Undeleted
	Messages  []string
}

// DeleteUsers deletes the users ids. Scope skips some and says so: the
// caller themself, the last company admin, support admins and invalid ids.
func (c *Client) DeleteUsers(ctx context.Context, ids []string) (DeleteResult, error) {
	var out struct {
		DeleteUsers *struct {
			Errors    []FieldError `json:"errors"`
			Undeleted []*struct {
				ID   string  `json:"id"`
				Name *string `json:"name"`
			} `json:"undeletedItems"`
		} `json:"deleteUsers"`
	}
	if _, err := c.gql.MutateDoc(ctx, deleteUsersDoc, &out, map[string]any{"input": map[string]any{"ids": nonNil(ids)}}); err != nil {
		return DeleteResult{}, err
	}
	p := out.DeleteUsers
	if p == nil {
		return DeleteResult{}, &api.Error{Kind: api.KindOutcomeUnknown, Message: "the server answered without a result; refresh to see what was deleted"}
	}
	var res DeleteResult
	for _, it := range p.Undeleted {
		if it != nil {
			res.Undeleted = append(res.Undeleted, Undeleted{ID: it.ID, Name: str(it.Name)})
		}
	}
	res.Messages = attachReasons(ids, res.Undeleted, p.Errors)
	for _, id := range ids {
		if !slices.ContainsFunc(res.Undeleted, func(u Undeleted) bool { return u.ID == id }) {
			res.Deleted = append(res.Deleted, id)
		}
	}
	return res, nil
}

// attachReasons gives each undeleted item its error: by the error's path
// (["ids", "2"] is the third id asked), else by the item's name in the
// message, else in order. Errors left over are returned.
func attachReasons(ids []string, items []Undeleted, errs []FieldError) []string {
	var rest []FieldError
	for _, e := range errs {
		if i := itemFor(ids, items, e); i >= 0 {
			items[i].Reason = e.Text()
		} else {
			rest = append(rest, e)
		}
	}
	var left []string
	for _, e := range rest {
		i := slices.IndexFunc(items, func(u Undeleted) bool { return u.Reason == "" })
		if i < 0 {
			left = append(left, e.Text())
			continue
		}
		items[i].Reason = e.Text()
	}
	for i := range items {
		if items[i].Reason == "" {
			items[i].Reason = "not deleted (the server gave no reason)"
		}
	}
	return left
}

func itemFor(ids []string, items []Undeleted, e FieldError) int {
	free := func(match func(Undeleted) bool) int {
		return slices.IndexFunc(items, func(u Undeleted) bool { return u.Reason == "" && match(u) })
	}
	if len(e.Path) == 2 && e.Path[0] == "ids" {
		if n, err := strconv.Atoi(e.Path[1]); err == nil && n >= 0 && n < len(ids) {
			if i := free(func(u Undeleted) bool { return u.ID == ids[n] }); i >= 0 {
				return i
			}
		}
	}
	return free(func(u Undeleted) bool {
		return u.Name != "" && strings.Contains(e.Text(), u.Name) || strings.Contains(e.Text(), u.ID)
	})
}

// String summarises a result: "2 deleted, 1 kept".
func (r DeleteResult) String() string {
	return fmt.Sprintf("%d deleted, %d kept", len(r.Deleted), len(r.Undeleted))
}
