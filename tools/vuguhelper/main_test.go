package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCopiesMatchVugu fails when assets/vugu-render.js or ui/vugu_helper.go
// differs from what the Vugu module go.mod requires gives: after a Vugu
// upgrade, run go generate ./ui/... .
func TestCopiesMatchVugu(t *testing.T) {
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	files, err := generated(root)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from github.com/vugu/vugu/domrender's jsHelperScript: run go generate ./ui/...", name)
		}
	}
	// The page relies on the helper doing nothing when it runs a second time.
	script, _ := helperScript(root)
	if !strings.HasPrefix(script, "(function(){if(window.vuguRender)return;") {
		t.Errorf("Vugu's helper no longer starts by returning when window.vuguRender exists: window.eval's guard (ui/eval_guard_wasm.go) must change")
	}
}
