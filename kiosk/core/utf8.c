/*
 * UTF-8 validation (include/kiosk/utf8.h). Pure; any thread.
 */
#include "kiosk/utf8.h"

bool utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str, *end = s + n;
	unsigned long cp;
	int len, k;

	while (s < end) {
		if (*s < 0x80) {
			s++;
			continue;
		}
		len = *s >= 0xf0 ? 4 : *s >= 0xe0 ? 3 : 2;
		if (*s < 0xc2 || *s > 0xf4 || end - s < len)
			return false;
		cp = *s & (0x7fu >> len);
		for (k = 1; k < len; k++) {
			if ((s[k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[k] & 0x3fu);
		}
		/* Overlong forms and surrogates are refused: they smuggle ASCII past checks and break shaping. */
		if (cp < (len == 2 ? 0x80u : len == 3 ? 0x800u : 0x10000u) || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		s += len;
	}
	return true;
}
