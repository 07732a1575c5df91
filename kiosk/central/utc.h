/*
 * The protocol's times: RFC 3339, written in UTC with milliseconds
 * ("2026-11-22T09:15:02.123Z"), read with any offset. Pure; any thread.
 */
#ifndef CENTRAL_UTC_H
#define CENTRAL_UTC_H

#include <stdbool.h>
#include <stdint.h>

#define UTC_TEXT_LEN 25 /* "2026-11-22T09:15:02.123Z" and its NUL */

/* RFC 3339 to milliseconds since the epoch; false when it is not one. */
bool utc_parse_ms(const char *text, int64_t *ms);
/* Milliseconds since the epoch as "2026-11-22T09:15:02.123Z". */
void utc_format_ms(int64_t ms, char out[UTC_TEXT_LEN]);

#endif
