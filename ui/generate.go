package main

//go:generate go tool vugugen -s -skip-go-mod -skip-main .
//go:generate go run ../tools/vuguhelper
