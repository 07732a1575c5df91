/*
 * UTF-8 as this product accepts it: well-formed, no overlong forms, no
 * surrogates, nothing past U+10FFFF. One check for settings, translation
 * catalogs, guide files and whatever is cut to fit a field. Pure.
 */
#ifndef KIOSK_UTF8_H
#define KIOSK_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* True when s[0..n) is valid UTF-8 by the rules above (a NUL byte is valid:
 * callers that refuse it say so). */
bool utf8_valid(const char *s, size_t n);

#endif
