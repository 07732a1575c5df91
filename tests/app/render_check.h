/* What the tests of the real renderer (test_ticket_render.c,
 * test_slip_render.c) share: the real fonts and a scratch folder, a rendered
 * page's size on its paper, and a QR code read back from a PNG by zbarimg
 * (zbar-tools: missing it is a failure, not a skip). Include after <cmocka.h>. */
#ifndef TEST_RENDER_CHECK_H
#define TEST_RENDER_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <SDL2/SDL_ttf.h>

#include "kiosk/ticket.h"
#include "text.h"

/* The real fonts, and a fresh scratch folder for PNGs made from dir (a
 * mkdtemp template); NULL, said on stderr, when either cannot be had. */
static inline struct text_engine *render_check_start(char *dir)
{
	char why[256] = "";
	struct text_engine *te = text_engine_create(KIOSK_SOURCE_DIR "/assets", why, sizeof(why));
	if (!te || !mkdtemp(dir)) {
		fprintf(stderr, "setup: %s\n", te ? "cannot make a directory" : why);
		text_engine_destroy(te);
		return NULL;
	}
	return te;
}

/* Undoes render_check_start. */
static inline void render_check_stop(struct text_engine *te, const char *dir)
{
	text_engine_destroy(te);
	rmdir(dir);
	TTF_Quit();
}

/* Exactly the paper's width in dots; a roll's length under 40 cm, a sheet's height. */
static inline void assert_page_fits_paper(const struct ticket_paper *p, int w, int h)
{
	assert_int_equal(w, p->width_px);
	if (p->roll)
		assert_true(h > 0 && h < (int)(400 * ticket_paper_ppmm(p)));
	else
		assert_int_equal(h, p->height_px);
}

static inline void require_zbarimg(void)
{
	if (system("command -v zbarimg >/dev/null 2>&1") != 0)
		fail_msg("zbarimg is missing: install zbar-tools (board/debian/install-deps) to check QR codes");
}

/* What zbarimg reads from the PNG, or "" when it reads nothing. */
static inline void zbar_decode(const char *png, char *out, size_t cap)
{
	char cmd[512];
	snprintf(cmd, sizeof(cmd), "zbarimg -q --raw '%s' 2>/dev/null", png);
	out[0] = '\0';
	FILE *f = popen(cmd, "r");
	assert_non_null(f);
	size_t n = fread(out, 1, cap - 1, f);
	pclose(f);
	out[n] = '\0';
	while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == '\r'))
		out[--n] = '\0';
}

#endif
