/* The pure application as the unit tests of flows drive it: an office in
 * Danish, English and Arabic (Danish first) with the demo site's services,
 * drawn on a 1280x800 panel of 217x136 mm with the fake text measurer, and
 * tapped as a finger taps. Each test keeps its own config, app, draw list
 * and services, and passes them in. Include after <cmocka.h>. */
#ifndef TEST_FAKE_APP_H
#define TEST_FAKE_APP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fake_text.h"
#include "kiosk/app.h"
#include "kiosk/services.h"

/* Defaults, the office's name and its three languages. */
static inline void fake_app_config(struct config *cfg, const char *site_name)
{
	config_defaults(cfg);
	snprintf(cfg->site_name, sizeof(cfg->site_name), "%s", site_name);
	const char *langs[] = {"da", "en", "ar"};
	for (int i = 0; i < 3; i++)
		snprintf(cfg->langs[i], sizeof(cfg->langs[i]), "%s", langs[i]);
	cfg->nlangs = 3;
	snprintf(cfg->default_lang, sizeof(cfg->default_lang), "da");
}

/* The panel fake_app_draw draws on, and a minute idle before a 30 s warning. */
static inline void fake_app_panel(struct config *cfg)
{
	cfg->width_px = 1280;
	cfg->height_px = 800;
	cfg->width_mm = 217;
	cfg->height_mm = 136;
	cfg->idle_timeout_s = 60;
	cfg->idle_warning_s = 30;
}

/* The demo site's services, loaded afresh into sv; false when they do not load. */
static inline bool fake_app_services(struct services *sv, const struct config *cfg)
{
	struct config_report rep = {0};
	services_fini(sv);
	return services_load(KIOSK_SOURCE_DIR "/assets/site/demo-services.json", cfg, NULL, sv, &rep) == KIOSK_OK;
}

/* app_init on cfg, with the demo site's services loaded into sv; false when
 * they do not load. */
static inline bool fake_app_init(struct app *a, const struct config *cfg, struct services *sv)
{
	app_init(a, cfg);
	if (!fake_app_services(sv, cfg))
		return false;
	a->services = sv;
	return true;
}

static inline void fake_app_draw(struct app *a, struct draw_list *dl)
{
	draw_list_clear(dl);
	struct ui u = {.dl = dl, .text = &fake_text, .theme = &ui_theme_default, .ppmm = 1280.0f / 217.0f,
		       .w = 1280, .h = 800};
	app_draw(a, &u);
}

/* Draws, then taps target id at now; the test fails when it is not on screen. */
static inline void fake_app_tap(struct app *a, struct draw_list *dl, const char *id, uint64_t now)
{
	fake_app_draw(a, dl);
	const struct draw_target *t = draw_list_find(dl, id);
	if (!t)
		fail_msg("no target %s on %s", id, a->screen->name);
	app_press(a, t->id, now);
	app_release(a, t, now);
}

/* The texts of the last drawing, each followed by a space: wrapped lines
 * read as one sentence. In a static buffer, overwritten by the next call. */
static inline const char *fake_app_text(const struct draw_list *dl)
{
	static char all[DRAW_MAX_TEXT + DRAW_MAX_CMDS + 1];
	size_t n = 0;
	for (int i = 0; i < dl->ncmd; i++) {
		const struct draw_cmd *c = &dl->cmd[i];
		if (c->kind != DRAW_TEXT || n + c->len + 2 > sizeof all)
			continue;
		memcpy(all + n, dl->text + c->text, c->len);
		n += c->len;
		all[n++] = ' ';
	}
	all[n] = '\0';
	return all;
}

#endif
