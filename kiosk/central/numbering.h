/*
 * Queue numbers as text, for the server. Which numbers it allocates is
 * queue_number_online (include/kiosk/queue.h). Pure: no I/O, no clock.
 */
#ifndef CENTRAL_NUMBERING_H
#define CENTRAL_NUMBERING_H

#include <stdbool.h>
#include <stddef.h>

/* "A042", "A1000": the prefix and at least three digits. False when it does not fit. */
bool numbering_format(char *dst, size_t cap, const char *prefix, int number);
/* The numeric part of "A042" when it starts with prefix and then has 3 to 5
 * digits and nothing else; -1 otherwise. */
int numbering_parse(const char *text, const char *prefix);

#endif
