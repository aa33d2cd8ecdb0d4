package api

import "testing"

func TestFill(t *testing.T) {
	if got := Fill(PathSession, "action", "play"); got != "/api/session/play" {
		t.Errorf("Fill(PathSession) = %q", got)
	}
	if got := Fill(PathUser, "id", "196"); got != "/api/users/196" {
		t.Errorf("Fill(PathUser) = %q", got)
	}
}
