/*
 * DESIGN: slip_guide, a digital-ID guide's steps on paper.
 *
 * What it is: "Print these steps" at a solved end. It fills a->slip for
 * ticket_layout_slip with what a visitor needs at home to do it again or to
 * show a helper: the guide's name, each step walked (its title as a heading,
 * its words, a phone number or link as text on its own line, the step's own
 * warning in a frame), the last link as a QR code, and the safety notes of
 * every guide on the way with the promise that nobody here asks for codes.
 * Steps are in the language the guide was shown in; the rest is in the
 * visitor's. The steps a visitor walks are few (a walk longer than the
 * slip's rows prints its last ones); a text too long for its field is cut
 * at a word with "…", never inside a letter. Nothing the visitor typed is
 * printed: a guide takes no typing.
 * What it is not: booking slips (slip.c), layout (ticket_slip.c), printing.
 * Threading: the UI thread.
 */
#include <stdio.h>
#include <string.h>

#include "kiosk/app.h"
#include "kiosk/clip.h"
#include "kiosk/i18n.h"
#include "slip_private.h"

/* Step i of the walk (0 = where it started). */
static struct guide_place place_of(const struct guide_walk *w, int i)
{
	return i < w->depth ? w->trail[i] : w->at;
}

/* The walk without its rounds: a visitor sent from one guide to another and
 * back (`@GUIDE` both ways) came through some steps twice; paper shows the
 * way from the first time at a step to where they went on from it. */
static int way_of(const struct guide_walk *w, struct guide_place *out)
{
	int n = 0, count = guide_walk_count(w);
	for (int i = 0; i < count; i++) {
		struct guide_place p = place_of(w, i);
		for (int k = 0; k < n; k++) {
			if (out[k].guide == p.guide && out[k].step == p.step) {
				n = k;
				break;
			}
		}
		out[n++] = p;
	}
	return n;
}

static const struct guide_step *step_at(const struct guide_scheme *sc, struct guide_place p, const struct guide **g)
{
	if (p.guide < 0 || p.guide >= sc->nguides || p.step < 0 || p.step >= sc->guides[p.guide].nsteps)
		return NULL;
	*g = &sc->guides[p.guide];
	return &(*g)->steps[p.step];
}

/* A phone number stays one left-to-right group in every direction: a mark
 * in front, no-break spaces inside (as the site file's booking phone). */
static void phone_text(const char *phone, char *out, size_t cap)
{
	size_t n = (size_t)snprintf(out, cap, "\xe2\x80\x8e");
	for (const char *c = phone; *c && n + 3 < cap; c++) {
		if (*c == ' ') {
			memcpy(out + n, "\xc2\xa0", 2);
			n += 2;
		} else {
			out[n++] = *c;
		}
	}
	out[n < cap ? n : cap - 1] = '\0';
}

static void step_row(struct app *a, struct ticket_slip_row *r, int number, const struct guide_scheme *sc,
		     const struct guide *g, const struct guide_step *st)
{
	const struct i18n_catalog *cat = guide_catalog(sc, g, app_lang_code(a));
	char label[sizeof r->label * 2];
	snprintf(label, sizeof label, "%d. %s", number, i18n_get(cat, st->title));
	clip_words(r->label, sizeof r->label, label);
	size_t len = 0;
	for (int t = 0; t < st->ntext; t++)
		clip_append(r->value, sizeof r->value, &len, len ? "\n" : "", i18n_get(cat, st->text[t]));
	if (st->phone) {
		char phone[GUIDE_PHONE_MAX * 2 + 4];
		phone_text(st->phone, phone, sizeof phone);
		clip_append(r->value, sizeof r->value, &len, len ? "\n" : "", phone);
	}
	if (st->link) /* the address as text too: a QR code is one, and paper outlives a phone */
		clip_append(r->value, sizeof r->value, &len, len ? "\n\xe2\x80\x8e" : "\xe2\x80\x8e",
			    st->link + (strncmp(st->link, "https://", 8) == 0 ? 8 : 0));
	if (st->warn)
		clip_words(r->warn, sizeof r->warn, i18n_get(cat, st->warn));
}

/* The promise, then every guide's safety notes on the way, each once. */
static void safety_note(struct app *a, const struct guide_scheme *sc, const struct guide_place *way, int n)
{
	struct ticket_slip *s = &a->slip;
	bool seen[GUIDE_WARN_COUNT] = {false};
	size_t len = 0;
	clip_append(s->note, sizeof s->note, &len, "",
		    app_tr(a, "This kiosk and our staff will never ask for your codes or password."));
	for (int i = 0; i < n; i++) {
		const struct guide *g = NULL;
		if (!step_at(sc, way[i], &g))
			continue;
		for (int k = 0; k < g->nwarnings; k++) {
			enum guide_warning wn = g->warnings[k];
			if ((unsigned)wn >= GUIDE_WARN_COUNT || seen[wn])
				continue;
			seen[wn] = true;
			clip_append(s->note, sizeof s->note, &len, "\n", app_tr(a, guide_warning_text(wn)));
		}
	}
}

void app_guide_slip_fill(struct app *a)
{
	struct ticket_slip *s = &a->slip;
	memset(s, 0, sizeof *s);
	const struct app_guide *gd = &a->s.guide;
	if (!a->guides || !gd->walking || gd->walk.scheme < 0 || gd->walk.scheme >= a->guides->nschemes)
		return;
	const struct guide_scheme *sc = &a->guides->schemes[gd->walk.scheme];
	slip_begin(a);
	s->steps = true;
	struct guide_place way[GUIDE_MAX_TRAIL + 1];
	int n = way_of(&gd->walk, way);
	const struct guide *g = NULL;
	if (step_at(sc, way[0], &g)) {
		char title[sizeof s->title * 2];
		snprintf(title, sizeof title, "%s: %s", sc->name,
			 i18n_get(guide_catalog(sc, g, app_lang_code(a)), g->title));
		clip_words(s->title, sizeof s->title, title);
	}
	/* A way longer than the slip's rows (through several guides): where it
	 * started, then its last steps; the numbers show what is left out. */
	for (int i = 0; i < n; i++) {
		if (i > 0 && i < n - (TICKET_SLIP_ROWS - 1))
			continue;
		const struct guide_step *st = step_at(sc, way[i], &g);
		if (!st)
			continue;
		step_row(a, &s->row[s->nrows++], i + 1, sc, g, st);
		if (st->link && strlen(st->link) <= TICKET_QR_MAX)
			snprintf(s->qr, sizeof s->qr, "%s", st->link);
	}
	safety_note(a, sc, way, n);
}

bool app_print_guide(struct app *a)
{
	if (!a->printer_configured || !a->s.guide.walking || a->nreq == APP_MAX_REQ)
		return false;
	app_guide_slip_fill(a);
	slip_queue(a, "guide");
	return true;
}
