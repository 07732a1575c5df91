/*
 * Widgets and layout for touch, in millimetres.
 *
 * A struct ui is the context of one frame: the draw list being filled, the
 * panel's pixel density, the writing direction, which target is pressed or
 * focused, and the injected text measurement. Widgets are functions that
 * append commands and targets; they keep no state of their own. Screens lay
 * out left to right; when ui.rtl is set every rectangle is mirrored as it is
 * emitted, so a right-to-left screen needs no code of its own.
 */
#ifndef KIOSK_UI_H
#define KIOSK_UI_H

#include <stdbool.h>
#include <stddef.h>

#include "kiosk/draw.h"

/* Text measurement, provided by the renderer (or by a fake in unit tests). */
struct ui_text_ops {
	/* Width in pixels of one line of logical-order UTF-8 text. */
	int (*width)(void *ctx, const char *s, size_t len, int px, enum draw_weight w, enum draw_dir dir);
	/* Distance between baselines of two lines at this size, for text of this direction
	 * (right-to-left scripts such as Arabic need taller lines). */
	int (*line_height)(void *ctx, int px, enum draw_dir dir);
	void *ctx;
};

/* The smallest touch target, on the real panel (WCAG 2.5.5, 44 CSS px). */
#define UI_MIN_TARGET_MM 11.6f

struct ui_theme {
	uint32_t bg, fg, muted, accent, accent_fg, accent_pressed, surface, surface_pressed, border, focus,
		danger, danger_fg, scrim;
};
extern const struct ui_theme ui_theme_default;

enum ui_button_style { UI_BUTTON_PRIMARY, UI_BUTTON_SECONDARY, UI_BUTTON_STAFF, UI_BUTTON_KEY };

struct ui {
	struct draw_list *dl;
	const struct ui_text_ops *text;
	const struct ui_theme *theme;
	float ppmm;         /* logical pixels per millimetre on the real panel */
	int w, h;           /* logical size in pixels */
	bool rtl;           /* mirror the layout */
	enum draw_dir dir;  /* direction of the current language's text */
	const char *pressed; /* id of the target under a finger, or "" */
	const char *focused; /* id of the target with keyboard focus, or "" */
};

int ui_mm(const struct ui *u, float mm);

/* Rectangle cutting, left to right; mirroring happens at emit time. */
struct ui_rect ui_cut_top(struct ui_rect *r, int h);
struct ui_rect ui_cut_bottom(struct ui_rect *r, int h);
struct ui_rect ui_cut_left(struct ui_rect *r, int w);
struct ui_rect ui_cut_right(struct ui_rect *r, int w);
struct ui_rect ui_inset(struct ui_rect r, int d);
/* r, no wider than max_w, centred: lines stay readable on a wide panel. */
struct ui_rect ui_center_w(struct ui_rect r, int max_w);
/* Cell i of n equal cells along the width (gap between cells). */
struct ui_rect ui_column(struct ui_rect r, int i, int n, int gap);
struct ui_rect ui_row(struct ui_rect r, int i, int n, int gap);

void ui_fill(struct ui *u, struct ui_rect r, uint32_t color, int radius);
void ui_frame(struct ui *u, struct ui_rect r, uint32_t color, int thickness);
/* A triangle given in left-to-right coordinates. */
void ui_tri(struct ui *u, int x0, int y0, int x1, int y1, int x2, int y2, uint32_t color);

struct ui_text_style {
	float size_mm;     /* preferred em size */
	float min_mm;      /* never smaller than this; below it the text overflows */
	enum draw_weight weight;
	enum draw_align align; /* START is the reading start: left in LTR, right in RTL */
	bool middle;           /* centre the block vertically */
	uint32_t color;
	enum draw_dir dir;     /* AUTO: the ui's direction */
};

/* Wraps and, if needed, shrinks text to fit r. Returns false (and counts an
 * overflow in the draw list) when it does not fit even at min_mm. */
bool ui_text(struct ui *u, struct ui_rect r, const char *s, const struct ui_text_style *st);
/* The height text would take at st's preferred size when wrapped to width w. */
int ui_text_height(struct ui *u, int w, const char *s, const struct ui_text_style *st);

/* A tappable button with a label; its target carries action and arg. */
void ui_button(struct ui *u, struct ui_rect r, const char *id, int action, int arg, const char *label,
	       enum ui_button_style style);
/* ui_button with pad_mm between its edge and its label (ui_button: 2.5 mm),
 * so a short button keeps room for two lines, and the label's direction
 * (AUTO: the ui's; LTR for English words on a right-to-left screen). */
void ui_button_padded(struct ui *u, struct ui_rect r, const char *id, int action, int arg, const char *label,
		      enum ui_button_style style, float pad_mm, enum draw_dir dir);
/* A button with a title and a smaller explanation under it. */
void ui_button2(struct ui *u, struct ui_rect r, const char *id, int action, int arg, const char *title,
		const char *detail, enum ui_button_style style);
/* The height ui_text2 takes at width w with its sizes times k (1: preferred). */
int ui_text2_height(struct ui *u, int w, const char *title, const char *detail, float k);
/* A bold title over a smaller explanation, sized together to fit r. */
void ui_text2(struct ui *u, struct ui_rect r, const char *title, const char *detail, uint32_t title_color,
	      uint32_t detail_color);
/* A QR code of payload, centred at the top of r, as large as r allows with
 * whole modules of at least min_module pixels. Returns its size in pixels, or
 * 0 (and counts an overflow) when it cannot be drawn scannably. */
int ui_qr(struct ui *u, struct ui_rect r, const char *payload, int min_module, uint32_t ink, uint32_t paper);
/* The side, in pixels, a QR code of payload needs with modules of module
 * pixels (quiet zone included); 0 when it cannot be encoded. */
int ui_qr_side(const char *payload, int module);
/* An illustration: the file at path (SVG or PNG), scaled to fit r keeping
 * its proportions, centred. The renderer rasterises it at the size drawn; a
 * file it cannot read is drawn as nothing (and logged once). */
void ui_image(struct ui *u, struct ui_rect r, const char *path);
/* A target without drawing (a whole-screen "touch to start"). */
void ui_target(struct ui *u, struct ui_rect r, const char *id, int action, int arg);
/* A direction arrow inside r: up, down, or back (points to the reading start). */
enum ui_arrow { UI_ARROW_UP, UI_ARROW_DOWN, UI_ARROW_BACK };
void ui_arrow(struct ui *u, struct ui_rect r, enum ui_arrow a, uint32_t color);
/* Starts a modal layer: targets added before are no longer hit. */
void ui_modal(struct ui *u);

/* A list paged with large up/down buttons (no dragging). Items are labels with
 * ids "<prefix>.<i>" and action item_action (arg = index); the page buttons use
 * page_action with arg -1/+1. page_label is e.g. "2 / 3". Returns the number of
 * pages; *page is clamped into range. */
struct ui_list {
	const char *const *labels;
	const char *const *ids;    /* stable ids, one per item */
	int count;
	int selected;              /* index shown as chosen, or -1 */
	int item_action, page_action;
	const char *up_id, *down_id;
};
int ui_list(struct ui *u, struct ui_rect r, const struct ui_list *l, int *page);

/* An on-screen keyboard. ids are "kbd.r<row>c<col>" for character keys (arg =
 * row * 16 + col) and "kbd.shift", "kbd.space", "kbd.backspace", "kbd.mode"
 * (letters <-> digits), "kbd.latin" (own script <-> Latin, when offered). */
struct kbd_layout;
struct ui_keyboard {
	const struct kbd_layout *layout; /* letters, or the number pad */
	bool shifted;
	bool numpad;
	bool offer_latin;           /* show a key to switch between the own script and Latin */
	bool skip_digits;           /* leave out the digit row (short panels: digits are on the "123" pad) */
	const char *mode_label;     /* "123" or "ABC" */
	const char *latin_label;    /* "ABC" or the own script's sample */
	const char *space_label;
	int key_action;             /* character keys */
	int shift_action, space_action, erase_action, mode_action, latin_action;
};
void ui_keyboard(struct ui *u, struct ui_rect r, const struct ui_keyboard *k);
/* The text of character key arg (row * 16 + col), or NULL. */
const char *ui_keyboard_key(const struct ui_keyboard *k, int arg);

#endif
