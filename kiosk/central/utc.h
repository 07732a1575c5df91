/*
 * The protocol's times: RFC 3339, written in UTC with milliseconds
 * ("2026-11-22T09:15:02.123Z"); read with tz_parse_rfc3339_ms (kiosk/tz.h).
 * Pure; any thread.
 */
#ifndef CENTRAL_UTC_H
#define CENTRAL_UTC_H

#include <stdbool.h>
#include <stdint.h>

#include "kiosk/tz.h"

#define UTC_TEXT_LEN 25 /* "2026-11-22T09:15:02.123Z" and its NUL */

/* Milliseconds since the epoch as "2026-11-22T09:15:02.123Z". */
void utc_format_ms(int64_t ms, char out[UTC_TEXT_LEN]);

#endif
