/*
 * Benchmark mode (make bench): frame times after a visible change, and the
 * time to render a queue ticket. Runs on the UI thread in place of the loop;
 * reports "name value" lines on --bench-fd.
 */
#include <stdio.h>
#include <stdlib.h>

#include "kiosk/ticket.h"
#include "shell_private.h"
#include "ticket_render.h"

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* Renders 31 queue tickets on paper (an Arabic one, the richest script) and
 * reports the median time from ticket data to the grey page the printer gets. */
static void bench_tickets(struct shell *sh, const char *paper_name)
{
	enum { N = 31 };
	uint64_t us[N];
	uint64_t freq = SDL_GetPerformanceFrequency();
	const struct ticket_paper *paper = ticket_paper_find(paper_name);
	int ar = config_lang_index(&sh->cfg, "ar");
	ar = ar < 0 ? 0 : ar;
	for (int i = 0; i < N; i++) {
		char number[8];
		snprintf(number, sizeof number, "A%03d", i + 1);
		struct ticket t = {
			.office_name = sh->cfg.site_name, .service = sh->services.count ? sh->services.s[0].name[ar] : "",
			.number = number, .year = 2026, .month = 11, .day = 23, .hour = 10, .minute = i,
			.ahead = i, .wait_min = i, .wait_max = 2 * i + 5, .qr = number,
			.visitor_lang = {sh->cats[ar], sh->cfg.langs[ar], true},
			.office_lang = {sh->cats[0], sh->cfg.langs[0], false},
		};
		uint8_t *gray = NULL;
		int w, h, overflow;
		uint64_t t0 = SDL_GetPerformanceCounter();
		ticket_render(sh->te, &t, paper, &gray, &w, &h, &overflow);
		us[i] = (SDL_GetPerformanceCounter() - t0) * 1000000 / freq;
		free(gray);
	}
	qsort(us, N, sizeof(*us), cmp_u64);
	dprintf(sh->opts->bench_fd, "ticket-%s-p50-us %llu\n", paper_name, (unsigned long long)us[N / 2]);
}

/* Redraws n frames, each after a visible change (a button pressed, released),
 * and reports the distribution of the time from change to presented frame. */
int shell_bench_frames(struct shell *sh, int n)
{
	uint64_t *us = calloc((size_t)n, sizeof(*us));
	if (!us)
		return 1;
	uint64_t freq = SDL_GetPerformanceFrequency();
	/* Measure drawing, not the start-up's first fsyncs: let the store settle. */
	for (int i = 0; i < 500 && (SDL_AtomicGet(&sh->post.pending) > 0 || store_backlog(sh->store) > 0); i++) {
		shell_pump(sh);
		SDL_Delay(10);
	}
	SDL_Delay(200);
	for (int i = 0; i < n; i++) {
		snprintf(sh->app.pressed, sizeof(sh->app.pressed), "%s", i % 2 ? "" : "home.ticket");
		uint64_t t0 = SDL_GetPerformanceCounter();
		shell_redraw(sh, NULL);
		us[i] = (SDL_GetPerformanceCounter() - t0) * 1000000 / freq;
	}
	qsort(us, (size_t)n, sizeof(*us), cmp_u64);
	dprintf(sh->opts->bench_fd, "frame-p50-us %llu\nframe-p99-us %llu\nframe-max-us %llu\n",
		(unsigned long long)us[n / 2], (unsigned long long)us[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1],
		(unsigned long long)us[n - 1]);
	free(us);
	bench_tickets(sh, "receipt80");
	bench_tickets(sh, "a4");
	return 0;
}

