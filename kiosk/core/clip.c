/*
 * DESIGN: clip, text cut to a byte budget at a word, with "…".
 *
 * What it is: the one place that shortens translated text for a fixed-size
 * field (include/kiosk/clip.h): the booking reason staff read, the printed
 * steps of a guide. Byte budgets, because the fields are C arrays and the
 * protocol counts bytes on the way; words, because a reader stumbles over
 * "passwo"; characters, because half a UTF-8 letter is not text at all.
 * What it is not: fitting text to a width in pixels (ui.c wraps and shrinks).
 * Threading: no state; any thread.
 */
#include "kiosk/clip.h"

#include <string.h>

static const char dots[] = "\xe2\x80\xa6"; /* "…" */
#define DOTS (sizeof dots - 1)

static bool continuation(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

/* How many bytes of s (longer than room) to keep before "…": up to the last
 * space or line break within room, without the spaces and commas before it;
 * 0 when not one word fits. With by_char, a first word longer than room is
 * cut at a character instead. */
static size_t cut(const char *s, size_t room, bool by_char)
{
	size_t at = 0;
	for (size_t i = 1; i <= room; i++) {
		if (s[i] == ' ' || s[i] == '\n')
			at = i;
	}
	if (at == 0 && by_char) {
		at = room;
		while (at > 0 && continuation((unsigned char)s[at]))
			at--;
		return at;
	}
	while (at > 0 && (s[at - 1] == ' ' || s[at - 1] == ',' || s[at - 1] == ';' || s[at - 1] == ':'))
		at--;
	return at;
}

bool clip_words(char *out, size_t cap, const char *s)
{
	if (cap == 0)
		return false;
	size_t n = strlen(s);
	if (n < cap) {
		memcpy(out, s, n + 1);
		return true;
	}
	out[0] = '\0';
	if (cap <= DOTS + 1)
		return false;
	size_t keep = cut(s, cap - 1 - DOTS, true);
	memcpy(out, s, keep);
	memcpy(out + keep, dots, DOTS + 1);
	return false;
}

bool clip_append(char *out, size_t cap, size_t *len, const char *sep, const char *s)
{
	size_t seplen = strlen(sep), n = strlen(s);
	if (*len >= cap)
		return false;
	size_t avail = cap - *len; /* NUL included */
	if (seplen + n < avail) {
		memcpy(out + *len, sep, seplen);
		memcpy(out + *len + seplen, s, n + 1);
		*len += seplen + n;
		return true;
	}
	if (avail <= seplen + DOTS + 1)
		return false;
	size_t keep = cut(s, avail - 1 - seplen - DOTS, false);
	if (keep == 0)
		return false;
	memcpy(out + *len, sep, seplen);
	memcpy(out + *len + seplen, s, keep);
	memcpy(out + *len + seplen + keep, dots, DOTS + 1);
	*len += seplen + keep + DOTS;
	return false;
}
