/*
 * DESIGN: guide_walk, the visitor's way through a guide.
 *
 * What it is: the current step and the steps that led to it, so Back
 * returns to the step the visitor actually came from, also when a choice
 * jumped to another guide (`@GUIDE`). The trail is bounded: past
 * GUIDE_MAX_TRAIL steps the oldest is forgotten, which only matters to a
 * visitor going round in circles, and Back then stops where memory ends.
 * What it is not: no translation, no screen; the guide screen holds a walk
 * and asks it where to go.
 * Threading: a walk belongs to its caller; the library is only read.
 */
#include <stdio.h>
#include <string.h>

#include "kiosk/guide.h"

void guide_walk_start(struct guide_walk *w, int scheme, int guide)
{
	memset(w, 0, sizeof *w);
	w->scheme = (short)scheme;
	w->at.guide = (short)guide;
	w->at.step = 0;
}

const struct guide *guide_walk_guide(const struct guide_walk *w, const struct guide_library *lib)
{
	const struct guide_scheme *s;

	if (!lib || w->scheme < 0 || w->scheme >= lib->nschemes)
		return NULL;
	s = &lib->schemes[w->scheme];
	if (w->at.guide < 0 || w->at.guide >= s->nguides)
		return NULL;
	return &s->guides[w->at.guide];
}

const struct guide_step *guide_walk_step(const struct guide_walk *w, const struct guide_library *lib)
{
	const struct guide *g = guide_walk_guide(w, lib);

	if (!g || w->at.step < 0 || w->at.step >= g->nsteps)
		return NULL;
	return &g->steps[w->at.step];
}

bool guide_walk_choose(struct guide_walk *w, const struct guide_library *lib, int i)
{
	const struct guide_step *st = guide_walk_step(w, lib);
	const struct guide_choice *ch;
	struct guide_place to;

	if (!st || i < 0 || i >= st->nchoices)
		return false;
	ch = &st->choice[i];
	if (ch->step >= 0)
		to = (struct guide_place){ w->at.guide, (short)ch->step };
	else if (ch->guide >= 0 && ch->guide < lib->schemes[w->scheme].nguides)
		to = (struct guide_place){ (short)ch->guide, 0 };
	else
		return false;
	if (w->depth == GUIDE_MAX_TRAIL) {
		memmove(&w->trail[0], &w->trail[1], (GUIDE_MAX_TRAIL - 1) * sizeof w->trail[0]);
		w->depth--;
	}
	w->trail[w->depth++] = w->at;
	w->at = to;
	return true;
}

bool guide_walk_back(struct guide_walk *w)
{
	if (w->depth == 0)
		return false;
	w->at = w->trail[--w->depth];
	return true;
}

void guide_walk_where(const struct guide_walk *w, const struct guide_library *lib, char *out, size_t cap)
{
	const struct guide *g = guide_walk_guide(w, lib);
	const struct guide_step *st = guide_walk_step(w, lib);

	if (cap == 0)
		return;
	if (!g || !st) {
		out[0] = '\0';
		return;
	}
	snprintf(out, cap, "%s/%s#%s", lib->schemes[w->scheme].id, g->id, st->id);
}

int guide_walk_count(const struct guide_walk *w)
{
	return w->depth + 1;
}
