/*
 * Benchmark mode (make bench): frame times after a visible change, and the
 * time to render a queue ticket. Runs on the UI thread in place of the loop;
 * reports "name value" lines on --bench-fd.
 *
 * Started on guide.step (--start guide.step), it measures a guide step
 * instead: the first frame of steps that each show an illustration not drawn
 * before (the picture read and rasterised, the step's lines rendered: what a
 * visitor reaching a new step waits for), then one such step redrawn with a
 * button pressed and released, everything cached.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Time of one full frame, in µs. */
static uint64_t timed_redraw(struct shell *sh)
{
	uint64_t t0 = SDL_GetPerformanceCounter();
	shell_redraw(sh, NULL);
	return (SDL_GetPerformanceCounter() - t0) * 1000000 / SDL_GetPerformanceFrequency();
}

/* Redraws n frames, each after a visible change (button id pressed, then
 * released); us gets their times, sorted. */
static void pressed_frames(struct shell *sh, const char *button, uint64_t *us, int n)
{
	for (int i = 0; i < n; i++) {
		snprintf(sh->app.pressed, sizeof(sh->app.pressed), "%s", i % 2 ? "" : button);
		us[i] = timed_redraw(sh);
	}
	sh->app.pressed[0] = '\0';
	qsort(us, (size_t)n, sizeof(*us), cmp_u64);
}

/* The guide step figures (see the top of the file), for the site's schemes in
 * the office's language: guide-step-first-us, the median first frame, over
 * guide-step-first-n steps; guide-step-p50-us and guide-step-p99-us of n
 * cached frames of the last of those steps. */
static int bench_guide_step(struct shell *sh, int n)
{
	enum { MAX_FIRST = 64 };
	struct app *a = &sh->app;
	const struct guide_library *lib = sh->guides;
	uint64_t first[MAX_FIRST];
	const char *drawn[MAX_FIRST];
	int nfirst = 0, at[3] = {-1, -1, -1};
	if (!lib || a->screen != app_screen_find("guide.step")) {
		fprintf(stderr, "kiosk: bench: no guides loaded, or not started on guide.step\n");
		return 1;
	}
	for (int i = 0; i < a->nguide_schemes && nfirst < MAX_FIRST; i++) {
		int si = a->guide_scheme[i];
		const struct guide_scheme *s = &lib->schemes[si];
		for (int gi = 0; gi < s->nguides && nfirst < MAX_FIRST; gi++) {
			for (int k = 0; k < s->guides[gi].nsteps && nfirst < MAX_FIRST; k++) {
				const char *image = s->guides[gi].steps[k].image;
				bool seen = !image;
				for (int j = 0; j < nfirst && !seen; j++)
					seen = strcmp(drawn[j], image) == 0;
				if (seen)
					continue;
				shell_guide_place(a, si, gi, k, true);
				unsigned loads = renderer_stats(sh->rd).image_loads;
				uint64_t us = timed_redraw(sh);
				/* Only a frame that really read and rasterised the picture counts. */
				if (renderer_stats(sh->rd).image_loads == loads)
					continue;
				drawn[nfirst] = image;
				first[nfirst++] = us;
				at[0] = si, at[1] = gi, at[2] = k;
			}
		}
	}
	if (nfirst == 0) {
		fprintf(stderr, "kiosk: bench: no guide step of this site draws an illustration\n");
		return 1;
	}
	uint64_t *us = calloc((size_t)n, sizeof(*us));
	if (!us)
		return 1;
	shell_guide_place(a, at[0], at[1], at[2], true);
	timed_redraw(sh);
	unsigned loads = renderer_stats(sh->rd).image_loads;
	pressed_frames(sh, "guide.choice.0", us, n);
	qsort(first, (size_t)nfirst, sizeof(*first), cmp_u64);
	fprintf(stderr,
		"kiosk: bench: %d guide steps drawn first, in %s; %d cached frames of %s/%s#%s (%u pictures read "
		"again)\n",
		nfirst, app_lang_code(a), n, lib->schemes[at[0]].id, lib->schemes[at[0]].guides[at[1]].id,
		lib->schemes[at[0]].guides[at[1]].steps[at[2]].id, renderer_stats(sh->rd).image_loads - loads);
	dprintf(sh->opts->bench_fd,
		"guide-step-first-us %llu\nguide-step-first-n %d\nguide-step-p50-us %llu\nguide-step-p99-us %llu\n",
		(unsigned long long)first[nfirst / 2], nfirst, (unsigned long long)us[n / 2],
		(unsigned long long)us[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1]);
	free(us);
	return 0;
}

/* Redraws n frames, each after a visible change (a button pressed, released),
 * and reports the distribution of the time from change to presented frame. */
int shell_bench_frames(struct shell *sh, int n)
{
	/* Measure drawing, not the start-up's first fsyncs: let the store settle. */
	for (int i = 0; i < 500 && (SDL_AtomicGet(&sh->post.pending) > 0 || store_backlog(sh->store) > 0); i++) {
		shell_pump(sh);
		SDL_Delay(10);
	}
	SDL_Delay(200);
	if (sh->opts->start_screen && strcmp(sh->opts->start_screen, "guide.step") == 0)
		return bench_guide_step(sh, n);
	uint64_t *us = calloc((size_t)n, sizeof(*us));
	if (!us)
		return 1;
	pressed_frames(sh, "home.ticket", us, n);
	dprintf(sh->opts->bench_fd, "frame-p50-us %llu\nframe-p99-us %llu\nframe-max-us %llu\n",
		(unsigned long long)us[n / 2], (unsigned long long)us[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1],
		(unsigned long long)us[n - 1]);
	free(us);
	bench_tickets(sh, "receipt80");
	bench_tickets(sh, "a4");
	return 0;
}

