/*
 * DESIGN: i18n_plural, the Plural-Forms rule of a catalog header compiled to a small postfix program.
 *
 * What it is: a recursive-descent parser over gettext's plural grammar (?:, || && == != <= >= < > + - * / %,
 * !, parentheses, n and decimal numbers) that emits postfix ops into a fixed array, and a stack evaluator
 * for them. Compiling happens once per catalog at load; evaluating happens on every plural lookup.
 * What it is not: no .po reading, no catalog and no lookup (i18n.c does those); no allocation, no I/O.
 * Threading: no state outside the arguments. A compiled rule lives inside its catalog, which is
 * immutable after loading, so any thread may evaluate it.
 */
#include <assert.h>
#include <stdbool.h>
#include <string.h>

#include "i18n_private.h"

#define MAX_DEPTH 256 /* recursion bound against "((((...": 8 frames per parenthesis */

enum opcode { OP_N, OP_NUM, OP_NOT, OP_SELECT, OP_OR, OP_AND, OP_EQ, OP_NE, OP_LE, OP_GE, OP_LT, OP_GT, OP_ADD,
	  OP_SUB, OP_MUL, OP_DIV, OP_MOD };

struct pc {
	const char *s; /* NUL-terminated header value */
	struct i18n_plural *pl;
	int depth;
	bool bad;
};

static const struct {
	const char *tok;
	int level;
	unsigned char op;
} binops[] = {
	/* Two-character operators first, so "<=" is not read as "<" then "=". */
	{ "||", 1, OP_OR }, { "&&", 2, OP_AND }, { "==", 3, OP_EQ }, { "!=", 3, OP_NE }, { "<=", 4, OP_LE },
	{ ">=", 4, OP_GE }, { "<", 4, OP_LT },   { ">", 4, OP_GT },   { "+", 5, OP_ADD }, { "-", 5, OP_SUB },
	{ "*", 6, OP_MUL },  { "/", 6, OP_DIV },  { "%", 6, OP_MOD },
};

static bool pc_eat(struct pc *c, const char *tok)
{
	size_t n = strlen(tok);

	while (*c->s == ' ' || *c->s == '\t' || *c->s == '\r')
		c->s++;
	if (strncmp(c->s, tok, n) != 0)
		return false;
	c->s += n;
	return true;
}

/* The operator written at s, as an index into binops[], or -1. */
static int binop_at(const char *s)
{
	int i;

	for (i = 0; i < (int)(sizeof(binops) / sizeof(binops[0])); i++)
		if (strncmp(s, binops[i].tok, strlen(binops[i].tok)) == 0)
			return i;
	return -1;
}

static void emit(struct pc *c, int code, unsigned long num)
{
	if (c->pl->nops == I18N_PLURAL_MAX_OPS) {
		c->bad = true;
		return;
	}
	c->pl->ops[c->pl->nops++] = (struct i18n_plural_op){ (unsigned char)code, num };
}

/* Level 0 is "c ? a : b" (right-associative), 1-6 the binary levels of binops[], 7 the operands. */
static void pc_expr(struct pc *c, int level)
{
	unsigned long v = 0;
	int i;

	if (c->bad || ++c->depth > MAX_DEPTH) {
		c->bad = true;
		return;
	}
	if (level == 0) {
		pc_expr(c, 1);
		if (pc_eat(c, "?")) {
			pc_expr(c, 0);
			c->bad |= !pc_eat(c, ":");
			pc_expr(c, 0);
			emit(c, OP_SELECT, 0);
		}
	} else if (level < 7) {
		pc_expr(c, level + 1);
		/* Left-associative; an operator of a lower level is left for the caller's loop. */
		for (;;) {
			i = binop_at(c->s);
			if (c->bad || i < 0 || binops[i].level != level)
				break;
			c->s += strlen(binops[i].tok);
			pc_expr(c, level + 1);
			emit(c, binops[i].op, 0);
		}
	} else if (pc_eat(c, "!")) {
		pc_expr(c, 7);
		emit(c, OP_NOT, 0);
	} else if (pc_eat(c, "(")) {
		pc_expr(c, 0);
		c->bad |= !pc_eat(c, ")");
	} else if (pc_eat(c, "n")) {
		emit(c, OP_N, 0);
	} else if (*c->s >= '0' && *c->s <= '9') {
		for (; *c->s >= '0' && *c->s <= '9'; c->s++) {
			c->bad |= v > (~0ul - 9) / 10;
			v = v * 10 + (unsigned long)(*c->s - '0');
		}
		emit(c, OP_NUM, v);
	} else {
		c->bad = true;
	}
	/* Operands end with the spaces after them skipped, so binary levels can match at c->s. */
	pc_eat(c, "");
	c->depth--;
}

/* "nplurals=N; plural=EXPR;" with the last ';' optional, as msgfmt allows. */
bool i18n_plural_compile(struct i18n_plural *pl, const char *s)
{
	struct pc c = { s, pl, 0, false };

	pl->nops = 0;
	if (!pc_eat(&c, "nplurals") || !pc_eat(&c, "="))
		return false;
	pc_expr(&c, 7);
	if (c.bad || pl->nops != 1 || pl->ops[0].code != OP_NUM || pl->ops[0].num < 1 ||
	    pl->ops[0].num > I18N_PLURAL_MAX_FORMS)
		return false;
	pl->nplurals = (int)pl->ops[0].num;
	pl->nops = 0;
	if (!pc_eat(&c, ";") || !pc_eat(&c, "plural") || !pc_eat(&c, "="))
		return false;
	pc_expr(&c, 0);
	pc_eat(&c, ";");
	return !c.bad && !*c.s;
}

unsigned long i18n_plural_eval(const struct i18n_plural *pl, unsigned long n)
{
	unsigned long st[I18N_PLURAL_MAX_OPS], a, b;
	int sp = 0, i;

	/* Unsigned like GNU gettext: wraparound is defined, so no rule can trigger undefined behaviour. */
	for (i = 0; i < pl->nops; i++) {
		const struct i18n_plural_op *o = &pl->ops[i];

		if (o->code == OP_N || o->code == OP_NUM) {
			st[sp++] = o->code == OP_N ? n : o->num;
			continue;
		}
		if (o->code == OP_NOT) {
			st[sp - 1] = !st[sp - 1];
			continue;
		}
		/* Both sides of ?:, && and || are evaluated: nothing has side effects, and it keeps ops flat. */
		b = st[--sp];
		a = st[sp - 1];
		switch (o->code) {
		case OP_SELECT: a = st[--sp - 1] ? a : b; break;
		case OP_OR: a = a || b; break;
		case OP_AND: a = a && b; break;
		case OP_EQ: a = a == b; break;
		case OP_NE: a = a != b; break;
		case OP_LE: a = a <= b; break;
		case OP_GE: a = a >= b; break;
		case OP_LT: a = a < b; break;
		case OP_GT: a = a > b; break;
		case OP_ADD: a = a + b; break;
		case OP_SUB: a = a - b; break;
		case OP_MUL: a = a * b; break;
		/* A broken rule must not take the kiosk down in front of a visitor: x/0 and x%0 give 0. */
		case OP_DIV: a = b ? a / b : 0; break;
		case OP_MOD: a = b ? a % b : 0; break;
		}
		st[sp - 1] = a;
	}
	assert(sp == 1); /* the compiler only emits complete expressions */
	return st[0];
}
