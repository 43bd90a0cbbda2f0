package ui

import (
	"testing"
	"unsafe"
)

// Bubble Tea hands the root model around by value, and its handlers copy it
// at every level: a large model made each key's update deep in stack, and
// the first updates paid for growing it a page at a time (5 ms at 28 KB).
// What is large and never replaced is held by pointer (see Model); a field
// that brings the size back up belongs behind one too.
func TestModelCopiesStaySmall(t *testing.T) {
	const limit = 8 << 10
	if size := unsafe.Sizeof(Model{}); size > limit {
		t.Fatalf("Model is %d bytes, over %d: hold the new large field by pointer", size, limit)
	}
}
