/*
 * The draw list: what a frame shows, as plain data.
 *
 * Screens and widgets append commands and tap targets; a backend turns the
 * commands into pixels and hit-tests touches against the targets. Coordinates
 * are logical pixels of the upright panel (before rotation), left to right:
 * right-to-left mirroring is already applied. Fixed memory, no allocation.
 */
#ifndef KIOSK_DRAW_H
#define KIOSK_DRAW_H

#include <stdbool.h>
#include <stdint.h>

struct ui_rect {
	int x, y, w, h;
};

enum draw_kind {
	DRAW_FILL,  /* a filled rectangle with optional rounded corners */
	DRAW_FRAME, /* a rectangle outline of a given thickness */
	DRAW_TRI,   /* a filled triangle */
	DRAW_TEXT,  /* one line of text, already fitted to r */
	DRAW_IMAGE, /* an illustration file (SVG or PNG; text: its path) scaled to fit r, centred */
};

enum draw_align { DRAW_ALIGN_START, DRAW_ALIGN_CENTER, DRAW_ALIGN_END };
enum draw_dir { DRAW_DIR_AUTO, DRAW_DIR_LTR, DRAW_DIR_RTL };
enum draw_weight { DRAW_REGULAR, DRAW_BOLD };

struct draw_cmd {
	uint8_t kind;   /* enum draw_kind */
	uint8_t weight; /* TEXT: enum draw_weight */
	uint8_t dir;    /* TEXT: paragraph direction, enum draw_dir */
	uint8_t align;  /* TEXT: horizontal placement inside r, after mirroring: START is left */
	uint32_t color; /* 0xRRGGBBAA */
	struct ui_rect r;
	int16_t radius; /* FILL: corner radius; FRAME: thickness */
	int16_t px;     /* TEXT: font size in pixels */
	int16_t rise;   /* TEXT: how far the line's top lies above r.y, when r was trimmed to the
			 * ink of capitals and digits (the ticket's number); usually 0 */
	int16_t pts[6]; /* TRI: three points */
	uint32_t text;  /* TEXT: offset into draw_list.text; IMAGE: the file's path there */
	uint32_t len;   /* TEXT, IMAGE: byte length */
};

struct draw_target {
	char id[32];      /* stable across languages: "home.ticket", "kbd.backspace" */
	struct ui_rect r;
	int action;       /* screen-defined action code */
	int arg;
};

#define DRAW_MAX_CMDS 1024
#define DRAW_MAX_TEXT (32 * 1024)
#define DRAW_MAX_TARGETS 160

struct draw_list {
	int ncmd;
	int ntarget;
	int modal_from;     /* targets below this index are covered by a modal layer */
	int modal_cmd_from; /* commands below this index are under the modal layer */
	uint32_t ntext;
	int overflow;       /* texts that did not fit their box even at the smallest size */
	char overflow_what[96];
	bool full;          /* a capacity was exceeded: a programming error, reported by the backend */
	struct draw_cmd cmd[DRAW_MAX_CMDS];
	struct draw_target target[DRAW_MAX_TARGETS];
	char text[DRAW_MAX_TEXT];
};

void draw_list_clear(struct draw_list *dl);
/* The topmost target under (x, y) that is not covered by a modal layer, or NULL. */
const struct draw_target *draw_list_hit(const struct draw_list *dl, int x, int y);
/* The target with this id, or NULL. */
const struct draw_target *draw_list_find(const struct draw_list *dl, const char *id);
/* A pointer to a TEXT command's bytes (not NUL-terminated: use cmd->len). */
static inline const char *draw_cmd_text(const struct draw_list *dl, const struct draw_cmd *c)
{
	return dl->text + c->text;
}
bool draw_rect_contains(struct ui_rect r, int x, int y);
/* Text lines of one layer drawn over each other, or a fill of that layer
 * hiding part of a line (drawn over it, or a line sticking out of it): the
 * first such pair, as command indexes in *a < *b; false when there is none. */
bool draw_list_text_overlap(const struct draw_list *dl, int *a, int *b);

#endif
