package ui

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
)

// The defaults are a contract: README and DESIGN.md list them.
func TestDefaultKeyMapMatchesTheDesign(t *testing.T) {
	k := DefaultKeyMap()
	want := map[string]struct {
		b    key.Binding
		keys []string
	}{
		"quit":             {k.Quit, []string{"q", "ctrl+c"}},
		"help":             {k.Help, []string{"?"}},
		"next_pane":        {k.NextPane, []string{"tab"}},
		"prev_pane":        {k.PrevPane, []string{"shift+tab"}},
		"focus_authors":    {k.FocusAuthors, []string{"1"}},
		"focus_tags":       {k.FocusTags, []string{"2"}},
		"focus_list":       {k.FocusList, []string{"3"}},
		"focus_reader":     {k.FocusReader, []string{"4"}},
		"search":           {k.Search, []string{"/"}},
		"clear":            {k.Clear, []string{"esc"}},
		"list.down":        {k.List.Down, []string{"j", "down"}},
		"list.up":          {k.List.Up, []string{"k", "up"}},
		"list.top":         {k.List.Top, []string{"g", "home"}},
		"list.bottom":      {k.List.Bottom, []string{"G", "end"}},
		"list.page_down":   {k.List.PageDown, []string{"pgdown"}},
		"list.page_up":     {k.List.PageUp, []string{"pgup"}},
		"list.open":        {k.List.Open, []string{"enter"}},
		"list.toggle_read": {k.List.ToggleRead, []string{"m"}},
		"list.toggle_star": {k.List.ToggleStar, []string{"s"}},
		"sidebar.down":     {k.Sidebar.Down, []string{"j", "down"}},
		"sidebar.select":   {k.Sidebar.Select, []string{"enter"}},
		"reader.down":      {k.Reader.Down, []string{"j", "down"}},
		"reader.page_down": {k.Reader.PageDown, []string{"space", "pgdown"}},
		"reader.next":      {k.Reader.Next, []string{"n"}},
		"reader.prev":      {k.Reader.Prev, []string{"p"}},
	}
	for name, w := range want {
		if !slices.Equal(w.b.Keys(), w.keys) {
			t.Errorf("%s: keys %v, want %v", name, w.b.Keys(), w.keys)
		}
		if w.b.Help().Desc == "" {
			t.Errorf("%s: no help text", name)
		}
	}
}

func TestBindingNamesAreUniqueAndAllApply(t *testing.T) {
	names := BindingNames()
	seen := map[string]bool{}
	for _, n := range names {
		if seen[n] {
			t.Fatalf("binding name %q twice", n)
		}
		seen[n] = true
		k := DefaultKeyMap()
		if err := k.Apply(map[string][]string{n: {"ctrl+x"}}); err != nil {
			t.Fatalf("Apply(%q): %v", n, err)
		}
		if !slices.Contains(allKeys(k), "ctrl+x") {
			t.Fatalf("Apply(%q) changed no binding", n)
		}
	}
	for _, n := range []string{"quit", "help", "next_pane", "list.down", "list.open", "reader.next", "sidebar.select"} {
		if !seen[n] {
			t.Errorf("no binding named %q", n)
		}
	}
}

func allKeys(k KeyMap) []string {
	var keys []string
	for _, s := range bindingSpecs {
		keys = append(keys, s.field(&k).Keys()...)
	}
	return keys
}

func TestApplyOverridesKeysAndHelp(t *testing.T) {
	k := DefaultKeyMap()
	err := k.Apply(map[string][]string{"list.down": {"x", "down"}, "list.toggle_star": {}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(k.List.Down.Keys(), []string{"x", "down"}) {
		t.Errorf("list.down keys %v", k.List.Down.Keys())
	}
	if k.List.Down.Help().Key != "x/↓" {
		t.Errorf("help label %q, want the new keys", k.List.Down.Help().Key)
	}
	if k.List.ToggleStar.Enabled() {
		t.Error("an empty key list left the binding enabled")
	}
	if !slices.Equal(k.Quit.Keys(), []string{"q", "ctrl+c"}) {
		t.Error("a binding not named changed")
	}
}

func TestApplyRejectsUnknownNamesAndChangesNothing(t *testing.T) {
	k := DefaultKeyMap()
	err := k.Apply(map[string][]string{"list.down": {"x"}, "list.dwon": {"y"}, "nope": {"z"}})
	if err == nil || !strings.Contains(err.Error(), `"list.dwon"`) || !strings.Contains(err.Error(), `"nope"`) {
		t.Fatalf("err = %v, want one naming both unknown bindings", err)
	}
	if !slices.Equal(k.List.Down.Keys(), []string{"j", "down"}) {
		t.Error("a failed Apply changed a binding")
	}
	if err := k.Apply(map[string][]string{"quit": {" "}}); err == nil {
		t.Error("a blank key was accepted")
	}
}

// An override reaches the reader: the new key works and the old one does
// nothing.
func TestKeyOverridesDriveTheReader(t *testing.T) {
	keys := DefaultKeyMap()
	if err := keys.Apply(map[string][]string{"list.down": {"x"}}); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, newFakeStore(50), Options{Keys: keys}, 160, 50)
	h.press("j")
	if h.m.list.cursor != 0 {
		t.Fatal("the replaced key still moves the cursor")
	}
	h.press("x", "x")
	if h.m.list.cursor != 2 {
		t.Fatalf("cursor %d after two presses of the new key, want 2", h.m.list.cursor)
	}
	h.press("?")
	if !regexp.MustCompile(`\bx\s+down\b`).MatchString(h.screen()) {
		t.Fatalf("the full help does not show the new key:\n%s", h.screen())
	}
}
