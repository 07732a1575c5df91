/*
 * DESIGN: config, the site configuration file.
 *
 * What it is: a line-by-line reader of the INI-style site file. It splits
 * lines into comments, [section] headers and key = value settings, finds the
 * key in one const table (a text per language, help_desk.da, goes to
 * config_lang_text.c), hands the value to config_value.c, then checks what
 * only the whole file can tell (missing keys, the default language, the
 * panel's shape). Every problem is reported with its line, so a technician
 * fixes the file in one pass instead of one error per restart.
 * What it is not: no I/O (config_load.c reads the file); whether the time
 * zone file or the data directory exist is checked by the caller, which gets
 * their line numbers. No allocation.
 * Threading: no state outside the arguments; any thread may parse, several at
 * once.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "config_private.h"
#include "kiosk/config.h"
#include "kiosk/i18n.h"

/* Suggestions beyond this distance are more confusing than helpful. */
#define SUGGEST_MAX 2

static const char *const sections[] = { "site", "panel", "session", "store", "printer", "server", "booking", "guides" };
#define NSECTIONS (sizeof sections / sizeof sections[0])

/* Keys by name, so the whole-file checks can look a key up without searching. */
enum {
	K_NAME,
	K_LANGUAGES,
	K_DEFAULT_LANGUAGE,
	K_TIME_ZONE,
	K_HELP_DESK,
	K_SERVICES,
	K_STATUS_URL,
	K_KIOSK_NUMBER,
	K_KIOSKS_IN_OFFICE,
	K_WIDTH_PX,
	K_HEIGHT_PX,
	K_WIDTH_MM,
	K_HEIGHT_MM,
	K_ROTATION,
	K_IDLE_TIMEOUT_S,
	K_IDLE_WARNING_S,
	K_PRINTER,
	K_PAPER,
	K_JOB_TIMEOUT_S,
	K_DATA_DIR,
	K_SERVER_URL,
	K_CA_FILE,
	K_CLIENT_CERT,
	K_CLIENT_KEY,
	K_HEARTBEAT_S,
	K_BOOKING_PHONE,
	K_BOOKING_WEB,
	K_RETENTION_DAYS,
	K_GUIDE_SCHEMES,
	K_GUIDE_HELP_SERVICE,
	NKEYS
};

#define FIELD(m) offsetof(struct config, m), sizeof(((struct config *)0)->m)

/* In file order, which is also the order "missing" problems are listed in. */
static const struct config_key keys[NKEYS] = {
	[K_NAME] = { "site", "name", CONFIG_TEXT, true, false, FIELD(site_name), 0, 0 },
	[K_LANGUAGES] = { "site", "languages", CONFIG_LANGS, true, false, FIELD(langs), 0, 0 },
	[K_DEFAULT_LANGUAGE] = { "site", "default_language", CONFIG_LANG, false, false, FIELD(default_lang), 0, 0 },
	[K_TIME_ZONE] = { "site", "time_zone", CONFIG_TIME_ZONE, true, false, FIELD(time_zone), 0, 0 },
	[K_HELP_DESK] = { "site", "help_desk", CONFIG_TEXT, false, true, FIELD(help_desk), 0, 0 },
	[K_SERVICES] = { "site", "services", CONFIG_FILE, false, true, FIELD(services), 0, 0 },
	[K_STATUS_URL] = { "site", "status_url", CONFIG_LINK, false, true, FIELD(status_url), 0, 0 },
	[K_KIOSK_NUMBER] = { "site", "kiosk_number", CONFIG_COUNT, false, false, FIELD(kiosk_number), 1, 9 },
	[K_KIOSKS_IN_OFFICE] = { "site", "kiosks_in_office", CONFIG_COUNT, false, false, FIELD(kiosks_in_office),
				 1, 9 },
	[K_WIDTH_PX] = { "panel", "width_px", CONFIG_PIXELS, true, false, FIELD(width_px), 240, 8192 },
	[K_HEIGHT_PX] = { "panel", "height_px", CONFIG_PIXELS, true, false, FIELD(height_px), 240, 8192 },
	[K_WIDTH_MM] = { "panel", "width_mm", CONFIG_MM, true, false, FIELD(width_mm), 40, 2000 },
	[K_HEIGHT_MM] = { "panel", "height_mm", CONFIG_MM, true, false, FIELD(height_mm), 40, 2000 },
	[K_ROTATION] = { "panel", "rotation", CONFIG_ROTATION, false, false, FIELD(rotation), 0, 270 },
	[K_IDLE_TIMEOUT_S] = { "session", "idle_timeout_s", CONFIG_SECONDS, false, false, FIELD(idle_timeout_s),
			       10, 3600 },
	[K_IDLE_WARNING_S] = { "session", "idle_warning_s", CONFIG_SECONDS, false, false, FIELD(idle_warning_s),
			       10, 600 },
	[K_PRINTER] = { "printer", "destination", CONFIG_TEXT, false, true, FIELD(printer), 0, 0 },
	[K_PAPER] = { "printer", "paper", CONFIG_PAPER, false, false, FIELD(paper), 0, 0 },
	[K_JOB_TIMEOUT_S] = { "printer", "job_timeout_s", CONFIG_SECONDS, false, false, FIELD(job_timeout_s), 5,
			      600 },
	[K_DATA_DIR] = { "store", "data_dir", CONFIG_PATH, true, false, FIELD(data_dir), 0, 0 },
	/* An empty url is the same as none: the kiosk works alone. */
	[K_SERVER_URL] = { "server", "url", CONFIG_URL, false, true, FIELD(server_url), 0, 0 },
	[K_CA_FILE] = { "server", "ca_file", CONFIG_FILE, false, true, FIELD(server_ca_file), 0, 0 },
	[K_CLIENT_CERT] = { "server", "client_cert", CONFIG_FILE, false, true, FIELD(server_client_cert), 0, 0 },
	[K_CLIENT_KEY] = { "server", "client_key", CONFIG_FILE, false, true, FIELD(server_client_key), 0, 0 },
	[K_HEARTBEAT_S] = { "server", "heartbeat_s", CONFIG_SECONDS, false, false, FIELD(heartbeat_s), 10, 3600 },
	[K_BOOKING_PHONE] = { "booking", "phone", CONFIG_TEXT, false, true, FIELD(booking_phone), 0, 0 },
	[K_BOOKING_WEB] = { "booking", "web", CONFIG_TEXT, false, true, FIELD(booking_web), 0, 0 },
	[K_RETENTION_DAYS] = { "booking", "retention_days", CONFIG_COUNT, false, false, FIELD(retention_days), 0,
			       365 },
	[K_GUIDE_SCHEMES] = { "guides", "schemes", CONFIG_TEXT, false, true, FIELD(guide_schemes), 0, 0 },
	[K_GUIDE_HELP_SERVICE] = { "guides", "help_service", CONFIG_TEXT, false, true, FIELD(guide_help_service), 0, 0 },
};

/* The section the lines belong to: an index into sections[], or one of these. */
enum { SEC_NONE = -1, SEC_UNKNOWN = -2 };

struct parser {
	const struct i18n_catalog *tr;
	struct config *cfg;
	struct config_report *rep;
	int line;
	int sec;
	int seen[NKEYS];   /* the line a key was first set on, 0 if never */
	bool valid[NKEYS]; /* whether that value was accepted */
};

/* A piece of the input: never NUL-terminated, since it points into text. */
struct span {
	const char *s;
	size_t n;
};

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

static struct span trim(struct span x)
{
	while (x.n > 0 && blank(x.s[0]))
		x.s++, x.n--;
	while (x.n > 0 && blank(x.s[x.n - 1]))
		x.n--;
	return x;
}

static bool span_is(struct span x, const char *word)
{
	return strlen(word) == x.n && memcmp(x.s, word, x.n) == 0;
}

static bool comment_or_empty(struct span x)
{
	return x.n == 0 || x.s[0] == '#' || x.s[0] == ';';
}

/* Optimal string alignment distance: typos are mostly one wrong, missing,
 * extra or swapped letter ("widht_px"). Long strings are never close. */
static int distance(struct span a, const char *b)
{
	enum { LEN = 40 };
	int d[LEN + 1][LEN + 1];
	size_t bn = strlen(b);

	if (a.n > LEN || bn > LEN)
		return INT_MAX;
	for (size_t i = 0; i <= a.n; i++)
		d[i][0] = (int)i;
	for (size_t j = 0; j <= bn; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= a.n; i++) {
		for (size_t j = 1; j <= bn; j++) {
			int cost = a.s[i - 1] != b[j - 1];
			int best = d[i - 1][j - 1] + cost;

			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a.s[i - 1] == b[j - 2] && a.s[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[a.n][bn];
}

void config_report_add(struct config_report *rep, const struct i18n_catalog *tr, int line, const char *fmt, ...)
{
	struct config_problem *p;
	va_list ap;
	int n;

	if (rep->count >= CONFIG_MAX_PROBLEMS) {
		rep->dropped++;
		return;
	}
	p = &rep->item[rep->count++];
	p->line = line;
	/* The catalog is checked (msgfmt -c) to keep the msgid's conversions. */
	va_start(ap, fmt);
	n = vsnprintf(p->msg, sizeof p->msg, i18n_get(tr, fmt), ap);
	va_end(ap);
	if (n >= (int)sizeof p->msg) {
		/* Cut at a character boundary: half a letter breaks the text renderer. */
		size_t last = sizeof p->msg - 2, need;
		unsigned char c;

		while (last > 0 && ((unsigned char)p->msg[last] & 0xc0) == 0x80)
			last--;
		c = (unsigned char)p->msg[last];
		need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
		if (last + need > sizeof p->msg - 1)
			p->msg[last] = '\0';
	}
}

static int find_key(int sec, struct span name)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (strcmp(keys[i].section, sections[sec]) == 0 && span_is(name, keys[i].name))
			return (int)i;
	return -1;
}

static void report_unknown_key(struct parser *p, struct span name)
{
	const char *near = NULL, *home = NULL;
	int best = SUGGEST_MAX + 1;
	char shown[48];

	for (size_t i = 0; i < NKEYS; i++) {
		if (strcmp(keys[i].section, sections[p->sec]) == 0) {
			int d = distance(name, keys[i].name);

			if (d < best)
				best = d, near = keys[i].name;
		} else if (span_is(name, keys[i].name)) {
			home = keys[i].section;
		}
	}
	config_show(shown, sizeof shown, name.s, name.n);
	if (near)
		config_report_add(p->rep, p->tr, p->line, N_("unknown key \"%s\" in [%s]; did you mean \"%s\"?"), shown,
				  sections[p->sec], near);
	else if (home)
		config_report_add(p->rep, p->tr, p->line, N_("unknown key \"%s\" in [%s]; it belongs under [%s]"),
				  shown, sections[p->sec], home);
	else
		config_report_add(p->rep, p->tr, p->line, N_("unknown key \"%s\" in [%s]"), shown, sections[p->sec]);
}

static void section_line(struct parser *p, struct span x)
{
	const char *close = memchr(x.s, ']', x.n);
	struct span name = { x.s + 1, close ? (size_t)(close - x.s - 1) : x.n - 1 };
	const char *near = NULL;
	int best = SUGGEST_MAX + 1;
	char shown[48];

	name = trim(name);
	config_show(shown, sizeof shown, name.s, name.n);
	if (!close) {
		config_report_add(p->rep, p->tr, p->line, N_("the section header has no closing ]"));
	} else {
		struct span rest = trim((struct span){ close + 1, x.n - (size_t)(close - x.s) - 1 });

		if (!comment_or_empty(rest))
			config_report_add(p->rep, p->tr, p->line, N_("unexpected text after the section header [%s]"),
					  shown);
	}
	/* Even a broken header says which section is meant: follow it, so the
	 * keys below are checked instead of each reported as misplaced. */
	for (size_t i = 0; i < NSECTIONS; i++) {
		int d = distance(name, sections[i]);

		if (d == 0) {
			p->sec = (int)i;
			return;
		}
		if (d < best)
			best = d, near = sections[i];
	}
	/* The keys below an unknown header are not reported one by one: the
	 * header is the mistake. */
	p->sec = SEC_UNKNOWN;
	if (!close)
		return;
	if (near)
		config_report_add(p->rep, p->tr, p->line, N_("unknown section [%s]; did you mean [%s]?"), shown, near);
	else
		config_report_add(p->rep, p->tr, p->line,
				  N_("unknown section [%s]; the sections are [site], [panel], [session], [printer], [store] and [server]"),
				  shown);
}

/* Extracts the value after '=': a "quoted" value keeps '#' literally; an
 * unquoted one ends at whitespace followed by '#'. Returns false after
 * reporting a syntax problem. */
static bool value_of(struct parser *p, struct span raw, struct span *out)
{
	struct span v = trim(raw);

	if (v.n > 0 && v.s[0] == '"') {
		const char *q = memchr(v.s + 1, '"', v.n - 1);
		struct span rest;

		if (!q) {
			config_report_add(p->rep, p->tr, p->line,
					  N_("the quote is not closed: add \" at the end of the value"));
			return false;
		}
		rest = trim((struct span){ q + 1, v.n - (size_t)(q + 1 - v.s) });
		if (rest.n > 0 && rest.s[0] != '#') {
			config_report_add(p->rep, p->tr, p->line, N_("unexpected text after the closing quote"));
			return false;
		}
		*out = (struct span){ v.s + 1, (size_t)(q - v.s - 1) };
		return true;
	}
	for (size_t i = 1; i < raw.n; i++) {
		if (raw.s[i] == '#' && blank(raw.s[i - 1])) {
			raw.n = i;
			break;
		}
	}
	*out = trim(raw);
	return true;
}

static void setting_line(struct parser *p, struct span x)
{
	const char *eq = memchr(x.s, '=', x.n);
	struct span name, value;
	char shown[48];
	int k;

	if (!eq || eq == x.s) {
		config_report_add(p->rep, p->tr, p->line, N_("this line is not a setting: expected key = value"));
		return;
	}
	name = trim((struct span){ x.s, (size_t)(eq - x.s) });
	config_show(shown, sizeof shown, name.s, name.n);
	if (p->sec == SEC_UNKNOWN)
		return;
	if (p->sec == SEC_NONE) {
		for (size_t i = 0; i < NKEYS; i++) {
			if (span_is(name, keys[i].name)) {
				config_report_add(p->rep, p->tr, p->line,
						  N_("\"%s\" is outside any section; it belongs under [%s]"), shown,
						  keys[i].section);
				return;
			}
		}
		config_report_add(p->rep, p->tr, p->line,
				  N_("\"%s\" is outside any section; put it below its [section] header"), shown);
		return;
	}
	k = find_key(p->sec, name);
	if (k < 0 && config_lang_text_key(sections[p->sec], name.s, name.n)) {
		if (value_of(p, (struct span){ eq + 1, x.n - (size_t)(eq + 1 - x.s) }, &value))
			config_lang_text_set(p->cfg, name.s, name.n, value.s, value.n, p->line, p->tr, p->rep);
		return;
	}
	if (k < 0) {
		report_unknown_key(p, name);
		return;
	}
	if (p->seen[k]) {
		config_report_add(p->rep, p->tr, p->line, N_("%s is already set on line %d; remove one of the two"),
				  keys[k].name, p->seen[k]);
		return;
	}
	p->seen[k] = p->line;
	if (value_of(p, (struct span){ eq + 1, x.n - (size_t)(eq + 1 - x.s) }, &value))
		p->valid[k] = config_value_set(p->cfg, &keys[k], value.s, value.n, p->line, p->tr, p->rep);
}

static void parse_line(struct parser *p, struct span x)
{
	if (x.n > 0 && x.s[x.n - 1] == '\r')
		x.n--; /* edited on Windows */
	/* Checked before anything else, so no message quotes broken text. */
	if (!config_utf8_valid(x.s, x.n)) {
		config_report_add(p->rep, p->tr, p->line,
				  N_("this line is not valid UTF-8 text; save the file as UTF-8"));
		return;
	}
	x = trim(x);
	if (comment_or_empty(x))
		return;
	if (x.s[0] == '[')
		section_line(p, x);
	else
		setting_line(p, x);
}

/* A panel whose pixels are not square is almost always a typo or width and
 * height swapped, and would draw every millimetre-sized button distorted. */
static void check_panel_shape(struct parser *p)
{
	const struct config *c = p->cfg;
	double px, mm, r, swapped;
	char wmm[24], hmm[24];

	if (!p->valid[K_WIDTH_PX] || !p->valid[K_HEIGHT_PX] || !p->valid[K_WIDTH_MM] || !p->valid[K_HEIGHT_MM])
		return;
	px = (double)c->width_px / c->height_px;
	mm = c->width_mm / c->height_mm;
	r = px > mm ? px / mm : mm / px;
	if (r <= 1.10)
		return;
	swapped = px > 1 / mm ? px * mm : 1 / (px * mm);
	config_format_mm(wmm, sizeof wmm, c->width_mm);
	config_format_mm(hmm, sizeof hmm, c->height_mm);
	if (swapped <= 1.10)
		config_report_add(p->rep, p->tr, p->seen[K_HEIGHT_MM],
				  N_("the panel is %dx%d pixels but %sx%s mm; width_mm and height_mm look swapped"),
				  c->width_px, c->height_px, wmm, hmm);
	else
		config_report_add(p->rep, p->tr, p->seen[K_HEIGHT_MM],
				  N_("the panel is %dx%d pixels but %sx%s mm: the shapes differ by %d%%, so a size is probably mistyped"),
				  c->width_px, c->height_px, wmm, hmm, (int)((r - 1) * 100 + 0.5));
}

static void check_default_language(struct parser *p)
{
	struct config *c = p->cfg;
	char list[CONFIG_MAX_LANGS * CONFIG_LANG_LEN];
	size_t used = 0;

	if (!p->seen[K_DEFAULT_LANGUAGE]) {
		if (c->nlangs > 0)
			memcpy(c->default_lang, c->langs[0], sizeof c->default_lang);
		return;
	}
	/* Without a usable list there is nothing to compare with; that is reported already. */
	if (!p->valid[K_DEFAULT_LANGUAGE] || c->nlangs == 0 || config_lang_index(c, c->default_lang) >= 0)
		return;
	list[0] = '\0';
	for (int i = 0; i < c->nlangs; i++)
		used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? " " : "", c->langs[i]);
	config_report_add(p->rep, p->tr, p->seen[K_DEFAULT_LANGUAGE],
			  N_("default_language \"%s\" is not one of the languages (%s)"), c->default_lang, list);
}

/* A certificate without its key (or the reverse) cannot be presented: the
 * TLS handshake would fail at every upload, long after the technician left. */
static void check_client_identity(struct parser *p)
{
	const struct config *c = p->cfg;
	bool cert = c->server_client_cert[0] != '\0', key = c->server_client_key[0] != '\0';

	if (cert && !key)
		config_report_add(p->rep, p->tr, p->seen[K_CLIENT_CERT],
				  N_("client_cert is set but client_key is not: set both for a client certificate, "
				     "or neither"));
	else if (key && !cert)
		config_report_add(p->rep, p->tr, p->seen[K_CLIENT_KEY],
				  N_("client_key is set but client_cert is not: set both for a client certificate, "
				     "or neither"));
}

/* Problems are found in two passes (lines, then the whole file); put them
 * back in file order, with the whole-file ones (line 0) last. Stable. */
static void sort_report(struct config_report *rep)
{
	for (int i = 1; i < rep->count; i++) {
		struct config_problem x = rep->item[i];
		int key = x.line ? x.line : INT_MAX, j = i;

		while (j > 0 && (rep->item[j - 1].line ? rep->item[j - 1].line : INT_MAX) > key) {
			rep->item[j] = rep->item[j - 1];
			j--;
		}
		rep->item[j] = x;
	}
}

void config_defaults(struct config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->rotation = 0;
	cfg->idle_timeout_s = 60;
	cfg->idle_warning_s = 30;
	cfg->kiosk_number = 1;
	cfg->kiosks_in_office = 1;
	cfg->job_timeout_s = 60;
	cfg->heartbeat_s = 60;
	cfg->retention_days = 30;
	snprintf(cfg->paper, sizeof cfg->paper, "receipt80");
}

/* The office's phone number is shown inside sentences in every language:
 * its spaces become no-break spaces, so a line never breaks inside it, and
 * right-to-left text keeps its digit groups in order (Unicode's bidi rule
 * W4 joins digits around a no-break space into one number), and it starts
 * with a left-to-right mark so a leading "+" stays in front. */
static void keep_phone_together(struct parser *p)
{
	char *phone = p->cfg->booking_phone;
	char out[sizeof p->cfg->booking_phone];
	size_t o = 0;
	if (!phone[0])
		return;
	static const char lrm[] = "\xe2\x80\x8e", nbsp[] = "\xc2\xa0";
	memcpy(out, lrm, 3);
	o = 3;
	for (const char *c = phone; *c; c++) {
		const char *add = *c == ' ' ? nbsp : c;
		size_t n = *c == ' ' ? 2 : 1;
		if (o + n >= sizeof out) {
			config_report_add(p->rep, p->tr, p->seen[K_BOOKING_PHONE],
					  N_("[booking] phone is too long: at most %d digits and spaces"),
					  (int)(sizeof out / 2 - 2));
			return;
		}
		memcpy(out + o, add, n);
		o += n;
	}
	out[o] = '\0';
	memcpy(phone, out, o + 1);
}

enum kiosk_err config_parse(const char *text, size_t len, const struct i18n_catalog *tr, struct config *cfg,
			    struct config_report *rep)
{
	struct parser p = { .tr = tr, .cfg = cfg, .rep = rep, .sec = SEC_NONE };
	const char *end;

	if (!text) {
		text = "";
		len = 0;
	}
	end = text + len;
	config_defaults(cfg);
	memset(rep, 0, sizeof *rep);
	/* Notepad writes a byte order mark; it is not part of the first line. */
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		text += 3;
	while (text < end) {
		const char *nl = memchr(text, '\n', (size_t)(end - text));
		const char *eol = nl ? nl : end;

		p.line++;
		parse_line(&p, (struct span){ text, (size_t)(eol - text) });
		text = nl ? nl + 1 : end;
	}
	check_default_language(&p);
	config_lang_text_check(cfg, tr, rep);
	check_panel_shape(&p);
	for (size_t i = 0; i < NKEYS; i++)
		if (keys[i].required && !p.seen[i])
			config_report_add(rep, tr, 0, N_("[%s] %s is missing"), keys[i].section, keys[i].name);
	cfg->line_languages = p.seen[K_LANGUAGES];
	cfg->line_time_zone = p.seen[K_TIME_ZONE];
	cfg->line_data_dir = p.seen[K_DATA_DIR];
	cfg->line_services = p.seen[K_SERVICES];
	cfg->line_kiosk_number = p.seen[K_KIOSK_NUMBER];
	cfg->line_server_url = p.seen[K_SERVER_URL];
	check_client_identity(&p);
	keep_phone_together(&p);
	if (cfg->kiosk_number > cfg->kiosks_in_office)
		config_report_add(rep, tr, p.seen[K_KIOSK_NUMBER],
				  N_("kiosk_number %d is larger than kiosks_in_office (%d): give each kiosk in the office "
				     "its own number from 1 to kiosks_in_office"),
				  cfg->kiosk_number, cfg->kiosks_in_office);
	sort_report(rep);
	return rep->count || rep->dropped ? KIOSK_ERR_INVALID : KIOSK_OK;
}

int config_lang_index(const struct config *cfg, const char *lang)
{
	for (int i = 0; lang && i < cfg->nlangs; i++)
		if (strcmp(cfg->langs[i], lang) == 0)
			return i;
	return -1;
}

const struct config_key *config_key_find(const char *section, const char *name)
{
	for (int i = 0; i < NKEYS; i++) {
		if (strcmp(keys[i].section, section) == 0 && strcmp(keys[i].name, name) == 0)
			return &keys[i];
	}
	return NULL;
}
