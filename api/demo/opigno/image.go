package opigno

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"path"
	"strings"
)

// maxImageBytes bounds an uploaded community image.
const maxImageBytes = 512 << 10

// uploadedFile is UploadedFileInput; the contract leaves both fields
// nullable, and both are required.
type uploadedFile struct {
	Filename      *string
	ContentBase64 *string
}

// imageURL checks an uploaded image and returns the URL the community will
// show. The demo keeps no file bytes: the URL is on a reserved example
// domain, which is all a terminal client needs.
func imageURL(communityID int, f *uploadedFile) (string, error) {
	if f.Filename == nil || f.ContentBase64 == nil {
		return "", ruleError("The image needs both a filename and its content (contentBase64).")
	}
	name := path.Base(strings.ReplaceAll(strings.TrimSpace(*f.Filename), `\`, "/"))
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg", ".png", ".gif", ".webp":
	default:
		return "", ruleError("The image must be a JPEG, PNG, GIF or WebP file (.jpg, .jpeg, .png, .gif or .webp).")
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(*f.ContentBase64))
	switch {
	case err != nil:
		return "", ruleError("The image content is not valid base64.")
	case len(raw) == 0:
		return "", ruleError("The image is empty.")
	case len(raw) > maxImageBytes:
		return "", rulef("The image is larger than %d KB.", maxImageBytes>>10)
	case !strings.HasPrefix(http.DetectContentType(raw), "image/"):
		return "", ruleError("The uploaded file is not an image.")
	}
	return fmt.Sprintf("https://opigno.example/sites/default/files/community/%d/%s", communityID, url.PathEscape(name)), nil
}
