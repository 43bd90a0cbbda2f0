package cli

import (
	"os"

	"github.com/charmbracelet/x/term"
)

func terminalSize(f *os.File) (int, int, error) { return term.GetSize(f.Fd()) }
