/*
 * DESIGN: a column of large buttons, paged.
 *
 * What it is: the layout ticket.c and book_service.c give their services:
 * one button a row, as many as fit, with up and down buttons at the right
 * when there are more; when few, the buttons grow (up to 45 mm) and the
 * column is centred. What it is not: the buttons themselves (each screen
 * draws its own, open or closed) or ui_list (smaller rows in two columns,
 * with a page number).
 * Threading: the UI thread; pure drawing, the page in a->s.list_page.
 */
#include <string.h>

#include "button_list_private.h"

void button_list_layout(struct app *a, struct ui *u, struct ui_rect c, int count, int item_h, int gap,
			struct button_list *l)
{
	memset(l, 0, sizeof *l);
	l->gap = gap;
	l->paged = count * (item_h + gap) - gap > c.h;
	if (l->paged) {
		l->pager = ui_cut_right(&c, ui_mm(u, 24.0f));
		ui_cut_right(&c, gap);
	}
	l->per_page = (c.h + gap) / (item_h + gap);
	l->per_page = l->per_page < 1 ? 1 : l->per_page;
	l->pages = (count + l->per_page - 1) / l->per_page;
	if (a->s.list_page >= l->pages)
		a->s.list_page = l->pages - 1;
	if (a->s.list_page < 0)
		a->s.list_page = 0;
	if (!l->paged) {
		/* Few: taller buttons, the block centred. */
		item_h = (c.h - gap * (count - 1)) / count;
		if (item_h > ui_mm(u, 45.0f))
			item_h = ui_mm(u, 45.0f);
		c.y += (c.h - (item_h * count + gap * (count - 1))) / 2;
	}
	l->area = c;
	l->item_h = item_h;
}

void button_list_fit(struct app *a, struct ui *u, struct ui_rect c, int count, int gap, const char *const *titles,
		     const char *const *details, struct button_list *l)
{
	/* Measured as if paged (narrower for the page buttons): taller buttons may page the list. */
	int inset = ui_mm(u, 2.5f), need = 0;
	int w = (l->paged ? l->area.w : l->area.w - ui_mm(u, 24.0f) - gap) - 2 * inset;
	for (int i = 0; i < count; i++) {
		int h = ui_text2_height(u, w, titles[i], details[i], 0.85f) + 2 * inset;
		need = h > need ? h : need;
	}
	if (need > l->item_h)
		button_list_layout(a, u, c, count, need < c.h ? need : c.h, gap, l);
}

struct ui_rect button_list_item(const struct button_list *l, int k)
{
	return (struct ui_rect){l->area.x, l->area.y + k * (l->item_h + l->gap), l->area.w, l->item_h};
}

int button_list_chosen(struct app *a, int action, int arg, int choose_action, int page_action)
{
	if (action == page_action) {
		a->s.list_page += arg;
		return -1;
	}
	if (action != choose_action || !a->services || arg < 0 || arg >= a->services->count)
		return -1;
	return arg;
}

void button_list_pager(const struct app *a, struct ui *u, const struct button_list *l, int page_action)
{
	if (!l->paged)
		return;
	struct ui_rect pager = l->pager;
	int bh = (pager.h - l->gap) / 2;
	if (a->s.list_page > 0) {
		struct ui_rect up = ui_cut_top(&pager, bh);
		ui_button(u, up, "list.up", page_action, -1, "", UI_BUTTON_SECONDARY);
		ui_arrow(u, up, UI_ARROW_UP, u->theme->fg);
	}
	if (a->s.list_page < l->pages - 1) {
		struct ui_rect down = ui_cut_bottom(&pager, bh);
		ui_button(u, down, "list.down", page_action, 1, "", UI_BUTTON_SECONDARY);
		ui_arrow(u, down, UI_ARROW_DOWN, u->theme->fg);
	}
}
