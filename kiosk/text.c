/*
 * Text engine: SDL_ttf (with HarfBuzz) for shaping, FriBidi for direction.
 *
 * SDL_ttf 2.20 shapes a whole string in one direction and one script with
 * one font, so mixed text ("MitID" inside Arabic, digits in Hebrew-order
 * sentences) is cut into runs of equal bidi level, font and script; each run
 * is shaped on its own and the runs are laid out in visual order (UAX #9 L2).
 * Font files are mapped once and shared by every size; sized fonts are kept
 * in a small LRU cache, and widths in a direct-mapped cache, so redrawing a
 * screen costs no shaping.
 *
 * Threads: an engine belongs to the thread that made it (the UI thread has
 * one, the printer service another). SDL_ttf opens every face on one FreeType
 * library, whose face creation and destruction are not thread-safe, so those
 * calls (and TTF_Init) go through one process-wide lock; shaping, measuring
 * and rendering use only the engine's own faces and need none.
 */
#include "text.h"

#include <SDL2/SDL_ttf.h>
#include <fcntl.h>
#include <fribidi.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

enum { FACE_SANS, FACE_ARABIC, FACE_SYMBOLS, FACE_ETHIOPIC, NFACES };

static const char *const face_files[NFACES][2] = {
	{"NotoSans-Regular.ttf", "NotoSans-Bold.ttf"},
	{"NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"},
	{"NotoSansSymbols2-Regular.ttf", NULL},
	{"NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf"},
};
/* Without these two the kiosk cannot show its own languages. */
static const bool face_required[NFACES] = {true, true, false, false};

#define MAX_RUNS 64
#define MAX_CHARS 512
#define FONT_CACHE 40
#define WIDTH_CACHE 4096
#define METRICS_MAX_PX 512

struct mapped {
	void *data;
	size_t size;
};

struct sized_font {
	TTF_Font *font;
	int face, bold, px;
	unsigned long used;
};

struct width_entry {
	uint64_t key;
	int width;
};

struct run {
	int start, end; /* char indexes [start, end) in logical order */
	int level, face;
	const char *script;
};

struct text_engine {
	struct mapped file[NFACES][2];
	TTF_Font *probe[NFACES]; /* 16 px instances for glyph coverage questions */
	struct sized_font fonts[FONT_CACHE];
	unsigned long tick;
	struct width_entry widths[WIDTH_CACHE];
	/* Line ascent and descent by size, for LTR and RTL lines (0: not known yet):
	 * layout asks for them at many trial sizes, and a font per size is costly. */
	int16_t metrics[2][METRICS_MAX_PX][2];
	struct text_stats stats;
	struct ui_text_ops ops;
	/* scratch, reused for every call */
	FriBidiChar chars[MAX_CHARS];
	int offs[MAX_CHARS + 1];
	FriBidiCharType types[MAX_CHARS];
	FriBidiBracketType brackets[MAX_CHARS];
	FriBidiLevel levels[MAX_CHARS];
	int faces[MAX_CHARS];
	const char *scripts[MAX_CHARS];
	char buf[4 * MAX_CHARS + 1];
};

static bool map_file(const char *path, struct mapped *m)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	struct stat st;
	bool ok = fstat(fd, &st) == 0 && st.st_size > 0;
	if (ok) {
		m->data = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		ok = m->data != MAP_FAILED;
		m->size = ok ? (size_t)st.st_size : 0;
		if (!ok)
			m->data = NULL;
	}
	close(fd);
	return ok;
}

static bool find_font(const char *assets_dir, const char *name, struct mapped *m)
{
	char path[512];
	const char *dirs[] = {"fonts", "/usr/share/fonts/truetype/noto", "/usr/share/fonts/opentype/noto"};
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		if (dirs[i][0] == '/')
			snprintf(path, sizeof(path), "%s/%s", dirs[i], name);
		else
			snprintf(path, sizeof(path), "%s/%s/%s", assets_dir, dirs[i], name);
		if (map_file(path, m))
			return true;
	}
	return false;
}

/* The one lock FreeType needs around face creation and destruction: a lock,
 * not state, so it is the one file-scope variable here. */
static pthread_mutex_t faces_lock = PTHREAD_MUTEX_INITIALIZER;

static void close_font(TTF_Font *f)
{
	pthread_mutex_lock(&faces_lock);
	TTF_CloseFont(f);
	pthread_mutex_unlock(&faces_lock);
}

static TTF_Font *open_font(struct text_engine *te, int face, int bold, int px)
{
	const struct mapped *m = &te->file[face][bold];
	if (!m->data)
		m = &te->file[face][0];
	if (!m->data)
		return NULL;
	SDL_RWops *rw = SDL_RWFromConstMem(m->data, (int)m->size);
	pthread_mutex_lock(&faces_lock);
	TTF_Font *f = rw ? TTF_OpenFontRW(rw, 1, px) : NULL;
	pthread_mutex_unlock(&faces_lock);
	if (f)
		TTF_SetFontHinting(f, TTF_HINTING_LIGHT);
	return f;
}

struct text_engine *text_engine_create(const char *assets_dir, char *why, size_t why_len)
{
	pthread_mutex_lock(&faces_lock);
	bool ttf_ok = TTF_WasInit() || TTF_Init() == 0;
	pthread_mutex_unlock(&faces_lock);
	if (!ttf_ok) {
		snprintf(why, why_len, "SDL_ttf: %s", TTF_GetError());
		return NULL;
	}
	struct text_engine *te = calloc(1, sizeof(*te));
	if (!te) {
		snprintf(why, why_len, "out of memory");
		return NULL;
	}
	for (int f = 0; f < NFACES; f++) {
		for (int b = 0; b < 2; b++) {
			if (face_files[f][b] && !find_font(assets_dir, face_files[f][b], &te->file[f][b]) &&
			    face_required[f]) {
				snprintf(why, why_len,
					 "font %s not found in %s/fonts or /usr/share/fonts/truetype/noto "
					 "(Debian package fonts-noto-core)",
					 face_files[f][b], assets_dir);
				text_engine_destroy(te);
				return NULL;
			}
		}
	}
	te->ops.width = (int (*)(void *, const char *, size_t, int, enum draw_weight, enum draw_dir))
		text_engine_width;
	te->ops.line_height = (int (*)(void *, int, enum draw_dir))text_engine_line_height;
	te->ops.ctx = te;
	return te;
}

void text_engine_destroy(struct text_engine *te)
{
	if (!te)
		return;
	for (int i = 0; i < FONT_CACHE; i++) {
		if (te->fonts[i].font)
			close_font(te->fonts[i].font);
	}
	for (int f = 0; f < NFACES; f++) {
		if (te->probe[f])
			close_font(te->probe[f]);
		for (int b = 0; b < 2; b++) {
			if (te->file[f][b].data)
				munmap(te->file[f][b].data, te->file[f][b].size);
		}
	}
	free(te);
}

const struct ui_text_ops *text_engine_ops(struct text_engine *te)
{
	return &te->ops;
}

struct text_stats text_engine_stats(const struct text_engine *te)
{
	return te->stats;
}

static TTF_Font *sized(struct text_engine *te, int face, int bold, int px)
{
	int victim = 0;
	for (int i = 0; i < FONT_CACHE; i++) {
		struct sized_font *s = &te->fonts[i];
		if (s->font && s->face == face && s->bold == bold && s->px == px) {
			s->used = ++te->tick;
			return s->font;
		}
		if (!s->font || s->used < te->fonts[victim].used)
			victim = i;
		if (!s->font)
			break;
	}
	struct sized_font *s = &te->fonts[victim];
	if (s->font) {
		close_font(s->font);
		te->stats.fonts_open--;
	}
	s->font = open_font(te, face, bold, px);
	if (!s->font)
		return NULL;
	s->face = face;
	s->bold = bold;
	s->px = px;
	s->used = ++te->tick;
	te->stats.fonts_open++;
	return s->font;
}

static bool provides(struct text_engine *te, int face, FriBidiChar c)
{
	if (!te->file[face][0].data)
		return false;
	if (!te->probe[face])
		te->probe[face] = open_font(te, face, 0, 16);
	return te->probe[face] && TTF_GlyphIsProvided32(te->probe[face], c);
}

static const char *script_of(FriBidiChar c)
{
	if ((c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) || (c >= 0x08A0 && c <= 0x08FF) ||
	    (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF))
		return "Arab";
	if (c >= 0x0400 && c <= 0x052F)
		return "Cyrl";
	if (c >= 0x0370 && c <= 0x03FF)
		return "Grek";
	if (c >= 0x1200 && c <= 0x139F)
		return "Ethi";
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7))
		return "Latn";
	return NULL; /* common: takes its neighbours' script */
}

static int decode(struct text_engine *te, const char *s, size_t len)
{
	int n = 0;
	size_t i = 0;
	while (i < len && n < MAX_CHARS) {
		unsigned char b = (unsigned char)s[i];
		int extra = b < 0x80 ? 0 : b < 0xE0 ? 1 : b < 0xF0 ? 2 : 3;
		FriBidiChar c = extra == 0 ? b : extra == 1 ? (b & 0x1F) : extra == 2 ? (b & 0x0F) : (b & 0x07);
		if (i + (size_t)extra >= len + (extra ? 0 : 1) && extra)
			extra = (int)(len - i - 1);
		for (int k = 1; k <= extra; k++)
			c = (c << 6) | ((unsigned char)s[i + k] & 0x3F);
		te->offs[n] = (int)i;
		te->chars[n++] = c;
		i += (size_t)extra + 1;
	}
	te->offs[n] = (int)(i < len ? i : len);
	return n;
}

/* Splits text into runs of one level, font and script, in visual order.
 * count_missing: add characters no font has to the stats (only on the first,
 * measuring pass over a line, so each is counted once). */
static int runs_of(struct text_engine *te, int n, enum draw_dir dir, bool count_missing, struct run *runs)
{
	FriBidiParType base = dir == DRAW_DIR_RTL ? FRIBIDI_PAR_RTL : dir == DRAW_DIR_LTR ? FRIBIDI_PAR_LTR
											      : FRIBIDI_PAR_ON;
	fribidi_get_bidi_types(te->chars, n, te->types);
	fribidi_get_bracket_types(te->chars, n, te->types, te->brackets);
	if (!fribidi_get_par_embedding_levels_ex(te->types, te->brackets, n, &base, te->levels))
		memset(te->levels, 0, (size_t)n * sizeof(te->levels[0]));

	/* Fonts and scripts for characters that have their own; then common
	 * characters (spaces, digits, punctuation) join a neighbour's run. */
	for (int i = 0; i < n; i++) {
		te->scripts[i] = script_of(te->chars[i]);
		te->faces[i] = -1;
		/* ASCII spaces, digits and punctuation join a neighbour's font below;
		 * everything else must be found in some font. */
		if (te->scripts[i] || te->chars[i] >= 0x80) {
			for (int f = 0; f < NFACES; f++) {
				if (provides(te, f, te->chars[i])) {
					te->faces[i] = f;
					break;
				}
			}
			if (te->faces[i] < 0) {
				te->stats.missing_glyphs += count_missing;
				te->faces[i] = FACE_SANS;
			}
		}
	}
	for (int i = 0; i < n; i++) {
		if (te->faces[i] >= 0)
			continue;
		int prev = i > 0 ? te->faces[i - 1] : -1, next = -1;
		const char *next_script = NULL;
		for (int k = i + 1; k < n; k++) {
			if (te->faces[k] >= 0 && te->scripts[k]) {
				next = te->faces[k];
				next_script = te->scripts[k];
				break;
			}
		}
		int pick = prev >= 0 && provides(te, prev, te->chars[i]) ? prev
			   : next >= 0 && provides(te, next, te->chars[i]) ? next
									  : FACE_SANS;
		te->faces[i] = pick;
		te->scripts[i] = pick == prev && i > 0 ? te->scripts[i - 1] : next_script;
	}

	int count = 0;
	for (int i = 0; i < n;) {
		int j = i + 1;
		while (j < n && te->levels[j] == te->levels[i] && te->faces[j] == te->faces[i] &&
		       (te->scripts[j] == te->scripts[i] || !te->scripts[j] || !te->scripts[i]))
			j++;
		if (count == MAX_RUNS) {
			runs[count - 1].end = n;
			break;
		}
		const char *script = te->scripts[i];
		for (int k = i; k < j && !script; k++)
			script = te->scripts[k];
		runs[count++] = (struct run){i, j, te->levels[i], te->faces[i], script ? script : "Zyyy"};
		i = j;
	}

	/* UAX #9 rule L2: from the highest level down to the lowest odd one,
	 * reverse every sequence of runs at that level or above. */
	int max = 0, min_odd = 255;
	for (int i = 0; i < count; i++) {
		if (runs[i].level > max)
			max = runs[i].level;
		if ((runs[i].level & 1) && runs[i].level < min_odd)
			min_odd = runs[i].level;
	}
	for (int lvl = max; lvl >= min_odd && lvl > 0; lvl--) {
		for (int i = 0; i < count;) {
			if (runs[i].level < lvl) {
				i++;
				continue;
			}
			int j = i;
			while (j < count && runs[j].level >= lvl)
				j++;
			for (int a = i, b = j - 1; a < b; a++, b--) {
				struct run t = runs[a];
				runs[a] = runs[b];
				runs[b] = t;
			}
			i = j;
		}
	}
	return count;
}

static TTF_Font *run_font(struct text_engine *te, const struct run *r, enum draw_weight w, int px)
{
	TTF_Font *f = sized(te, r->face, w == DRAW_BOLD, px);
	if (!f)
		return NULL;
	TTF_SetFontDirection(f, (r->level & 1) ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
	TTF_SetFontScriptName(f, r->script);
	return f;
}

static const char *run_text(struct text_engine *te, const char *s, const struct run *r)
{
	int a = te->offs[r->start], b = te->offs[r->end];
	memcpy(te->buf, s + a, (size_t)(b - a));
	te->buf[b - a] = '\0';
	return te->buf;
}

static uint64_t hash(const char *s, size_t len, uint64_t seed)
{
	uint64_t h = 1469598103934665603ULL ^ seed;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h ? h : 1;
}

int text_engine_width(struct text_engine *te, const char *s, size_t len, int px, enum draw_weight w,
		      enum draw_dir dir)
{
	if (len == 0)
		return 0;
	/* A 64-bit hash of text and parameters; a collision would only misjudge one width. */
	uint64_t key = hash(s, len, ((uint64_t)px << 8) | ((uint64_t)w << 4) | dir);
	struct width_entry *e = &te->widths[key % WIDTH_CACHE];
	if (e->key == key) {
		te->stats.width_hits++;
		return e->width;
	}
	te->stats.width_misses++;
	struct run runs[MAX_RUNS];
	int n = decode(te, s, len);
	int count = runs_of(te, n, dir, true, runs);
	int total = 0;
	for (int i = 0; i < count; i++) {
		TTF_Font *f = run_font(te, &runs[i], w, px);
		int rw = 0, rh = 0;
		if (f && TTF_SizeUTF8(f, run_text(te, s, &runs[i]), &rw, &rh) == 0)
			total += rw;
	}
	e->key = key;
	e->width = total;
	return total;
}

/* Ascent and descent of the given faces at px (regular weight: bold shares them). */
static void face_metrics(struct text_engine *te, int px, const bool *use, int *ascent, int *descent)
{
	*ascent = 0;
	*descent = 0;
	for (int f = 0; f < NFACES; f++) {
		TTF_Font *font = use[f] ? sized(te, f, 0, px) : NULL;
		if (!font)
			continue;
		if (TTF_FontAscent(font) > *ascent)
			*ascent = TTF_FontAscent(font);
		if (-TTF_FontDescent(font) > *descent)
			*descent = -TTF_FontDescent(font);
	}
}

/* Lines of right-to-left text make room for Arabic. Noto Sans Arabic declares
 * 2.1 em from ascent to descent, far more than its letters and marks reach;
 * 90% of its ascent and 80% of its descent hold them, and a rendered line is
 * never cut (text_engine_render sizes its surface by the full metrics). */
static void line_metrics(struct text_engine *te, int px, enum draw_dir dir, int *ascent, int *descent)
{
	bool sans[NFACES] = {[FACE_SANS] = true};
	face_metrics(te, px, sans, ascent, descent);
	if (dir != DRAW_DIR_RTL)
		return;
	bool arabic[NFACES] = {[FACE_ARABIC] = true};
	int aa, ad;
	face_metrics(te, px, arabic, &aa, &ad);
	aa = aa * 9 / 10;
	ad = ad * 8 / 10;
	*ascent = aa > *ascent ? aa : *ascent;
	*descent = ad > *descent ? ad : *descent;
}

static void line_metrics_cached(struct text_engine *te, int px, enum draw_dir dir, int *ascent, int *descent)
{
	int16_t *cached = px > 0 && px < METRICS_MAX_PX ? te->metrics[dir == DRAW_DIR_RTL][px] : NULL;
	if (cached && cached[0]) {
		*ascent = cached[0];
		*descent = cached[1];
		return;
	}
	line_metrics(te, px, dir, ascent, descent);
	if (cached) {
		cached[0] = (int16_t)*ascent;
		cached[1] = (int16_t)*descent;
	}
}

int text_engine_line_height(struct text_engine *te, int px, enum draw_dir dir)
{
	int a, d;
	line_metrics_cached(te, px, dir, &a, &d);
	return a + d;
}

int text_engine_ascent(struct text_engine *te, int px, enum draw_dir dir)
{
	int a, d;
	line_metrics_cached(te, px, dir, &a, &d);
	return a;
}

/* Copies a run's coverage into the line: the colour is uniform, so keeping the
 * larger alpha where neighbouring runs overlap by a pixel loses nothing. */
static void merge(SDL_Surface *dst, SDL_Surface *src, int x0, int y0, uint32_t rgb)
{
	for (int y = 0; y < src->h; y++) {
		int dy = y0 + y;
		if (dy < 0 || dy >= dst->h)
			continue;
		const uint32_t *sp = (const uint32_t *)((const uint8_t *)src->pixels + y * src->pitch);
		uint32_t *dp = (uint32_t *)((uint8_t *)dst->pixels + dy * dst->pitch);
		for (int x = 0; x < src->w; x++) {
			int dx = x0 + x;
			if (dx < 0 || dx >= dst->w)
				continue;
			uint32_t a = sp[x] >> 24, old = dp[dx] >> 24;
			if (a > old)
				dp[dx] = (a << 24) | rgb;
		}
	}
}

SDL_Surface *text_engine_render(struct text_engine *te, const char *s, size_t len, int px, enum draw_weight w,
				enum draw_dir dir, uint32_t rgba, int *baseline)
{
	int width = text_engine_width(te, s, len, px, w, dir);
	if (width <= 0)
		return NULL;
	struct run runs[MAX_RUNS];
	int n = decode(te, s, len);
	int count = runs_of(te, n, dir, false, runs);
	/* Tall enough for every font this line uses: nothing is cut off. */
	bool use[NFACES] = {[FACE_SANS] = true};
	for (int i = 0; i < count; i++)
		use[runs[i].face] = true;
	int ascent, descent;
	face_metrics(te, px, use, &ascent, &descent);
	*baseline = ascent;
	/* A little room on both sides for glyphs that overhang their advance. */
	int pad = px / 8 + 1;
	SDL_Surface *line = SDL_CreateRGBSurfaceWithFormat(0, width + 2 * pad, ascent + descent, 32,
							   SDL_PIXELFORMAT_ARGB8888);
	if (!line)
		return NULL;
	SDL_FillRect(line, NULL, 0);
	uint32_t rgb = rgba >> 8;
	SDL_Color white = {255, 255, 255, 255};
	int x = pad;
	for (int i = 0; i < count; i++) {
		TTF_Font *f = run_font(te, &runs[i], w, px);
		if (!f)
			continue;
		const char *t = run_text(te, s, &runs[i]);
		int rw = 0, rh = 0;
		TTF_SizeUTF8(f, t, &rw, &rh);
		SDL_Surface *r = TTF_RenderUTF8_Blended(f, t, white);
		if (r) {
			SDL_Surface *argb = r->format->format == SDL_PIXELFORMAT_ARGB8888
						    ? r
						    : SDL_ConvertSurfaceFormat(r, SDL_PIXELFORMAT_ARGB8888, 0);
			if (argb) {
				merge(line, argb, x, ascent - TTF_FontAscent(f), rgb);
				if (argb != r)
					SDL_FreeSurface(argb);
			}
			SDL_FreeSurface(r);
		}
		x += rw;
	}
	return line;
}
