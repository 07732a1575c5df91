/*
 * Shared only by i18n.c (the .po reader, which stores a compiled rule in each catalog) and
 * i18n_plural.c (which compiles and evaluates it). Not a public API.
 */
#ifndef KIOSK_I18N_PRIVATE_H
#define KIOSK_I18N_PRIVATE_H

#include <stdbool.h>

/* Most plural forms a rule may declare: CLDR's largest count (Arabic, Welsh). */
#define I18N_PLURAL_MAX_FORMS 6
/* Most ops in a compiled rule: real rules need under 40; the cap keeps the program inside the catalog. */
#define I18N_PLURAL_MAX_OPS 64

/* One postfix instruction; code is private to i18n_plural.c, num the operand of a number. */
struct i18n_plural_op {
	unsigned char code;
	unsigned long num;
};

/* A compiled Plural-Forms rule: evaluating it needs no text, no allocation and no recursion. */
struct i18n_plural {
	int nplurals;
	int nops;
	struct i18n_plural_op ops[I18N_PLURAL_MAX_OPS];
};

/* Compiles "nplurals=N; plural=EXPR;" into pl; false when malformed (pl is then unusable). */
bool i18n_plural_compile(struct i18n_plural *pl, const char *s);
/* The form index the rule gives for n (unchecked against nplurals: the caller clamps). */
unsigned long i18n_plural_eval(const struct i18n_plural *pl, unsigned long n);

#endif
