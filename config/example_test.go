package config

import (
	"reflect"
	"strings"
	"testing"
)

// The example documents the defaults, so loading it must give exactly them.
func TestExampleLoadsAsDefaults(t *testing.T) {
	path := writeConfig(t, Example())
	got, err := Load(path)
	if err != nil {
		t.Fatalf("example does not load: %v", err)
	}
	if err := got.Validate(nil); err != nil {
		t.Fatalf("example does not validate: %v", err)
	}
	want := Default()
	want.source = path
	if !reflect.DeepEqual(got, want) {
		t.Errorf("example loads as\n%#v\nwant the defaults\n%#v", got, want)
	}
}

// Every setting must be documented in the example, including ones added later.
func TestExampleMentionsEverySetting(t *testing.T) {
	fields := reflect.TypeFor[Config]().NumField()
	for i := range fields {
		tag := reflect.TypeFor[Config]().Field(i).Tag.Get("toml")
		if tag == "" {
			continue // unexported bookkeeping
		}
		if !strings.Contains(Example(), tag+" =") && !strings.Contains(Example(), "["+tag+"]") {
			t.Errorf("example.toml does not show the %q setting", tag)
		}
	}
}
