package store

import "strings"

// isStopWord reports an English word that says nothing about what a story
// is about: a function word, or a verb, adjective, adverb or noun so common
// in any writing ("tells", "working", "day", "along") that two stories
// sharing it are no more alike for it. On a small store such words are as
// rare as any other, so rarity alone would put them in the reasons ("words:
// tells, sit"); on a large one they would cost a document-frequency lookup
// each and push out a word that might matter.
//
// Inflected forms of a listed word count too ("tells", "writing",
// "stopped", "usually"), folded by stripping a suffix, not by a stemmer:
// a wrong fold only drops a word from the evidence.
func isStopWord(w string) bool {
	if stopWords[w] {
		return true
	}
	for _, base := range inflectionBases(w) {
		if len(base) >= 3 && stopWords[base] {
			return true
		}
	}
	return false
}

// inflectionBases are the words w may be an inflection of: without -s,
// -es, -ies, -ed, -ing or -ly (with a dropped e or a doubled consonant put
// right). Words of four letters or fewer are left alone ("seed" is not a
// form of "see", nor "news" one of "new" — though that one folds anyway).
func inflectionBases(w string) []string {
	if len(w) <= 4 {
		return nil
	}
	var out []string
	undouble := func(stem string) {
		if n := len(stem); n >= 4 && stem[n-1] == stem[n-2] && !strings.ContainsRune("aeiou", rune(stem[n-1])) {
			out = append(out, stem[:n-1])
		}
	}
	switch {
	case strings.HasSuffix(w, "ies"):
		out = append(out, w[:len(w)-3]+"y")
	case strings.HasSuffix(w, "es"):
		out = append(out, w[:len(w)-2], w[:len(w)-1])
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		out = append(out, w[:len(w)-1])
	case strings.HasSuffix(w, "ed"):
		stem := w[:len(w)-2]
		out = append(out, stem, stem+"e")
		undouble(stem)
	case strings.HasSuffix(w, "ing"):
		stem := w[:len(w)-3]
		out = append(out, stem, stem+"e")
		undouble(stem)
	case strings.HasSuffix(w, "ily"):
		out = append(out, w[:len(w)-3]+"y")
	case strings.HasSuffix(w, "ly"):
		out = append(out, w[:len(w)-2])
	}
	return out
}

// stopWords are the words isStopWord knows, in their plain form, three
// letters or more (shorter words are never terms). Words that are the
// subject of some stories ("read", "light", "water", "note", "pick",
// "sort") are left out on purpose.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		about above across after again against ago all almost along already also although always among
		and another any anyone anything anyway are around away because been before behind being below
		beside besides between beyond both but can cannot could did does doing done down during each
		either else enough even ever every everyone everything few for from further had has have having
		her here hers herself him himself his how however indeed instead into its itself just last least
		less like made make many may maybe might more most much must near nearly neither never new next
		nobody none nor not nothing now off often once one only onto other others otherwise our ours out
		over own per perhaps put quite rather really said same say says she should since some somebody
		someone something sometimes somewhere soon still such than that the their theirs them themselves
		then there these they this those though three through thus together too toward towards two under
		unless until upon use used usual very via was way well were what whatever when whenever where
		wherever whether which while who whoever whole whom whose why will with within without would yet
		you your yours yourself yourselves yes

		don isn wasn aren won couldn shouldn wouldn hasn haven hadn weren doesn didn

		able add ask asked become began begin bring brought call came change check choose come did feel
		find follow found get give given goes going gone got happen help hold keep kept know known learn
		leave let look lose meant mean move need open reach remember say saw see seem seen send set show
		sit start stay stop take taken talk tell think thought took try understand wait want went
		work write written wrote

		bad best better big certain clear different easy fine free full good great hard high large late
		likely little long low old possible real right short simple small sure true whole wrong
		early quick slow fast exact entire complete actual particular general excellent practical worth

		back rest turn child decade

		adds asks days ends gets goes lets sees sets ways

		article case day end example fact hour idea kind lot minute month morning afternoon evening
		night number part people person piece place point problem question reason second sense side
		story thing time today tomorrow week word year yesterday half

		four five six seven eight nine ten eleven twelve twenty thirty forty fifty sixty seventy eighty
		ninety hundred thousand million first third fourth fifth twice

		january february march april june july august september october november december
		monday tuesday wednesday thursday friday saturday sunday`) {
		m[w] = true
	}
	return m
}()
