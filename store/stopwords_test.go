package store

import "testing"

func TestIsStopWord(t *testing.T) {
	for w, want := range map[string]bool{
		// Function words and common words, as listed and inflected.
		"the": true, "along": true, "tells": true, "telling": true, "working": true, "writes": true,
		"stopped": true, "sitting": true, "usually": true, "easily": true, "needed": true, "used": true,
		"ways": true, "days": true, "september": true, "someone": true, "evening": true,
		// What stories are about, even where a suffix looks like a fold.
		"weaving": false, "embroidery": false, "seed": false, "feed": false, "shed": false, "mains": false,
		"jelly": false, "holly": false, "boards": false, "threads": false, "reading": false, "dyeing": false,
		"kittiwake": false, "supply": false, "assembly": false, "turning": true,
	} {
		if got := isStopWord(w); got != want {
			t.Errorf("isStopWord(%q) = %v, want %v", w, got, want)
		}
	}
}

// Every listed word can be a term: at least minTermRunes long, lower case.
func TestStopWordsAreTerms(t *testing.T) {
	for w := range stopWords {
		if len([]rune(w)) < minTermRunes || words(w)[0] != w {
			t.Errorf("stop word %q could never be a term", w)
		}
	}
}
