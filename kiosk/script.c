/*
 * The script harness: drives the real kiosk like a visitor, line by line.
 *
 *   tap <target-id>        finger down and up on the middle of a target
 *   tap-at <x> <y>         finger down and up at panel pixels (as the hardware reports)
 *   swipe <id> <id>        finger down on one target, up on another (must not count as a tap)
 *   key <name>             tab, shift-tab, up, down, left, right, return, escape, backspace, home
 *   type <text>            text from a physical keyboard or a scanner
 *   keep-reference         remembers the booking reference the kiosk holds now (one just
 *                          booked, found or checked in), for type-reference after the visit
 *   type-reference [text]  types text, then the kept reference as printed ("K7R-49X"), as
 *                          a scanner reading a slip's code would
 *   advance <ms>           moves the kiosk's clock; timers fire as they would
 *   sync                   waits (real time, at most 10 s) until services have answered
 *                          (a number asked of the central server included)
 *   sync-uplink            has the uplink do a round with the server now (site data,
 *                          translations, queue, heartbeat) and waits (at most 15 s) for it
 *   wait-print             waits (real time, at most 60 s) until the ticket, a booking's slip
 *                          or a guide's steps printed or failed
 *   expect-screen <name>   the screen showing ("idle-warning" while the warning is up)
 *   expect-target <id>     a target is on screen and not covered
 *   expect-no-target <id>
 *   expect-field <text>    what the visitor has typed (nothing after the word: empty)
 *   expect-lang <code>     the language of the screen
 *   expect-text <text>     a line of text on screen contains this
 *   expect-no-text <text>  no line of text on screen contains this
 *   expect-ahead <n>       the number taken tells n people ahead (-1: not known)
 *   expect-no-overflow     no text on screen overflows its box
 *   expect-store-ok        the store reported no failure
 *   expect-pixel <x> <y> <rrggbb>  the panel shows this colour there (within 8 per channel)
 *   shot <file.png>        saves the panel as PNG (relative to --out)
 *   tap-first <prefix>     taps the first target on screen whose id starts with prefix
 *   tap-while <target-id>  taps it as long as it is on screen (at most 20 times), each
 *                          screen checked for overflow: "Read on" through a guide step's pages
 *   when <screen> <line>   runs the rest of the line only while that screen shows
 *   say <text>             prints "<text> <screen>" on stdout, for the test that runs the script
 *   touch <file>           creates file (relative to --out): a signal to another kiosk's script
 *   wait-file <file>       waits (real time, at most 30 s) until file exists: two kiosks' scripts
 *                          meet there, to tap at the same moment
 *
 * Touches go through SDL's event queue in panel coordinates, so rotation and
 * hit-testing are exercised as on the panel. UI thread; virtual clock.
 */
#define _GNU_SOURCE /* memmem */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kiosk/i18n.h"
#include "shell_private.h"

struct script {
	const char *path;
	int line;
	char reference[BOOKING_REF_LEN]; /* keep-reference: outlives the visit that made it */
};

static int fail(const struct script *sc, const char *fmt, const char *a, const char *b)
{
	fprintf(stderr, "%s:%d: ", sc->path, sc->line);
	fprintf(stderr, fmt, a, b);
	fputc('\n', stderr);
	return 1;
}

static const char *screen_name(const struct shell *sh)
{
	return sh->app.warning ? "idle-warning" : sh->app.screen->name;
}

static int center_of(struct shell *sh, const struct script *sc, const char *id, int *x, int *y)
{
	if (sh->app.dirty)
		shell_redraw(sh, NULL);
	const struct draw_target *t = draw_list_find(&sh->dl, id);
	if (!t)
		return fail(sc, "no target \"%s\" on screen %s", id, screen_name(sh));
	*x = t->r.x + t->r.w / 2;
	*y = t->r.y + t->r.h / 2;
	if (draw_list_hit(&sh->dl, *x, *y) != t)
		return fail(sc, "target \"%s\" is covered on screen %s", id, screen_name(sh));
	return 0;
}

static void advance(struct shell *sh, uint64_t ms)
{
	uint64_t end = sh->virtual_ms + ms;
	for (;;) {
		uint64_t next = app_next_deadline(&sh->app);
		if (next > end)
			break;
		sh->virtual_ms = next > sh->virtual_ms ? next : sh->virtual_ms;
		shell_pump(sh);
	}
	sh->virtual_ms = end;
	shell_pump(sh);
}

static int sync_services(struct shell *sh, const struct script *sc)
{
	for (int i = 0; i < 1000; i++) {
		shell_pump(sh);
		/* In the order work flows: the uplink hands the store its numbers
		 * before it counts them done, the store posts its answers before its
		 * queue shrinks, so nothing can slip between the three looks. */
		if (uplink_pending(sh->uplink) == 0 && (!sh->store || store_backlog(sh->store) == 0) &&
		    SDL_AtomicGet(&sh->post.pending) == 0)
			return 0;
		SDL_Delay(10);
	}
	return fail(sc, "services did not answer within %s%s", "10 s", "");
}

static int sync_uplink(struct shell *sh, const struct script *sc)
{
	if (!sh->uplink)
		return fail(sc, "sync-uplink: no central server is configured%s%s", "", "");
	unsigned round = uplink_round_start(sh->uplink);
	for (int i = 0; i < 1500; i++) {
		shell_pump(sh);
		if (uplink_round_done(sh->uplink, round))
			return sync_services(sh, sc); /* and what the round posted is handled */
		SDL_Delay(10);
	}
	return fail(sc, "the uplink did not finish a round within %s%s", "15 s", "");
}

/* Every line of text on screen, wrapped lines joined back with a space. */
static bool screen_has_text(struct shell *sh, const char *text)
{
	if (sh->app.dirty)
		shell_redraw(sh, NULL);
	static char all[DRAW_MAX_TEXT + DRAW_MAX_CMDS];
	size_t n = 0;
	for (int i = 0; i < sh->dl.ncmd; i++) {
		const struct draw_cmd *c = &sh->dl.cmd[i];
		if (c->kind != DRAW_TEXT)
			continue;
		memcpy(all + n, draw_cmd_text(&sh->dl, c), c->len);
		n += c->len;
		all[n++] = ' ';
	}
	return memmem(all, n, text, strlen(text)) != NULL;
}

static int key_event(const struct script *sc, const char *name)
{
	static const struct {
		const char *name;
		SDL_Keycode sym;
		Uint16 mod;
	} keys[] = {
		{"tab", SDLK_TAB, 0},         {"shift-tab", SDLK_TAB, KMOD_LSHIFT}, {"up", SDLK_UP, 0},
		{"down", SDLK_DOWN, 0},       {"left", SDLK_LEFT, 0},               {"right", SDLK_RIGHT, 0},
		{"return", SDLK_RETURN, 0},   {"escape", SDLK_ESCAPE, 0},           {"backspace", SDLK_BACKSPACE, 0},
		{"home", SDLK_HOME, 0},
	};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (strcmp(keys[i].name, name) != 0)
			continue;
		SDL_Event ev;
		memset(&ev, 0, sizeof(ev));
		ev.type = SDL_KEYDOWN;
		ev.key.state = SDL_PRESSED;
		ev.key.keysym.sym = keys[i].sym;
		ev.key.keysym.mod = keys[i].mod;
		SDL_PushEvent(&ev);
		ev.type = SDL_KEYUP;
		ev.key.state = SDL_RELEASED;
		SDL_PushEvent(&ev);
		return 0;
	}
	return fail(sc, "unknown key \"%s\"%s", name, "");
}

static void type_text(const char *text)
{
	/* SDL text events carry at most 31 bytes: cut on character boundaries. */
	size_t n = strlen(text), i = 0;
	while (i < n) {
		size_t take = n - i < 30 ? n - i : 30;
		while (i + take < n && ((unsigned char)text[i + take] & 0xC0) == 0x80)
			take--;
		SDL_Event ev;
		memset(&ev, 0, sizeof(ev));
		ev.type = SDL_TEXTINPUT;
		memcpy(ev.text.text, text + i, take);
		SDL_PushEvent(&ev);
		i += take;
	}
}

/* A ticket, a booking's slip or a guide's steps is on its way to the printer. */
static bool printing(const struct app *a)
{
	return a->s.print == APP_PRINT_BUSY || a->s.book.slip_print == APP_PRINT_BUSY ||
	       a->s.guide.print == APP_PRINT_BUSY;
}

static int step(struct shell *sh, struct script *sc, char *cmd, char *arg)
{
	int x, y, x2, y2;
	if (strcmp(cmd, "tap") == 0 || strcmp(cmd, "swipe") == 0) {
		char *second = NULL;
		if (strcmp(cmd, "swipe") == 0) {
			second = strchr(arg, ' ');
			if (!second)
				return fail(sc, "swipe needs two targets%s%s", "", "");
			*second++ = '\0';
		}
		if (center_of(sh, sc, arg, &x, &y))
			return 1;
		x2 = x;
		y2 = y;
		if (second && center_of(sh, sc, second, &x2, &y2))
			return 1;
		shell_push_touch(sh, true, x, y);
		shell_pump(sh);
		shell_push_touch(sh, false, x2, y2);
	} else if (strcmp(cmd, "tap-at") == 0) {
		int px, py;
		if (sscanf(arg, "%d %d", &px, &py) != 2)
			return fail(sc, "tap-at needs two numbers, not \"%s\"%s", arg, "");
		SDL_Event ev;
		memset(&ev, 0, sizeof(ev));
		ev.tfinger.touchId = 1;
		ev.tfinger.fingerId = 1;
		ev.tfinger.x = ((float)px + 0.5f) / (float)sh->cfg.width_px;
		ev.tfinger.y = ((float)py + 0.5f) / (float)sh->cfg.height_px;
		ev.type = SDL_FINGERDOWN;
		SDL_PushEvent(&ev);
		shell_pump(sh);
		ev.type = SDL_FINGERUP;
		SDL_PushEvent(&ev);
	} else if (strcmp(cmd, "key") == 0) {
		if (key_event(sc, arg))
			return 1;
	} else if (strcmp(cmd, "type") == 0) {
		type_text(arg);
	} else if (strcmp(cmd, "keep-reference") == 0) {
		if (!sh->app.s.book.record.reference[0])
			return fail(sc, "keep-reference: the kiosk holds no booking on screen %s%s", screen_name(sh),
				    "");
		memcpy(sc->reference, sh->app.s.book.record.reference, sizeof sc->reference);
	} else if (strcmp(cmd, "type-reference") == 0) {
		if (!sc->reference[0])
			return fail(sc, "type-reference: no keep-reference before it%s%s", "", "");
		char shown[8], text[1024];
		booking_reference_format(sc->reference, shown);
		snprintf(text, sizeof text, "%s%s", arg, shown);
		type_text(text);
	} else if (strcmp(cmd, "advance") == 0) {
		char *end;
		errno = 0;
		unsigned long long ms = strtoull(arg, &end, 10);
		if (errno || end == arg || *end)
			return fail(sc, "advance needs milliseconds, not \"%s\"%s", arg, "");
		advance(sh, ms);
	} else if (strcmp(cmd, "sync") == 0) {
		return sync_services(sh, sc);
	} else if (strcmp(cmd, "wait-print") == 0) {
		for (int i = 0; i < 6000 && printing(&sh->app); i++) {
			shell_pump(sh);
			SDL_Delay(10);
		}
		if (printing(&sh->app))
			return fail(sc, "the printer did not answer within %s%s", "60 s", "");
	} else if (strcmp(cmd, "expect-screen") == 0) {
		if (strcmp(screen_name(sh), arg) != 0)
			return fail(sc, "expected screen %s, but %s is showing", arg, screen_name(sh));
	} else if (strcmp(cmd, "expect-target") == 0 || strcmp(cmd, "expect-no-target") == 0) {
		if (sh->app.dirty)
			shell_redraw(sh, NULL);
		const struct draw_target *t = draw_list_find(&sh->dl, arg);
		bool visible = false;
		for (int i = sh->dl.modal_from; t && i < sh->dl.ntarget; i++)
			visible = visible || &sh->dl.target[i] == t;
		bool want = strcmp(cmd, "expect-target") == 0;
		if (visible != want)
			return fail(sc, want ? "expected target %s on screen %s" : "target %s should not be on screen %s",
				    arg, screen_name(sh));
	} else if (strcmp(cmd, "expect-field") == 0) {
		if (strcmp(sh->app.s.field, arg) != 0)
			return fail(sc, "expected the field to hold \"%s\", it holds \"%s\"", arg, sh->app.s.field);
	} else if (strcmp(cmd, "expect-text") == 0) {
		if (!screen_has_text(sh, arg))
			return fail(sc, "no text \"%s\" on screen %s", arg, screen_name(sh));
	} else if (strcmp(cmd, "expect-no-text") == 0) {
		if (screen_has_text(sh, arg))
			return fail(sc, "text \"%s\" should not be on screen %s", arg, screen_name(sh));
	} else if (strcmp(cmd, "expect-ahead") == 0) {
		char got[16];
		snprintf(got, sizeof(got), "%d", sh->app.s.ahead);
		if (strcmp(got, arg) != 0)
			return fail(sc, "expected %s ahead of the number taken, the kiosk tells %s", arg, got);
	} else if (strcmp(cmd, "sync-uplink") == 0) {
		return sync_uplink(sh, sc);
	} else if (strcmp(cmd, "expect-lang") == 0) {
		if (strcmp(app_lang_code(&sh->app), arg) != 0)
			return fail(sc, "expected language %s, the screen is in %s", arg, app_lang_code(&sh->app));
	} else if (strcmp(cmd, "expect-no-overflow") == 0) {
		if (sh->app.dirty)
			shell_redraw(sh, NULL);
		if (sh->dl.overflow)
			return fail(sc, "text does not fit: \"%s\" on %s", sh->dl.overflow_what, screen_name(sh));
		struct render_stats rs = renderer_stats(sh->rd);
		if (rs.text_overflow)
			return fail(sc, "text drawn wider than its box: \"%s\" on %s", rs.overflow_what,
				    screen_name(sh));
	} else if (strcmp(cmd, "expect-store-ok") == 0) {
		if (sh->app.store_status != KIOSK_OK)
			return fail(sc, "the store reports %s%s", kiosk_err_str(sh->app.store_status), "");
	} else if (strcmp(cmd, "expect-pixel") == 0) {
		unsigned want;
		if (sscanf(arg, "%d %d %x", &x, &y, &want) != 3)
			return fail(sc, "expect-pixel needs x, y and a colour, not \"%s\"%s", arg, "");
		if (sh->app.dirty)
			shell_redraw(sh, NULL);
		long got = renderer_pixel(sh->rd, x, y);
		bool near = got >= 0;
		for (int k = 0; near && k < 3; k++) {
			int a = (int)((unsigned long)got >> (8 * k) & 0xFF), b = (int)(want >> (8 * k) & 0xFF);
			near = a - b <= 8 && b - a <= 8;
		}
		if (!near) {
			char g[24];
			snprintf(g, sizeof(g), "%06lx", got < 0 ? 0 : (unsigned long)got);
			return fail(sc, "expected colour %s, the panel shows %s", arg, g);
		}
	} else if (strcmp(cmd, "tap-first") == 0) {
		if (sh->app.dirty)
			shell_redraw(sh, NULL);
		for (int i = 0; i < sh->dl.ntarget; i++) {
			if (strncmp(sh->dl.target[i].id, arg, strlen(arg)) == 0) {
				char tap[] = "tap", id[sizeof sh->dl.target[i].id];
				memcpy(id, sh->dl.target[i].id, sizeof id);
				return step(sh, sc, tap, id);
			}
		}
		return fail(sc, "no target starting with %s on screen %s", arg, screen_name(sh));
	} else if (strcmp(cmd, "tap-while") == 0) {
		for (int i = 0; i < 20; i++) {
			if (sh->app.dirty)
				shell_redraw(sh, NULL);
			if (!draw_list_find(&sh->dl, arg))
				return 0;
			if (sh->dl.overflow)
				return fail(sc, "text does not fit on screen %s before tapping %s", screen_name(sh), arg);
			char tap[] = "tap", id[sizeof sh->dl.target[0].id];
			snprintf(id, sizeof id, "%s", arg);
			int rc = step(sh, sc, tap, id);
			if (rc)
				return rc;
		}
		return fail(sc, "%s is still on screen %s after 20 taps", arg, screen_name(sh));
	} else if (strcmp(cmd, "when") == 0) {
		char screen[64];
		size_t n = strcspn(arg, " \t");
		snprintf(screen, sizeof screen, "%.*s", (int)(n < sizeof screen ? n : sizeof screen - 1), arg);
		if (strcmp(screen_name(sh), screen) != 0)
			return 0;
		char *rest = arg + n;
		rest += strspn(rest, " \t");
		char *inner = rest + strcspn(rest, " \t");
		if (*inner)
			*inner++ = '\0';
		inner += strspn(inner, " \t");
		return step(sh, sc, rest, inner);
	} else if (strcmp(cmd, "say") == 0) {
		printf("%s %s\n", arg, screen_name(sh));
		fflush(stdout);
	} else if (strcmp(cmd, "touch") == 0 || strcmp(cmd, "wait-file") == 0) {
		char path[1024];
		if (sh->opts->out_dir && arg[0] != '/')
			snprintf(path, sizeof(path), "%s/%s", sh->opts->out_dir, arg);
		else
			snprintf(path, sizeof(path), "%s", arg);
		if (cmd[0] == 't') {
			FILE *f = fopen(path, "w");
			if (!f || fclose(f) != 0)
				return fail(sc, "cannot create %s%s", path, "");
			return 0;
		}
		for (int i = 0; i < 3000 && access(path, F_OK) != 0; i++) {
			shell_pump(sh);
			SDL_Delay(10);
		}
		if (access(path, F_OK) != 0)
			return fail(sc, "%s did not appear within %s", path, "30 s");
	} else if (strcmp(cmd, "shot") == 0) {
		char path[1024];
		if (sh->opts->out_dir && arg[0] != '/')
			snprintf(path, sizeof(path), "%s/%s", sh->opts->out_dir, arg);
		else
			snprintf(path, sizeof(path), "%s", arg);
		if (!shell_redraw(sh, path))
			return fail(sc, "cannot write %s%s", path, "");
	} else {
		return fail(sc, "unknown command \"%s\"%s", cmd, "");
	}
	shell_pump(sh);
	return 0;
}

int script_run(struct shell *sh, const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "kiosk: cannot read script %s: %s\n", path, strerror(errno));
		return 2;
	}
	struct script sc = {.path = path};
	char line[1024];
	int rc = 0;
	shell_redraw(sh, NULL);
	while (rc == 0 && fgets(line, sizeof(line), f)) {
		sc.line++;
		line[strcspn(line, "\r\n")] = '\0';
		char *cmd = line + strspn(line, " \t");
		if (!*cmd || *cmd == '#')
			continue;
		char *arg = cmd + strcspn(cmd, " \t");
		if (*arg)
			*arg++ = '\0';
		arg += strspn(arg, " \t");
		rc = step(sh, &sc, cmd, arg);
	}
	fclose(f);
	if (rc == 0 && sh->store) {
		struct script end = {.path = path, .line = sc.line};
		rc = sync_services(sh, &end); /* nothing may be left unsaved when a script ends */
	}
	return rc;
}
