/*
 * DESIGN: text_cut, a quoted text made to fit a message buffer.
 *
 * What it is: the one place that shortens a UTF-8 text for a fixed buffer.
 * A plain byte cut (snprintf "%.*s") can stop inside a character, and the
 * technician's log then shows a broken Arabic or Ukrainian letter, or a
 * program reading the log rejects the line as invalid UTF-8. So the cut falls
 * on a character boundary, preferably at a space so the last word is whole,
 * and "…" says that something was left out.
 * What it is not: a layout tool. It counts bytes, not widths on screen, and
 * does not know grapheme clusters (a combining mark after the cut is dropped
 * with what follows; its base letter stays, which reads fine).
 * Threading: pure; any thread.
 */
#include "kiosk/text_cut.h"

#include <stdbool.h>
#include <string.h>

static bool continuation(char c)
{
	return ((unsigned char)c & 0xC0) == 0x80;
}

static bool space(char c)
{
	return c == ' ' || c == '\n' || c == '\t';
}

size_t text_cut(char *out, size_t cap, const char *s, size_t len)
{
	if (cap == 0)
		return 0;
	size_t n = strnlen(s, len);
	if (n < cap) {
		memcpy(out, s, n);
		out[n] = '\0';
		return n;
	}
	size_t mark = sizeof TEXT_CUT_MARK - 1;
	bool marked = cap - 1 > mark;
	size_t budget = marked ? cap - 1 - mark : cap - 1;
	/* s[cut] is the first byte left out; n >= cap > budget, so it exists. */
	size_t cut = budget;
	while (cut > 0 && continuation(s[cut]))
		cut--;
	if (cut == 0 && marked) {
		/* Not even one character before the mark: whole characters only. */
		marked = false;
		for (cut = cap - 1; cut > 0 && continuation(s[cut]);)
			cut--;
	}
	/* A word boundary in the last half of what fits: the cut goes there, spaces before it dropped.
	 * Without a mark every character counts, so there the cut stays where it is. */
	for (size_t p = cut; marked && p > 0 && p >= budget / 2; p--) {
		if (!space(s[p]))
			continue;
		size_t w = p;
		while (w > 0 && space(s[w - 1]))
			w--;
		if (w > 0)
			cut = w;
		break;
	}
	memcpy(out, s, cut);
	if (marked) {
		memcpy(out + cut, TEXT_CUT_MARK, mark);
		cut += mark;
	}
	out[cut] = '\0';
	return cut;
}
