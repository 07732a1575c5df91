/*
 * DESIGN: config_value, the syntax and range of each site setting.
 *
 * What it is: the half of the config parser that knows what a value of each
 * kind (pixels, seconds, millimetres, language list, time zone, path, text)
 * must look like, stores an accepted value into struct config and explains a
 * rejected one in words a technician can act on.
 * What it is not: it knows nothing of lines, sections, duplicates or how keys
 * relate to each other (config.c does), and does no I/O: whether the time
 * zone or data directory exist is checked by the caller.
 * Threading: no state outside its arguments; callable from any thread.
 *
 * Numbers are parsed by hand rather than with strtol/strtod: those accept
 * hex, exponents, "inf" and leading junk a technician did not mean, and
 * strtod's decimal separator follows LC_NUMERIC, which a kiosk showing Danish
 * may well have set to a comma.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "config_private.h"
#include "kiosk/i18n.h"
#include "kiosk/utf8.h"

/* Longer values are shown cut in messages; long enough to recognise a value. */
#define SHOWN 48

bool config_utf8_valid(const char *s, size_t n)
{
	/* A NUL means a binary or UTF-16 file, never a setting. */
	return memchr(s, '\0', n) == NULL && utf8_valid(s, n);
}

void config_show(char *dst, size_t cap, const char *s, size_t n)
{
	static const char more[] = "...";

	if (cap == 0)
		return;
	if (n < cap) {
		memcpy(dst, s, n);
		dst[n] = '\0';
		return;
	}
	n = cap > sizeof more ? cap - sizeof more : 0;
	/* Back up over continuation bytes so a letter is never cut in half. */
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	memcpy(dst, s, n);
	memcpy(dst + n, more, n + sizeof more <= cap ? sizeof more : 1);
	dst[cap - 1] = '\0';
}

void config_format_mm(char *dst, size_t cap, double mm)
{
	long h = (long)(mm * 100.0 + 0.5); /* hundredths: more than a technician measures */

	if (h % 100 == 0)
		snprintf(dst, cap, "%ld", h / 100);
	else if (h % 10 == 0)
		snprintf(dst, cap, "%ld.%ld", h / 100, h % 100 / 10);
	else
		snprintf(dst, cap, "%ld.%02ld", h / 100, h % 100);
}

/* A whole number with an optional sign. Saturates far outside every range so
 * "99999999999" is reported as out of range instead of overflowing. */
static bool parse_int(const char *v, size_t n, long *out)
{
	size_t i = 0;
	bool neg = false;
	long x = 0;

	if (i < n && (v[i] == '+' || v[i] == '-'))
		neg = v[i++] == '-';
	if (i == n)
		return false;
	for (; i < n; i++) {
		if (v[i] < '0' || v[i] > '9')
			return false;
		x = x > 100000000 ? x : x * 10 + (v[i] - '0');
	}
	*out = neg ? -x : x;
	return true;
}

/* A positive decimal with a point: "217", "136.5". No sign, exponent or comma,
 * and digits on both sides of the point. */
static bool parse_decimal(const char *v, size_t n, double *out)
{
	double x = 0, scale = 1;
	bool point = false, digits = false;

	for (size_t i = 0; i < n; i++) {
		if (v[i] == '.' && !point && digits && i + 1 < n) {
			point = true; /* "217." or ".5" are more likely cut off than meant */
		} else if (v[i] >= '0' && v[i] <= '9') {
			digits = true;
			if (point) {
				scale /= 10;
				x += (v[i] - '0') * scale;
			} else {
				x = x * 10 + (v[i] - '0');
			}
		} else {
			return false;
		}
	}
	*out = x;
	return digits;
}

static bool set_text(char *field, const struct config_key *k, const char *v, size_t n, int line,
		     const struct i18n_catalog *tr, struct config_report *rep)
{
	/* Refuse rather than truncate: a cut name or path would be silently wrong. */
	if (n >= k->size) {
		config_report_add(rep, tr, line,
				  N_("%s is too long: %d bytes, at most %d fit (letters outside A-Z take 2 to 4 bytes each)"),
				  k->name, (int)n, (int)k->size - 1);
		return false;
	}
	memcpy(field, v, n);
	field[n] = '\0';
	return true;
}

static bool set_number(struct config *cfg, const struct config_key *k, const char *v, size_t n, int line,
		       const struct i18n_catalog *tr, struct config_report *rep)
{
	int *field = (int *)((char *)cfg + k->off);
	char shown[SHOWN];
	long x;
	bool ok = parse_int(v, n, &x);

	config_show(shown, sizeof shown, v, n);
	if (k->kind == CONFIG_ROTATION) {
		if (!ok || (x != 0 && x != 90 && x != 180 && x != 270)) {
			config_report_add(rep, tr, line, N_("rotation must be 0, 90, 180 or 270 degrees, not \"%s\""),
					  shown);
			return false;
		}
	} else if (!ok || x < k->min || x > k->max) {
		if (k->kind == CONFIG_PIXELS)
			config_report_add(rep, tr, line,
					  N_("%s must be a whole number of pixels from %d to %d, not \"%s\""), k->name,
					  k->min, k->max, shown);
		else if (k->kind == CONFIG_COUNT)
			config_report_add(rep, tr, line, N_("%s must be a whole number from %d to %d, not \"%s\""),
					  k->name, k->min, k->max, shown);
		else
			config_report_add(rep, tr, line,
					  N_("%s must be a whole number of seconds from %d to %d, not \"%s\""), k->name,
					  k->min, k->max, shown);
		return false;
	}
	*field = (int)x;
	return true;
}

static bool set_mm(struct config *cfg, const struct config_key *k, const char *v, size_t n, int line,
		   const struct i18n_catalog *tr, struct config_report *rep)
{
	double *field = (double *)((char *)cfg + k->off);
	char shown[SHOWN], fixed[SHOWN];
	const char *comma = memchr(v, ',', n);
	double x;

	if (parse_decimal(v, n, &x) && x >= k->min && x <= k->max) {
		*field = x;
		return true;
	}
	/* "217,5" is how a Danish technician writes it; say exactly what to type. */
	if (comma && n < sizeof fixed) {
		memcpy(fixed, v, n);
		fixed[n] = '\0';
		fixed[comma - v] = '.';
		if (parse_decimal(fixed, n, &x) && x >= k->min && x <= k->max) {
			config_report_add(rep, tr, line, N_("%s must use a decimal point, not a comma: write %s"),
					  k->name, fixed);
			return false;
		}
	}
	config_show(shown, sizeof shown, v, n);
	config_report_add(rep, tr, line, N_("%s must be a number of millimetres from %d to %d, not \"%s\""), k->name,
			  k->min, k->max, shown);
	return false;
}

/* Only the exact code: i18n_lang_find also takes "en-GB" or "nb_NO" for the
 * language before the region, but the kiosk loads catalogs and fonts by the
 * code stored here, so "en-GB" is reported with "en" as the suggestion. */
static bool lang_known(const char *code)
{
	const struct i18n_lang *l = i18n_lang_find(code);

	return l && strcmp(l->code, code) == 0;
}

/* A likely intended code for one the kiosk does not know: the same in lower
 * case, without its region ("en-GB", "nb_NO"), or the country code people
 * confuse with the language ("dk" for Danish, "ua" for Ukrainian). */
static const char *lang_hint(const char *code, char *buf, size_t cap)
{
	static const char *const country[][2] = {
		{ "dk", "da" }, { "no", "nb" }, { "se", "sv" }, { "ua", "uk" }, { "gb", "en" }, { "us", "en" },
		{ "gr", "el" }, { "cz", "cs" }, { "ir", "fa" }, { "pk", "ur" }, { "al", "sq" }, { "er", "ti" },
		{ "ee", "et" }, { "si", "sl" }, { "jp", "ja" }, { "cn", "zh" }, { "kr", "ko" }, { "br", "pt" },
	};
	size_t i;

	for (i = 0; code[i] && i + 1 < cap; i++)
		buf[i] = (char)(code[i] >= 'A' && code[i] <= 'Z' ? code[i] - 'A' + 'a' : code[i]);
	buf[i] = '\0';
	buf[strcspn(buf, "-_")] = '\0';
	if (strcmp(buf, code) != 0 && lang_known(buf))
		return buf;
	for (i = 0; i < sizeof country / sizeof country[0]; i++)
		if (strcmp(buf, country[i][0]) == 0 && lang_known(country[i][1]))
			return country[i][1];
	return NULL;
}

static void report_unknown_lang(const char *code, int line, const struct i18n_catalog *tr,
				struct config_report *rep)
{
	char buf[CONFIG_LANG_LEN], known[120];
	const char *hint = lang_hint(code, buf, sizeof buf);
	size_t used = 0;

	if (hint) {
		config_report_add(rep, tr, line, N_("unknown language code \"%s\"; did you mean \"%s\"?"), code, hint);
		return;
	}
	known[0] = '\0';
	for (const struct i18n_lang *l = i18n_lang_all(); l && l->code; l++) {
		size_t len = strlen(l->code);

		if (used + len + 6 >= sizeof known) {
			memcpy(known + used, " ...", 5);
			break;
		}
		used += (size_t)snprintf(known + used, sizeof known - used, "%s%s", used ? " " : "", l->code);
	}
	config_report_add(rep, tr, line, N_("unknown language code \"%s\"; the kiosk knows %s"), code, known);
}

static bool set_langs(struct config *cfg, const char *v, size_t n, int line, const struct i18n_catalog *tr,
		      struct config_report *rep)
{
	static const char sep[] = " \t,";
	int listed = 0;
	bool ok = true;
	size_t i = 0;

	cfg->nlangs = 0;
	while (i < n) {
		char code[SHOWN];
		size_t len = 0;

		while (i < n && strchr(sep, v[i]))
			i++;
		while (i + len < n && !strchr(sep, v[i + len]))
			len++;
		if (len == 0)
			break;
		config_show(code, sizeof code, v + i, len);
		i += len;
		listed++;
		if (len >= CONFIG_LANG_LEN || !lang_known(code)) {
			report_unknown_lang(code, line, tr, rep);
			ok = false;
		} else if (config_lang_index(cfg, code) >= 0) {
			config_report_add(rep, tr, line, N_("language \"%s\" is listed twice"), code);
			ok = false;
		} else if (cfg->nlangs < CONFIG_MAX_LANGS) {
			memcpy(cfg->langs[cfg->nlangs++], code, len + 1);
		}
	}
	if (listed == 0) {
		config_report_add(rep, tr, line, N_("%s is empty; it is required"), "languages");
		return false;
	}
	if (listed > CONFIG_MAX_LANGS) {
		config_report_add(rep, tr, line, N_("too many languages: %d listed, at most %d fit on the screen"),
				  listed, CONFIG_MAX_LANGS);
		ok = false;
	}
	return ok;
}

/* Area/Location as in the tz database ("Europe/Copenhagen", "America/Argentina/Salta",
 * "Etc/GMT+1"): parts start with a letter and use letters, digits and _+-.
 * This also keeps ".." and leading "/" out of the path the caller opens. */
static bool time_zone_ok(const char *v, size_t n)
{
	bool start = true;
	int parts = 1;

	for (size_t i = 0; i < n; i++) {
		char c = v[i];
		bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');

		if (c == '/') {
			if (start)
				return false;
			start = true;
			parts++;
		} else if (start) {
			if (!letter)
				return false;
			start = false;
		} else if (!letter && !(c >= '0' && c <= '9') && !strchr("_+-", c)) {
			return false;
		}
	}
	return parts >= 2 && !start;
}

/* An http(s) URL with a host and nothing a QR reader or curl would choke on.
 * fields: {number} and {day} may stand in braces (filled in per ticket). */
static bool url_ok(const char *v, size_t n, bool fields)
{
	size_t skip;
	if (n > 8 && memcmp(v, "https://", 8) == 0)
		skip = 8;
	else if (n > 7 && memcmp(v, "http://", 7) == 0)
		skip = 7;
	else
		return false;
	if (v[skip] == '/' || v[skip] == ':' || v[skip] == '?' || v[skip] == '#')
		return false; /* no host */
	for (size_t i = skip; i < n; i++) {
		unsigned char c = (unsigned char)v[i];
		if (c <= ' ' || c == 0x7f || c == '"' || c == '<' || c == '>' || c == '\\')
			return false;
		if (c == '{' || c == '}') {
			if (!fields || c == '}')
				return false;
			if (n - i >= 8 && memcmp(v + i, "{number}", 8) == 0)
				i += 7;
			else if (n - i >= 5 && memcmp(v + i, "{day}", 5) == 0)
				i += 4;
			else
				return false;
		}
	}
	return true;
}

bool config_value_set(struct config *cfg, const struct config_key *k, const char *v, size_t n, int line,
		      const struct i18n_catalog *tr, struct config_report *rep)
{
	char *field = (char *)cfg + k->off;
	char shown[SHOWN];

	if (n == 0 && !k->empty_ok) {
		if (k->required)
			config_report_add(rep, tr, line, N_("%s is empty; it is required"), k->name);
		else
			config_report_add(rep, tr, line,
					  N_("%s is empty; give a value or remove the line to use the default"), k->name);
		return false;
	}
	config_show(shown, sizeof shown, v, n);
	switch (k->kind) {
	case CONFIG_TEXT:
		return set_text(field, k, v, n, line, tr, rep);
	case CONFIG_LANG:
		/* Whether it is one of the languages is known only after the whole file. */
		if (n >= CONFIG_LANG_LEN || !lang_known(shown)) {
			report_unknown_lang(shown, line, tr, rep);
			return false;
		}
		return set_text(field, k, v, n, line, tr, rep);
	case CONFIG_PIXELS:
	case CONFIG_SECONDS:
	case CONFIG_ROTATION:
	case CONFIG_COUNT:
		return set_number(cfg, k, v, n, line, tr, rep);
	case CONFIG_FILE:
		return set_text(field, k, v, n, line, tr, rep);
	case CONFIG_PAPER: {
		static const char *const papers[] = {"receipt80", "receipt58", "a4", "letter"};
		for (size_t i = 0; i < sizeof(papers) / sizeof(papers[0]); i++) {
			if (strlen(papers[i]) == n && memcmp(papers[i], v, n) == 0)
				return set_text(field, k, v, n, line, tr, rep);
		}
		config_report_add(rep, tr, line, N_("paper must be receipt80, receipt58, a4 or letter, not \"%s\""),
				  shown);
		return false;
	}
	case CONFIG_MM:
		return set_mm(cfg, k, v, n, line, tr, rep);
	case CONFIG_LANGS:
		return set_langs(cfg, v, n, line, tr, rep);
	case CONFIG_TIME_ZONE:
		if (!time_zone_ok(v, n)) {
			config_report_add(rep, tr, line,
					  N_("time_zone must be a zone name like Europe/Copenhagen, not \"%s\""), shown);
			return false;
		}
		return set_text(field, k, v, n, line, tr, rep);
	case CONFIG_URL:
	case CONFIG_LINK:
		if (n == 0 && k->kind == CONFIG_URL) {
			field[0] = '\0'; /* [server] url = (empty): no server, like no line at all */
			return true;
		}
		if (!url_ok(v, n, k->kind == CONFIG_LINK)) {
			if (k->kind == CONFIG_LINK)
				config_report_add(rep, tr, line,
						  N_("%s must be a web address starting with https:// or http://, "
						     "without spaces, where only {number} and {day} may stand in braces, "
						     "not \"%s\""),
						  k->name, shown);
			else
				config_report_add(rep, tr, line,
						  N_("%s must be a web address starting with https:// or http://, "
						     "without spaces, not \"%s\""),
						  k->name, shown);
			return false;
		}
		return set_text(field, k, v, n, line, tr, rep);
	case CONFIG_PATH:
		if (v[0] != '/') {
			config_report_add(rep, tr, line, N_("%s must be an absolute path starting with /, not \"%s\""),
					  k->name, shown);
			return false;
		}
		return set_text(field, k, v, n, line, tr, rep);
	}
	return false;
}
