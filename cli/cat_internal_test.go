package cli

import "testing"

func TestDarkFromColorFGBG(t *testing.T) {
	for v, want := range map[string]struct{ dark, ok bool }{
		"15;0": {true, true}, "0;15": {false, true}, "15;default;0": {true, true},
		"0;7": {false, true}, "7;8": {true, true}, "": {false, false}, "default": {false, false}, "0;99": {false, false},
	} {
		if dark, ok := darkFromColorFGBG(v); dark != want.dark || ok != want.ok {
			t.Errorf("darkFromColorFGBG(%q) = %v, %v; want %v, %v", v, dark, ok, want.dark, want.ok)
		}
	}
}
