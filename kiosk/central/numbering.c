/*
 * DESIGN: numbering, the server's queue numbers.
 *
 * What it is: printing a queue number and parsing one back. Which numbers
 * the server gives out (its series skips the kiosks' offline series) is the
 * kiosk's own core logic, queue_number_online in kiosk/core/queue.c, so both
 * sides agree by construction. What it is not: the counter itself (that is
 * a row in SQLite, see tickets.c). Pure; any thread.
 */
#include "numbering.h"

#include <stdio.h>
#include <string.h>

#include "kiosk/queue.h"
#include "kiosk/services.h"

bool numbering_format(char *dst, size_t cap, const char *prefix, int number)
{
	if (number < 0 || number > QUEUE_NUMBER_MAX || strlen(prefix) + 6 > cap)
		return false;
	service_format_number(dst, cap, prefix, number);
	return true;
}

int numbering_parse(const char *text, const char *prefix)
{
	size_t plen = strlen(prefix);
	if (!text || strncmp(text, prefix, plen) != 0)
		return -1;
	const char *d = text + plen;
	size_t digits = strspn(d, "0123456789");
	if (digits < 3 || digits > 5 || d[digits] != '\0')
		return -1;
	int number = 0;
	for (size_t i = 0; i < digits; i++)
		number = number * 10 + (d[i] - '0');
	return number;
}
