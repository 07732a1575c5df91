/*
 * Shared by the screens that show a queue number very large: number.c (a
 * ticket taken) and checkin_done.c (a check-in in person). Defined in
 * number.c. Not a public API. UI thread.
 */
#ifndef KIOSK_NUMBER_PRIVATE_H
#define KIOSK_NUMBER_PRIVATE_H

#include "kiosk/app.h"

/* The number's style: 4 cm (at least 14 mm), bold, centred, left to right. */
struct ui_text_style number_style(const struct ui *u);
/* What the visitor does next, by the state of the ticket's printing (enum
 * app_print): take the ticket (also while it prints), remember the number
 * when it cannot print, or just take a seat without a printer. */
const char *number_next_text(const struct app *a, int print);

#endif
