package content

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/herald-reader/herald/sanitize"
)

// terminalUnsafe describes the first thing in s that could control a
// terminal (ESC, any C0 or C1 control but newline and tab, a bidi override,
// invalid UTF-8, an escape in entity form), or returns "" when s is clean.
func terminalUnsafe(s string) string {
	if !utf8.ValidString(s) {
		return "invalid UTF-8"
	}
	for i, r := range s {
		switch {
		case r == '\n' || r == '\t':
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
			return fmt.Sprintf("control character %U at byte %d", r, i)
		case (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069):
			return fmt.Sprintf("bidi control %U at byte %d", r, i)
		}
	}
	if sanitize.Text(s) != s {
		return "a control character in entity form"
	}
	return ""
}

// sharedDir returns /work/shared as seen from this package, skipping the
// test when it is absent (a fresh clone elsewhere has none).
func sharedDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared corpus not found at %s: %v", dir, err)
	}
	return dir
}

func readTestdata(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
