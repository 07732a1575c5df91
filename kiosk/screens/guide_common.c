/*
 * What the guide screens share: the scheme, guide and step being followed,
 * their texts in the language they are shown in, and the walk's events.
 * Events say which guide and step, and how it ended: never anything the
 * visitor typed (guides take no typing). UI thread.
 */
#include <stdio.h>
#include <string.h>

#include "guide_private.h"
#include "kiosk/i18n.h"

const struct guide_scheme *guide_scheme_now(const struct app *a)
{
	int i = a->s.guide.scheme;
	if (!a->guides || i < 0 || i >= a->guides->nschemes)
		return NULL;
	return &a->guides->schemes[i];
}

const struct guide *guide_now(const struct app *a)
{
	return a->s.guide.walking && guide_scheme_now(a) ? guide_walk_guide(&a->s.guide.walk, a->guides) : NULL;
}

const struct guide_step *guide_step_now(const struct app *a)
{
	return a->s.guide.walking && guide_scheme_now(a) ? guide_walk_step(&a->s.guide.walk, a->guides) : NULL;
}

const struct i18n_catalog *guide_cat(const struct app *a, const struct guide *g)
{
	const struct guide_scheme *s = guide_scheme_now(a);
	return s ? guide_catalog(s, g, app_lang_code(a)) : NULL;
}

const char *guide_tr(const struct app *a, const struct guide *g, const char *msgid)
{
	return msgid ? i18n_get(guide_cat(a, g), msgid) : "";
}

void guide_event(struct app *a, const char *type, const char *extra)
{
	const struct guide_scheme *s = guide_scheme_now(a);
	const struct guide *g = guide_now(a);
	const struct guide_step *st = guide_step_now(a);
	char data[160];
	snprintf(data, sizeof data, "{\"scheme\":\"%s\",\"guide\":\"%s\",\"step\":\"%s\"%s}", s ? s->id : "",
		 g ? g->id : "", st ? st->id : "", extra ? extra : "");
	app_request_event(a, type, data);
}
