package vision

// The Vision vendor page's examples, copied verbatim from
// shared/api-docs/vision-users-and-groups.txt (TestDocExamplesAreVerbatim checks it).

const (
	docListUsersRequest = `query {
listUsers(input: { limit: 1, nextToken: "" }) {
userConnection {
items {
id
given_name
family_name
}
nextToken
}
}
}`

	docListUsersResponse = `{
"data": {
"listUsers": {
"userConnection": {
"items": [
{
"id": "a-user-id",
"given_name": "First",
"family_name": "Last"
}
],
"nextToken": "eyJvcmdJRCI6ICJYT2"
}
}
}
}`

	docGetUserRequest = `query {
getUser(input: { id: "a-user-id" }) {
user {
email
given_name
family_name
}
}
}`

	docGetUserResponse = `{
"data": {
"getUser": {
"user": {
"email": "First.Last@organization.com",
"given_name": "First",
"family_name": "Last"
}
}
}
}`

	docGetUsersByEmailRequest = `query {
getUsersByEmail(input: { email: "someone@yourcompany.com" }) {
users {
id
given_name
family_name
}
}
}`

	docGetUsersByEmailResponse = `{
"data": {
"getUsersByEmail": {
"users": [
{
"id": "someone@yourcompany.com",
"given_name": "someone"
}
]
}
}
}`

	docGetGroupsRequest = `query {
getGroups(
input: { ids: ["your-org-a-group", "your-org-nonexistent-group"] }
) {
groups {
id
name
description
members
}
}
}`

	docGetGroupsResponse = `{
"data": {
"getGroups": {
"groups": [
{
"id": "your-org-a-group",
"name": "A Group",
"description": "",
"members": ["tech@example.com"]
}
]
}
}
}`
)
