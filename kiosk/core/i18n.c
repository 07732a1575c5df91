/*
 * DESIGN: i18n, gettext .po catalogs parsed into one immutable memory block each.
 *
 * What it is: a strict reader for the PO syntax msgfmt accepts (comments, "#," flags, msgctxt, msgid, msgid_plural,
 * msgstr, msgstr[N], continuation strings, C escapes), a header reader, and lookup by the gettext key ctxt "\004"
 * msgid with bsearch over a sorted array. A loaded catalog is a single allocation (struct, sorted entries, header,
 * strings), so i18n_catalog_destroy is one free().
 * What it is not: libintl. No .mo files, no locale, no charset conversion (UTF-8 only), no "current language" global:
 * callers hold one catalog pointer per language. Plural-Forms rules are i18n_plural.c, the language table i18n_lang.c.
 * Threading: parsing touches only its own memory; catalogs are immutable after loading, so any thread may read them.
 */
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n_private.h"
#include "kiosk/i18n.h"
#include "kiosk/utf8.h"

#define MAX_TEXT (64u << 20) /* a catalog is ~100 KiB; this only stops absurd inputs */
#define MAX_FILE (8u << 20)

struct msg {
	const char *key; /* ctxt "\004" msgid, or msgid */
	const char *str; /* msgstr, or msgstr[0] "\0" msgstr[1] ... */
	int line;        /* where the entry starts, for errors found after it was read */
	uint16_t nforms;
	bool plural;     /* had msgid_plural, so nforms must equal nplurals */
	bool translated; /* not fuzzy and no empty form: only these are kept */
};

struct i18n_catalog {
	size_t count;
	const struct msg *msgs; /* sorted by key */
	const char *header;     /* "Field: value" lines, each NUL-terminated, then an empty one */
	struct i18n_plural plural;
};

enum field { F_NONE, F_CTXT, F_TEXT, F_STR };

struct cur {
	int line, nstr;
	bool fuzzy, has_ctxt, has_id, has_plural, any_empty;
	const char *key, *str;
};

struct parser {
	struct i18n_diag *diag;
	int line;
	/* Decoded strings never outgrow the text (every string costs a keyword or two quotes), so one
	 * allocation of the text's size never moves and entries can point into it while parsing. */
	char *pool;
	size_t plen, pcap;
	struct msg *ents;
	size_t nents, cap;
	struct cur cur;      /* the entry being read */
	enum field field;    /* the string continuation lines extend */
	size_t field_off;
	int field_line;
	const char *header;
	int header_line;
};

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static enum kiosk_err fail(struct parser *p, enum kiosk_err err, int line, const char *fmt, ...)
{
	va_list ap;

	p->diag->line = line;
	va_start(ap, fmt);
	vsnprintf(p->diag->msg, sizeof(p->diag->msg), fmt, ap);
	va_end(ap);
	return err;
}

static void put(struct parser *p, char c)
{
	assert(p->plen < p->pcap);
	p->pool[p->plen++] = c;
}

static int ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Header names and charsets are ASCII and case-insensitive; locale-free on purpose. */
static bool ascii_ieq(const char *a, size_t an, const char *b)
{
	size_t i;

	for (i = 0; i < an && b[i]; i++)
		if (ascii_lower(a[i]) != ascii_lower(b[i]))
			return false;
	return i == an && !b[i];
}

static const char *header_find(const char *h, const char *field)
{
	const char *colon;

	for (; *h; h += strlen(h) + 1) {
		colon = strchr(h, ':');
		if (colon && ascii_ieq(h, (size_t)(colon - h), field)) {
			for (colon++; *colon == ' ' || *colon == '\t'; colon++)
				;
			return colon;
		}
	}
	return NULL;
}

static enum kiosk_err finish_entry(struct parser *p)
{
	struct cur *c = &p->cur;
	struct msg *grown;

	if (c->nstr == 0)
		return KIOSK_OK;
	if (!c->has_ctxt && !*c->key) {
		/* The header describes the whole file, so it is used even when fuzzy (msginit writes it so). */
		if (p->header)
			return fail(p, KIOSK_ERR_PARSE, c->line, "duplicate header entry (also at line %d)",
				    p->header_line);
		p->header = c->str;
		p->header_line = c->line;
	} else {
		if (p->nents == p->cap) {
			p->cap = p->cap ? p->cap * 2 : 64;
			grown = realloc(p->ents, p->cap * sizeof(*grown));
			if (!grown)
				return fail(p, KIOSK_ERR_NOMEM, c->line, "out of memory");
			p->ents = grown;
		}
		p->ents[p->nents++] = (struct msg){ c->key, c->str, c->line, (uint16_t)c->nstr, c->has_plural,
						    !c->fuzzy && !c->any_empty };
	}
	memset(c, 0, sizeof(*c));
	return KIOSK_OK;
}

/* Ends the string being extended; a context ends in \004 so the msgid that must follow completes the key. */
static enum kiosk_err close_field(struct parser *p)
{
	size_t n = p->plen - p->field_off;

	if (p->field == F_NONE)
		return KIOSK_OK;
	/* Raw lines were checked already; this catches bytes made by \ooo and \x escapes. */
	if (!utf8_valid(p->pool + p->field_off, n))
		return fail(p, KIOSK_ERR_PARSE, p->field_line, "invalid UTF-8 in string");
	put(p, p->field == F_CTXT ? '\004' : '\0');
	if (p->field == F_STR) {
		p->cur.nstr++;
		p->cur.any_empty |= n == 0;
	}
	p->field = F_NONE;
	return KIOSK_OK;
}

/* One or more "..." on a line, appended to the open field. */
static enum kiosk_err read_strings(struct parser *p, const char *s, const char *e)
{
	static const char from[] = "ntr\"\\'?abfv", to[] = "\n\t\r\"\\'?\a\b\f\v";
	const char *hit;
	unsigned v;
	int k;

	while (s < e && *s == '"') {
		for (s++;; put(p, (char)v)) {
			if (s == e || (*s == '\\' && s + 1 == e))
				return fail(p, KIOSK_ERR_PARSE, p->line, "unterminated string");
			v = (unsigned char)*s++;
			if (v == '"')
				break;
			if (v != '\\')
				continue;
			v = (unsigned char)*s++;
			if (v >= '0' && v <= '7') {
				for (v -= '0', k = 1; k < 3 && s < e && *s >= '0' && *s <= '7'; k++)
					v = v * 8 + (unsigned)(*s++ - '0');
			} else if (v == 'x') {
				for (v = 0, k = 0; k < 2 && s < e && isxdigit((unsigned char)*s); k++, s++)
					v = v * 16 + (unsigned)(*s <= '9' ? *s - '0' : ascii_lower(*s) - 'a' + 10);
				if (k == 0)
					return fail(p, KIOSK_ERR_PARSE, p->line, "\\x without hex digits");
			} else {
				hit = strchr(from, (int)v);
				if (!hit || !v)
					return fail(p, KIOSK_ERR_PARSE, p->line, "unknown escape sequence");
				v = (unsigned char)to[hit - from];
			}
			/* A NUL would silently cut the string short; above 255 is no byte at all. */
			if (v == 0 || v > 255)
				return fail(p, KIOSK_ERR_PARSE, p->line, "escape out of range (must be 1 to 255)");
		}
		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
	}
	if (s < e)
		return fail(p, KIOSK_ERR_PARSE, p->line, "unexpected text after string");
	return KIOSK_OK;
}

static enum kiosk_err read_comment(struct parser *p, const char *s, const char *e)
{
	enum kiosk_err err;
	const char *t;

	/* A comment after a complete entry belongs to the next one (its flags, its references). */
	err = finish_entry(p);
	if (err || e - s < 2 || s[1] != ',')
		return err;
	/* "#, c-format, fuzzy": "fuzzy" must be a whole flag of the comma-separated list. */
	for (t = s + 2; t + 5 <= e; t++)
		if (memcmp(t, "fuzzy", 5) == 0 && strchr(", \t", t[-1]) && (t + 5 == e || strchr(", \t", t[5])))
			p->cur.fuzzy = true;
	return KIOSK_OK;
}

#define IS(w, n, lit) ((n) == sizeof(lit) - 1 && memcmp((w), (lit), (n)) == 0)

static enum kiosk_err read_keyword(struct parser *p, const char *s, const char *e)
{
	struct cur *c = &p->cur;
	const char *w = s;
	size_t n;
	int idx = -1;
	enum kiosk_err err;

	while (s < e && ((*s >= 'a' && *s <= 'z') || *s == '_'))
		s++;
	n = (size_t)(s - w);
	if (IS(w, n, "msgstr") && s < e && *s == '[') {
		for (idx = 0, s++; s < e && *s >= '0' && *s <= '9' && idx < 100; s++)
			idx = idx * 10 + (*s - '0');
		if (s == e || *s++ != ']')
			return fail(p, KIOSK_ERR_PARSE, p->line, "malformed msgstr[N]");
	}
	if (IS(w, n, "msgctxt") || IS(w, n, "msgid")) {
		err = finish_entry(p);
		if (err)
			return err;
		if (c->has_id)
			return fail(p, KIOSK_ERR_PARSE, c->line, "msgid without msgstr");
		if (c->has_ctxt && n == 7)
			return fail(p, KIOSK_ERR_PARSE, p->line, "msgctxt twice in one entry");
		if (!c->has_ctxt) {
			c->key = p->pool + p->plen;
			c->line = p->line;
		}
		c->has_ctxt |= n == 7;
		c->has_id = n == 5;
		p->field = n == 7 ? F_CTXT : F_TEXT;
	} else if (IS(w, n, "msgid_plural")) {
		if (!c->has_id || c->has_plural || c->nstr > 0)
			return fail(p, KIOSK_ERR_PARSE, p->line, "msgid_plural must follow msgid");
		c->has_plural = true;
		p->field = F_TEXT;
	} else if (IS(w, n, "msgstr")) {
		if (!c->has_id)
			return fail(p, KIOSK_ERR_PARSE, p->line, "msgstr without msgid");
		if (idx < 0 && (c->has_plural || c->nstr > 0))
			return fail(p, KIOSK_ERR_PARSE, p->line, c->has_plural ? "plural entry needs msgstr[N]"
										: "msgstr twice in one entry");
		if (idx >= 0 && (!c->has_plural || idx != c->nstr || idx >= I18N_PLURAL_MAX_FORMS))
			return fail(p, KIOSK_ERR_PARSE, p->line, !c->has_plural ? "msgstr[N] without msgid_plural"
				    : idx >= I18N_PLURAL_MAX_FORMS ? "too many plural forms"
				    : "msgstr[N] out of order");
		if (c->nstr == 0)
			c->str = p->pool + p->plen;
		p->field = F_STR;
	} else {
		/* Quote at most 20 bytes of the word, without cutting a UTF-8 sequence. */
		for (n = 0; w + n < e && w[n] != ' ' && w[n] != '\t' && w[n] != '"'; n++)
			;
		if (n > 20)
			for (n = 20; (w[n] & 0xc0) == 0x80; n--)
				;
		return fail(p, KIOSK_ERR_PARSE, p->line, "unknown keyword \"%.*s\"", (int)n, w);
	}
	p->field_off = p->plen;
	p->field_line = p->line;
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	if (s == e || *s != '"')
		return fail(p, KIOSK_ERR_PARSE, p->line, "expected a string after the keyword");
	return read_strings(p, s, e);
}

static enum kiosk_err read_line(struct parser *p, const char *s, const char *e)
{
	enum kiosk_err err;

	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	/* Blank lines separate entries by convention only; msgfmt's grammar ignores them, and so do we. */
	if (s == e)
		return KIOSK_OK;
	if (*s == '"') {
		if (p->field == F_NONE)
			return fail(p, KIOSK_ERR_PARSE, p->line, "string without a keyword");
		return read_strings(p, s, e);
	}
	err = close_field(p);
	if (err)
		return err;
	return *s == '#' ? read_comment(p, s, e) : read_keyword(p, s, e);
}

static int msg_cmp(const void *a, const void *b)
{
	return strcmp(((const struct msg *)a)->key, ((const struct msg *)b)->key);
}

static size_t forms_len(const char *s, int nforms)
{
	size_t n = 0;

	while (nforms-- > 0)
		n += strlen(s + n) + 1;
	return n;
}

static enum kiosk_err check_header(struct parser *p, struct i18n_catalog *cat)
{
	const char *v = header_find(cat->header, "Content-Type");
	size_t n;

	v = v ? strstr(v, "charset=") : NULL;
	if (v) {
		v += 8;
		n = strcspn(v, "; \t");
		if (!ascii_ieq(v, n, "UTF-8") && !ascii_ieq(v, n, "UTF8"))
			return fail(p, KIOSK_ERR_INVALID, p->header_line, "unsupported charset \"%.*s\", only UTF-8",
				    (int)(n > 20 ? 20 : n), v);
	}
	v = header_find(cat->header, "Plural-Forms");
	if (v && !i18n_plural_compile(&cat->plural, v))
		return fail(p, KIOSK_ERR_PARSE, p->header_line, "malformed Plural-Forms in header");
	return KIOSK_OK;
}

/* Sorts, checks, and copies the translated entries into the catalog's single block. */
static enum kiosk_err build(struct parser *p, struct i18n_catalog **out)
{
	size_t i, count = 0, size = 0, hlen = p->header ? strlen(p->header) + 2 : 0;
	struct i18n_catalog *cat;
	struct msg *m, *msgs;
	enum kiosk_err err;
	char *pool;

	if (p->nents)
		qsort(p->ents, p->nents, sizeof(*p->ents), msg_cmp);
	for (i = 0, m = p->ents; i < p->nents; i++, m++) {
		if (i > 0 && strcmp(m[-1].key, m->key) == 0)
			return fail(p, KIOSK_ERR_PARSE, m->line > m[-1].line ? m->line : m[-1].line,
				    "duplicate msgid (also at line %d)", m->line > m[-1].line ? m[-1].line : m->line);
		count += m->translated;
		size += m->translated ? strlen(m->key) + 1 + forms_len(m->str, m->nforms) : 0;
	}
	cat = calloc(1, sizeof(*cat) + count * sizeof(*msgs) + hlen + size);
	if (!cat)
		return fail(p, KIOSK_ERR_NOMEM, 0, "out of memory");
	msgs = (struct msg *)(cat + 1);
	pool = (char *)(msgs + count);
	*cat = (struct i18n_catalog){ count, msgs, NULL };
	i18n_plural_compile(&cat->plural, "nplurals=2; plural=n != 1;"); /* gettext's default; cannot fail */
	if (p->header) {
		/* One "Field: value" per NUL-terminated line; calloc left the final empty line. */
		for (i = 0; i + 2 < hlen; i++)
			pool[i] = p->header[i] == '\n' ? '\0' : p->header[i];
		cat->header = pool;
		pool += hlen;
		err = check_header(p, cat);
		if (err)
			goto out_free;
	}
	for (i = 0, m = p->ents; i < p->nents; i++, m++) {
		if (!m->translated)
			continue;
		if (m->plural && m->nforms != cat->plural.nplurals) {
			err = fail(p, KIOSK_ERR_PARSE, m->line, "entry has %d plural forms, Plural-Forms expects %d",
				   m->nforms, cat->plural.nplurals);
			goto out_free;
		}
		*msgs = *m;
		msgs->key = memcpy(pool, m->key, strlen(m->key) + 1);
		pool += strlen(m->key) + 1;
		msgs->str = memcpy(pool, m->str, forms_len(m->str, m->nforms));
		pool += forms_len(m->str, m->nforms);
		msgs++;
	}
	*out = cat;
	return KIOSK_OK;
out_free:
	free(cat);
	return err;
}

enum kiosk_err i18n_catalog_parse(const char *text, size_t len, struct i18n_catalog **out, struct i18n_diag *diag)
{
	struct i18n_diag scratch;
	struct parser p = { diag ? diag : &scratch };
	const char *s = text ? text : "", *end = s + (text ? len : 0), *nl, *e;
	enum kiosk_err err = KIOSK_OK;

	*out = NULL;
	len = (size_t)(end - s);
	p.diag->line = 0;
	p.diag->msg[0] = '\0';
	if (len > MAX_TEXT)
		return fail(&p, KIOSK_ERR_FULL, 0, "catalog larger than %u bytes", MAX_TEXT);
	p.pcap = len + 1;
	p.pool = malloc(p.pcap);
	if (!p.pool)
		return fail(&p, KIOSK_ERR_NOMEM, 0, "out of memory");
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	for (; !err && s < end; s = nl ? nl + 1 : end) {
		nl = memchr(s, '\n', (size_t)(end - s));
		e = nl ? nl : end;
		p.line++;
		if (e > s && e[-1] == '\r')
			e--;
		if (memchr(s, '\0', (size_t)(e - s)))
			err = fail(&p, KIOSK_ERR_PARSE, p.line, "NUL byte in text");
		else if (!utf8_valid(s, (size_t)(e - s)))
			err = fail(&p, KIOSK_ERR_PARSE, p.line, "invalid UTF-8");
		else
			err = read_line(&p, s, e);
	}
	if (!err)
		err = close_field(&p);
	if (!err && p.cur.has_ctxt && !p.cur.has_id)
		err = fail(&p, KIOSK_ERR_PARSE, p.cur.line, "msgctxt without msgid");
	if (!err && p.cur.has_id && p.cur.nstr == 0)
		err = fail(&p, KIOSK_ERR_PARSE, p.cur.line, "msgid without msgstr");
	if (!err)
		err = finish_entry(&p);
	if (!err)
		err = build(&p, out);
	free(p.pool);
	free(p.ents);
	return err;
}

enum kiosk_err i18n_catalog_load(const char *path, struct i18n_catalog **out, struct i18n_diag *diag)
{
	struct i18n_diag scratch;
	struct parser p = { diag ? diag : &scratch };
	enum kiosk_err err = KIOSK_OK;
	size_t len = 0, cap = 0, n;
	char *buf = NULL, *grown;
	FILE *f = fopen(path, "rb");
	int e = errno;

	*out = NULL;
	p.diag->msg[0] = '\0';
	if (!f)
		return fail(&p, e == ENOENT ? KIOSK_ERR_NOT_FOUND : KIOSK_ERR_IO, 0, "cannot open file: %s",
			    strerror(e));
	/* Reading until EOF rather than trusting a size: a directory then fails here, with EISDIR. */
	do {
		if (len == cap) {
			cap = cap ? 2 * cap : 64 * 1024;
			grown = cap <= MAX_FILE ? realloc(buf, cap) : NULL;
			if (!grown) {
				err = cap > MAX_FILE ? fail(&p, KIOSK_ERR_FULL, 0, "file over %u bytes", MAX_FILE)
						     : fail(&p, KIOSK_ERR_NOMEM, 0, "out of memory");
				break;
			}
			buf = grown;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	if (!err && ferror(f))
		err = fail(&p, KIOSK_ERR_IO, 0, "cannot read file: %s", strerror(errno));
	fclose(f);
	if (!err)
		err = i18n_catalog_parse(buf, len, out, diag);
	free(buf);
	return err;
}

void i18n_catalog_destroy(struct i18n_catalog *cat)
{
	free(cat);
}

struct lookup {
	const char *ctxt, *id;
};

/* Compares ctxt "\004" id with a stored key without building the concatenation. */
static int lookup_cmp(const void *k, const void *m)
{
	const struct lookup *l = k;
	const char *key = ((const struct msg *)m)->key, *c = l->ctxt;

	if (c) {
		for (; *c && *c == *key; c++, key++)
			;
		if (*c)
			return (unsigned char)*c - (unsigned char)*key;
		if (*key != '\004')
			return 4 - (unsigned char)*key;
		key++;
	}
	return strcmp(l->id, key);
}

static const struct msg *find(const struct i18n_catalog *cat, const char *ctxt, const char *id)
{
	struct lookup l = { ctxt, id };

	if (!cat || !id || !cat->count)
		return NULL;
	return bsearch(&l, cat->msgs, cat->count, sizeof(*cat->msgs), lookup_cmp);
}

const char *i18n_get(const struct i18n_catalog *cat, const char *msgid)
{
	return i18n_pget(cat, NULL, msgid);
}

const char *i18n_pget(const struct i18n_catalog *cat, const char *msgctxt, const char *msgid)
{
	const struct msg *m = find(cat, msgctxt, msgid);

	return m ? m->str : msgid;
}

const char *i18n_nget(const struct i18n_catalog *cat, const char *msgid, const char *msgid_plural,
		      unsigned long n)
{
	const struct msg *m = find(cat, NULL, msgid);
	unsigned long form;
	const char *s;

	if (!m)
		return n == 1 ? msgid : msgid_plural;
	/* A rule that answers past the last form is a catalog bug (msgfmt --check reports it). The last form is the
	 * general "other/many" form for every language in the i18n_lang.c table, and keeps the visitor in the language
	 * and script direction they chose; English could be unreadable to them and would flip an RTL screen's text
	 * direction. GNU gettext picks form 0, usually the singular: worse for big n. */
	form = i18n_plural_eval(&cat->plural, n);
	if (form >= m->nforms)
		form = m->nforms - 1u;
	for (s = m->str; form > 0; form--)
		s += strlen(s) + 1;
	return s;
}

size_t i18n_catalog_count(const struct i18n_catalog *cat)
{
	return cat ? cat->count : 0;
}

const char *i18n_catalog_header(const struct i18n_catalog *cat, const char *field)
{
	return cat && cat->header && field ? header_find(cat->header, field) : NULL;
}
