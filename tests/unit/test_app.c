/* Visitor flows through the pure application: no display, time passed in. */
#define _GNU_SOURCE /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "fake_app.h"
#include "kiosk/app.h"
#include "kiosk/i18n.h"
#include "kiosk/services.h"

static struct config cfg;
static struct app app;
static struct draw_list dl;
static struct services services;

static int setup(void **state)
{
	(void)state;
	fake_app_config(&cfg, "Test office");
	fake_app_panel(&cfg);
	if (!fake_app_init(&app, &cfg, &services))
		return -1;
	/* Monday 10:00: every demo service is open. */
	app.local.weekday = 0;
	app.local.minute = 600;
	snprintf(app.local.day, sizeof app.local.day, "2026-11-23");
	return 0;
}

static void draw(void)
{
	fake_app_draw(&app, &dl);
}

static void tap(const char *id, uint64_t now)
{
	fake_app_tap(&app, &dl, id, now);
}

static bool requested(const char *type)
{
	for (int i = 0; i < app.nreq; i++) {
		if (strcmp(app.req[i].type, type) == 0)
			return true;
	}
	return false;
}

static void app_starts_on_the_attract_screen_and_waits_without_a_timer(void **state)
{
	(void)state;
	assert_string_equal(app.screen->name, "attract");
	assert_string_equal(app_lang_code(&app), "da");
	assert_int_equal(app_next_deadline(&app), UINT64_MAX);
	assert_true(app.dirty);
}

static void app_a_touch_on_the_attract_screen_starts_a_session_at_home(void **state)
{
	(void)state;
	tap("attract.start", 1000);
	assert_string_equal(app.screen->name, "home");
	assert_true(app.s.active);
	assert_true(requested("kiosk.session.started"));
	assert_int_equal(app_next_deadline(&app), 1000 + 60000);
}

static void app_a_language_button_on_the_attract_screen_starts_in_that_language(void **state)
{
	(void)state;
	tap("lang.ar", 1000);
	assert_string_equal(app.screen->name, "home");
	assert_string_equal(app_lang_code(&app), "ar");
	assert_true(app_lang_rtl(&app));
	assert_true(requested("kiosk.language.selected"));
}

static void app_idle_warning_then_reset_wipes_the_session(void **state)
{
	(void)state;
	tap("lang.en", 1000);
	tap("home.checkin", 2000);
	app_type(&app, "AB12", 3000);
	assert_string_equal(app.s.field, "AB12");
	app_tick(&app, 3000 + 59999);
	assert_false(app.warning);
	app_tick(&app, 3000 + 60000);
	assert_true(app.warning);
	assert_int_equal(app_warning_seconds_left(&app), 30);
	app.nreq = 0;
	app_tick(&app, 3000 + 90000);
	assert_string_equal(app.screen->name, "attract");
	assert_false(app.warning);
	assert_string_equal(app_lang_code(&app), "da");
	assert_true(requested("kiosk.session.ended"));
	assert_non_null(strstr(app.req[app.nreq - 1].data, "idle"));
	/* Every byte of what the visitor entered is gone. */
	const unsigned char *p = (const unsigned char *)&app.s;
	for (size_t i = 0; i < sizeof(app.s); i++)
		assert_int_equal(p[i], 0);
	assert_int_equal(app_next_deadline(&app), UINT64_MAX);
}

static void app_more_time_restarts_the_idle_timer(void **state)
{
	(void)state;
	tap("attract.start", 0);
	app_tick(&app, 60000);
	assert_true(app.warning);
	tap("idle.more", 70000);
	assert_false(app.warning);
	assert_string_equal(app.screen->name, "home");
	assert_int_equal(app_next_deadline(&app), 70000 + 60000);
	/* Extending works again and again (WCAG 2.2.1 asks for at least ten). */
	for (int i = 0; i < 12; i++) {
		uint64_t t = 70000 + (uint64_t)(i + 1) * 61000;
		app_tick(&app, t);
		assert_true(app.warning);
		tap("idle.more", t + 500);
		assert_false(app.warning);
	}
}

static void app_countdown_wakes_once_a_second_and_no_more(void **state)
{
	(void)state;
	tap("attract.start", 0);
	app_tick(&app, 60000);
	assert_int_equal(app_next_deadline(&app), 61000);
	app_tick(&app, 60400);
	assert_int_equal(app_next_deadline(&app), 61000);
	app_tick(&app, 89000);
	assert_int_equal(app_next_deadline(&app), 90000);
}

static void app_only_the_warning_buttons_work_while_it_is_up(void **state)
{
	(void)state;
	tap("attract.start", 0);
	tap("home.guides", 100);
	app_tick(&app, 60100);
	assert_true(app.warning);
	draw();
	/* The bar's Home button is under the warning: a touch there is not Home. */
	const struct draw_target *home = draw_list_find(&dl, "nav.home");
	assert_non_null(home);
	const struct draw_target *hit = draw_list_hit(&dl, home->r.x + home->r.w / 2, home->r.y + home->r.h / 2);
	assert_non_null(hit);
	assert_string_not_equal(hit->id, "nav.home");
	app_activate(&app, APP_ACT_HOME, 0, 60200);
	assert_string_equal(app.screen->name, "guides");
	tap("idle.restart", 60300);
	assert_string_equal(app.screen->name, "attract");
}

static void app_a_finger_that_slides_to_another_target_is_not_a_tap(void **state)
{
	(void)state;
	tap("attract.start", 0);
	draw();
	const struct draw_target *book = draw_list_find(&dl, "home.book");
	const struct draw_target *ticket = draw_list_find(&dl, "home.ticket");
	app_press(&app, ticket->id, 10);
	app_release(&app, book, 20);
	assert_string_equal(app.screen->name, "home");
	assert_string_equal(app.pressed, "");
	app_press(&app, NULL, 30);
	app_release(&app, book, 40);
	assert_string_equal(app.screen->name, "home");
}

static void app_back_retraces_the_way_and_home_clears_it(void **state)
{
	(void)state;
	tap("attract.start", 0);
	tap("home.checkin", 1);
	tap("nav.staff", 2);
	tap("nav.language", 3);
	assert_string_equal(app.screen->name, "language");
	tap("nav.back", 4);
	assert_string_equal(app.screen->name, "staff");
	tap("nav.back", 5);
	assert_string_equal(app.screen->name, "checkin");
	tap("nav.home", 6);
	assert_string_equal(app.screen->name, "home");
	assert_int_equal(app.depth, 0);
	tap("nav.back", 7);
	assert_string_equal(app.screen->name, "attract");
	assert_false(app.s.active);
}

static void app_choosing_a_language_returns_to_the_screen_it_was_chosen_from(void **state)
{
	(void)state;
	tap("attract.start", 0);
	tap("home.guides", 1);
	tap("nav.language", 2);
	tap("lang.ar", 3);
	assert_string_equal(app.screen->name, "guides");
	assert_string_equal(app_lang_code(&app), "ar");
	draw();
	/* Right to left: Back is now on the right half of the bar. */
	const struct draw_target *back = draw_list_find(&dl, "nav.back");
	assert_true(back->r.x > 1280 / 2);
}

static void app_typing_ignores_control_characters_and_stops_at_the_field_size(void **state)
{
	(void)state;
	tap("attract.start", 0);
	tap("home.checkin", 1);
	app_type(&app, "AB\x1b[2J", 2);
	assert_string_equal(app.s.field, "");
	for (size_t i = 0; i < sizeof(app.s.field) + 10; i++)
		app_type(&app, "x", 3);
	assert_int_equal(strlen(app.s.field), sizeof(app.s.field) - 1);
	app_key(&app, APP_KEY_ERASE, 4);
	assert_int_equal(strlen(app.s.field), sizeof(app.s.field) - 2);
	/* Erasing removes a whole character, not a byte of it. */
	memset(app.s.field, 0, sizeof(app.s.field));
	app_type(&app, "aø", 5);
	app_key(&app, APP_KEY_ERASE, 6);
	assert_string_equal(app.s.field, "a");
}

static void app_keys_move_the_focus_and_activate_it(void **state)
{
	(void)state;
	draw();
	app_key(&app, APP_KEY_NEXT, 0);
	assert_string_equal(app.focused, "attract.start");
	app_key(&app, APP_KEY_ACTIVATE, 1);
	assert_string_equal(app.screen->name, "home");
	draw();
	app_key(&app, APP_KEY_PREV, 2);
	assert_string_not_equal(app.focused, "");
	draw();
	/* The focused target is drawn with a frame in the focus colour. */
	bool framed = false;
	for (int i = 0; i < dl.ncmd; i++)
		framed = framed || (dl.cmd[i].kind == DRAW_FRAME && dl.cmd[i].color == ui_theme_default.focus);
	assert_true(framed);
	app_key(&app, APP_KEY_BACK, 3);
	assert_string_equal(app.screen->name, "attract");
}

static void app_every_screen_has_back_home_language_and_call_staff(void **state)
{
	(void)state;
	tap("attract.start", 0);
	for (int i = 0; app_screens[i]; i++) {
		if (app_screens[i] == &screen_attract)
			continue;
		app_goto(&app, app_screens[i]);
		draw();
		const char *ids[] = {"nav.back", "nav.home", "nav.language", "nav.staff"};
		for (int k = 0; k < 4; k++) {
			if (!draw_list_find(&dl, ids[k]))
				fail_msg("%s has no %s", app_screens[i]->name, ids[k]);
		}
	}
}

static bool drawn(const char *needle)
{
	for (int i = 0; i < dl.ncmd; i++) {
		const struct draw_cmd *c = &dl.cmd[i];
		if (c->kind == DRAW_TEXT && memmem(dl.text + c->text, c->len, needle, strlen(needle)))
			return true;
	}
	return false;
}

static void app_countdown_uses_the_plural_rules_of_the_language(void **state)
{
	(void)state;
	struct i18n_catalog *uk = NULL;
	struct i18n_diag diag;
	assert_int_equal(i18n_catalog_load(KIOSK_SOURCE_DIR "/assets/po/uk.po", &uk, &diag), KIOSK_OK);
	snprintf(cfg.langs[1], sizeof(cfg.langs[1]), "uk");
	app.cat[1] = uk;
	tap("lang.uk", 0);
	/* The warning starts at 60 s with 30 s to go: 21 s, 22 s and 25 s left take
	 * three different Ukrainian forms. */
	const struct {
		uint64_t at;
		const char *word;
	} cases[] = {{69000, "21 секунду."}, {68000, "22 секунди."}, {65000, "25 секунд."}};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		app_tick(&app, cases[i].at);
		draw();
		if (!drawn(cases[i].word))
			fail_msg("at %llu ms the warning does not say \"%s\"", (unsigned long long)cases[i].at,
				 cases[i].word);
	}
	app.cat[1] = NULL;
	i18n_catalog_destroy(uk);
}

static void app_taking_a_number_asks_the_store_and_shows_its_answer(void **state)
{
	(void)state;
	tap("lang.en", 0);
	tap("home.ticket", 1);
	tap("ticket.citizen", 2);
	assert_string_equal(app.screen->name, "priority");
	tap("priority.yes", 3);
	assert_string_equal(app.screen->name, "wait");
	app.nreq = 0;
	tap("ticket.take", 4);
	assert_string_equal(app.screen->name, "number");
	assert_int_equal(app.nreq, 1);
	assert_int_equal(app.req[0].kind, APP_REQ_TICKET);
	assert_string_equal(app.req[0].type, "citizen");
	assert_string_equal(app.req[0].data, "A");
	assert_true(app.req[0].priority);
	draw();
	assert_true(drawn("One moment"));
	struct app_msg m = {APP_MSG_TICKET, KIOSK_OK, 42};
	app_on_msg(&app, &m);
	draw();
	assert_true(drawn("A042"));
	/* A late or repeated answer does not change the number shown. */
	m.arg = 43;
	app_on_msg(&app, &m);
	draw();
	assert_true(drawn("A042"));
}

/* Whether the screen's text, its wrapped lines joined by spaces, says needle. */
static bool says(const char *needle)
{
	return strstr(fake_app_text(&dl), needle) != NULL;
}

static void app_the_wait_screen_tells_who_is_ahead_and_a_range_from_the_servers_queue(void **state)
{
	(void)state;
	tap("lang.en", 0);
	tap("home.ticket", 1);
	tap("ticket.pension", 2);
	tap("priority.no", 2);
	assert_string_equal(app.screen->name, "wait");
	draw();
	assert_true(says("We cannot tell yet how long the wait is."));
	assert_false(says("ahead of you"));
	/* The server's figures arrive: 4 waiting, 6-minute visits, one desk. */
	app.dirty = false;
	struct queue_handling h = {.avg_s = 360, .samples = 40, .desks = 1};
	app_set_queue(&app, "pension", 4, &h);
	assert_true(app.dirty);
	app_set_queue(&app, "no-such-service", 9, &h); /* ignored */
	draw();
	assert_true(says("4 people are ahead of you."));
	int lo, hi;
	assert_true(queue_wait_range(4, &h, &lo, &hi));
	char want[64];
	snprintf(want, sizeof want, "Expected wait: %d–%d minutes", lo, hi);
	if (!says(want))
		fail_msg("the wait screen does not say \"%s\"", want);
	/* The ticket taken now carries the same figures. */
	tap("ticket.take", 3);
	struct app_msg m = {APP_MSG_TICKET, KIOSK_OK, 7};
	app_on_msg(&app, &m);
	assert_int_equal(app.s.ahead, 4);
	assert_int_equal(app.s.wait_min, lo);
	assert_int_equal(app.s.wait_max, hi);
	/* Figures older than a few minutes are not shown as today's queue. */
	app_end_session(&app, "done");
	assert_int_equal(app.s.ahead, 0);
	app.now_ms = APP_QUEUE_FRESH_MS + 10;
	assert_null(app_queue_now(&app, 1));
	tap("lang.en", APP_QUEUE_FRESH_MS + 12);
	assert_int_equal(app.s.ahead, -1);
	tap("home.ticket", APP_QUEUE_FRESH_MS + 13);
	tap("ticket.pension", APP_QUEUE_FRESH_MS + 14);
	tap("priority.no", APP_QUEUE_FRESH_MS + 14);
	draw();
	assert_true(says("We cannot tell yet how long the wait is."));
	/* Without history, who is ahead is still told, and that the wait cannot be estimated. */
	struct queue_handling young = {.avg_s = 360, .samples = 2, .desks = 1};
	app_set_queue(&app, "pension", 1, &young);
	draw();
	assert_true(says("1 person is ahead of you."));
	assert_true(says("We cannot estimate the wait yet."));
}

static bool frame_in_top_right_corner(void)
{
	for (int i = 0; i < dl.ncmd; i++) {
		const struct draw_cmd *c = &dl.cmd[i];
		if (c->kind == DRAW_FRAME && c->r.x > 1280 * 9 / 10 && c->r.y < 800 / 20)
			return true;
	}
	return false;
}

static void app_shows_staff_when_the_kiosk_is_not_reporting_to_the_server(void **state)
{
	(void)state;
	/* No server: never a mark, never a wake-up for it. */
	assert_int_equal(app.uplink, APP_UPLINK_NONE);
	assert_false(app_uplink_trouble(&app));
	assert_int_equal(app_next_deadline(&app), UINT64_MAX);
	struct app_msg m = {APP_MSG_UPLINK, APP_UPLINK_OK, 0};
	app_on_msg(&app, &m);
	draw();
	assert_false(frame_in_top_right_corner());
	/* Offline: no mark at once (a short outage is normal), one wake-up when it is due. */
	app_tick(&app, 1000);
	m.status = APP_UPLINK_OFFLINE;
	app_on_msg(&app, &m);
	assert_false(app_uplink_trouble(&app));
	assert_int_equal(app_next_deadline(&app), 1000 + APP_UPLINK_TROUBLE_MS);
	app.dirty = false;
	app_tick(&app, 1000 + APP_UPLINK_TROUBLE_MS);
	assert_true(app.dirty);
	assert_true(app_uplink_trouble(&app));
	assert_int_equal(app_next_deadline(&app), UINT64_MAX); /* shown: nothing more to wait for */
	draw();
	assert_true(frame_in_top_right_corner());
	/* Back online: the mark goes. A repeated offline message does not restart the clock. */
	m.status = APP_UPLINK_OK;
	app_on_msg(&app, &m);
	assert_false(app_uplink_trouble(&app));
	draw();
	assert_false(frame_in_top_right_corner());
	/* Refused credentials, missing ones, or refused events: at once. */
	const int now[] = {APP_UPLINK_AUTH, APP_UPLINK_NOT_ENROLLED};
	for (size_t i = 0; i < 2; i++) {
		m = (struct app_msg){APP_MSG_UPLINK, now[i], 0};
		app_on_msg(&app, &m);
		assert_true(app_uplink_trouble(&app));
	}
	m = (struct app_msg){APP_MSG_UPLINK, APP_UPLINK_OK, 3};
	app_on_msg(&app, &m);
	assert_true(app_uplink_trouble(&app));
}

static void app_a_closed_service_cannot_be_chosen_and_says_when_it_opens(void **state)
{
	(void)state;
	app.local.weekday = 4; /* Friday 10:00: the pension desk is closed until Monday */
	tap("lang.en", 0);
	tap("home.ticket", 1);
	draw();
	assert_null(draw_list_find(&dl, "ticket.pension"));
	assert_non_null(draw_list_find(&dl, "ticket.citizen"));
	assert_true(drawn("Monday"));
	assert_true(drawn("09:00."));
	app.local.weekday = 1; /* Tuesday: it opens tomorrow */
	draw();
	assert_true(drawn("tomorrow"));
	app.local.minute = 12 * 60 + 30; /* Wednesday at lunch: back at 13:00 */
	app.local.weekday = 2;
	draw();
	assert_true(drawn("today"));
	assert_true(drawn("13:00."));
}

#define T(name) cmocka_unit_test_setup(name, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(app_starts_on_the_attract_screen_and_waits_without_a_timer),
		T(app_a_touch_on_the_attract_screen_starts_a_session_at_home),
		T(app_a_language_button_on_the_attract_screen_starts_in_that_language),
		T(app_idle_warning_then_reset_wipes_the_session),
		T(app_more_time_restarts_the_idle_timer),
		T(app_countdown_wakes_once_a_second_and_no_more),
		T(app_only_the_warning_buttons_work_while_it_is_up),
		T(app_a_finger_that_slides_to_another_target_is_not_a_tap),
		T(app_back_retraces_the_way_and_home_clears_it),
		T(app_choosing_a_language_returns_to_the_screen_it_was_chosen_from),
		T(app_typing_ignores_control_characters_and_stops_at_the_field_size),
		T(app_keys_move_the_focus_and_activate_it),
		T(app_every_screen_has_back_home_language_and_call_staff),
		T(app_countdown_uses_the_plural_rules_of_the_language),
		T(app_taking_a_number_asks_the_store_and_shows_its_answer),
		T(app_the_wait_screen_tells_who_is_ahead_and_a_range_from_the_servers_queue),
		T(app_shows_staff_when_the_kiosk_is_not_reporting_to_the_server),
		T(app_a_closed_service_cannot_be_chosen_and_says_when_it_opens),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
