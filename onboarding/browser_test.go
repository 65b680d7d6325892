package onboarding

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/kartoitus/kartoitus/finding"
)

// chromium and browser follow report/browser_test.go: Debian's Chromium,
// never a downloaded one; skipped without it unless CI is set.
func chromium() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, p := range []string{"/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	return ""
}

func browser(t *testing.T) context.Context {
	t.Helper()
	path := chromium()
	if path == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is not installed; CI must install it (see .ci/run)")
		}
		t.Skip("chromium is not installed (apt-get install chromium); skipping the browser test")
	}
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 45*time.Second)
	t.Cleanup(cancel)
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true), chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(filepath.Join(t.TempDir(), "profile")),
		chromedp.WindowSize(1400, 1000),
	)
	t.Cleanup(cancelAlloc)
	tab, cancelTab := chromedp.NewContext(alloc)
	t.Cleanup(cancelTab)
	return tab
}

type pageLog struct {
	mu                sync.Mutex
	console, requests []string
}

func (p *pageLog) add(dst *[]string, s string) { p.mu.Lock(); *dst = append(*dst, s); p.mu.Unlock() }

func (p *pageLog) snapshot() ([]string, []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.console...), append([]string(nil), p.requests...)
}

func watch(ctx context.Context) *pageLog {
	p := &pageLog{}
	msgs := chromedp.Console(ctx)
	reqs := chromedp.Events(ctx, network.RequestWillBeSent)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.IsException() || m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleWarning {
				p.add(&p.console, m.String())
			}
		}
	}()
	go func() {
		for ev, err := range reqs {
			if err != nil {
				return
			}
			if ev.Request != nil {
				p.add(&p.requests, ev.Request.URL)
			}
		}
	}()
	return p
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestPlanInBrowser opens plan.html from disk: no console errors, nothing
// fetched, the chart laid out with one visible bar per task, readable at
// the page's width, and in print (greyscale A4 landscape) still whole.
func TestPlanInBrowser(t *testing.T) {
	ctx := browser(t)
	p := samplePlan(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "plan.html")
	var b bytes.Buffer
	if err := WriteHTML(&b, p, Meta{Lang: finding.FI, Version: "test"}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	log := watch(ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+page), chromedp.WaitReady(chromedp.CSS("svg.gantt"))); err != nil {
		t.Fatal(err)
	}

	t.Run("chart visible with one bar per task", func(t *testing.T) {
		got := eval[map[string]float64](t, ctx, `(() => {
			const svg = document.querySelector('svg.gantt'), r = svg.getBoundingClientRect();
			const bars = Array.from(svg.querySelectorAll('.bar'));
			const visible = bars.filter(b => { const q = b.getBoundingClientRect(); return q.width > 0 && q.height > 0; });
			const late = bars.filter(b => b.dataset.timing === 'late' && b.dataset.kind !== 'group').length;
			const minFont = Math.min(...Array.from(svg.querySelectorAll('text'), e => parseFloat(getComputedStyle(e).fontSize)));
			return {width: r.width, height: r.height, bars: bars.length, visible: visible.length, late: late,
				scroll: document.documentElement.scrollWidth - document.documentElement.clientWidth, scale: r.width / 1600, minFont: minFont};
		})()`)
		if got["width"] < 1000 || got["height"] < 800 {
			t.Errorf("chart %vx%v: not laid out", got["width"], got["height"])
		}
		if int(got["bars"]) != len(p.Tasks) || int(got["visible"]) != len(p.Tasks) {
			t.Errorf("%v bars, %v visible; want %d", got["bars"], got["visible"], len(p.Tasks))
		}
		if int(got["late"]) != p.Count(Late) {
			t.Errorf("%v late bars, the plan has %d", got["late"], p.Count(Late))
		}
		if got["scroll"] > 0 {
			t.Errorf("the page scrolls sideways by %vpx", got["scroll"])
		}
		// 16-unit text at the rendered scale stays readable (≥ 13 px).
		if got["minFont"]*got["scale"] < 13 {
			t.Errorf("smallest chart text %.1f px on screen", got["minFont"]*got["scale"])
		}
	})

	t.Run("figures agree with the plan", func(t *testing.T) {
		got := eval[[]string](t, ctx, `['late','at-risk','go-live'].map(id => document.querySelector('#fig-'+id+' .v').textContent)`)
		want := []string{strconv.Itoa(p.Count(Late)), strconv.Itoa(p.Count(AtRisk)), p.GoLive.Finnish()}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("figures %q, want %q", got, want)
		}
		rows := eval[int](t, ctx, `document.querySelectorAll('#tbl-tasks tbody tr').length`)
		if rows != len(p.Tasks) {
			t.Errorf("%d task rows", rows)
		}
	})

	t.Run("print", func(t *testing.T) {
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
			t.Fatal(err)
		}
		defer chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
		w := eval[float64](t, ctx, `document.querySelector('svg.gantt').getBoundingClientRect().width`)
		body := eval[float64](t, ctx, `document.body.getBoundingClientRect().width`)
		if w <= 0 || w > body+1 {
			t.Errorf("printed chart %v wide in a %v body", w, body)
		}
	})

	t.Run("screenshot", func(t *testing.T) {
		shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(shot))
		if err != nil {
			t.Fatalf("not a PNG: %v", err)
		}
		if bb := img.Bounds(); bb.Dx() < 1000 || bb.Dy() < 1500 {
			t.Errorf("screenshot %v", bb)
		}
		if keep := os.Getenv("KARTOITUS_PLAN_SCREENSHOT"); keep != "" {
			_ = os.WriteFile(keep, shot, 0o644)
		}
	})

	_ = chromedp.Do(ctx, chromedp.Sleep(100*time.Millisecond))
	console, requests := log.snapshot()
	for _, m := range console {
		t.Errorf("console: %s", m)
	}
	for _, u := range requests {
		if !strings.HasPrefix(u, "file://") && !strings.HasPrefix(u, "data:") {
			t.Errorf("the page fetched %s", u)
		}
	}
}

// TestBrowserSeesErrors: the console check can fail (a page breaking the
// plan's own policy is reported).
func TestBrowserSeesErrors(t *testing.T) {
	ctx := browser(t)
	bad := filepath.Join(t.TempDir(), "bad.html")
	html := `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="` + HTMLPolicy + `"></head>` +
		`<body><script>console.log("blocked")</script></body></html>`
	if err := os.WriteFile(bad, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	log := watch(ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+bad), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if c, _ := log.snapshot(); len(c) > 0 {
			break
		}
		_ = chromedp.Do(ctx, chromedp.Sleep(50*time.Millisecond))
	}
	if c, _ := log.snapshot(); len(c) == 0 || !strings.Contains(strings.Join(c, " "), "script") {
		t.Errorf("policy violation not seen: %q", c)
	}
}
