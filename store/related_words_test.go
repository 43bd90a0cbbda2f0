package store_test

import (
	"reflect"
	"testing"
)

// On a small store every word is rare, so rarity alone would give common
// words ("tells", "working", "day", "along") as reasons. Only the words a
// story is about are.
func TestRelatedWordsAreWhatStoriesAreAbout(t *testing.T) {
	st, _ := openRelatedStore(t)
	saveStories(t, st, filler(6, "Misc")...)
	saveStories(t, st,
		story{title: "Quince paste", day: 10, authors: []string{"Ann"},
			text: "She tells how the working day starts along the quay: quince, sugar, a slow oven, and the quince paste sets by evening."},
		story{title: "Jam day", day: 2, authors: []string{"Bo"},
			text: "He tells of working all day along the river on quince jam; quince again in September."},
	)
	rel := related(t, st, "Quince paste", 10)
	if len(rel) == 0 || rel[0].Title != "Jam day" {
		t.Fatalf("related = %q, want Jam day first", relatedTitles(rel))
	}
	if got, want := rel[0].Reasons, []string{"words: quince"}; !reflect.DeepEqual(got, want) {
		t.Errorf("reasons = %q, want %q", got, want)
	}
}
