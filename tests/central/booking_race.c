/*
 * Two kiosks after the last free slot at the same moment, against the real
 * kiosk-central process: for each round, two child processes (kiosk A and
 * kiosk B, each with its own bearer secret) connect, send all of their
 * POST /v1/holds for the same slot of a capacity-1 service but the last
 * byte, wait at a shared barrier (a pipe the parent closes), and then send
 * that byte together; whoever gets the hold confirms it at once
 * (POST /v1/bookings). Every round must end with exactly one hold and one
 * booking (201, 201) and the other kiosk told 409 slot_taken with a
 * non-empty "nearest" that does not offer the slot just taken.
 * Usage: booking_race URL SECRET_A SECRET_B SERVICE MODE FROM TO ROUNDS
 * (URL is http://HOST:PORT; FROM and TO bound the availability to race on).
 * Prints one line per round and a summary; exit status 0 only when every
 * round was right.
 */
#include <errno.h>
#include <jansson.h>
#include <netdb.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char host[256], port[8];

static int connect_server(void)
{
	struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *ai = NULL;
	if (getaddrinfo(host, port, &hints, &ai) != 0)
		return -1;
	int fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
	if (fd >= 0 && connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
		close(fd);
		fd = -1;
	}
	freeaddrinfo(ai);
	return fd;
}

static bool send_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

static const char *or_dash(const char *s)
{
	return s && *s ? s : "-";
}

/* One HTTP/1.1 exchange (Connection: close). With barrier >= 0, everything
 * but the last byte goes out first, then the request waits until the
 * barrier pipe reads EOF. Returns the status (0 on failure); *body is the
 * parsed JSON reply or NULL. */
static int exchange(const char *method, const char *path, const char *secret, const char *key, const char *payload,
		    int barrier, json_t **body)
{
	*body = NULL;
	char req[4096];
	int n = snprintf(req, sizeof req,
			 "%s %s HTTP/1.1\r\nHost: %s:%s\r\nAuthorization: Bearer %s\r\nIdempotency-Key: %s\r\n"
			 "Kiosk-Protocol: 1\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n"
			 "Connection: close\r\n\r\n%s",
			 method, path, host, port, secret, key, strlen(payload), payload);
	if (n <= 0 || (size_t)n >= sizeof req)
		return 0;
	int fd = connect_server();
	if (fd < 0)
		return 0;
	bool ok = send_all(fd, req, (size_t)n - 1);
	if (ok && barrier >= 0) {
		char c;
		while (read(barrier, &c, 1) < 0 && errno == EINTR)
			;
	}
	ok = ok && send_all(fd, req + n - 1, 1);
	static char resp[1 << 20];
	size_t len = 0;
	while (ok && len < sizeof resp - 1) {
		ssize_t r = recv(fd, resp + len, sizeof resp - 1 - len, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	resp[len] = '\0';
	int status = 0;
	if (!ok || sscanf(resp, "HTTP/1.%*d %d", &status) != 1)
		return 0;
	const char *b = strstr(resp, "\r\n\r\n");
	if (b)
		*body = json_loads(b + 4, 0, NULL);
	return status;
}

/* What a kiosk saw in one round, as one line through a pipe. */
struct outcome {
	int hold, confirm, nearest;
	bool nearest_has_slot;
	char code[32], reference[8];
};

static void kiosk(const char *secret, const char *service, const char *mode, const char *start, int round, char tag,
		  int barrier, int result)
{
	struct outcome o = {0};
	char key[64], payload[512];
	json_t *body;
	snprintf(key, sizeof key, "race-%d-%d-%c-hold", (int)getppid(), round, tag);
	snprintf(payload, sizeof payload, "{\"service\":\"%s\",\"mode\":\"%s\",\"start\":\"%s\"}", service, mode,
		 start);
	o.hold = exchange("POST", "/v1/holds", secret, key, payload, barrier, &body);
	if (o.hold == 201) {
		const char *hold = json_string_value(json_object_get(body, "hold"));
		snprintf(key, sizeof key, "race-%d-%d-%c-confirm", (int)getppid(), round, tag);
		snprintf(payload, sizeof payload,
			 "{\"hold\":\"%s\",\"contact\":{\"name\":\"Racer %c\",\"phone\":\"+45 20 30 40 5%d\"},"
			 "\"reason\":\"\",\"reason_text\":\"\",\"lang\":\"en\"}",
			 hold ? hold : "", tag, round % 10);
		json_t *booked;
		o.confirm = exchange("POST", "/v1/bookings", secret, key, payload, -1, &booked);
		snprintf(o.reference, sizeof o.reference, "%s",
			 or_dash(json_string_value(json_object_get(booked, "reference"))));
		json_decref(booked);
	} else {
		snprintf(o.code, sizeof o.code, "%s",
			 or_dash(json_string_value(json_object_get(json_object_get(body, "error"), "code"))));
		json_t *near = json_object_get(body, "nearest");
		o.nearest = json_is_array(near) ? (int)json_array_size(near) : -1;
		for (size_t i = 0; json_is_array(near) && i < json_array_size(near); i++)
			if (strcmp(or_dash(json_string_value(json_object_get(json_array_get(near, i), "start"))),
				   start) == 0)
				o.nearest_has_slot = true;
	}
	json_decref(body);
	dprintf(result, "%d %d %d %d %s %s\n", o.hold, o.confirm, o.nearest, o.nearest_has_slot, or_dash(o.code),
		or_dash(o.reference));
	_exit(0);
}

static bool read_outcome(int fd, struct outcome *o)
{
	char line[256];
	ssize_t n = read(fd, line, sizeof line - 1);
	if (n <= 0)
		return false;
	line[n] = '\0';
	int has = 0;
	bool ok =
	    sscanf(line, "%d %d %d %d %31s %7s", &o->hold, &o->confirm, &o->nearest, &has, o->code, o->reference) == 6;
	o->nearest_has_slot = has;
	return ok;
}

int main(int argc, char **argv)
{
	if (argc != 9 || sscanf(argv[1], "http://%255[^:]:%7[0-9]", host, port) != 2) {
		fprintf(stderr, "usage: booking_race http://HOST:PORT SECRET_A SECRET_B SERVICE MODE FROM TO ROUNDS\n");
		return 2;
	}
	const char *secret[2] = {argv[2], argv[3]}, *service = argv[4], *mode = argv[5];
	int rounds = atoi(argv[8]);
	char path[512];
	snprintf(path, sizeof path, "/v1/availability?service=%s&mode=%s&from=%s&to=%s", service, mode, argv[6],
		 argv[7]);
	json_t *avail;
	int st = exchange("GET", path, secret[0], "-", "", -1, &avail);
	json_t *slots = json_object_get(avail, "slots");
	if (st != 200 || !json_is_array(slots) || (int)json_array_size(slots) < rounds) {
		fprintf(stderr, "FAIL: availability: status %d, %zu slots for %d rounds\n", st,
			json_is_array(slots) ? json_array_size(slots) : 0, rounds);
		return 1;
	}
	int failures = 0, wins[2] = {0, 0};
	for (int round = 0; round < rounds; round++) {
		const char *start = json_string_value(json_object_get(json_array_get(slots, (size_t)round), "start"));
		int go[2], res[2][2];
		if (!start || pipe(go) != 0 || pipe(res[0]) != 0 || pipe(res[1]) != 0) {
			fprintf(stderr, "FAIL: round %d: no slot or no pipes\n", round);
			return 1;
		}
		pid_t pid[2];
		for (int k = 0; k < 2; k++) {
			pid[k] = fork();
			if (pid[k] == 0) {
				close(go[1]);
				if (k == 0)
					close(res[1][1]); /* the other kiosk's */
				kiosk(secret[k], service, mode, start, round, (char)('A' + k), go[0], res[k][1]);
			}
			close(res[k][1]);
		}
		close(go[0]);
		/* Both are connected and waiting with one byte to go: let them go together. */
		struct timespec settle = {0, 30 * 1000 * 1000};
		nanosleep(&settle, NULL);
		close(go[1]);
		struct outcome o[2];
		bool got[2];
		for (int k = 0; k < 2; k++) {
			got[k] = read_outcome(res[k][0], &o[k]);
			close(res[k][0]);
			waitpid(pid[k], NULL, 0);
		}
		int winner = got[0] && got[1] && o[0].hold == 201 ? 0 : got[0] && got[1] && o[1].hold == 201 ? 1 : -1;
		const struct outcome *w = winner >= 0 ? &o[winner] : NULL, *l = winner >= 0 ? &o[1 - winner] : NULL;
		bool right = w && w->confirm == 201 && strlen(w->reference) == 6 && l->hold == 409 &&
			     strcmp(l->code, "slot_taken") == 0 && l->nearest > 0 && !l->nearest_has_slot;
		printf("%s: round %d at %s: A hold %d confirm %d, B hold %d confirm %d; the other: %s, %d nearest\n",
		       right ? "ok" : "FAIL", round, start, got[0] ? o[0].hold : -1, got[0] ? o[0].confirm : -1,
		       got[1] ? o[1].hold : -1, got[1] ? o[1].confirm : -1, l ? l->code : "?", l ? l->nearest : -1);
		if (right)
			wins[winner]++;
		else
			failures++;
	}
	json_decref(avail);
	printf("%d rounds: kiosk A won %d, kiosk B won %d, %d wrong\n", rounds, wins[0], wins[1], failures);
	return failures ? 1 : 0;
}
