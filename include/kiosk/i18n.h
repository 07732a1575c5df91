/*
 * Translations and language facts.
 *
 * A catalog is one gettext .po file parsed in memory: every language the site
 * offers is loaded at start-up, so switching language per visitor is a pointer
 * change and several languages can be shown on one screen (the attract screen).
 * Pure logic: no global state, no locale, no I/O except i18n_catalog_load.
 * Catalogs are immutable after loading and may be read from any thread.
 */
#ifndef KIOSK_I18N_H
#define KIOSK_I18N_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/error.h"

/* Marks a string for extraction by xgettext without translating it here. */
#define N_(s) (s)

struct i18n_catalog;

/* Where parsing stopped and why (line is 1-based, 0 when not applicable). */
struct i18n_diag {
	int line;
	char msg[200];
};

/* Parses .po text; on success *out owns a new catalog (free with i18n_catalog_destroy). */
enum kiosk_err i18n_catalog_parse(const char *text, size_t len, struct i18n_catalog **out,
				  struct i18n_diag *diag);
/* Reads and parses a .po file. */
enum kiosk_err i18n_catalog_load(const char *path, struct i18n_catalog **out, struct i18n_diag *diag);
/* NULL-safe. */
void i18n_catalog_destroy(struct i18n_catalog *cat);

/* The translation of msgid, or msgid itself when cat is NULL, the entry is missing,
 * untranslated or fuzzy. The result lives as long as cat (or msgid). */
const char *i18n_get(const struct i18n_catalog *cat, const char *msgid);
/* The same with a msgctxt. */
const char *i18n_pget(const struct i18n_catalog *cat, const char *msgctxt, const char *msgid);
/* Plural lookup using the catalog's Plural-Forms; English rule (n != 1) when untranslated. */
const char *i18n_nget(const struct i18n_catalog *cat, const char *msgid, const char *msgid_plural,
		      unsigned long n);
/* Number of translated entries (for diagnostics and tests). */
size_t i18n_catalog_count(const struct i18n_catalog *cat);
/* The value of a header field ("Language", "Plural-Forms"...), or NULL. */
const char *i18n_catalog_header(const struct i18n_catalog *cat, const char *field);

/* Facts about a language the kiosk knows how to present. */
struct i18n_lang {
	const char *code;     /* BCP 47 / gettext code: "da", "nb", "ar" */
	const char *endonym;  /* the language's name in itself: "Dansk", "العربية" */
	const char *english;  /* its English name, for technicians */
	bool rtl;             /* written right to left */
	const char *keyboard; /* on-screen keyboard layout name, see kbd.h */
};

/* The language with this code, or NULL when the kiosk does not know it. */
const struct i18n_lang *i18n_lang_find(const char *code);
/* All known languages, terminated by an entry whose code is NULL. */
const struct i18n_lang *i18n_lang_all(void);

#endif
