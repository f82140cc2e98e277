package scope

// The Scope vendor pages' code blocks, copied verbatim from
// shared/api-docs/scope-users-*.txt (TestDocExamplesAreVerbatim checks it).

const (
	docCreateUser = `mutation {
  createUser(
    input: {
      user: {
        firstName:<STRING> "Luke",
        lastName:<STRING> "Skywalker",
        credentials: {
          username: <STRING>"luke_skywalker",
          password: <STRING>"womprats!1977"
        },
        email: <STRING>"luke.skywalker@jedi.org"
        },
      requestedOriginGroup: <STRING>"DEFAULT"
      requestedLicenses: Array<LicenseType.ENUM>[VIEWER],
      requestedGroups: Array<STRING> ["DEFAULT", "JEDI", "REBEL"]
      ) {
    errors {
      path
      message
      fullMessage
    }
    user {
      id
      username
      email
    }
  }
}`

	docFetchMembersVariables = `{
  "first": 1,
  "fullText": "luke@jedi.org"
}`

	docFetchMembers = `query FetchMembers($fullText: String, $first: Int!) {
  viewer {
    currentOrganization {
      members(fullText: $fullText, first: $first)
        {
        nodes {
          firstName
          lastName
          username
          email
        }
      }              
    }
  }
}`

	docUsers = `{
  users(
      fullText: "luke@jedi.org"
      first: 1
  )
   {
    errors {
      fullMessage
    }
    nodes {
      id
      firstName
      lastName
      username
      email
    }
    totalCount
  }
}`

	docUpdateUserVariables = `{
  "input": {
    "id": <STRING>,
    "requestedGroups": Array<STRING>,
    "requestedLicenses": Array<STRING>,
    "requestedOriginGroup": <STRING>,
    "user": {
      "email": <STRING>,
      "firstName": <STRING>,
      "lastName": <STRING>,
      "phone": <STRING>,
      "jobTitle": <STRING>
    }
  }
}`

	docDeleteUsersVariables = `{"input": {"ids": Array<String> } }`

	docFetchUsers = `query FetchUsers($fullText: String, $first: Int!) {
  viewer {
    currentOrganization {
      members(fullText: $fullText, first: $first)
        {
        nodes {
          firstName
          lastName
          username
          email
        }
      }              
    }
  }
}`

	docUpdateUser = `mutation updateUser($input: UpdateUserMutationInput!) {
  updateUser(input: $input) {
    user {
      id
      email
      firstName
      lastName
      phone
      jobTitle
      licenses {
        nodes {
          licenseType
        }
      }
      groups {
        nodes {
          name
        }
      }
    }
    errors {
      fullMessage
    }
    success
  }
}`

	docDeleteUsers = ` mutation deleteUsers($input: DeleteUsersMutationInput!) {
  deleteUsers(input: $input) {
    errors {
      fullMessage
    }
    success
    undeletedItems {
      id
      name
    }
  }
}`
)
