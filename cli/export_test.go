package cli

import "testing"

// HeraldBinary returns the herald binary the external tests build (see
// helpers_test.go, which sets it in TestMain), for the tests in here that
// run it: the reader's refresh runs in a child process.
var HeraldBinary func(t *testing.T) string
