/*
 * Shared only by config.c (lines, sections, keys, whole-file checks) and
 * config_value.c (the syntax and range of each value). Not a public API.
 */
#ifndef KIOSK_CONFIG_PRIVATE_H
#define KIOSK_CONFIG_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/config.h"

/* What a value must look like; each kind has its own messages. */
enum config_kind {
	CONFIG_TEXT,      /* free UTF-8 text up to the field's size */
	CONFIG_PIXELS,    /* whole number of pixels in [min, max] */
	CONFIG_SECONDS,   /* whole number of seconds in [min, max] */
	CONFIG_ROTATION,  /* 0, 90, 180 or 270 */
	CONFIG_MM,        /* positive decimal millimetres in [min, max] */
	CONFIG_LANGS,     /* list of known language codes */
	CONFIG_LANG,      /* one language code; checked against the list after the whole file */
	CONFIG_TIME_ZONE, /* Area/Location */
	CONFIG_PATH,      /* absolute path */
	CONFIG_FILE,      /* a file: absolute, or relative to the configuration file */
	CONFIG_COUNT,     /* whole number in [min, max] */
	CONFIG_PAPER,     /* receipt80, receipt58, a4 or letter */
	CONFIG_URL,       /* http:// or https:// and a host, no spaces */
	CONFIG_LINK,      /* a URL a visitor opens; may hold {number} and {day} */
};

struct config_key {
	const char *section;
	const char *name;
	enum config_kind kind;
	bool required;
	bool empty_ok;  /* an empty value is meaningful (help_desk: there is none) */
	size_t off;     /* where the value goes in struct config */
	size_t size;    /* the field's size in bytes, for text kinds */
	int min, max;   /* the accepted range, for numeric kinds */
};

/* Checks v[0..n) (unquoted, trimmed) for key and stores it in cfg; reports
 * every problem at line and returns false if there was any. */
bool config_value_set(struct config *cfg, const struct config_key *key, const char *v, size_t n, int line,
		      const struct i18n_catalog *tr, struct config_report *rep);

/* Texts per language (config_lang_text.c). Whether name[0..n) in section
 * is one ("help_desk.da"); storing its value v[0..vn) with the value checks
 * of its key and of a language code; and, after the whole file, that the
 * key itself is there to fall back to. */
bool config_lang_text_key(const char *section, const char *name, size_t n);
bool config_lang_text_set(struct config *cfg, const char *name, size_t n, const char *v, size_t vn, int line,
			  const struct i18n_catalog *tr, struct config_report *rep);
void config_lang_text_check(const struct config *cfg, const struct i18n_catalog *tr, struct config_report *rep);

/* Whether s[0..n) is well-formed UTF-8 without NUL bytes, overlongs or surrogates. */
/* The key of that section and name, or NULL: for other parsers of the same
 * settings (the central server's site data, core/site_payload.c). */
const struct config_key *config_key_find(const char *section, const char *name);

bool config_utf8_valid(const char *s, size_t n);

/* Copies s[0..n) into dst for quoting in a message, cut at a character
 * boundary with "..." when it does not fit: a message has 200 bytes. */
void config_show(char *dst, size_t cap, const char *s, size_t n);

/* Formats millimetres without printf's %g, whose decimal separator follows
 * LC_NUMERIC: "217", "136.5", "217.25". */
void config_format_mm(char *dst, size_t cap, double mm);

#endif
