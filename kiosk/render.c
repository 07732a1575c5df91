/*
 * SDL renderer backend for the draw list.
 *
 * The screens draw an upright picture; when the panel is mounted sideways or
 * upside down the picture is drawn into a texture and copied turned by the
 * configured angle (SDL2's KMSDRM backend does not rotate). Text lines are
 * rendered once by the text engine and kept as textures in an LRU cache with
 * a byte cap, so a redraw after a small change only fills rectangles and
 * copies textures. Lines that come out wider than the box the layout gave
 * them are counted: the layout tests fail on them.
 *
 * Illustrations (SVG, PNG) are read and rasterised once at the size they are
 * drawn, SVGs by SDL_image's vector rasteriser so strokes stay sharp at any
 * panel density, PNGs stretched once; the result is kept in a small LRU cache
 * of textures keyed by file and box, so an idle redraw copies pixels and
 * reads no file. A file that cannot be drawn is logged once and then skipped.
 *
 * Threads: a renderer belongs to the thread that made it (the UI thread has
 * the screen's, the printer service makes one per ticket). SDL_image's
 * initialisation is one process-wide state without a count, so it is counted
 * here and, with every image load, taken under one lock.
 */
#include "render.h"

#include <SDL2/SDL_image.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "kiosk/geom.h"
#include "kiosk/text_cut.h"
#include "pngout.h"

#define TEX_SLOTS 768
#define TEX_BYTES_CAP (6u << 20)
/* A guide step shows one picture and a screen a few: 16 covers going back
 * and forth through a guide in two sizes (portrait and landscape panels). */
#define IMG_SLOTS 16
#define IMG_BYTES_CAP (24u << 20)
/* Files that failed, remembered so they are neither read nor logged again. */
#define IMG_FAILED 32
#define IMG_PATH_MAX 1024

struct tex_entry {
	uint64_t key;
	SDL_Texture *tex;
	int w, h;
	int baseline;
	size_t bytes;
	unsigned long used;
};

/* Textures kept between frames, one cache for text lines and one for
 * pictures: least recently used evicted, never one the frame being drawn
 * uses; when every slot is in use by that frame, once holds a texture for
 * this frame only. */
struct tex_cache {
	struct tex_entry *e;
	int n;
	size_t bytes, cap;
	unsigned *count; /* the stats' textures or images */
	struct tex_entry once;
};

struct renderer {
	SDL_Window *win;
	SDL_Renderer *r;
	SDL_Texture *target; /* only when rotated */
	int pw, ph, lw, lh, rotation;
	struct text_engine *te;
	struct tex_entry tex[TEX_SLOTS];
	struct tex_entry img[IMG_SLOTS]; /* a picture fitted into its box (w, h); key: path and box */
	struct tex_cache texts, pictures;
	uint64_t img_failed[IMG_FAILED]; /* path hashes, a ring */
	unsigned img_nfailed;
	bool img_held;                   /* this renderer counts in img_users */
	unsigned long frame;
	bool layout_only;
	struct render_stats stats;
};

void renderer_set_layout_only(struct renderer *rd, bool on)
{
	rd->layout_only = on;
}

static void caches_init(struct renderer *rd)
{
	rd->texts = (struct tex_cache){rd->tex, TEX_SLOTS, 0, TEX_BYTES_CAP, &rd->stats.textures, {0}};
	rd->pictures = (struct tex_cache){rd->img, IMG_SLOTS, 0, IMG_BYTES_CAP, &rd->stats.images, {0}};
}

static pthread_mutex_t img_lock = PTHREAD_MUTEX_INITIALIZER;
static int img_users; /* renderers alive; SDL_image is initialised while > 0 */

/* SVG needs no initialisation; PNG is the only other format shipped. */
static void image_lib_hold(struct renderer *rd)
{
	pthread_mutex_lock(&img_lock);
	if (img_users++ == 0 && !(IMG_Init(IMG_INIT_PNG) & IMG_INIT_PNG))
		fprintf(stderr, "kiosk: images: PNG support: %s\n", IMG_GetError());
	pthread_mutex_unlock(&img_lock);
	rd->img_held = true;
}

static void image_lib_release(struct renderer *rd)
{
	if (!rd->img_held)
		return;
	pthread_mutex_lock(&img_lock);
	if (--img_users == 0)
		IMG_Quit();
	pthread_mutex_unlock(&img_lock);
	rd->img_held = false;
}

static bool software_only(void)
{
	const char *d = SDL_GetCurrentVideoDriver();
	return d && (strcmp(d, "offscreen") == 0 || strcmp(d, "dummy") == 0);
}

struct renderer *renderer_create(int pw, int ph, int rotation, float scale, bool windowed, struct text_engine *te,
				 char *why, size_t why_len)
{
	struct renderer *rd = calloc(1, sizeof(*rd));
	if (rd)
		caches_init(rd);
	if (!rd) {
		snprintf(why, why_len, "out of memory");
		return NULL;
	}
	rd->pw = pw;
	rd->ph = ph;
	rd->rotation = rotation;
	rd->te = te;
	image_lib_hold(rd);
	geom_logical_size(rotation, pw, ph, &rd->lw, &rd->lh);

	/* Without this SDL backs a software window with an OpenGL texture, which
	 * loads Mesa and LLVM (60 MiB) to draw what the CPU already drew. */
	if (software_only())
		SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
	Uint32 flags = SDL_WINDOW_SHOWN;
	if (!windowed && !software_only())
		flags |= SDL_WINDOW_FULLSCREEN;
	int ww = (int)(pw * scale + 0.5f), wh = (int)(ph * scale + 0.5f);
	rd->win = SDL_CreateWindow("Kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, ww, wh, flags);
	if (!rd->win) {
		snprintf(why, why_len, "cannot open the display: %s", SDL_GetError());
		renderer_destroy(rd);
		return NULL;
	}
	Uint32 rflags = SDL_RENDERER_TARGETTEXTURE | (software_only() ? SDL_RENDERER_SOFTWARE : 0);
	rd->r = SDL_CreateRenderer(rd->win, -1, rflags);
	if (!rd->r)
		rd->r = SDL_CreateRenderer(rd->win, -1, SDL_RENDERER_SOFTWARE | SDL_RENDERER_TARGETTEXTURE);
	if (!rd->r) {
		snprintf(why, why_len, "cannot create a renderer: %s", SDL_GetError());
		renderer_destroy(rd);
		return NULL;
	}
	if (scale != 1.0f)
		SDL_RenderSetLogicalSize(rd->r, pw, ph);
	if (rotation != 0) {
		rd->target = SDL_CreateTexture(rd->r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, rd->lw,
					       rd->lh);
		if (!rd->target) {
			snprintf(why, why_len, "cannot create the rotation buffer: %s", SDL_GetError());
			renderer_destroy(rd);
			return NULL;
		}
	}
	SDL_SetRenderDrawBlendMode(rd->r, SDL_BLENDMODE_BLEND);
	return rd;
}

struct renderer *renderer_create_for_surface(SDL_Surface *surface, struct text_engine *te, char *why,
					     size_t why_len)
{
	struct renderer *rd = calloc(1, sizeof(*rd));
	if (rd)
		caches_init(rd);
	if (!rd) {
		snprintf(why, why_len, "out of memory");
		return NULL;
	}
	rd->pw = rd->lw = surface->w;
	rd->ph = rd->lh = surface->h;
	rd->te = te;
	image_lib_hold(rd);
	rd->r = SDL_CreateSoftwareRenderer(surface);
	if (!rd->r) {
		snprintf(why, why_len, "cannot create a software renderer: %s", SDL_GetError());
		renderer_destroy(rd);
		return NULL;
	}
	SDL_SetRenderDrawBlendMode(rd->r, SDL_BLENDMODE_BLEND);
	return rd;
}

static void cache_drop(struct tex_cache *c, struct tex_entry *e)
{
	if (e->tex)
		SDL_DestroyTexture(e->tex);
	c->bytes -= e->bytes;
	(*c->count)--;
	memset(e, 0, sizeof(*e));
}

static void cache_clear(struct tex_cache *c)
{
	for (int i = 0; c->e && i < c->n; i++) {
		if (c->e[i].tex)
			cache_drop(c, &c->e[i]);
	}
	if (c->once.tex)
		SDL_DestroyTexture(c->once.tex);
	memset(&c->once, 0, sizeof(c->once));
}

/* The entry with key, marked used by this frame, or NULL. */
static struct tex_entry *cache_find(struct tex_cache *c, uint64_t key, unsigned long frame)
{
	for (int i = 0; i < c->n; i++) {
		if (c->e[i].tex && c->e[i].key == key) {
			c->e[i].used = frame;
			return &c->e[i];
		}
	}
	return NULL;
}

/* The least recently used entry this frame does not use, or NULL. */
static struct tex_entry *cache_oldest(struct tex_cache *c, unsigned long frame)
{
	struct tex_entry *oldest = NULL;
	for (int i = 0; i < c->n; i++) {
		struct tex_entry *e = &c->e[i];
		if (e->tex && e->used != frame && (!oldest || e->used < oldest->used))
			oldest = e;
	}
	return oldest;
}

/* Keeps in (its texture consumed) for frame, making room first: evicts what
 * this frame does not use, oldest first. */
static struct tex_entry *cache_put(struct tex_cache *c, unsigned long frame, struct tex_entry in)
{
	struct tex_entry *slot = NULL;
	for (int i = 0; i < c->n && !slot; i++)
		slot = c->e[i].tex ? NULL : &c->e[i];
	struct tex_entry *oldest;
	while ((c->bytes + in.bytes > c->cap || !slot) && (oldest = cache_oldest(c, frame))) {
		cache_drop(c, oldest);
		slot = slot ? slot : oldest;
	}
	in.used = frame;
	if (!slot) {
		/* Every slot is in use by this very frame: draw once, keep nothing. */
		if (c->once.tex)
			SDL_DestroyTexture(c->once.tex);
		in.bytes = 0;
		c->once = in;
		return &c->once;
	}
	*slot = in;
	c->bytes += in.bytes;
	(*c->count)++;
	return slot;
}

void renderer_destroy(struct renderer *rd)
{
	if (!rd)
		return;
	cache_clear(&rd->texts);
	cache_clear(&rd->pictures);
	if (rd->target)
		SDL_DestroyTexture(rd->target);
	if (rd->r)
		SDL_DestroyRenderer(rd->r);
	if (rd->win)
		SDL_DestroyWindow(rd->win);
	image_lib_release(rd);
	free(rd);
}

void renderer_logical_size(const struct renderer *rd, int *lw, int *lh)
{
	*lw = rd->lw;
	*lh = rd->lh;
}

SDL_Window *renderer_window(const struct renderer *rd)
{
	return rd->win;
}

struct render_stats renderer_stats(const struct renderer *rd)
{
	struct render_stats s = rd->stats;
	s.texture_bytes = rd->texts.bytes;
	return s;
}

void renderer_reset_overflow(struct renderer *rd)
{
	rd->stats.text_overflow = 0;
	rd->stats.overflow_what[0] = '\0';
}

void renderer_touch_to_logical(const struct renderer *rd, float nx, float ny, int *x, int *y)
{
	int px = (int)(nx * (float)rd->pw), py = (int)(ny * (float)rd->ph);
	px = px < 0 ? 0 : px >= rd->pw ? rd->pw - 1 : px;
	py = py < 0 ? 0 : py >= rd->ph ? rd->ph - 1 : py;
	geom_from_panel(rd->rotation, rd->lw, rd->lh, px, py, x, y);
}

void renderer_logical_to_touch(const struct renderer *rd, int x, int y, float *nx, float *ny)
{
	int px, py;
	geom_to_panel(rd->rotation, rd->lw, rd->lh, x, y, &px, &py);
	*nx = ((float)px + 0.5f) / (float)rd->pw;
	*ny = ((float)py + 0.5f) / (float)rd->ph;
}

/* Opaque colours are drawn without blending: the software renderer's blended
 * fill works pixel by pixel and costs ten times more. */
static void set_color(SDL_Renderer *r, uint32_t c)
{
	SDL_SetRenderDrawBlendMode(r, (c & 0xFF) == 0xFF ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
	SDL_SetRenderDrawColor(r, (Uint8)(c >> 24), (Uint8)(c >> 16), (Uint8)(c >> 8), (Uint8)c);
}

static SDL_Color sdl_color(uint32_t c)
{
	return (SDL_Color){(Uint8)(c >> 24), (Uint8)(c >> 16), (Uint8)(c >> 8), (Uint8)c};
}

/* Rounded rectangles as horizontal spans: one rectangle for the middle and
 * one per pixel row of the corners. SDL's software triangle filler costs
 * tens of milliseconds for a screen of large buttons; spans cost almost
 * nothing on either renderer. */
static void fill_round(struct renderer *rd, struct ui_rect r, int radius, uint32_t color)
{
	if (radius * 2 > r.w)
		radius = r.w / 2;
	if (radius * 2 > r.h)
		radius = r.h / 2;
	set_color(rd->r, color);
	if (radius <= 1) {
		SDL_RenderFillRect(rd->r, &(SDL_Rect){r.x, r.y, r.w, r.h});
		return;
	}
	enum { MAX_R = 128 };
	if (radius > MAX_R)
		radius = MAX_R;
	SDL_Rect spans[2 * MAX_R + 1];
	int n = 0;
	spans[n++] = (SDL_Rect){r.x, r.y + radius, r.w, r.h - 2 * radius};
	for (int y = 0; y < radius; y++) {
		float dy = (float)radius - (float)y - 0.5f;
		int dx = radius - (int)(SDL_sqrtf((float)(radius * radius) - dy * dy) + 0.5f);
		spans[n++] = (SDL_Rect){r.x + dx, r.y + y, r.w - 2 * dx, 1};
		spans[n++] = (SDL_Rect){r.x + dx, r.y + r.h - 1 - y, r.w - 2 * dx, 1};
	}
	SDL_RenderFillRects(rd->r, spans, n);
}

static uint64_t text_key(const struct draw_list *dl, const struct draw_cmd *c)
{
	uint64_t h = 1469598103934665603ULL;
	const char *s = draw_cmd_text(dl, c);
	for (uint32_t i = 0; i < c->len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	uint64_t params[] = {(uint64_t)c->px, c->weight, c->dir, c->color};
	for (size_t i = 0; i < sizeof(params) / sizeof(params[0]); i++)
		h = (h ^ params[i]) * 1099511628211ULL;
	return h ? h : 1;
}

static struct tex_entry *text_texture(struct renderer *rd, const struct draw_list *dl, const struct draw_cmd *c)
{
	uint64_t key = text_key(dl, c);
	struct tex_entry *e = cache_find(&rd->texts, key, rd->frame);
	if (e)
		return e;
	int baseline = 0;
	SDL_Surface *s = text_engine_render(rd->te, draw_cmd_text(dl, c), c->len, c->px, c->weight, c->dir,
					    c->color, &baseline);
	if (!s)
		return NULL;
	size_t bytes = (size_t)s->w * (size_t)s->h * 4;
	SDL_Texture *t = SDL_CreateTextureFromSurface(rd->r, s);
	int w = s->w, h = s->h;
	SDL_FreeSurface(s);
	if (!t)
		return NULL;
	SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
	return cache_put(&rd->texts, rd->frame, (struct tex_entry){key, t, w, h, baseline, bytes, 0});
}

static void draw_text(struct renderer *rd, const struct draw_list *dl, const struct draw_cmd *c)
{
	struct tex_entry *e = text_texture(rd, dl, c);
	if (!e)
		return;
	int pad = c->px / 8 + 1;
	int tw = e->w - 2 * pad;
	if (tw > c->r.w + 1) {
		/* Quoted in messages: cut between characters (Arabic, Ukrainian), not at a byte count. */
		if (rd->stats.text_overflow++ == 0)
			text_cut(rd->stats.overflow_what, sizeof(rd->stats.overflow_what), draw_cmd_text(dl, c),
				 c->len);
	}
	int x = c->r.x;
	if (c->align == DRAW_ALIGN_CENTER)
		x += (c->r.w - tw) / 2;
	else if (c->align == DRAW_ALIGN_END)
		x += c->r.w - tw;
	int y = c->r.y - c->rise + text_engine_ascent(rd->te, c->px, c->dir) - e->baseline;
	SDL_RenderCopy(rd->r, e->tex, NULL, &(SDL_Rect){x - pad, y, e->w, e->h});
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 1099511628211ULL;
	return h;
}

static bool image_failed_before(const struct renderer *rd, uint64_t path_key)
{
	unsigned n = rd->img_nfailed < IMG_FAILED ? rd->img_nfailed : IMG_FAILED;
	for (unsigned i = 0; i < n; i++) {
		if (rd->img_failed[i] == path_key)
			return true;
	}
	return false;
}

static void image_failed(struct renderer *rd, uint64_t path_key, const char *path, const char *why)
{
	fprintf(stderr, "kiosk: image %s: %s\n", path, why);
	rd->img_failed[rd->img_nfailed++ % IMG_FAILED] = path_key;
	rd->stats.image_failures++;
}

/* The largest w x h of the proportions sw : sh inside bw x bh, at least 1 x 1. */
static void fit_box(int sw, int sh, int bw, int bh, int *w, int *h)
{
	if ((int64_t)sw * bh <= (int64_t)sh * bw) {
		*h = bh;
		*w = (int)(((int64_t)sw * bh + sh / 2) / sh);
	} else {
		*w = bw;
		*h = (int)(((int64_t)sh * bw + sw / 2) / sw);
	}
	*w = *w < 1 ? 1 : *w;
	*h = *h < 1 ? 1 : *h;
}

/* A bitmap stretched once to w x h (bilinear), so every redraw copies it 1:1. */
static SDL_Surface *stretched(SDL_Surface *s, int w, int h)
{
	SDL_Surface *src = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
	if (!src)
		return NULL;
	if (src->w == w && src->h == h)
		return src;
	SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
	if (dst && SDL_SoftStretchLinear(src, NULL, dst, NULL) != 0) {
		SDL_FreeSurface(dst);
		dst = NULL;
	}
	SDL_FreeSurface(src);
	return dst;
}

/* The picture at path fitted into bw x bh: an SVG rasterised at that size
 * (IMG_LoadSizedSVG_RW keeps its proportions), anything else read at its own
 * size and stretched. NULL with SDL's error set when it cannot be had. */
static SDL_Surface *load_fitted(const char *path, int bw, int bh)
{
	SDL_RWops *rw = SDL_RWFromFile(path, "rb");
	if (!rw)
		return NULL;
	SDL_Surface *out = NULL;
	pthread_mutex_lock(&img_lock);
	if (IMG_isSVG(rw)) {
		out = IMG_LoadSizedSVG_RW(rw, bw, bh);
		/* The rasteriser rounds the fitted size up: never past the box. */
		if (out && (out->w > bw || out->h > bh)) {
			SDL_Surface *s = out;
			out = stretched(s, s->w < bw ? s->w : bw, s->h < bh ? s->h : bh);
			SDL_FreeSurface(s);
		}
	} else {
		SDL_Surface *s = IMG_Load_RW(rw, 0);
		if (s) {
			int w, h;
			fit_box(s->w, s->h, bw, bh, &w, &h);
			out = stretched(s, w, h);
			SDL_FreeSurface(s);
		}
	}
	pthread_mutex_unlock(&img_lock);
	SDL_RWclose(rw);
	return out;
}

static struct tex_entry *image_texture(struct renderer *rd, const char *path, size_t len, int bw, int bh)
{
	uint64_t path_key = fnv(1469598103934665603ULL, path, len);
	int box[2] = {bw, bh};
	uint64_t key = fnv(path_key, box, sizeof(box));
	key = key ? key : 1;
	struct tex_entry *e = cache_find(&rd->pictures, key, rd->frame);
	if (e)
		return e;
	if (image_failed_before(rd, path_key))
		return NULL;
	char name[IMG_PATH_MAX];
	if (len >= sizeof(name)) {
		snprintf(name, sizeof(name), "%.60s...", path);
		image_failed(rd, path_key, name, "the path is too long");
		return NULL;
	}
	memcpy(name, path, len);
	name[len] = '\0';
	rd->stats.image_loads++;
	SDL_Surface *s = load_fitted(name, bw, bh);
	if (!s) {
		image_failed(rd, path_key, name, SDL_GetError());
		return NULL;
	}
	size_t bytes = (size_t)s->w * (size_t)s->h * 4;
	SDL_Texture *t = SDL_CreateTextureFromSurface(rd->r, s);
	int w = s->w, h = s->h;
	SDL_FreeSurface(s);
	if (!t) {
		image_failed(rd, path_key, name, SDL_GetError());
		return NULL;
	}
	SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
	return cache_put(&rd->pictures, rd->frame, (struct tex_entry){key, t, w, h, 0, bytes, 0});
}

/* Centred in its box and never mirrored: the layout placed the box for the
 * reading direction already, and a picture keeps its own left and right. */
static void draw_image(struct renderer *rd, const struct draw_list *dl, const struct draw_cmd *c)
{
	if (c->r.w <= 0 || c->r.h <= 0 || c->len == 0)
		return;
	struct tex_entry *e = image_texture(rd, draw_cmd_text(dl, c), c->len, c->r.w, c->r.h);
	if (!e)
		return;
	SDL_Rect dst = {c->r.x + (c->r.w - e->w) / 2, c->r.y + (c->r.h - e->h) / 2, e->w, e->h};
	SDL_RenderCopy(rd->r, e->tex, NULL, &dst);
}

static void draw_cmds(struct renderer *rd, const struct draw_list *dl)
{
	for (int i = 0; i < dl->ncmd; i++) {
		const struct draw_cmd *c = &dl->cmd[i];
		switch (c->kind) {
		case DRAW_FILL:
			fill_round(rd, c->r, c->radius, c->color);
			break;
		case DRAW_FRAME: {
			int t = c->radius;
			set_color(rd->r, c->color);
			SDL_Rect sides[4] = {
				{c->r.x, c->r.y, c->r.w, t},
				{c->r.x, c->r.y + c->r.h - t, c->r.w, t},
				{c->r.x, c->r.y + t, t, c->r.h - 2 * t},
				{c->r.x + c->r.w - t, c->r.y + t, t, c->r.h - 2 * t},
			};
			SDL_RenderFillRects(rd->r, sides, 4);
			break;
		}
		case DRAW_TRI: {
			SDL_Color col = sdl_color(c->color);
			SDL_Vertex v[3];
			for (int k = 0; k < 3; k++)
				v[k] = (SDL_Vertex){{c->pts[2 * k], c->pts[2 * k + 1]}, col, {0, 0}};
			SDL_RenderGeometry(rd->r, NULL, v, 3, NULL, 0);
			break;
		}
		case DRAW_TEXT:
			draw_text(rd, dl, c);
			break;
		case DRAW_IMAGE:
			draw_image(rd, dl, c);
			break;
		}
	}
}

long renderer_pixel(struct renderer *rd, int x, int y)
{
	Uint32 px = 0;
	if (x < 0 || y < 0 || x >= rd->pw || y >= rd->ph)
		return -1;
	if (SDL_RenderReadPixels(rd->r, &(SDL_Rect){x, y, 1, 1}, SDL_PIXELFORMAT_RGB888, &px, 4) != 0)
		return -1;
	return (long)(px & 0xFFFFFF);
}

static bool save_shot(struct renderer *rd, const char *path)
{
	int w, h;
	if (SDL_GetRendererOutputSize(rd->r, &w, &h) != 0)
		return false;
	uint8_t *px = malloc((size_t)w * (size_t)h * 4);
	if (!px)
		return false;
	bool ok = SDL_RenderReadPixels(rd->r, NULL, SDL_PIXELFORMAT_ABGR8888, px, w * 4) == 0 &&
		  png_write_rgba(path, px, w, h, w * 4) == KIOSK_OK;
	free(px);
	return ok;
}

bool renderer_draw(struct renderer *rd, const struct draw_list *dl, const char *shot_path)
{
	rd->frame++;
	rd->stats.frames++;
	if (rd->target)
		SDL_SetRenderTarget(rd->r, rd->target);
	/* Every screen starts with an opaque background: clearing first would
	 * write the whole frame twice. */
	const struct draw_cmd *first = dl->ncmd > 0 ? &dl->cmd[0] : NULL;
	bool covered = first && first->kind == DRAW_FILL && (first->color & 0xFF) == 0xFF && first->radius <= 1 &&
		       first->r.x <= 0 && first->r.y <= 0 && first->r.x + first->r.w >= rd->lw &&
		       first->r.y + first->r.h >= rd->lh;
	if (!covered) {
		SDL_SetRenderDrawColor(rd->r, 0, 0, 0, 255);
		SDL_RenderClear(rd->r);
	}
	draw_cmds(rd, dl);
	if (rd->layout_only && !shot_path) {
		if (rd->target)
			SDL_SetRenderTarget(rd->r, NULL);
		return true;
	}
	if (rd->target) {
		SDL_SetRenderTarget(rd->r, NULL);
		SDL_SetRenderDrawColor(rd->r, 0, 0, 0, 255);
		SDL_RenderClear(rd->r);
		SDL_Rect dst = {(rd->pw - rd->lw) / 2, (rd->ph - rd->lh) / 2, rd->lw, rd->lh};
		SDL_RenderCopyEx(rd->r, rd->target, NULL, &dst, rd->rotation, NULL, SDL_FLIP_NONE);
	}
	bool ok = true;
	if (shot_path)
		ok = save_shot(rd, shot_path);
	/* A surface renderer has drawn into its surface already: nothing to show. */
	if (rd->win)
		SDL_RenderPresent(rd->r);
	return ok;
}
