/*
 * Shared by the screens that list services as a column of large buttons
 * (ticket.c, book_service.c): the page of the column that fits, with up and
 * down buttons beside it when they do not all fit. Not a public API. UI
 * thread; the page is a->s.list_page.
 */
#ifndef KIOSK_BUTTON_LIST_PRIVATE_H
#define KIOSK_BUTTON_LIST_PRIVATE_H

#include <stdbool.h>

#include "kiosk/app.h"

struct button_list {
	struct ui_rect area;  /* the column, less the page buttons */
	struct ui_rect pager; /* the page buttons' strip at its right, when paged */
	bool paged;
	int item_h, gap;
	int per_page, pages;
};

/* Lays out count (at least 1) buttons item_h tall, gap apart, in c: paged
 * when they do not all fit (a->s.list_page kept in range), else taller (up to
 * 45 mm) and centred. */
void button_list_layout(struct app *a, struct ui *u, struct ui_rect c, int count, int item_h, int gap,
			struct button_list *l);
/* Lays out again with taller buttons when a two-line label (ui_button2's
 * title and detail; titles[i], details[i]) needs more than item_h at 85 % of
 * its preferred sizes, so none is shrunk below what a tired eye reads;
 * fewer to a page then. */
void button_list_fit(struct app *a, struct ui *u, struct ui_rect c, int count, int gap, const char *const *titles,
		     const char *const *details, struct button_list *l);
/* Where the k-th button of the page goes. */
struct ui_rect button_list_item(const struct button_list *l, int k);
/* Up and down ("list.up", "list.down": page_action with -1 or 1), each only
 * where there is a page to go to; nothing when not paged. */
void button_list_pager(const struct app *a, struct ui *u, const struct button_list *l, int page_action);
/* The service a tap chose (choose_action with an index of a->services), or
 * -1; page_action turns the page. */
int button_list_chosen(struct app *a, int action, int arg, int choose_action, int page_action);

#endif
