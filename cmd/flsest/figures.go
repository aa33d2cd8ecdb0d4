package main

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"

	"github.com/flsest/flsest/ui/plot"
)

// figureColors are Okabe–Ito colours (colour-blind safe).
var figureColors = []string{"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00"}

// point is a configuration's mean ± std over seeds.
type point struct{ auc, ll stats }

func (e experiment) figureMarkdown(results map[string]runResult, preset, fp, kind string, seeds int, dir string) (string, error) {
	f := e.Fig
	series := map[string][]point{}
	for _, m := range f.Models {
		for _, v := range f.Values {
			auc, ll, _, _ := collect(results, m, preset, fp, map[string]string{f.Setting: v}, seeds)
			p := point{auc: stats{Mean: nan()}, ll: stats{Mean: nan()}}
			if len(auc) > 0 {
				p = point{meanStd(auc), meanStd(ll)}
			}
			series[m] = append(series[m], p)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	svg := filepath.Join(dir, e.ID+".svg")
	if kind != "movielens-100k" {
		svg = filepath.Join(dir, e.ID+"-"+kind+".svg")
	}
	if err := os.WriteFile(svg, []byte(figureSVG(e, series)), 0o644); err != nil {
		return "", err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** on %s — test AUC and LogLoss at the best-validation epoch, mean ± std over %d seeds (%s), %s preset otherwise.\n\n",
		e.Title, kind, seeds, seedsText(seeds), preset)
	fmt.Fprintf(&b, "![%s](%s)\n\n", e.Title, filepath.ToSlash(svg))
	fmt.Fprintf(&b, "| model | %s |\n|---|%s\n", strings.Join(f.Labels, " | "), strings.Repeat("---|", len(f.Labels)))
	for _, m := range f.Models {
		var cells []string
		for _, p := range series[m] {
			cells = append(cells, fmt.Sprintf("%.4f ± %.4f / %.4f", p.auc.Mean, p.auc.Std, p.ll.Mean))
		}
		fmt.Fprintf(&b, "| %s | %s |\n", m, strings.Join(cells, " | "))
	}
	b.WriteString("\n(cells: AUC ± std / LogLoss)\n")
	return b.String(), nil
}

func nan() float64 { var z float64; return z / z }

// figureSVG draws two panels, AUC and LogLoss, against the setting's values.
func figureSVG(e experiment, series map[string][]point) string {
	const W, H, panelW, top, bottom, left = 700.0, 300.0, 330.0, 34.0, 44.0, 52.0
	f := e.Fig
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %.0f %.0f" font-family="sans-serif" font-size="11">`+"\n", W, H)
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" fill="white"/><text x="%.0f" y="16" text-anchor="middle" font-size="13" font-weight="bold">%s</text>`+"\n", W/2, html.EscapeString(e.Title))
	for panel, metric := range []string{"test AUC", "test LogLoss"} {
		x0 := float64(panel)*(panelW+20) + left
		x1 := x0 + panelW - left - 10
		var lo, hi []float64
		for _, m := range f.Models {
			for _, p := range series[m] {
				s := p.auc
				if panel == 1 {
					s = p.ll
				}
				lo, hi = append(lo, s.Mean-s.Std), append(hi, s.Mean+s.Std)
			}
		}
		y0, y1 := plot.Extent(lo, hi)
		sy := plot.Linear{D0: y0, D1: y1, R0: H - bottom, R1: top}
		sx := plot.Linear{D0: 0, D1: float64(max(len(f.Values)-1, 1)), R0: x0 + 12, R1: x1 - 12}
		ticks, dec := plot.Ticks(y0, y1, 5)
		for _, t := range ticks {
			fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="#e5e7eb"/><text x="%.1f" y="%.1f" text-anchor="end" dominant-baseline="middle" fill="#555">%.*f</text>`+"\n",
				x0, x1, sy.At(t), sy.At(t), x0-4, sy.At(t), dec, t)
		}
		for i, l := range f.Labels {
			fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle" fill="#555">%s</text>`+"\n", sx.At(float64(i)), H-bottom+16, html.EscapeString(l))
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="middle">%s</text><text x="%.1f" y="%.1f" text-anchor="middle" font-weight="bold">%s</text>`+"\n",
			(x0+x1)/2, H-8, html.EscapeString(f.XLabel), (x0+x1)/2, top-8, metric)
		for mi, m := range f.Models {
			color := figureColors[mi%len(figureColors)]
			var xs, ys []float64
			for i, p := range series[m] {
				s := p.auc
				if panel == 1 {
					s = p.ll
				}
				xs, ys = append(xs, float64(i)), append(ys, s.Mean)
				if s.Std > 0 {
					fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="%s"/>`+"\n", sx.At(float64(i)), sx.At(float64(i)), sy.At(s.Mean-s.Std), sy.At(s.Mean+s.Std), color)
				}
				fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>`+"\n", sx.At(float64(i)), sy.At(s.Mean), color)
			}
			fmt.Fprintf(&b, `<path d="%s" fill="none" stroke="%s" stroke-width="1.8"/>`+"\n", plot.Path(xs, ys, sx, sy), color)
		}
	}
	for mi, m := range f.Models {
		x := 20 + float64(mi)*110
		fmt.Fprintf(&b, `<rect x="%.0f" y="%.0f" width="14" height="3" fill="%s"/><text x="%.0f" y="%.0f" dominant-baseline="middle">%s</text>`+"\n",
			x, H-24, figureColors[mi%len(figureColors)], x+18, H-22, html.EscapeString(m))
	}
	b.WriteString("</svg>\n")
	return b.String()
}
