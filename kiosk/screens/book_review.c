/*
 * Book an appointment, step 7: everything in plain words (what, how, when,
 * where, name, phone or e-mail, what about), and one large button that
 * books it, or, when moving an appointment, moves it here.
 *
 * The confirmation carries the hold, the contact details and the reason;
 * once it is sent the details are wiped from the session (they are the
 * backend's now), so from here on the screens show only the booking record.
 * A hold that ran out while the visitor typed is taken again first, for the
 * same slot. Nothing is ever sent twice: a reply that arrived while the
 * visitor looked at another screen (the language list) is shown on return.
 */
#include <stdio.h>
#include <string.h>

#include "book_private.h"
#include "guide_private.h"
#include "kiosk/i18n.h"

enum { ACT_CONFIRM = BOOK_ACT_OWN, ACT_AFTER };

static void send(struct app *a)
{
	struct app_booking *b = &a->s.book;
	const struct service *s = book_service(a);
	struct booking_request r = {.op = b->moving ? BOOKING_OP_MOVE : BOOKING_OP_CONFIRM};
	snprintf(r.hold, sizeof r.hold, "%s", b->hold);
	if (b->moving) {
		snprintf(r.reference, sizeof r.reference, "%s", b->record.reference);
		snprintf(r.check, sizeof r.check, "%s", b->check);
	} else {
		r.contact = b->contact;
		if (s && b->reason >= 0 && b->reason < s->booking.nreasons)
			snprintf(r.reason, sizeof r.reason, "%s", s->booking.reason[b->reason].id);
		snprintf(r.reason_text, sizeof r.reason_text, "%s", b->reason_text);
		snprintf(r.lang, sizeof r.lang, "%s", app_lang_code(a));
	}
	bool sent = book_send(a, &r);
	book_wipe(&r.contact, sizeof r.contact);
	book_wipe(r.reason_text, sizeof r.reason_text);
	if (!sent)
		return; /* the queue is full: the visitor can tap again */
	b->sent = true;
	b->slip_print = APP_PRINT_NONE; /* the confirmation of this booking is still to print */
	/* The backend has them now. */
	book_wipe(&b->contact, sizeof b->contact);
	book_wipe(b->reason_text, sizeof b->reason_text);
}

static void enter(struct app *a)
{
	if (!a->s.book.waiting)
		a->s.book.rehold = false;
	/* A help appointment from a guide: its reason, where the visitor got
	 * stuck, in their language as it is now (they may have changed it). */
	if (a->s.guide.to_person)
		guide_note_where(a);
}

/* What the appointment is about, as the visitor reads it: a guide's place
 * in their own language (staff get it in the office's, the reason sent),
 * their own words, or the preset they chose. */
static const char *what_about(const struct app *a, const struct service *s, char *out, size_t cap)
{
	const struct app_booking *b = &a->s.book;
	const struct app_guide *gd = &a->s.guide;
	if (gd->to_person && b->reason_text[0] && strcmp(b->reason_text, gd->about) == 0 && gd->about_shown[0])
		snprintf(out, cap, "%s", gd->about_shown);
	else if (b->reason_text[0])
		snprintf(out, cap, "%s", b->reason_text);
	else if (s && b->reason >= 0 && b->reason < s->booking.nreasons)
		snprintf(out, cap, "%s", s->booking.reason[b->reason].name[a->lang]);
	else
		snprintf(out, cap, "%s", app_tr(a, "Not said"));
	return out;
}

/* Where an answer leads (also when it came while another screen showed). */
static const struct screen *after(struct app *a)
{
	struct app_booking *b = &a->s.book;
	switch (b->status) {
	case BOOKING_OK:
		return &screen_book_done;
	case BOOKING_SLOT_TAKEN:
	case BOOKING_HOLD_EXPIRED:
		b->sent = false;
		return &screen_book_taken;
	case BOOKING_UNREACHABLE:
	case BOOKING_FAILED:
		b->sent = false;
		return &screen_book_offline;
	default:
		return NULL; /* a move refused: the screen says so */
	}
}

static void draw(struct app *a, struct ui *u)
{
	const struct app_booking *b = &a->s.book;
	const struct service *s = book_service(a);
	const char *title =
	    b->moving ? app_tr(a, "Please check your new time") : app_tr(a, "Please check your appointment");
	if (b->waiting) {
		book_draw_waiting(a, u, title,
				  !b->sent    ? app_tr(a, "One moment: we are keeping this time for you...")
				  : b->moving ? app_tr(a, "Moving your appointment...")
					      : app_tr(a, "Booking your appointment..."));
		return;
	}
	if (b->sent) {
		/* The answer came while another screen showed. */
		bool ok = b->status == BOOKING_OK;
		if (ok || b->status == BOOKING_SLOT_TAKEN || b->status == BOOKING_HOLD_EXPIRED || book_unreachable(a)) {
			const char *head = !ok	       ? app_tr(a, "Nothing was booked.")
					   : b->moving ? app_tr(a, "Your appointment is moved.")
						       : app_tr(a, "Your appointment is booked.");
			struct ui_rect button = app_statement(a, u, app_tr(a, "Book an appointment"), head,
							      ok ? app_tr(a, "Tap Continue to see the details.")
								 : app_tr(a, "Tap Continue to choose again."));
			ui_button(u, ui_cut_left(&button, button.w / 2), "book.after", ACT_AFTER, 0,
				  app_tr(a, "Continue"), UI_BUTTON_PRIMARY);
		} else {
			app_message_screen(a, u, title, app_tr(a, "We could not move your appointment."),
					   app_tr(a, "It stays as it was. Please ask at the reception desk."),
					   "book.home");
		}
		return;
	}
	struct book_fact f[8];
	int n = 0;
	char when[128], old[128], reason[sizeof a->s.guide.about_shown];
	f[n++] = (struct book_fact){app_tr(a, "About"), s ? s->name[a->lang] : ""};
	f[n++] = (struct book_fact){app_tr(a, "How"), book_mode_title(a, b->mode)};
	app_format_when(a, b->start, when, sizeof when);
	f[n++] = (struct book_fact){b->moving ? app_tr(a, "New time") : app_tr(a, "When"), when};
	if (b->moving) {
		app_format_when(a, b->record.start, old, sizeof old);
		f[n++] = (struct book_fact){app_tr(a, "Old time, given up"), old};
	}
	if (b->mode == BOOKING_IN_PERSON)
		f[n++] = (struct book_fact){
		    app_tr(a, "Where"), s && s->booking.place[a->lang] ? s->booking.place[a->lang] : a->cfg->site_name};
	if (!b->moving) {
		f[n++] = (struct book_fact){app_tr(a, "Name"), b->contact.name, .own = true};
		if (b->contact.phone[0])
			f[n++] = (struct book_fact){app_tr(a, "Phone"), b->contact.phone, .latin = true};
		else
			f[n++] = (struct book_fact){app_tr(a, "E-mail"), b->contact.email, .latin = true};
		/* The visitor's own words keep the direction of their script. */
		bool own = b->reason_text[0] && !a->s.guide.to_person;
		f[n++] = (struct book_fact){app_tr(a, "What about"), what_about(a, s, reason, sizeof reason), .own = own};
	}
	/* On a short panel the facts need the title band's height. */
	bool short_panel = u->h < ui_mm(u, 125.0f) || u->w < ui_mm(u, 125.0f);
	struct ui_rect c = app_chrome(a, u, short_panel ? NULL : title);
	c = ui_center_w(c, ui_mm(u, 240.0f));
	int gap = ui_mm(u, 3.0f);
	struct ui_rect button = ui_cut_bottom(&c, ui_mm(u, short_panel ? 14.0f : 19.0f));
	ui_cut_bottom(&c, gap);
	book_draw_facts(u, c, f, n);
	bool narrow = u->w < ui_mm(u, 125.0f);
	ui_button(u, narrow ? button : ui_center_w(button, button.w * 2 / 3), "book.confirm", ACT_CONFIRM, 0,
		  b->moving ? app_tr(a, "Move my appointment here") : app_tr(a, "Book this appointment"),
		  UI_BUTTON_PRIMARY);
}

static const struct screen *on_action(struct app *a, int action, int arg)
{
	struct app_booking *b = &a->s.book;
	if (action == APP_ACT_BOOKING_REPLY) {
		if (arg == BOOKING_OP_HOLD && b->rehold) {
			b->rehold = false;
			if (b->status != BOOKING_OK)
				return b->status == BOOKING_SLOT_TAKEN || b->status == BOOKING_HOLD_EXPIRED
					       ? &screen_book_taken
					       : &screen_book_offline;
			send(a);
			return NULL;
		}
		if (arg == BOOKING_OP_MOVE && (b->status == BOOKING_CHECK_FAILED || b->status == BOOKING_CHECK_LOCKED)) {
			/* The second check, refused: the new time goes back, and the
			 * check is asked again (it counts towards the tries); locked,
			 * the check screen sends the visitor to the desk. */
			app_booking_release(a);
			b->check_failures = b->status == BOOKING_CHECK_LOCKED ? APP_CHECK_TRIES : b->check_failures + 1;
			b->check[0] = '\0';
			b->sent = false;
			return &screen_manage_check;
		}
		if (arg == BOOKING_OP_CONFIRM || arg == BOOKING_OP_MOVE)
			return after(a);
		return NULL;
	}
	if (b->waiting)
		return NULL; /* a second tap while the backend works does nothing */
	if (action == ACT_AFTER && b->sent)
		return after(a);
	if (action != ACT_CONFIRM || b->sent)
		return NULL;
	if (!b->hold[0] || a->utc >= b->hold_expires) {
		/* The hold ran out while the visitor typed: the same slot again first. */
		b->rehold = true;
		book_hold(a, b->start, b->end);
		return NULL;
	}
	send(a);
	return NULL;
}

const struct screen screen_book_review = {
	.name = "book.review",
	.enter = enter,
	.draw = draw,
	.on_action = on_action,
};
