package feed

import (
	"strings"

	ext "github.com/mmcdole/gofeed/extensions"
)

// extText returns the text of the first extension element called name.
func extText(exts map[string][]ext.Extension, name string) string {
	if list := exts[name]; len(list) > 0 {
		return list[0].Value
	}
	return ""
}

// mediaDescription returns the Media RSS description of an item, given
// directly or inside a media:group.
func mediaDescription(exts ext.Extensions) string {
	media := exts["media"]
	if d := extText(media, "description"); d != "" {
		return d
	}
	for _, group := range media["group"] {
		if d := extText(group.Children, "description"); d != "" {
			return d
		}
	}
	return ""
}

func itunesSummary(it *ext.ITunesItemExtension) string {
	if it == nil {
		return ""
	}
	return firstNonBlank(it.Summary, it.Subtitle)
}

func firstNonBlank(values ...string) string {
	for _, v := range values {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}
