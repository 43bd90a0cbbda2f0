package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/herald-reader/herald/handoff"
	"github.com/herald-reader/herald/sanitize"
	"github.com/herald-reader/herald/store"
)

type relatedCmd struct {
	ID    string `arg:"" name:"id" help:"Article id (as 'herald ls' prints it)."`
	JSON  bool   `name:"json" help:"Print JSON Lines."`
	Limit int    `default:"10" help:"Print at most N related articles (at most 50; 0: all herald finds, as for ls)." placeholder:"N"`
}

func (c *relatedCmd) Run(e *env) error {
	id, err := strconv.ParseInt(c.ID, 10, 64)
	if err != nil || id <= 0 {
		return fmt.Errorf("related: %q is not an article id", c.ID)
	}
	st, done, err := e.openStoreToRead()
	if err != nil {
		return err
	}
	defer done()
	limit := c.Limit
	if limit <= 0 {
		limit = math.MaxInt // the store's most, as ls --limit 0 is all
	}
	rel, err := st.Related(e.ctx, id, limit)
	if err != nil {
		return fmt.Errorf("related %d: %w", id, err)
	}
	out := bufio.NewWriter(e.stdout)
	enc := json.NewEncoder(out)
	for _, r := range rel {
		if c.JSON {
			err = enc.Encode(toRelatedJSON(r))
		} else {
			_, err = fmt.Fprintln(out, relatedRow(r))
		}
		if err != nil {
			return err
		}
	}
	return out.Flush()
}

// relatedJSON is an article as `ls --json` prints it, with how related it
// is and why.
type relatedJSON struct {
	handoff.ArticleJSON
	Score   float64  `json:"score"`
	Reasons []string `json:"reasons"`
}

func toRelatedJSON(r store.Related) relatedJSON {
	return relatedJSON{
		ArticleJSON: handoff.JSONOf(r.Article),
		// Three decimals tell any two ranks apart; more is noise to a reader.
		Score:   math.Round(r.Score*1000) / 1000,
		Reasons: handoff.CleanNames(r.Reasons),
	}
}

// relatedRow is an `ls` row followed by why the article is related, on one
// line, so ids can still be cut from the start of each line:
//
//	12  2024-06-01  N   Field notes         Field notes on the loom — Xia Hua  (same author: Xia Hua · tags: Crafts)
func relatedRow(r store.Related) string {
	row := listRow(r.Article)
	if reason := sanitize.Line(r.Reason()); reason != "" {
		row += "  (" + reason + ")"
	}
	return row
}
