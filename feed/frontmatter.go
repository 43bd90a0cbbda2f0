package feed

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
)

// frontMatter is what a markdown file says about itself above its body.
type frontMatter struct {
	Title   string
	Authors []string
	Tags    []string
	Date    time.Time
	Link    string
}

// splitFrontMatter separates a leading front matter block from a markdown
// source: YAML between "---" lines, or TOML between "+++" lines. found is
// false when the source has none (or never closes it), and body is then the
// whole source.
func splitFrontMatter(src string) (meta frontMatter, body string, found bool) {
	first, rest, _ := strings.Cut(src, "\n")
	fence := strings.TrimSpace(first)
	if fence != "---" && fence != "+++" {
		return frontMatter{}, src, false
	}
	var block strings.Builder
	for rest != "" {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		closing := strings.TrimSpace(line)
		if closing == fence || (fence == "---" && closing == "...") {
			fields := parseYAMLSubset(block.String())
			if fence == "+++" {
				fields = parseTOML(block.String())
			}
			return frontMatterFrom(fields), rest, true
		}
		block.WriteString(line)
		block.WriteByte('\n')
	}
	return frontMatter{}, src, false
}

// parseTOML reads a TOML block into a map with lower-case keys; a block
// that is not valid TOML says nothing.
func parseTOML(block string) map[string]any {
	var raw map[string]any
	if err := toml.Unmarshal([]byte(block), &raw); err != nil {
		return nil
	}
	fields := make(map[string]any, len(raw))
	for k, v := range raw {
		fields[strings.ToLower(k)] = v
	}
	return fields
}

// parseYAMLSubset reads the flat subset of YAML that front matter uses:
// "key: value" lines at the left margin with plain or quoted values, inline
// lists ("[a, b]") and block lists ("- a" lines under a bare "key:").
// Nested mappings, block scalars and other YAML are passed over rather
// than misread. Keys come back in lower case.
//
// (gopkg.in/yaml.v3 would do this in full, but is not a direct dependency
// of this module; front matter needs no more than this.)
func parseYAMLSubset(block string) map[string]any {
	fields := map[string]any{}
	listKey := "" // the key a "- item" line belongs to
	for _, line := range strings.Split(block, "\n") {
		line = strings.TrimRight(line, " \t\r")
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if trimmed == "-" || strings.HasPrefix(trimmed, "- ") {
			if list, ok := fields[listKey].([]string); ok && listKey != "" {
				fields[listKey] = append(list, yamlScalar(strings.TrimPrefix(trimmed, "-")))
			}
			continue
		}
		if line[0] == ' ' || line[0] == '\t' {
			continue // inside a nested mapping or block scalar
		}
		listKey = ""
		key, value, ok := strings.Cut(trimmed, ":")
		if !ok {
			continue
		}
		key = strings.ToLower(yamlScalar(key))
		value = strings.TrimSpace(value)
		switch {
		case value == "":
			fields[key] = []string{}
			listKey = key
		case strings.HasPrefix(value, "["):
			fields[key] = yamlInlineList(value)
		case strings.HasPrefix(value, "|") || strings.HasPrefix(value, ">"):
			// A block scalar: its indented lines are skipped above.
		default:
			fields[key] = yamlScalar(value)
		}
	}
	return fields
}

// yamlScalar returns a plain or quoted YAML scalar's text; what follows a
// closing quote (a comment) is dropped, as is a comment after a plain value.
func yamlScalar(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	switch s[0] {
	case '"':
		for i := 1; i < len(s); i++ {
			if s[i] == '\\' {
				i++
				continue
			}
			if s[i] == '"' {
				if unquoted, err := strconv.Unquote(s[:i+1]); err == nil {
					return unquoted
				}
				return s[1:i]
			}
		}
	case '\'':
		// In single quotes the only escape is '' for a quote.
		for i := 1; i < len(s); i++ {
			if s[i] == '\'' {
				if i+1 < len(s) && s[i+1] == '\'' {
					i++
					continue
				}
				return strings.ReplaceAll(s[1:i], "''", "'")
			}
		}
	}
	if i := strings.Index(s, " #"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

// yamlInlineList splits "[a, 'b, c', "d"]" into its items, minding quotes.
func yamlInlineList(s string) []string {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(s, "["), "]"))
	var items []string
	var quote byte
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && quote != 0 {
			if s[i] == quote {
				quote = 0
			}
			continue
		}
		if i < len(s) && (s[i] == '"' || s[i] == '\'') {
			quote = s[i]
			continue
		}
		if i == len(s) || s[i] == ',' {
			if item := yamlScalar(s[start:i]); item != "" {
				items = append(items, item)
			}
			start = i + 1
		}
	}
	return items
}

// frontMatterFrom reads the fields herald uses, under the names static site
// generators give them.
func frontMatterFrom(fields map[string]any) frontMatter {
	var m frontMatter
	m.Title = firstString(fields, "title")
	m.Authors = stringsOf(fields, "authors", "author")
	m.Tags = stringsOf(fields, "tags", "categories", "keywords")
	if len(m.Tags) == 1 {
		m.Tags = splitCommaList(m.Tags[0]) // "tags: go, rust"
	}
	m.Link = firstString(fields, "link", "url", "canonical_url")
	for _, key := range []string{"date", "published", "pubdate"} {
		if m.Date = timeOf(fields[key]); !m.Date.IsZero() {
			break
		}
	}
	return m
}

func firstString(fields map[string]any, keys ...string) string {
	for _, key := range keys {
		if list := stringList(fields[key]); len(list) > 0 {
			return list[0]
		}
	}
	return ""
}

// stringsOf returns the values of the first of keys that has any.
func stringsOf(fields map[string]any, keys ...string) []string {
	for _, key := range keys {
		if list := stringList(fields[key]); len(list) > 0 {
			return list
		}
	}
	return nil
}

// stringList returns a front matter value as strings: a string is one, a
// list is each of its scalar items.
func stringList(v any) []string {
	switch v := v.(type) {
	case nil:
		return nil
	case string:
		if strings.TrimSpace(v) == "" {
			return nil
		}
		return []string{v}
	case []string:
		return v
	case []any:
		var out []string
		for _, item := range v {
			out = append(out, stringList(item)...)
		}
		return out
	case map[string]any:
		return stringList(v["name"]) // an author given as {name = "..."}
	case fmt.Stringer:
		return []string{v.String()}
	case int64, float64, bool:
		return []string{fmt.Sprint(v)}
	}
	return nil
}

// timeOf reads a date given as TOML date or as text.
func timeOf(v any) time.Time {
	switch v := v.(type) {
	case time.Time:
		return v
	case toml.LocalDate:
		return v.AsTime(time.UTC)
	case toml.LocalDateTime:
		return v.AsTime(time.UTC)
	case string:
		return parseDate(v)
	}
	return time.Time{}
}
