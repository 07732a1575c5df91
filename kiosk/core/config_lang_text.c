/*
 * DESIGN: config_lang_text, site texts given per language.
 *
 * What it is: the part of the site file a visitor reads inside a sentence
 * of their own language: where staff can be found, `help_desk`. One value
 * would put "the reception desk" into a Danish or Arabic sentence, so a site
 * may give it per language as `help_desk.<code>`; a language without its own
 * uses `help_desk`, as a service's name falls back to the default language.
 * Each value has the checks of `help_desk` itself (length, UTF-8), each
 * code those of a language code, and a text per language needs `help_desk`
 * to fall back to; every problem names its line.
 * What it is not: lines, sections, quoting (config.c) or the value checks
 * (config_value.c), both reused here.
 * Threading: no state outside the arguments; any thread.
 */
#include <stdio.h>
#include <string.h>

#include "config_private.h"
#include "kiosk/i18n.h"

static const char prefix[] = "help_desk.";
#define PREFIX (sizeof prefix - 1)

bool config_lang_text_key(const char *section, const char *name, size_t n)
{
	return strcmp(section, "site") == 0 && n > PREFIX && memcmp(name, prefix, PREFIX) == 0;
}

bool config_lang_text_set(struct config *cfg, const char *name, size_t n, const char *v, size_t vn, int line,
			  const struct i18n_catalog *tr, struct config_report *rep)
{
	char key[PREFIX + 2 * CONFIG_LANG_LEN];
	config_show(key, sizeof key, name, n);
	const char *lang = name + PREFIX;
	size_t ln = n - PREFIX;
	for (int i = 0; i < cfg->nhelp_desk_in; i++) {
		if (strlen(cfg->help_desk_in[i].lang) == ln && memcmp(cfg->help_desk_in[i].lang, lang, ln) == 0) {
			config_report_add(rep, tr, line, N_("%s is already set on line %d; remove one of the two"), key,
					  cfg->help_desk_in[i].line);
			return false;
		}
	}
	if (cfg->nhelp_desk_in == CONFIG_MAX_LANGS) {
		config_report_add(rep, tr, line, N_("help_desk is given in more than %d languages"), CONFIG_MAX_LANGS);
		return false;
	}
	struct config_lang_text *t = &cfg->help_desk_in[cfg->nhelp_desk_in];
	/* The code has the checks of default_language (a code the kiosk knows,
	 * "dk" suggests "da"), the text those of help_desk under this line's name. */
	struct config_key code = {"site", key, CONFIG_LANG, false, false,
				  (size_t)((char *)t->lang - (char *)cfg), sizeof t->lang, 0, 0};
	struct config_key text = {"site", key, CONFIG_TEXT, false, false,
				  (size_t)((char *)t->text - (char *)cfg), sizeof t->text, 0, 0};
	bool ok = config_value_set(cfg, &code, lang, ln, line, tr, rep);
	ok = config_value_set(cfg, &text, v, vn, line, tr, rep) && ok;
	if (!ok)
		return false;
	t->line = line;
	cfg->nhelp_desk_in++;
	return true;
}

/* A text in a language the site does not show is not a mistake, as in the
 * services file: it waits there for the language to be added again. */
void config_lang_text_check(const struct config *cfg, const struct i18n_catalog *tr, struct config_report *rep)
{
	if (cfg->nhelp_desk_in > 0 && !cfg->help_desk[0])
		config_report_add(rep, tr, cfg->help_desk_in[0].line,
				  N_("help_desk.%s is set but help_desk is not: give help_desk too, for the languages "
				     "without their own"),
				  cfg->help_desk_in[0].lang);
}

const char *config_help_desk(const struct config *cfg, const char *lang)
{
	for (int i = 0; lang && i < cfg->nhelp_desk_in; i++) {
		if (strcmp(cfg->help_desk_in[i].lang, lang) == 0)
			return cfg->help_desk_in[i].text;
	}
	return cfg->help_desk;
}
