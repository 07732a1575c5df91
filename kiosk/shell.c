/*
 * The kiosk process: site loading, SDL set-up, the event loop, services.
 *
 * DESIGN: the UI thread owns SDL, the app and the renderer. It sleeps until
 * input, a due timer (the idle warning, the watchdog) or a service reply
 * arrives, handles everything pending, and redraws once if something visible
 * changed. With nobody at the kiosk there is no timer at all.
 * SDL2 can only sleep inside its own wait on some video drivers (x11,
 * wayland); on the others (kmsdrm, offscreen) SDL_WaitEventTimeout polls every
 * millisecond, so there the loop sleeps on a semaphore that services and the
 * input watcher post to, and then drains SDL's queue. Service threads own
 * their handles (SQLite in store.c, curl in uplink.c) and reply through
 * post.h.
 * With a central server ([server] url) the uplink also takes the queue
 * numbers and brings the queue's state and new site data: shell_uplink.c.
 * Bookings go to the store or the server, slips to the printer:
 * shell_booking.c.
 */
#include "shell_private.h"

#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "enrol.h" /* KIOSK_VERSION */
#include "kiosk/geom.h"
#include "kiosk/i18n.h"
#include "notify.h"
#include "sitecheck.h"
#include "kiosk/ticket.h"
#include "ticket_render.h"

/* SIGTERM and SIGINT are blocked in every thread and taken by this one with
 * sigwait, so stopping needs nothing async-signal-safe: it pushes SDL_QUIT,
 * which wakes SDL's own wait (x11), and posts the semaphore (kmsdrm). */
static void *signal_thread(void *arg)
{
	struct signals *s = arg;
	int sig;
	while (sigwait(&s->set, &sig) == 0) {
		if (SDL_AtomicGet(&s->stopping))
			break;
		SDL_Event quit = {.type = SDL_QUIT};
		SDL_PushEvent(&quit);
		SDL_SemPost(s->post->wake);
	}
	return NULL;
}

static bool signals_start(struct signals *s, struct post *post)
{
	s->post = post;
	sigemptyset(&s->set);
	sigaddset(&s->set, SIGTERM);
	sigaddset(&s->set, SIGINT);
	return pthread_sigmask(SIG_BLOCK, &s->set, NULL) == 0 &&
	       pthread_create(&s->thread, NULL, signal_thread, s) == 0;
}

static void signals_stop(struct signals *s)
{
	if (!s->post)
		return;
	SDL_AtomicSet(&s->stopping, 1);
	pthread_kill(s->thread, SIGTERM);
	pthread_join(s->thread, NULL);
	s->post = NULL;
}

uint64_t shell_now(const struct shell *sh)
{
	return sh->virtual_clock ? sh->virtual_ms : SDL_GetTicks64();
}

bool shell_redraw(struct shell *sh, const char *shot_path)
{
	draw_list_clear(&sh->dl);
	struct ui u = {
		.dl = &sh->dl,
		.text = text_engine_ops(sh->te),
		.theme = &ui_theme_default,
		.ppmm = sh->ppmm,
		.w = sh->lw,
		.h = sh->lh,
	};
	sh->app.now_ms = shell_now(sh);
	app_draw(&sh->app, &u);
	if (sh->dl.full) {
		fprintf(stderr, "kiosk: screen %s does not fit the draw list\n", sh->app.screen->name);
		abort(); /* a programming error: the service manager restarts us */
	}
	sh->frames++;
	return renderer_draw(sh->rd, &sh->dl, shot_path);
}

void shell_push_touch(struct shell *sh, bool down, int x, int y)
{
	SDL_Event ev;
	memset(&ev, 0, sizeof(ev));
	ev.type = down ? SDL_FINGERDOWN : SDL_FINGERUP;
	ev.tfinger.touchId = 1;
	ev.tfinger.fingerId = 1;
	renderer_logical_to_touch(sh->rd, x, y, &ev.tfinger.x, &ev.tfinger.y);
	ev.tfinger.pressure = down ? 1.0f : 0.0f;
	SDL_PushEvent(&ev);
}

static void touch(struct shell *sh, bool down, float nx, float ny)
{
	uint64_t now = shell_now(sh);
	if (down && sh->app.dirty)
		shell_redraw(sh, NULL); /* hit-test against what the visitor sees now */
	int x, y;
	renderer_touch_to_logical(sh->rd, nx, ny, &x, &y);
	const struct draw_target *t = draw_list_hit(&sh->dl, x, y);
	if (down)
		app_press(&sh->app, t ? t->id : NULL, now);
	else
		app_release(&sh->app, t, now);
}

static void key(struct shell *sh, const SDL_KeyboardEvent *k)
{
	uint64_t now = shell_now(sh);
	bool shift = (k->keysym.mod & KMOD_SHIFT) != 0;
	switch (k->keysym.sym) {
	case SDLK_TAB:
		app_key(&sh->app, shift ? APP_KEY_PREV : APP_KEY_NEXT, now);
		break;
	case SDLK_DOWN:
	case SDLK_RIGHT:
		app_key(&sh->app, APP_KEY_NEXT, now);
		break;
	case SDLK_UP:
	case SDLK_LEFT:
		app_key(&sh->app, APP_KEY_PREV, now);
		break;
	case SDLK_RETURN:
	case SDLK_KP_ENTER:
		app_key(&sh->app, APP_KEY_ACTIVATE, now);
		break;
	case SDLK_ESCAPE:
	case SDLK_AC_BACK:
		app_key(&sh->app, APP_KEY_BACK, now);
		break;
	case SDLK_HOME:
		app_key(&sh->app, APP_KEY_HOME, now);
		break;
	case SDLK_BACKSPACE:
		app_key(&sh->app, APP_KEY_ERASE, now);
		break;
	default:
		break;
	}
}

static void handle(struct shell *sh, const SDL_Event *ev)
{
	struct app_msg msg;
	switch (ev->type) {
	case SDL_QUIT:
		sh->quit = true;
		break;
	case SDL_FINGERDOWN:
		/* One finger at a time: a second finger or a palm is ignored. */
		if (sh->finger_down || sh->mouse_down)
			break;
		sh->finger_down = true;
		sh->finger = ev->tfinger.fingerId;
		touch(sh, true, ev->tfinger.x, ev->tfinger.y);
		break;
	case SDL_FINGERUP:
		if (!sh->finger_down || ev->tfinger.fingerId != sh->finger)
			break;
		sh->finger_down = false;
		touch(sh, false, ev->tfinger.x, ev->tfinger.y);
		break;
	case SDL_MOUSEBUTTONDOWN:
	case SDL_MOUSEBUTTONUP: {
		bool down = ev->type == SDL_MOUSEBUTTONDOWN;
		if (ev->button.which == SDL_TOUCH_MOUSEID || ev->button.button != SDL_BUTTON_LEFT || sh->finger_down)
			break;
		if (down == sh->mouse_down)
			break;
		sh->mouse_down = down;
		/* With a logical size set, SDL reports mouse positions in panel pixels. */
		int pw = sh->opts->panel_w > 0 ? sh->opts->panel_w : sh->cfg.width_px;
		int ph = sh->opts->panel_h > 0 ? sh->opts->panel_h : sh->cfg.height_px;
		touch(sh, down, ((float)ev->button.x + 0.5f) / (float)pw, ((float)ev->button.y + 0.5f) / (float)ph);
		break;
	}
	case SDL_TEXTINPUT:
		app_type(&sh->app, ev->text.text, shell_now(sh));
		break;
	case SDL_KEYDOWN:
		key(sh, &ev->key);
		break;
	case SDL_WINDOWEVENT:
		if (ev->window.event == SDL_WINDOWEVENT_EXPOSED || ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED ||
		    ev->window.event == SDL_WINDOWEVENT_RESTORED)
			sh->app.dirty = true;
		break;
	default:
		if (!post_receive(&sh->post, ev, &msg))
			break;
		if (msg.kind == APP_MSG_PRINT_ACCEPTED && sh->opts->bench_fd >= 0 && sh->ticket_t0) {
			/* make bench: from the tap that takes the number to the job in the printer's hands */
			uint64_t us = (SDL_GetPerformanceCounter() - sh->ticket_t0) * 1000000 / SDL_GetPerformanceFrequency();
			dprintf(sh->opts->bench_fd, "print-accepted-us %llu\n", (unsigned long long)us);
		}
		if (msg.kind == APP_MSG_TICKET && sh->opts->bench_fd >= 0 && sh->ticket_t0) {
			/* From the tap that asks for the number to the number committed. */
			uint64_t us = (SDL_GetPerformanceCounter() - sh->ticket_t0) * 1000000 / SDL_GetPerformanceFrequency();
			dprintf(sh->opts->bench_fd, "ticket-us %llu\n", (unsigned long long)us);
		}
		if (msg.kind == APP_MSG_BOOKING) {
			shell_booking_msg(sh, &msg);
			break;
		}
		shell_uplink_msg(sh, &msg); /* the reports, and then the app */
		break;
	}
}

/* Hands the visitor's ticket to the printer thread, which renders it with its
 * own text engine: the UI thread never waits for a page. */
static void print_ticket(struct shell *sh, const struct app_request *r)
{
	const struct app *a = &sh->app;
	const struct service *sv = &a->services->s[a->s.service];
	const struct ticket_paper *paper = ticket_paper_find(sh->cfg.paper);
	int office = config_lang_index(&sh->cfg, sh->cfg.default_lang);
	office = office < 0 ? 0 : office;
	char qr[TICKET_QR_MAX + 1];
	bool link;
	ticket_code(qr, sizeof qr, sh->cfg.status_url, r->data, a->local.day, &link);
	time_t now = (time_t)((sh->wall_start_ms + (int64_t)shell_now(sh)) / 1000);
	struct tm tm;
	localtime_r(&now, &tm);
	const struct i18n_lang *vl = i18n_lang_find(sh->cfg.langs[a->lang]);
	const struct i18n_lang *ol = i18n_lang_find(sh->cfg.langs[office]);
	struct ticket t = {
		.office_name = sh->cfg.site_name,
		.service = sv->name[a->lang],
		.number = r->data,
		.year = tm.tm_year + 1900, .month = tm.tm_mon + 1, .day = tm.tm_mday,
		.hour = tm.tm_hour, .minute = tm.tm_min,
		.ahead = a->s.ahead,
		.wait_min = a->s.wait_min, .wait_max = a->s.wait_max,
		.qr = qr,
		.qr_is_link = link,
		.visitor_lang = {a->cat[a->lang], sh->cfg.langs[a->lang], vl && vl->rtl},
		.office_lang = {a->cat[office], sh->cfg.langs[office], ol && ol->rtl},
	};
	/* Rendered on the printer thread, after the printer has said it can print. */
	struct printer_page *page = calloc(1, sizeof(*page));
	if (!page || !paper || !(page->ticket = ticket_job_create(&t, paper))) {
		free(page);
		struct app_msg m = {APP_MSG_PRINT_DONE, PRINTER_OTHER_ERROR, a->s.number};
		app_on_msg(&sh->app, &m);
		return;
	}
	page->tag = a->s.number;
	/* Unique per kiosk and day, so a test (or a technician) can find the printed file. */
	snprintf(page->job_name, sizeof page->job_name, "ticket-%.16s-%s-k%d", r->data, a->local.day,
		 sh->cfg.kiosk_number);
	printer_submit(sh->printer, page);
	sh->print_jobs++; /* it renders with the visitor's catalogs until APP_MSG_PRINT_DONE */
}

static void forward_requests(struct shell *sh)
{
	for (int i = 0; i < sh->app.nreq; i++) {
		struct app_request *r = &sh->app.req[i];
		if (!sh->store) {
			booking_backend_wipe(&r->booking); /* no services (the tour): dropped, and wiped */
			continue;
		}
		if (r->kind == APP_REQ_EVENT) {
			store_add_event(sh->store, r->type, r->data);
			/* A visitor is here: what the queue looks like now, before they reach the wait screen. */
			if (strcmp(r->type, "kiosk.session.started") == 0)
				uplink_refresh_queue(sh->uplink);
		} else if (r->kind == APP_REQ_TICKET) {
			shell_take_ticket(sh, r);
		} else if (r->kind == APP_REQ_PRINT) {
			print_ticket(sh, r);
		} else if (r->kind == APP_REQ_BOOKING) {
			shell_booking_request(sh, r);
		} else if (r->kind == APP_REQ_PRINT_SLIP) {
			shell_print_slip(sh);
		}
	}
	sh->app.nreq = 0;
}

void shell_update_local_time(struct shell *sh)
{
	time_t t;
	if (sh->virtual_clock || sh->opts->clock) {
		t = (time_t)((sh->wall_start_ms + (int64_t)shell_now(sh)) / 1000);
	} else {
		t = time(NULL);
	}
	sh->app.utc = (int64_t)t;
	struct tm tm;
	localtime_r(&t, &tm); /* TZ is the site's zone, set once at start */
	sh->app.local.weekday = (tm.tm_wday + 6) % 7;
	sh->app.local.minute = tm.tm_hour * 60 + tm.tm_min;
	strftime(sh->app.local.day, sizeof sh->app.local.day, "%Y-%m-%d", &tm);
}

void shell_pump(struct shell *sh)
{
	SDL_Event ev;
	while (SDL_PollEvent(&ev))
		handle(sh, &ev);
	shell_update_local_time(sh);
	app_tick(&sh->app, shell_now(sh));
	forward_requests(sh);
	shell_apply_site_when_idle(sh);
	shell_guides_apply_when_idle(sh);
	if (sh->app.dirty)
		shell_redraw(sh, NULL);
}

static bool sleeps_in_sdl(void)
{
	const char *d = SDL_GetCurrentVideoDriver();
	return d && (strcmp(d, "x11") == 0 || strcmp(d, "wayland") == 0 || strcmp(d, "windows") == 0 ||
		     strcmp(d, "cocoa") == 0);
}

static void wait_for_work(struct shell *sh, uint64_t deadline)
{
	uint64_t now = shell_now(sh);
	int timeout = deadline == UINT64_MAX ? -1 : deadline <= now ? 0 : (int)SDL_min(deadline - now, INT_MAX);
	if (sh->native_wait) {
		SDL_Event ev;
		if (SDL_WaitEventTimeout(&ev, timeout))
			handle(sh, &ev);
		return;
	}
	if (timeout < 0)
		SDL_SemWait(sh->post.wake);
	else
		SDL_SemWaitTimeout(sh->post.wake, (Uint32)timeout);
	while (SDL_SemTryWait(sh->post.wake) == 0)
		; /* one wake-up is enough for everything posted so far */
}

static void report_first_frame(const struct shell *sh)
{
	notify_send("READY=1");
	if (sh->opts->bench_fd < 0)
		return;
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	dprintf(sh->opts->bench_fd, "first-frame %lld\n", (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec);
}

static int loop(struct shell *sh)
{
	uint64_t watchdog = notify_watchdog_interval_ms();
	uint64_t next_watchdog = watchdog ? shell_now(sh) + watchdog : UINT64_MAX;
	shell_redraw(sh, NULL);
	report_first_frame(sh);
	if (sh->opts->bench_frames > 0 && sh->opts->bench_fd >= 0)
		return shell_bench_frames(sh, sh->opts->bench_frames);
	while (!sh->quit) {
		shell_pump(sh);
		if (sh->quit)
			break;
		uint64_t now = shell_now(sh);
		if (now >= next_watchdog) {
			notify_send("WATCHDOG=1");
			next_watchdog = now + watchdog;
		}
		uint64_t deadline = app_next_deadline(&sh->app);
		wait_for_work(sh, deadline < next_watchdog ? deadline : next_watchdog);
	}
	notify_send("STOPPING=1");
	return 0;
}

static float fit_scale(const struct shell_opts *o, int pw, int ph)
{
	if (o->scale > 0)
		return o->scale;
	if (!o->windowed)
		return 1.0f;
	SDL_Rect b;
	if (SDL_GetDisplayUsableBounds(0, &b) != 0)
		return 1.0f;
	float s = SDL_min(0.95f * (float)b.w / (float)pw, 0.92f * (float)b.h / (float)ph);
	return s < 1.0f ? s : 1.0f;
}

static int setup(struct shell *sh, const struct shell_opts *o)
{
	struct i18n_catalog *tr = site_technician_catalog(o->assets_dir);
	struct config_report rep = {0};
	if (site_load(o->config_path, o->assets_dir, tr, &sh->cfg, &rep, sh->cats) != KIOSK_OK) {
		site_print_report(o->config_path, &rep);
		fprintf(stderr, "%s\n", i18n_get(tr, "The kiosk does not start with an invalid configuration."));
		i18n_catalog_destroy(tr);
		return 2;
	}
	if (o->data_dir)
		snprintf(sh->cfg.data_dir, sizeof(sh->cfg.data_dir), "%s", o->data_dir);
	if (o->panel_w > 0) {
		sh->cfg.width_px = o->panel_w;
		sh->cfg.height_px = o->panel_h;
		sh->cfg.width_mm = o->panel_w_mm;
		sh->cfg.height_mm = o->panel_h_mm;
	}
	if (o->rotation >= 0)
		sh->cfg.rotation = o->rotation;
	if (sh->cfg.services[0]) {
		struct config_report srep = {0};
		if (services_load(sh->cfg.services, &sh->cfg, tr, &sh->services, &srep) != KIOSK_OK) {
			site_print_report(sh->cfg.services, &srep);
			fprintf(stderr, "%s\n", i18n_get(tr, "The kiosk does not start with an invalid configuration."));
			i18n_catalog_destroy(tr);
			return 2;
		}
	}
	sh->base_cfg = sh->cfg;
	if (sh->cfg.server_url[0])
		shell_use_site_cache(sh, tr);
	i18n_catalog_destroy(tr);
	/* Local time is the site's, whatever the machine's zone: set once, before any thread. */
	setenv("TZ", sh->cfg.time_zone, 1);
	tzset();
	if (o->clock) {
		struct tm tm = {0};
		if (sscanf(o->clock, "%d-%d-%d%*1[ T]%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
			   &tm.tm_min) != 5) {
			fprintf(stderr, "kiosk: --clock wants 'YYYY-MM-DD HH:MM', not %s\n", o->clock);
			return 2;
		}
		tm.tm_year -= 1900;
		tm.tm_mon -= 1;
		tm.tm_isdst = -1;
		sh->wall_start_ms = (int64_t)mktime(&tm) * 1000;
	} else {
		sh->wall_start_ms = (int64_t)time(NULL) * 1000;
	}
	sh->wall_start_ms -= 1000; /* the virtual clock starts at 1 s */

	/* We take SIGTERM ourselves (signals_start): SDL's handler needs an event pump to notice. */
	SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
	SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
	SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
	SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "1");
	const char *no_desktop = "kiosk: --window needs a desktop session (DISPLAY or WAYLAND_DISPLAY is not set); "
				 "try: xvfb-run -a -s '-screen 0 1920x1080x24' make run\n";
	if (SDL_Init(SDL_INIT_VIDEO) != 0) {
		fprintf(stderr, "kiosk: cannot start the display: %s\n", SDL_GetError());
		if (o->windowed && !getenv("DISPLAY") && !getenv("WAYLAND_DISPLAY"))
			fputs(no_desktop, stderr);
		return 1;
	}
	/* Without a desktop SDL quietly falls back to drawing offscreen: a window
	 * nobody can see is no use to whoever typed make run. */
	const char *driver = SDL_GetCurrentVideoDriver();
	if (o->windowed && !getenv("SDL_VIDEODRIVER") && driver &&
	    (strcmp(driver, "offscreen") == 0 || strcmp(driver, "dummy") == 0)) {
		fputs(no_desktop, stderr);
		return 1;
	}
	if (!post_init(&sh->post)) {
		fprintf(stderr, "kiosk: %s\n", SDL_GetError());
		return 1;
	}
	if (!signals_start(&sh->signals, &sh->post)) {
		fprintf(stderr, "kiosk: cannot set up signal handling\n");
		return 1;
	}

	char why[256];
	sh->te = text_engine_create(o->assets_dir, why, sizeof(why));
	if (!sh->te) {
		fprintf(stderr, "kiosk: %s\n", why);
		return 1;
	}
	int pw = sh->cfg.width_px, ph = sh->cfg.height_px;
	sh->rd = renderer_create(pw, ph, sh->cfg.rotation, fit_scale(o, pw, ph), o->windowed, sh->te, why, sizeof(why));
	if (!sh->rd) {
		fprintf(stderr, "kiosk: %s\n", why);
		return 1;
	}
	renderer_logical_size(sh->rd, &sh->lw, &sh->lh);
	bool sideways = sh->cfg.rotation == 90 || sh->cfg.rotation == 270;
	double lw_mm = sideways ? sh->cfg.height_mm : sh->cfg.width_mm;
	sh->ppmm = (float)(sh->lw / lw_mm);
	SDL_ShowCursor(o->windowed ? SDL_ENABLE : SDL_DISABLE);
	sh->native_wait = sleeps_in_sdl();
	if (!sh->native_wait)
		sh->wake = wake_start(&sh->post);

	app_init(&sh->app, &sh->cfg);
	for (int i = 0; i < sh->cfg.nlangs; i++)
		sh->app.cat[i] = sh->cats[i];
	sh->app.services = sh->services.count ? &sh->services : NULL;
	shell_booking_init(sh);
	shell_guides_init(sh);
	shell_update_local_time(sh);
	if (o->start_screen) {
		const struct screen *s = app_screen_find(o->start_screen);
		if (!s) {
			fprintf(stderr, "kiosk: no screen named %s\n", o->start_screen);
			return 2;
		}
		app_activate(&sh->app, APP_ACT_HOME, 0, shell_now(sh));
		app_goto(&sh->app, s);
		sh->app.nreq = 0;
	}
	if (!o->layout_check && !o->screenshots) {
		sh->store = store_start(sh->cfg.data_dir, &sh->post);
		struct uplink_opts uo = {
			.cfg = &sh->base_cfg,
			.data_dir = sh->cfg.data_dir,
			.version = KIOSK_VERSION,
			.store = sh->store,
			.assets_dir = o->assets_dir,
			.bookings = &sh->bookings,
			.zone = &sh->zone,
		};
		sh->uplink = sh->store ? uplink_start(&uo, &sh->post) : NULL;
		shell_booking_start(sh);
		if (sh->cfg.printer[0]) {
			struct printer_cfg pc = {.job_timeout_s = sh->cfg.job_timeout_s};
			snprintf(pc.assets_dir, sizeof pc.assets_dir, "%s", o->assets_dir);
			snprintf(pc.destination, sizeof pc.destination, "%s", sh->cfg.printer);
			sh->printer = printer_start(&pc, &sh->post);
			sh->app.printer_configured = sh->printer != NULL;
			if (sh->printer)
				printer_check(sh->printer); /* paper low shows for staff from the start */
		}
		shell_send_health(sh);
	}
	return 0;
}

static void teardown(struct shell *sh)
{
	wake_stop(sh->wake);
	printer_stop(sh->printer);
	uplink_stop(sh->uplink); /* it hands the store numbers: stopped first */
	sh->uplink = NULL;
	store_stop(sh->store); /* and the embedded booking backend */
	shell_booking_fini(sh);
	shell_guides_fini(sh);
	renderer_destroy(sh->rd);
	text_engine_destroy(sh->te);
	signals_stop(&sh->signals);
	post_fini(&sh->post);
	for (int i = 0; i < CONFIG_MAX_LANGS; i++)
		i18n_catalog_destroy(sh->cats[i]);
	shell_free_retired(sh); /* the printer has stopped: no job renders any more */
	services_fini(&sh->services);
	if (SDL_WasInit(0))
		SDL_Quit();
}

int shell_run(const struct shell_opts *o)
{
	struct shell *sh = calloc(1, sizeof(*sh));
	if (!sh) {
		fprintf(stderr, "kiosk: out of memory\n");
		return 1;
	}
	sh->opts = o;
	int rc = setup(sh, o);
	if (rc == 0) {
		if (o->script_path) {
			sh->virtual_clock = true;
			sh->virtual_ms = 1000;
			rc = script_run(sh, o->script_path);
		} else if (o->layout_check || o->screenshots) {
			rc = tour_run(sh);
		} else {
			rc = loop(sh);
		}
	}
	teardown(sh);
	free(sh);
	return rc;
}
