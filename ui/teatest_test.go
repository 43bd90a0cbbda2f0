package ui

import (
	"bytes"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// These run the real Bubble Tea program (renderer, command goroutines) and
// wait for text to appear; they compare no bytes.

func waitForText(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains([]byte(ansi.Strip(string(b))), []byte(text))
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

func TestProgramReadsAnArticle(t *testing.T) {
	tm := teatest.NewTestModel(t, New(newFakeStore(300), Options{Theme: "dark"}), teatest.WithInitialTermSize(160, 50))
	waitForText(t, tm, "Article 300 about")
	tm.Send(tea.KeyPressMsg{Code: 'j', Text: "j"})
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitForText(t, tm, "Part one of 299")
	tm.Send(tea.KeyPressMsg{Code: 'q', Text: "q"})
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
	m := tm.FinalModel(t).(Model)
	if m.reader.article.ID != 299 || m.focus != paneReader {
		t.Fatalf("final reader on %d, focus %d", m.reader.article.ID, m.focus)
	}
}

func TestProgramWelcomesAnEmptyStore(t *testing.T) {
	tm := teatest.NewTestModel(t, New(newFakeStore(0), Options{}), teatest.WithInitialTermSize(80, 24))
	waitForText(t, tm, "herald import PATH")
	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
}

func TestProgramSearches(t *testing.T) {
	tm := teatest.NewTestModel(t, New(newFakeStore(100), Options{}), teatest.WithInitialTermSize(100, 30))
	waitForText(t, tm, "100 articles")
	tm.Type("/author:Carol")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitForText(t, tm, "filter: /author:Carol")
	tm.Send(tea.KeyPressMsg{Code: 'q', Text: "q"})
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
	if m := tm.FinalModel(t).(Model); m.filter.query != "author:Carol" || m.prompt.open {
		t.Fatalf("final filter %+v, prompt open %v", m.filter, m.prompt.open)
	}
}
