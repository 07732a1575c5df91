/* kiosk_bench's guide library figures (bench_guides.c). */
#ifndef BENCH_GUIDES_H
#define BENCH_GUIDES_H

/* Prints guide_library_first_load_ms, guide_library_peak_kib,
 * guide_library_kept_kib and guide_library_load_ms for the guides
 * directory dir, "name value unit" lines on stdout (progress on stderr).
 * Returns 0, or 1 when the library does not load without problems or the
 * measuring child fails. Call before anything else allocates much: the
 * memory child is forked from this process. */
int bench_guide_library(const char *dir);

#endif
