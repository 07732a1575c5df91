/*
 * Text cut to a byte budget the way a reader can still follow it: at a word,
 * with "…" where something was left out, and never inside a UTF-8 character
 * (half a letter breaks the text renderer and the central server's checks).
 * For fixed-size fields that hold translated text: a booking's reason, a
 * printed slip's paragraphs. Pure; any thread.
 */
#ifndef KIOSK_CLIP_H
#define KIOSK_CLIP_H

#include <stdbool.h>
#include <stddef.h>

/* Copies s into out (cap bytes, NUL included). When it does not fit, keeps
 * the words that fit followed by "…"; a single word longer than the room is
 * cut at a character. Returns true when s was copied whole. */
bool clip_words(char *out, size_t cap, const char *s);

/* Appends sep and then s to the text in out (cap bytes, *len its length),
 * cut like clip_words; nothing at all (not even sep) when not one word of s
 * fits. Returns true when s was appended whole. */
bool clip_append(char *out, size_t cap, size_t *len, const char *sep, const char *s);

#endif
