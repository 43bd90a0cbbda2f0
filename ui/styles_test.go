package ui

import (
	"image/color"
	"math"
	"testing"
)

// The key hints are read all the time: keys and what they do stay
// readable (WCAG's 4.5:1 for text) on a black or a white terminal.
func TestHelpTextIsReadable(t *testing.T) {
	for _, dark := range []bool{true, false} {
		bg := color.Color(color.White)
		if dark {
			bg = color.Black
		}
		hs := newStyles(dark).Help
		for name, fg := range map[string]color.Color{
			"short key": hs.ShortKey.GetForeground(), "short description": hs.ShortDesc.GetForeground(),
			"full key": hs.FullKey.GetForeground(), "full description": hs.FullDesc.GetForeground(),
		} {
			if r := contrast(fg, bg); r < 4.5 {
				t.Errorf("dark=%v: %s contrast %.1f:1, want at least 4.5:1", dark, name, r)
			}
		}
	}
}

// contrast is WCAG 2's contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}
