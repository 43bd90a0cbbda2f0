package config

import (
	"fmt"
	"time"
)

// Duration is a time.Duration written in the config file as a Go duration
// string such as "30m" or "1h30m", which reads better than nanoseconds.
type Duration struct {
	time.Duration
}

// UnmarshalText parses a duration string; "" means zero. Negative durations
// are refused here so the error carries the file position.
func (d *Duration) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		d.Duration = 0
		return nil
	}
	v, err := time.ParseDuration(string(text))
	if err != nil {
		return fmt.Errorf("%q is not a duration (write it like \"30m\" or \"2h\")", text)
	}
	if v < 0 {
		return fmt.Errorf("%q is negative", text)
	}
	d.Duration = v
	return nil
}
