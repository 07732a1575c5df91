/*
 * Cutting a UTF-8 text to fit a fixed buffer, for messages that quote it
 * ("3 text(s) do not fit, first: \"...\""). Pure.
 */
#ifndef KIOSK_TEXT_CUT_H
#define KIOSK_TEXT_CUT_H

#include <stddef.h>

/* The mark put where a text was cut: U+2026, three bytes. */
#define TEXT_CUT_MARK "\xe2\x80\xa6"

/* Copies s[0..len) (up to a NUL) into out, cap bytes with the terminator.
 * A text that does not fit is cut between characters and, when cap leaves
 * room for the mark after at least one character, at a space when one is in
 * the last half, ending in TEXT_CUT_MARK (a mark alone says nothing).
 * Returns strlen(out); cap 0 writes nothing. */
size_t text_cut(char *out, size_t cap, const char *s, size_t len);

#endif
