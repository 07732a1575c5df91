/*
 * DESIGN: i18n_lang, the languages the kiosk knows how to present.
 *
 * What it is: one const table of language facts (endonym, English name, direction, keyboard layout)
 * and lookup by gettext/BCP 47 code.
 * What it is not: no translations (the catalogs in i18n.c hold those) and no notion of which languages
 * a site offers (the site configuration says that).
 * Threading: const data and no state; any thread may call it.
 */
#include <stddef.h>
#include <string.h>

#include "kiosk/i18n.h"

/* Keyboards: a language's own layout where one exists or is planned; other Latin scripts use English
 * QWERTY, Persian and Urdu the Arabic layout. Tigrinya gets English too: Ge'ez script needs a syllable
 * picker rather than a key grid, and none is planned. */
static const struct i18n_lang langs[] = {
	{ "da", "Dansk", "Danish", false, "da" },
	{ "nb", "Norsk bokmål", "Norwegian Bokmål", false, "nb" },
	{ "nn", "Norsk nynorsk", "Norwegian Nynorsk", false, "nb" },
	{ "sv", "Svenska", "Swedish", false, "sv" },
	{ "it", "Italiano", "Italian", false, "it" },
	{ "fr", "Français", "French", false, "fr" },
	{ "en", "English", "English", false, "en" },
	{ "de", "Deutsch", "German", false, "en" },
	{ "ar", "العربية", "Arabic", true, "ar" },
	{ "uk", "Українська", "Ukrainian", false, "uk" },
	{ "pl", "Polski", "Polish", false, "en" },
	{ "tr", "Türkçe", "Turkish", false, "en" },
	{ "ro", "Română", "Romanian", false, "en" },
	{ "so", "Soomaali", "Somali", false, "en" },
	{ "fa", "فارسی", "Persian", true, "ar" },
	{ "ur", "اردو", "Urdu", true, "ar" },
	{ "lt", "Lietuvių", "Lithuanian", false, "en" },
	{ "sq", "Shqip", "Albanian", false, "en" },
	{ "pt", "Português", "Portuguese", false, "en" },
	{ "es", "Español", "Spanish", false, "en" },
	{ "ti", "ትግርኛ", "Tigrinya", false, "en" },
	{ NULL, NULL, NULL, false, NULL },
};

const struct i18n_lang *i18n_lang_find(const char *code)
{
	const struct i18n_lang *l;
	size_t n;

	if (!code)
		return NULL;
	/* PO headers and locales say "nb_NO", "pt-BR" or "sr@latin": the language is the part before. */
	n = strcspn(code, "_-.@");
	for (l = langs; l->code; l++)
		if (strlen(l->code) == n && memcmp(l->code, code, n) == 0)
			return l;
	return NULL;
}

const struct i18n_lang *i18n_lang_all(void)
{
	return langs;
}
