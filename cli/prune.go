package cli

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

type pruneCmd struct {
	OlderThan string `name:"older-than" required:"" help:"Remove articles published longer ago than this: 90d, 12w, 6m (months), 1y, or 36h." placeholder:"AGE"`
}

// Run removes old articles (never starred ones) and compacts the store.
func (c *pruneCmd) Run(e *env) error {
	age, err := parseAge(c.OlderThan)
	if err != nil {
		return fmt.Errorf("prune: --older-than %w", err)
	}
	st, done, err := e.openStoreToRead()
	if err != nil {
		return err
	}
	defer done()
	cutoff := age(time.Now())
	r, err := st.Prune(e.ctx, cutoff)
	if err != nil {
		return fmt.Errorf("prune: %w", err)
	}
	msg := fmt.Sprintf("removed %s published before %s", plural(r.Removed, "article"), cutoff.Local().Format("2006-01-02"))
	if r.KeptStarred > 0 {
		msg += fmt.Sprintf(", kept %s", plural(r.KeptStarred, "starred one"))
	}
	if r.Removed > 0 {
		msg += fmt.Sprintf("; store %s → %s", byteSize(r.SizeBefore), byteSize(r.SizeAfter))
	}
	fmt.Fprintln(e.stderr, msg)
	return nil
}

// parseAge reads an age like 90d, 12w, 6m, 1y or a Go duration, and
// returns the function that turns now into the cutoff.
func parseAge(s string) (func(time.Time) time.Time, error) {
	s = strings.TrimSpace(s)
	bad := fmt.Errorf("%q is not an age (write it like 90d, 12w, 6m or 1y)", s)
	if len(s) >= 2 {
		n, err := strconv.Atoi(s[:len(s)-1])
		if err == nil {
			if n <= 0 {
				return nil, bad
			}
			switch s[len(s)-1] {
			case 'd':
				return func(t time.Time) time.Time { return t.AddDate(0, 0, -n) }, nil
			case 'w':
				return func(t time.Time) time.Time { return t.AddDate(0, 0, -7*n) }, nil
			case 'm':
				return func(t time.Time) time.Time { return t.AddDate(0, -n, 0) }, nil
			case 'y':
				return func(t time.Time) time.Time { return t.AddDate(-n, 0, 0) }, nil
			}
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return nil, bad
	}
	return func(t time.Time) time.Time { return t.Add(-d) }, nil
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", n>>10)
}
