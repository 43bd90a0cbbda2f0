package query

import (
	"strings"
	"time"

	"github.com/herald-reader/herald/store"
)

// Filter translates q into the store's filter. Terms that Parse would have
// rejected (possible only in a Query built by hand) are left out.
func (q Query) Filter() store.Filter {
	var f store.Filter
	var match, notMatch []string
	for _, t := range q.Terms {
		switch t.Field {
		case FieldAuthor:
			addName(&f.Authors, &f.NotAuthors, t)
		case FieldTag:
			addName(&f.Tags, &f.NotTags, t)
		case FieldFeed:
			addName(&f.Feeds, &f.NotFeeds, t)
		case FieldIs:
			addFlag(&f, t)
		case FieldAfter, FieldBefore:
			addDate(&f, t)
		case FieldText:
			phrase := ftsString(t.Value, t.Prefix)
			switch {
			case phrase == "":
			case t.Negated:
				notMatch = append(notMatch, phrase)
			default:
				match = append(match, phrase)
			}
		}
	}
	// Every positive term must match; an article matching any negated term
	// is excluded, so the store drops whatever NotMatch finds.
	f.Match = strings.Join(match, " AND ")
	f.NotMatch = strings.Join(notMatch, " OR ")
	return f
}

func addName(names, notNames *[]string, t Term) {
	name := strings.TrimSpace(t.Value)
	switch {
	case name == "":
	case t.Negated:
		*notNames = append(*notNames, name)
	default:
		*names = append(*names, name)
	}
}

func addFlag(f *store.Filter, t Term) {
	flag, want, ok := isFlag(t)
	if !ok {
		return
	}
	switch flag {
	case IsUnread:
		f.Unread = &want
	case IsStarred:
		f.Starred = &want
	}
}

// isFlag says which article flag an is: term constrains (IsUnread or
// IsStarred) and the state it asks for: is:read is the unread flag unset.
func isFlag(t Term) (flag string, want bool, ok bool) {
	if t.Field != FieldIs {
		return "", false, false
	}
	switch t.Value {
	case IsUnread:
		return IsUnread, !t.Negated, true
	case IsRead:
		return IsUnread, t.Negated, true
	case IsStarred:
		return IsStarred, !t.Negated, true
	}
	return "", false, false
}

// addDate narrows f's date range: every date term must hold, so the latest
// lower bound and the earliest upper bound win. -after:D is before:D and
// -before:D is after:D.
func addDate(f *store.Filter, t Term) {
	at, err := parseDate(t.Value)
	if err != nil {
		return
	}
	if (t.Field == FieldAfter) != t.Negated {
		if f.After.IsZero() || at.After(f.After) {
			f.After = at
		}
		return
	}
	if f.Before.IsZero() || at.Before(f.Before) {
		f.Before = at
	}
}

// dateLayouts are the forms a date may take, most precise first. A date
// without a zone is UTC, and stands for its first instant (after:2024 is
// from the first of January 2024 on).
var dateLayouts = []string{time.RFC3339, "2006-01-02", "2006-01", "2006"}

func parseDate(s string) (time.Time, error) {
	var err error
	for _, layout := range dateLayouts {
		var at time.Time
		if at, err = time.Parse(layout, s); err == nil {
			if at.IsZero() {
				// The first instant of year 1 is also "no date" to the
				// filter; a nanosecond later it is a bound.
				at = at.Add(time.Nanosecond)
			}
			return at.UTC(), nil
		}
	}
	return time.Time{}, err
}
