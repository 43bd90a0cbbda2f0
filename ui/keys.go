package ui

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
)

// KeyMap holds every key binding of the reader. Bindings are data: the
// config file overrides them by name through Apply, and the help line is
// built from them, so what the help says is what the keys do.
type KeyMap struct {
	Quit         key.Binding
	Help         key.Binding
	NextPane     key.Binding
	PrevPane     key.Binding
	FocusAuthors key.Binding
	FocusTags    key.Binding
	FocusList    key.Binding
	FocusReader  key.Binding
	Search       key.Binding
	Clear        key.Binding
	Reload       key.Binding
	// Refresh fetches every subscription in the background (refresh.go).
	Refresh key.Binding

	// Keys that hand the article out (pipe.go, handoff.go): the open one
	// in the reader, else the one under the list's cursor. Pipe sends the
	// whole list unless the reader has the focus.
	Pipe     key.Binding
	OpenLink key.Binding
	CopyLink key.Binding
	CopyText key.Binding
	Save     key.Binding

	List    ListKeys
	Sidebar SidebarKeys
	Reader  ReaderKeys
	Prompt  PromptKeys
}

// ListKeys are the article list's bindings.
type ListKeys struct {
	Down       key.Binding
	Up         key.Binding
	Top        key.Binding
	Bottom     key.Binding
	PageDown   key.Binding
	PageUp     key.Binding
	Open       key.Binding
	ToggleRead key.Binding
	ToggleStar key.Binding
}

// SidebarKeys are the authors and tags sidebars' bindings.
type SidebarKeys struct {
	Down   key.Binding
	Up     key.Binding
	Top    key.Binding
	Bottom key.Binding
	Select key.Binding
	Filter key.Binding // starts type-to-filter
}

// ReaderKeys are the reading pane's bindings. Piping and link keys join
// this struct as they are built.
type ReaderKeys struct {
	Down     key.Binding
	Up       key.Binding
	PageDown key.Binding
	PageUp   key.Binding
	Top      key.Binding
	Bottom   key.Binding
	Next     key.Binding
	Prev     key.Binding

	NextRelated key.Binding
	PrevRelated key.Binding
	// OpenRelated, then a digit 1-9, opens that related story ("#3").
	// Digits alone stay the global focus keys.
	OpenRelated key.Binding
	Back        key.Binding
	Forward     key.Binding
	// NextByAuthor and NextByTag open the next older article by the same
	// author or with a shared tag (a chooser picks among several).
	NextByAuthor key.Binding
	NextByTag    key.Binding
	// Links opens the link picker: the article's links, numbered (see
	// linkpicker.go; it moves with the list's keys).
	Links key.Binding
	// FullArticle fetches the open article's page and shows the readable
	// article from it in place of the feed's summary (fullarticle.go).
	FullArticle key.Binding
}

// PromptKeys end text entry: the search prompt and a sidebar's filter.
// Older and Newer walk the pipe prompt's history.
type PromptKeys struct {
	Submit key.Binding
	Cancel key.Binding
	Older  key.Binding
	Newer  key.Binding
}

// bindingSpec names one binding for the config file and gives its default
// keys and help text. The table is the single source of both DefaultKeyMap
// and Apply.
type bindingSpec struct {
	name  string
	keys  []string
	desc  string
	field func(*KeyMap) *key.Binding
}

var bindingSpecs = []bindingSpec{
	{"quit", []string{"q", "ctrl+c"}, "quit", func(k *KeyMap) *key.Binding { return &k.Quit }},
	{"help", []string{"?"}, "help", func(k *KeyMap) *key.Binding { return &k.Help }},
	{"next_pane", []string{"tab"}, "next pane", func(k *KeyMap) *key.Binding { return &k.NextPane }},
	{"prev_pane", []string{"shift+tab"}, "previous pane", func(k *KeyMap) *key.Binding { return &k.PrevPane }},
	{"focus_authors", []string{"1"}, "authors", func(k *KeyMap) *key.Binding { return &k.FocusAuthors }},
	{"focus_tags", []string{"2"}, "tags", func(k *KeyMap) *key.Binding { return &k.FocusTags }},
	{"focus_list", []string{"3"}, "articles", func(k *KeyMap) *key.Binding { return &k.FocusList }},
	{"focus_reader", []string{"4"}, "reader", func(k *KeyMap) *key.Binding { return &k.FocusReader }},
	{"search", []string{"/"}, "search", func(k *KeyMap) *key.Binding { return &k.Search }},
	{"clear", []string{"esc"}, "clear filter", func(k *KeyMap) *key.Binding { return &k.Clear }},
	{"reload", []string{"ctrl+r"}, "reload", func(k *KeyMap) *key.Binding { return &k.Reload }},
	{"refresh", []string{"r"}, "refresh feeds", func(k *KeyMap) *key.Binding { return &k.Refresh }},
	{"pipe", []string{"|"}, "pipe", func(k *KeyMap) *key.Binding { return &k.Pipe }},
	{"open_link", []string{"o"}, "open link", func(k *KeyMap) *key.Binding { return &k.OpenLink }},
	{"copy_link", []string{"y"}, "copy link", func(k *KeyMap) *key.Binding { return &k.CopyLink }},
	{"copy_text", []string{"Y"}, "copy text", func(k *KeyMap) *key.Binding { return &k.CopyText }},
	{"save", []string{"S"}, "save (md)", func(k *KeyMap) *key.Binding { return &k.Save }},

	{"list.down", []string{"j", "down"}, "down", func(k *KeyMap) *key.Binding { return &k.List.Down }},
	{"list.up", []string{"k", "up"}, "up", func(k *KeyMap) *key.Binding { return &k.List.Up }},
	{"list.top", []string{"g", "home"}, "top", func(k *KeyMap) *key.Binding { return &k.List.Top }},
	{"list.bottom", []string{"G", "end"}, "bottom", func(k *KeyMap) *key.Binding { return &k.List.Bottom }},
	{"list.page_down", []string{"pgdown"}, "page down", func(k *KeyMap) *key.Binding { return &k.List.PageDown }},
	{"list.page_up", []string{"pgup"}, "page up", func(k *KeyMap) *key.Binding { return &k.List.PageUp }},
	{"list.open", []string{"enter"}, "read", func(k *KeyMap) *key.Binding { return &k.List.Open }},
	{"list.toggle_read", []string{"m"}, "read/unread", func(k *KeyMap) *key.Binding { return &k.List.ToggleRead }},
	{"list.toggle_star", []string{"s"}, "star", func(k *KeyMap) *key.Binding { return &k.List.ToggleStar }},

	{"sidebar.down", []string{"j", "down"}, "down", func(k *KeyMap) *key.Binding { return &k.Sidebar.Down }},
	{"sidebar.up", []string{"k", "up"}, "up", func(k *KeyMap) *key.Binding { return &k.Sidebar.Up }},
	{"sidebar.top", []string{"g", "home"}, "top", func(k *KeyMap) *key.Binding { return &k.Sidebar.Top }},
	{"sidebar.bottom", []string{"G", "end"}, "bottom", func(k *KeyMap) *key.Binding { return &k.Sidebar.Bottom }},
	{"sidebar.select", []string{"enter"}, "filter list", func(k *KeyMap) *key.Binding { return &k.Sidebar.Select }},
	{"sidebar.filter", []string{"f"}, "find entry", func(k *KeyMap) *key.Binding { return &k.Sidebar.Filter }},

	{"reader.down", []string{"j", "down"}, "scroll down", func(k *KeyMap) *key.Binding { return &k.Reader.Down }},
	{"reader.up", []string{"k", "up"}, "scroll up", func(k *KeyMap) *key.Binding { return &k.Reader.Up }},
	{"reader.page_down", []string{"space", "pgdown"}, "page down", func(k *KeyMap) *key.Binding { return &k.Reader.PageDown }},
	{"reader.page_up", []string{"b", "pgup"}, "page up", func(k *KeyMap) *key.Binding { return &k.Reader.PageUp }},
	{"reader.top", []string{"g", "home"}, "top", func(k *KeyMap) *key.Binding { return &k.Reader.Top }},
	{"reader.bottom", []string{"G", "end"}, "bottom", func(k *KeyMap) *key.Binding { return &k.Reader.Bottom }},
	{"reader.next", []string{"n"}, "next article", func(k *KeyMap) *key.Binding { return &k.Reader.Next }},
	{"reader.prev", []string{"p"}, "previous article", func(k *KeyMap) *key.Binding { return &k.Reader.Prev }},
	{"reader.next_related", []string{"]"}, "next related", func(k *KeyMap) *key.Binding { return &k.Reader.NextRelated }},
	{"reader.prev_related", []string{"["}, "previous related", func(k *KeyMap) *key.Binding { return &k.Reader.PrevRelated }},
	{"reader.open_related", []string{"#"}, "related 1-9 (then a digit)", func(k *KeyMap) *key.Binding { return &k.Reader.OpenRelated }},
	{"reader.next_by_author", []string{"A"}, "next by author", func(k *KeyMap) *key.Binding { return &k.Reader.NextByAuthor }},
	{"reader.next_by_tag", []string{"T"}, "next by tag", func(k *KeyMap) *key.Binding { return &k.Reader.NextByTag }},
	{"reader.back", []string{"ctrl+o"}, "back", func(k *KeyMap) *key.Binding { return &k.Reader.Back }},
	{"reader.forward", []string{"ctrl+n"}, "forward", func(k *KeyMap) *key.Binding { return &k.Reader.Forward }},
	{"reader.links", []string{"L"}, "links", func(k *KeyMap) *key.Binding { return &k.Reader.Links }},
	{"reader.full_article", []string{"F"}, "full article", func(k *KeyMap) *key.Binding { return &k.Reader.FullArticle }},

	{"prompt.submit", []string{"enter"}, "apply", func(k *KeyMap) *key.Binding { return &k.Prompt.Submit }},
	{"prompt.cancel", []string{"esc"}, "cancel", func(k *KeyMap) *key.Binding { return &k.Prompt.Cancel }},
	{"prompt.older", []string{"up"}, "older", func(k *KeyMap) *key.Binding { return &k.Prompt.Older }},
	{"prompt.newer", []string{"down"}, "newer", func(k *KeyMap) *key.Binding { return &k.Prompt.Newer }},
}

// DefaultKeyMap returns the default bindings (README and tests rely on them).
func DefaultKeyMap() KeyMap {
	var k KeyMap
	for _, s := range bindingSpecs {
		*s.field(&k) = newBinding(s.keys, s.desc)
	}
	return k
}

// BindingNames returns the name of every binding, as the config file spells
// them ("quit", "list.down", …), in a stable order.
func BindingNames() []string {
	names := make([]string, len(bindingSpecs))
	for i, s := range bindingSpecs {
		names[i] = s.name
	}
	return names
}

// Apply replaces the keys of the named bindings. An empty key list unbinds
// the action. It changes nothing and returns an error naming them if any name
// is unknown or any key is blank.
func (k *KeyMap) Apply(overrides map[string][]string) error {
	var unknown []string
	for name, keys := range overrides {
		if specByName(name) == nil {
			unknown = append(unknown, name)
			continue
		}
		if slices.ContainsFunc(keys, func(s string) bool { return strings.TrimSpace(s) == "" }) {
			return fmt.Errorf("key binding %q: blank key", name)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return fmt.Errorf("unknown key binding %s", strings.Join(quoteAll(unknown), ", "))
	}
	for name, keys := range overrides {
		s := specByName(name)
		*s.field(k) = newBinding(keys, s.desc)
	}
	return nil
}

func specByName(name string) *bindingSpec {
	for i := range bindingSpecs {
		if bindingSpecs[i].name == name {
			return &bindingSpecs[i]
		}
	}
	return nil
}

func quoteAll(names []string) []string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return q
}

// newBinding builds a binding whose help label is derived from its keys, so
// an overridden key shows up in the help line as it is.
func newBinding(keys []string, desc string) key.Binding {
	if len(keys) == 0 {
		return key.NewBinding(key.WithDisabled())
	}
	return key.NewBinding(key.WithKeys(slices.Clone(keys)...), key.WithHelp(keyLabel(keys), desc))
}

// keyLabel is how a binding's keys read in the help line: at most two keys,
// arrows as arrows.
func keyLabel(keys []string) string {
	short := map[string]string{
		"up": "↑", "down": "↓", "left": "←", "right": "→",
		"pgdown": "pgdn", "pgup": "pgup", "shift+tab": "⇧tab",
	}
	var parts []string
	for _, k := range keys {
		if len(parts) == 2 {
			break
		}
		if s, ok := short[k]; ok {
			k = s
		}
		parts = append(parts, k)
	}
	return strings.Join(parts, "/")
}
