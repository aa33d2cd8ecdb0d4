// Command flsest trains and inspects FLSEST on MovieLens-100k.
//
//	flsest train [flags]   train, validate each epoch, test at the best epoch
//	flsest data  [flags]   locate, verify or download MovieLens-100k
//	flsest serve [flags]   serve the browser app (after ./build.sh serve has built it)
//	flsest reproduce [flags]  the paper's Tables 1–5 and Figures 5–9, with its numbers beside ours
//	flsest explain [flags]    which fields matter: permutation importance, Shapley values, SEST's weights
//
// Run "flsest train -h" for the flags.
package main
