package scope

import graphql "github.com/graph-gophers/graphql-go"

// The mutation inputs, as graph-gophers decodes them: a nil pointer is an
// argument the client left out. The contract leaves most of them nullable,
// lists of nullable elements too; what is required is checked when the
// mutation runs, and reported in its errors.

type credentialsInput struct {
	Username *string
	Password *string
}

type userInput struct {
	FirstName   *string
	LastName    *string
	Email       *string
	Phone       *string
	JobTitle    *string
	Credentials *credentialsInput
}

// licenseExtraData is accepted for schema fidelity; the demo does not model
// group-scoped licenses, so it is ignored.
type licenseExtraData struct {
	CompanyWide *bool
	GroupsIds   *[]graphql.ID
	Type        string
}

type createUserInput struct {
	ClientMutationID           *string
	RequestedGroups            *[]string
	RequestedLicenses          *[]*string
	RequestedLicensesExtraData *[]*licenseExtraData
	RequestedOriginGroup       *string
	User                       *userInput
}

type updateUserInput struct {
	ClientMutationID           *string
	ID                         *string
	RequestedGroups            *[]*string
	RequestedLicenses          *[]*string
	RequestedLicensesExtraData *[]*licenseExtraData
	RequestedOriginGroup       *string
	User                       *userInput
}

type deleteUsersInput struct {
	ClientMutationID *string
	Ids              *[]*string
}
