package assess

import (
	"context"
	"testing"

	"github.com/kartoitus/kartoitus/onboarding"
)

// TestEvidenceFromProfile: the onboarding plan's 2C (organisation OIDs and
// units) comes from the organisation profile, and the sample's passes.
func TestEvidenceFromProfile(t *testing.T) {
	res, err := Run(context.Background(), Config{Profile: "../samples/profile.yaml"}, Plans)
	if err != nil {
		t.Fatal(err)
	}
	ev := res.Evidence()
	if ev.Organisation == nil || ev.Organisation.OID != "1.2.246.10.31875424.10.0" || len(ev.Organisation.Units) != 4 {
		t.Fatalf("2C evidence = %+v", ev.Organisation)
	}
	for _, r := range onboarding.AssessReadiness(ev) {
		if r.Step == "2C" && r.Status != onboarding.Ready {
			t.Errorf("2C readiness = %+v", r)
		}
	}
}
