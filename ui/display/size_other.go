//go:build !unix

package display

import tea "charm.land/bubbletea/v2"

// FollowSize does nothing where there is no SIGWINCH; the size stays the
// one the program started with.
func (t *Terminal) FollowSize(send func(tea.Msg)) (stop func()) { return func() {} }
