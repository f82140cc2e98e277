package vision

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
)

// tokenKey is what a nextToken carries: a DynamoDB-style key of the last
// user returned, so pages continue after that user.
type tokenKey struct {
	OrgID  string `json:"orgID"`
	UserID string `json:"userID"`
}

// encodeNextToken writes the key with the spacing of XOi's example
// (`{"orgID": "XO...`), which json.Marshal would not produce.
func encodeNextToken(lastUserID string) string {
	org, _ := json.Marshal(orgID)
	id, _ := json.Marshal(lastUserID)
	return base64.StdEncoding.EncodeToString(fmt.Appendf(nil, `{"orgID": %s, "userID": %s}`, org, id))
}

// decodeNextToken returns the id of the user the token continues after.
func decodeNextToken(token string) (string, bool) {
	raw, err := base64.StdEncoding.DecodeString(token)
	if err != nil {
		return "", false
	}
	var k tokenKey
	if json.Unmarshal(raw, &k) != nil || k.OrgID != orgID {
		return "", false
	}
	return k.UserID, true
}
