module github.com/flsest/flsest

go 1.26

require (
	github.com/syumai/workers v0.33.0
	gonum.org/v1/gonum v0.17.0
)
