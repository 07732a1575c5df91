/*
 * booking_driver: one kiosk's booking backend without a screen, for the
 * booking race (tests/uplink/booking_race.sh). The real store, its booking
 * thread (no [server] url) or the real uplink (with one), the real mailbox,
 * exactly as the kiosk starts them.
 *
 *   booking_driver --config F --data-dir D --service S --from T --rounds N
 *                  --at MS [--period-ms P] [--name NAME] [--lifecycle]
 *
 * Asks for the free in-person slots of S from T (UTC seconds) for two days,
 * takes every other one of the first 2N (so a free neighbour is left to
 * offer), then at wall-clock time MS + i * P (Unix ms; both kiosks get the
 * same MS) holds slot i and, when the hold is granted, confirms it with
 * NAME's contact details. Prints per round
 *   round I ok REFERENCE
 *   round I slot_taken nearest=K clean=C   (C: the raced slot is not among them)
 *   round I STATUS                          (anything else)
 * and "summary: won=W taken=T other=O slowest_ms=M" (M: the longest round,
 * hold to last answer). With --lifecycle, afterwards (one
 * kiosk only: it books near now) a booking's other ops, one line each,
 * "life OP STATUS [details]": find, a wrong second check, check-in too
 * early, a move, check-in of a meeting about to start, cancel, cancel again,
 * releasing an unknown hold, and a check refused after too many wrong ones.
 * Exit 0 when every round was answered, 1
 * otherwise, 2 on a usage or start-up error.
 */
#include <SDL2/SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "booking_backend.h"
#include "fileio.h"
#include "kiosk/config.h"
#include "kiosk/services.h"
#include "post.h"
#include "store.h"
#include "store_booking.h"
#include "uplink.h"

struct run {
	struct post post;
	struct booking_backend box;
	struct store *st;
	struct uplink *up;
	uint32_t serial;
};

static long long wall_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Sends r and waits (up to 15 s) for its reply; NULL on none. */
static struct booking_reply *ask(struct run *k, struct booking_request *r)
{
	r->serial = ++k->serial;
	snprintf(r->idempotency, sizeof(r->idempotency), "drv%08x%08x%06u", (unsigned)wall_ms(), (unsigned)getpid(),
		 (unsigned)r->serial);
	if (k->up)
		uplink_booking(k->up, r);
	else
		store_booking(k->st, r, (int64_t)(wall_ms() / 1000));
	booking_backend_wipe(r);
	for (long long until = wall_ms() + 15000; wall_ms() < until;) {
		SDL_Event ev;
		struct app_msg m;
		if (!SDL_WaitEventTimeout(&ev, 100) || !post_receive(&k->post, &ev, &m))
			continue;
		if (m.kind == APP_MSG_EVENT_SAVED)
			uplink_kick(k->up);
		if (m.kind != APP_MSG_BOOKING)
			continue;
		struct booking_reply *out = booking_backend_take(&k->box);
		if (out && out->serial == r->serial)
			return out;
		free(out);
	}
	return NULL;
}

static void life(const char *op, const struct booking_reply *out, const char *details)
{
	printf("life %s %s%s%s\n", op, out ? booking_status_name(out->status) : "no_answer", details[0] ? " " : "",
	       details);
	fflush(stdout);
}

/* Holds start and confirms it with a phone number ending in 4242; the reply. */
static struct booking_reply *book(struct run *k, const char *service, int64_t start, const char *name)
{
	struct booking_request r = {.op = BOOKING_OP_HOLD, .mode = BOOKING_IN_PERSON, .start = start};
	snprintf(r.service, sizeof(r.service), "%s", service);
	struct booking_reply *out = ask(k, &r);
	if (!out || out->status != BOOKING_OK)
		return out;
	struct booking_request c = {.op = BOOKING_OP_CONFIRM};
	snprintf(c.hold, sizeof(c.hold), "%s", out->hold);
	snprintf(c.contact.name, sizeof(c.contact.name), "%s", name);
	snprintf(c.contact.phone, sizeof(c.contact.phone), "+45 5566 4242");
	snprintf(c.lang, sizeof(c.lang), "en");
	free(out);
	return ask(k, &c);
}

/* An op on a booking by its reference. */
static struct booking_reply *on_ref(struct run *k, enum booking_op op, const char *ref, const char *check,
				    const char *hold)
{
	struct booking_request r = {.op = op};
	snprintf(r.reference, sizeof(r.reference), "%s", ref);
	snprintf(r.check, sizeof(r.check), "%s", check);
	snprintf(r.hold, sizeof(r.hold), "%s", hold);
	return ask(k, &r);
}

/* The other ops on bookings near now (see the top of the file). */
static void lifecycle(struct run *k, const char *service, const char *name)
{
	char details[160], ref[BOOKING_REF_LEN] = "", near_ref[BOOKING_REF_LEN] = "";
	int64_t now = (int64_t)(wall_ms() / 1000);
	struct booking_request r = {
	    .op = BOOKING_OP_AVAILABILITY, .mode = BOOKING_IN_PERSON, .from = now, .to = now + 6 * 3600};
	snprintf(r.service, sizeof(r.service), "%s", service);
	struct booking_reply *avail = ask(k, &r);
	if (!avail || avail->status != BOOKING_OK || avail->nslots < 20) {
		life("availability", avail, "");
		free(avail);
		return;
	}
	/* One meeting about to start (check-in is open), one in hours, one to move it to. */
	int64_t soon = avail->slots[1].start, later = avail->slots[avail->nslots - 1].start,
		other = avail->slots[avail->nslots - 3].start;
	free(avail);
	struct booking_reply *out = book(k, service, later, name);
	if (out && out->status == BOOKING_OK)
		snprintf(ref, sizeof(ref), "%s", out->booking.reference);
	life("book", out, "");
	free(out);
	out = on_ref(k, BOOKING_OP_FIND, ref, "", "");
	snprintf(details, sizeof(details), "start=%d check=%c", out && out->booking.start == later,
		 out ? out->booking.check_kind : '-');
	life("find", out, details);
	free(out);
	out = on_ref(k, BOOKING_OP_CANCEL, ref, "4243", "");
	life("cancel-wrong-check", out, "");
	free(out);
	out = on_ref(k, BOOKING_OP_CHECKIN, ref, "", "");
	snprintf(details, sizeof(details), "window=%d", out && out->window_from == later - 30 * 60);
	life("checkin-early", out, details);
	free(out);
	r = (struct booking_request){.op = BOOKING_OP_HOLD, .mode = BOOKING_IN_PERSON, .start = other};
	snprintf(r.service, sizeof(r.service), "%s", service);
	out = ask(k, &r);
	char hold[40] = "";
	if (out && out->status == BOOKING_OK)
		snprintf(hold, sizeof(hold), "%s", out->hold);
	free(out);
	out = on_ref(k, BOOKING_OP_MOVE, ref, "4242", hold);
	snprintf(details, sizeof(details), "start=%d", out && out->booking.start == other);
	life("move", out, details);
	free(out);
	out = book(k, service, soon, name);
	if (out && out->status == BOOKING_OK)
		snprintf(near_ref, sizeof(near_ref), "%s", out->booking.reference);
	free(out);
	out = on_ref(k, BOOKING_OP_CHECKIN, near_ref, "", "");
	snprintf(details, sizeof(details), "number=%s state=%d",
		 out && out->booking.number[0] ? out->booking.number : "-", out ? (int)out->booking.state : -1);
	life("checkin", out, details);
	free(out);
	out = on_ref(k, BOOKING_OP_CANCEL, ref, "4242", "");
	snprintf(details, sizeof(details), "state=%d", out ? (int)out->booking.state : -1);
	life("cancel", out, details);
	free(out);
	out = on_ref(k, BOOKING_OP_CANCEL, ref, "4242", "");
	life("cancel-again", out, "");
	free(out);
	out = on_ref(k, BOOKING_OP_RELEASE, "", "", "no-such-hold");
	life("release-unknown", out, "");
	free(out);
	/* With the first, BOOKING_CHECK_LIMIT wrong checks: then even the right one is refused for a day. */
	for (int i = 1; i < BOOKING_CHECK_LIMIT; i++)
		free(on_ref(k, BOOKING_OP_CANCEL, ref, "4243", ""));
	out = on_ref(k, BOOKING_OP_CANCEL, ref, "4242", "");
	snprintf(details, sizeof(details), "until=%d", out && out->window_to > now + BOOKING_CHECK_WINDOW_S - 3600);
	life("checks-locked", out, details);
	free(out);
}

static bool load_zone(const char *name, struct tz *zone)
{
	char path[200], *bytes = NULL;
	size_t len = 0;
	snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", name);
	bool ok = file_read_all(path, 1 << 20, &bytes, &len) == KIOSK_OK &&
		  tz_parse(zone, name, (const unsigned char *)bytes, len) == KIOSK_OK;
	free(bytes);
	return ok;
}

int main(int argc, char **argv)
{
	const char *config = NULL, *dir = NULL, *service = NULL, *name = "Race Visitor";
	long long from = 0, at = 0, period = 300;
	int rounds = 0;
	bool with_lifecycle = false;
	for (int i = 1; i < argc; i += 2) {
		const char *v = i + 1 < argc ? argv[i + 1] : "";
		if (strcmp(argv[i], "--lifecycle") == 0)
			with_lifecycle = true, i--;
		else if (strcmp(argv[i], "--config") == 0)
			config = v;
		else if (strcmp(argv[i], "--data-dir") == 0)
			dir = v;
		else if (strcmp(argv[i], "--service") == 0)
			service = v;
		else if (strcmp(argv[i], "--from") == 0)
			from = atoll(v);
		else if (strcmp(argv[i], "--rounds") == 0)
			rounds = atoi(v);
		else if (strcmp(argv[i], "--at") == 0)
			at = atoll(v);
		else if (strcmp(argv[i], "--period-ms") == 0)
			period = atoll(v);
		else if (strcmp(argv[i], "--name") == 0)
			name = v;
	}
	if (!config || !dir || !service || from <= 0 || rounds <= 0 || at <= 0 || period <= 0) {
		fprintf(stderr, "usage: booking_driver --config F --data-dir D --service S --from T --rounds N --at MS"
				" [--period-ms P] [--name NAME]\n");
		return 2;
	}
	static struct config cfg;
	static struct services sv;
	static struct store_booking_site site;
	static struct tz zone;
	struct config_report rep = {0};
	if (config_load(config, NULL, &cfg, &rep) != KIOSK_OK ||
	    services_load(cfg.services, &cfg, NULL, &sv, &rep) != KIOSK_OK || !load_zone(cfg.time_zone, &zone)) {
		for (int i = 0; i < rep.count; i++)
			fprintf(stderr, "%s:%d: %s\n", config, rep.item[i].line, rep.item[i].msg);
		fprintf(stderr, "booking_driver: cannot load the site\n");
		return 2;
	}
	SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
	static struct run k;
	if (SDL_Init(SDL_INIT_EVENTS) != 0 || !post_init(&k.post))
		return 2;
	booking_backend_init(&k.box, &k.post);
	k.st = store_start(dir, &k.post);
	bool opened = false;
	for (long long until = wall_ms() + 10000; k.st && !opened && wall_ms() < until;) {
		SDL_Event ev;
		struct app_msg m;
		if (SDL_WaitEventTimeout(&ev, 100) && post_receive(&k.post, &ev, &m))
			opened = m.kind == APP_MSG_STORE_OPENED && m.status == KIOSK_OK;
	}
	struct uplink_opts o = {
	    .cfg = &cfg, .data_dir = dir, .version = "0.1.0-test", .store = k.st, .bookings = &k.box, .zone = &zone};
	bool started = false;
	if (opened && cfg.server_url[0]) {
		k.up = uplink_start(&o, &k.post);
		started = k.up != NULL;
	} else if (opened) {
		store_booking_site_init(&site, &sv, &cfg, &zone);
		started = store_start_bookings(k.st, &site, &k.box, (int64_t)(wall_ms() / 1000));
	}
	if (!started) {
		fprintf(stderr, "booking_driver: cannot start the store or the backend\n");
		return 2;
	}

	static int64_t starts[4096];
	struct booking_request r = {
	    .op = BOOKING_OP_AVAILABILITY, .mode = BOOKING_IN_PERSON, .from = from, .to = from + 2 * 86400};
	snprintf(r.service, sizeof(r.service), "%s", service);
	long long t0 = wall_ms();
	struct booking_reply *out = ask(&k, &r);
	printf("availability: %s slots=%d ms=%lld\n", out ? booking_status_name(out->status) : "no_answer",
	       out ? out->nslots : 0, wall_ms() - t0);
	fflush(stdout);
	if (!out || out->status != BOOKING_OK || out->nslots < rounds * 2) {
		fprintf(stderr, "booking_driver: availability: %s, %d slots (%s)\n",
			out ? booking_status_name(out->status) : "no answer", out ? out->nslots : 0,
			out ? out->message : "");
		free(out);
		uplink_stop(k.up);
		store_stop(k.st);
		booking_backend_fini(&k.box);
		return 2;
	}
	for (int i = 0; i < rounds; i++)
		starts[i] = out->slots[i * 2].start;
	free(out);
	printf("ready: %d slots from %lld\n", rounds, (long long)starts[0]);
	fflush(stdout);

	int won = 0, taken = 0, other = 0;
	long long slowest = 0; /* ms from the hold sent to the last answer of a round */
	for (int i = 0; i < rounds; i++) {
		long long go = at + i * period, now;
		while ((now = wall_ms()) < go) {
			struct timespec pause = {0, (long)((go - now > 50 ? 50 : go - now) * 1000000)};
			nanosleep(&pause, NULL);
		}
		long long round_t0 = wall_ms();
		r = (struct booking_request){.op = BOOKING_OP_HOLD, .mode = BOOKING_IN_PERSON, .start = starts[i]};
		snprintf(r.service, sizeof(r.service), "%s", service);
		out = ask(&k, &r);
		if (out && out->status == BOOKING_OK) {
			struct booking_request c = {.op = BOOKING_OP_CONFIRM};
			snprintf(c.hold, sizeof(c.hold), "%s", out->hold);
			snprintf(c.contact.name, sizeof(c.contact.name), "%s", name);
			snprintf(c.contact.phone, sizeof(c.contact.phone), "+45 5566 %04d", i);
			snprintf(c.lang, sizeof(c.lang), "en");
			free(out);
			out = ask(&k, &c);
		}
		slowest = wall_ms() - round_t0 > slowest ? wall_ms() - round_t0 : slowest;
		if (out && out->status == BOOKING_OK) {
			won++;
			printf("round %d ok %s\n", i, out->booking.reference);
		} else if (out && out->status == BOOKING_SLOT_TAKEN) {
			bool clean = true;
			for (int s = 0; s < out->nslots; s++)
				clean = clean && out->slots[s].start != starts[i];
			taken++;
			printf("round %d slot_taken nearest=%d clean=%d\n", i, out->nslots, clean);
		} else {
			other++;
			printf("round %d %s %s\n", i, out ? booking_status_name(out->status) : "no_answer",
			       out ? out->message : "");
		}
		fflush(stdout);
		free(out);
	}
	if (with_lifecycle)
		lifecycle(&k, service, name);
	/* The events reach the server (or stay in the outbox) before we go. */
	for (long long until = wall_ms() + 3000; k.up && wall_ms() < until;) {
		SDL_Event ev;
		struct app_msg m;
		if (SDL_WaitEventTimeout(&ev, 100) && post_receive(&k.post, &ev, &m) && m.kind == APP_MSG_EVENT_SAVED)
			uplink_kick(k.up);
	}
	unsigned round = uplink_round_start(k.up);
	for (long long until = wall_ms() + 10000; k.up && !uplink_round_done(k.up, round) && wall_ms() < until;)
		SDL_Delay(20);
	uplink_stop(k.up);
	store_stop(k.st);
	booking_backend_fini(&k.box);
	post_fini(&k.post);
	SDL_Quit();
	services_fini(&sv);
	printf("summary: won=%d taken=%d other=%d slowest_ms=%lld\n", won, taken, other, slowest);
	return other == 0 ? 0 : 1;
}
