//go:build !unix

package feed

import "time"

// processCPU is unknown here; benchmarks report 0 CPU ms.
func processCPU() time.Duration { return 0 }
