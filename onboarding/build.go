package onboarding

import (
	"errors"
	"fmt"
	"time"

	"github.com/kartoitus/kartoitus"
	"github.com/kartoitus/kartoitus/calendar"
	"github.com/kartoitus/kartoitus/ident"
)

// BuildOptions are what a plan is made from: the files and settings the
// plan command and the assessment share.
type BuildOptions struct {
	// GoLive is the go-live date; zero takes go_live of a YAML status file.
	GoLive calendar.Day
	// Today judges timing; zero is today when a status file is given.
	Today      calendar.Day
	StatusFile string
	StaffFile  string
	// NewSystem, when set, says whether the system has joined Kanta before
	// (overriding the status file's joined_before).
	NewSystem   *bool
	EvesWork    bool
	WarnDays    int
	BackupCards int
	// Readers is the number of card readers to buy; negative = not given.
	Readers      int
	Organisation string
	// Evidence gives the readiness lines (nil: not known).
	Evidence *Evidence
}

// Build reads the status and staff files and makes the plan. Errors wrap
// kartoitus.ErrUsage (no go-live date) or ErrUnreadable (a file).
func Build(o BuildOptions) (*Plan, error) {
	var st *Status
	if o.StatusFile != "" {
		var err error
		if st, err = ReadStatus(o.StatusFile); err != nil {
			return nil, unreadable(err)
		}
	}
	opt := Options{Status: st, WarnDays: o.WarnDays, GoLive: o.GoLive, Today: o.Today}
	if opt.GoLive.IsZero() && st != nil {
		opt.GoLive = st.GoLive
	}
	if opt.GoLive.IsZero() {
		return nil, fmt.Errorf("%w: the onboarding plan needs a go-live date (--go-live DATE, or go_live in a YAML status file)", kartoitus.ErrUsage)
	}
	if opt.Today.IsZero() && st != nil {
		opt.Today = calendar.Of(time.Now())
	}
	cal := &calendar.Calendar{EvesWork: o.EvesWork}
	if st != nil {
		cal.Extra = st.DaysOff
		if st.JoinedBefore != nil {
			opt.NewSystem = !*st.JoinedBefore
		}
	}
	if o.NewSystem != nil {
		opt.NewSystem = *o.NewSystem
	}
	opt.Calendar = cal
	p, err := Schedule(opt)
	if err != nil {
		return nil, err
	}
	if o.Organisation != "" {
		p.Organisation = ident.Redact(o.Organisation)
	}
	if o.StaffFile != "" {
		staff, err := ReadStaff(o.StaffFile)
		if err != nil {
			return nil, unreadable(err)
		}
		p.AttachCards(PlanCards(staff, CardOptions{BackupCards: o.BackupCards, Readers: o.Readers}), staff)
	}
	p.AttachReadiness(o.Evidence)
	return p, nil
}

func unreadable(err error) error {
	for _, s := range []error{kartoitus.ErrUnreadable, kartoitus.ErrNotRecognised, kartoitus.ErrUsage} {
		if errors.Is(err, s) {
			return err
		}
	}
	return fmt.Errorf("%w: %w", kartoitus.ErrUnreadable, err)
}
