package config

import _ "embed"

//go:embed example.toml
var example string

// Example returns a commented config file that documents every setting with
// its default value, for `herald` to print or write out for the user.
func Example() string { return example }
