package cli

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
)

type rmCmd struct {
	Feeds []string `arg:"" name:"feed" help:"Feeds to unsubscribe from, by id, URL or title (see 'herald feeds')."`
}

// Run unsubscribes. A feed's articles go with it, except starred ones: a
// feed that has some stays as an archive holding them, no longer fetched.
func (c *rmCmd) Run(e *env) error {
	st, closeStore, err := e.openStoreToRead()
	if err != nil {
		return err
	}
	defer closeStore()
	all, err := st.Feeds(e.ctx)
	if err != nil {
		return err
	}
	failed := 0
	done := map[int64]bool{}
	for _, ref := range c.Feeds {
		matched, err := matchFeeds(all, []string{ref})
		if err != nil {
			failed++
			msg := err.Error()
			if e.storeMissing { // the usual hint, to look in 'herald feeds', would not help
				msg = ref + ": no such feed" + e.missingStoreNote()
			}
			fmt.Fprintf(e.stderr, "herald: rm %s\n", sanitize.Line(msg))
			continue
		}
		f := matched[0]
		if done[f.ID] {
			continue
		}
		done[f.ID] = true
		r, err := st.RemoveFeed(e.ctx, f.ID)
		if err != nil {
			failed++
			fmt.Fprintf(e.stderr, "herald: rm %s: %s\n", feedName(f), sanitize.Line(err.Error()))
			continue
		}
		msg := fmt.Sprintf("removed %s <%s> and %s", feedName(f), sanitize.Line(f.URL), plural(r.Removed, "article"))
		if r.Kept > 0 {
			msg += fmt.Sprintf("; kept its %s as an archive", plural(r.Kept, "starred article"))
		}
		fmt.Fprintln(e.stderr, msg)
	}
	if failed > 0 {
		return partialFailure{failed: failed}
	}
	return nil
}

// matchFeeds finds the feeds refs name. A ref is a feed's id (digits), its
// URL, or its title (case-insensitive); a title that several feeds share is
// an error listing their ids.
func matchFeeds(feeds []store.Feed, refs []string) ([]store.Feed, error) {
	var out []store.Feed
	for _, ref := range refs {
		f, err := matchFeed(feeds, strings.TrimSpace(ref))
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

func matchFeed(feeds []store.Feed, ref string) (store.Feed, error) {
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		for _, f := range feeds {
			if f.ID == id {
				return f, nil
			}
		}
	}
	for _, f := range feeds {
		if f.URL == ref {
			return f, nil
		}
	}
	var byTitle []store.Feed
	for _, f := range feeds {
		if f.Title != "" && strings.EqualFold(f.Title, ref) {
			byTitle = append(byTitle, f)
		}
	}
	switch len(byTitle) {
	case 1:
		return byTitle[0], nil
	case 0:
		return store.Feed{}, fmt.Errorf("%s: no such feed (give an id, URL or title from 'herald feeds')", sanitize.Line(ref))
	}
	ids := make([]string, len(byTitle))
	for i, f := range byTitle {
		ids[i] = strconv.FormatInt(f.ID, 10)
	}
	return store.Feed{}, errors.New(sanitize.Line(ref) + ": several feeds have that title (ids " + strings.Join(ids, ", ") + "); name one by id")
}
