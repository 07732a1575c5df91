/*
 * Appointments: slots, references, contact checks (include/kiosk/booking.h).
 *
 * Slots are a grid laid in local time: in each booking-hours span [a, b) of
 * a local day they start at a, a + step, ... (step = duration + buffer) while
 * the meeting still ends by b, and each local start is turned into UTC with
 * the site's zone. A start that does not exist (spring) gives no slot; one
 * that exists twice (autumn) is taken at its first occurrence. On every day
 * without a change of offset (all but a few a year) that conversion is one
 * subtraction, so availability for 50 services x 90 days costs little more
 * than walking the grid. Capacity counts the busy intervals overlapping the
 * slot widened by the buffer, with a window that only moves forwards over the
 * sorted busy list.
 *
 * Not here: storage, holds and their expiry (the backends), anything shown
 * (the screens). Pure, no allocation; any thread.
 */
#include "kiosk/booking.h"

#include <string.h>

#define DAY_S 86400

static const char *const mode_names[BOOKING_MODES] = {"in_person", "phone", "video"};

const char *booking_mode_name(enum booking_mode m)
{
	return (unsigned)m < BOOKING_MODES ? mode_names[m] : "";
}

bool booking_mode_parse(const char *name, enum booking_mode *out)
{
	for (int m = 0; name && m < BOOKING_MODES; m++) {
		if (strcmp(name, mode_names[m]) == 0) {
			*out = (enum booking_mode)m;
			return true;
		}
	}
	return false;
}

static const char *const status_names[] = {
	[BOOKING_OK] = "ok",
	[BOOKING_SLOT_TAKEN] = "slot_taken",
	[BOOKING_HOLD_EXPIRED] = "hold_expired",
	[BOOKING_UNKNOWN] = "unknown_booking",
	[BOOKING_CHECK_FAILED] = "check_failed",
	[BOOKING_CHECK_LOCKED] = "too_many_checks",
	[BOOKING_NOT_ACTIVE] = "not_active",
	[BOOKING_TOO_EARLY] = "too_early",
	[BOOKING_TOO_LATE] = "too_late",
	[BOOKING_UNREACHABLE] = "unreachable",
	[BOOKING_FAILED] = "failed",
};

const char *booking_status_name(enum booking_status s)
{
	return (unsigned)s < sizeof status_names / sizeof status_names[0] ? status_names[s] : "failed";
}

/* ---- slots ---- */

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

static int64_t local_day(const struct tz *zone, int64_t utc)
{
	return floor_div(utc + tz_offset_at(zone, utc), DAY_S);
}

/* Counts busy intervals overlapping [lo, hi). The list is sorted by start and
 * the queries come in time order, so both ends of the window only move
 * forwards: an interval can overlap only if it starts before hi and after
 * lo - longest. */
struct busy_window {
	const struct booking_busy *busy;
	int n;
	int64_t longest;
	int first, last; /* candidates are [first, last) */
};

static int busy_count(struct busy_window *w, int64_t lo, int64_t hi)
{
	while (w->last < w->n && w->busy[w->last].start < hi)
		w->last++;
	while (w->first < w->last && w->busy[w->first].start <= lo - w->longest)
		w->first++;
	int count = 0;
	for (int i = w->first; i < w->last; i++)
		if (w->busy[i].end > lo && w->busy[i].start < hi)
			count++;
	return count;
}

/* The closures touching one local day: usually none. */
struct day_closures {
	int n;
	short from_min[BOOKING_MAX_CLOSURES], to_min[BOOKING_MAX_CLOSURES];
};

static void closures_of_day(const struct booking_calendar *closed, int64_t day, struct day_closures *out)
{
	out->n = 0;
	for (int i = 0; closed && i < closed->n && i < BOOKING_MAX_CLOSURES; i++) {
		const struct booking_closure *c = &closed->c[i];
		if (day >= c->from_day && day <= c->to_day) {
			out->from_min[out->n] = c->from_min;
			out->to_min[out->n] = c->to_min;
			out->n++;
		}
	}
}

static bool closed_at(const struct day_closures *dc, int from_min, int to_min)
{
	for (int i = 0; i < dc->n; i++) {
		if (from_min < dc->to_min[i] && to_min > dc->from_min[i])
			return true;
	}
	return false;
}

/* The zone's offset at UTC midnights of days d - 2 .. d + 3, which bracket
 * every moment local day d can map to (offsets are within 26 h). When all
 * six agree there is no change that day (two changes within a day that undo
 * each other never happen) and every start converts with one subtraction.
 * Sliding costs one offset lookup per day. */
struct offset_window {
	int64_t day;
	int32_t at[6];
};

static void offsets_init(struct offset_window *ow, const struct tz *zone, int64_t day)
{
	ow->day = day;
	for (int k = 0; k < 6; k++)
		ow->at[k] = tz_offset_at(zone, (day - 2 + k) * DAY_S);
}

static void offsets_next(struct offset_window *ow, const struct tz *zone)
{
	memmove(ow->at, ow->at + 1, 5 * sizeof ow->at[0]);
	ow->day++;
	ow->at[5] = tz_offset_at(zone, (ow->day + 3) * DAY_S);
}

static bool offsets_steady(const struct offset_window *ow)
{
	for (int k = 1; k < 6; k++) {
		if (ow->at[k] != ow->at[0])
			return false;
	}
	return true;
}

int booking_slots(const struct booking_rules *r, const struct booking_calendar *closed, enum booking_mode mode,
		  const struct tz *zone, int64_t now, int64_t from, int64_t to, const struct booking_busy *busy,
		  int nbusy, struct booking_slot *out, int cap)
{
	if (!r || !r->offered || (unsigned)mode >= BOOKING_MODES || !r->mode_days[mode] || r->duration_min <= 0 ||
	    r->capacity <= 0 || cap <= 0 || from >= to)
		return 0;
	int64_t earliest = now + (int64_t)r->notice_min * 60;
	if (from < earliest)
		from = earliest;
	int64_t last_day = local_day(zone, now) + r->horizon_days;
	int64_t first_day = local_day(zone, from) - 1;
	int64_t end_day = local_day(zone, to) + 1;
	if (end_day > last_day)
		end_day = last_day;
	int64_t dur_s = (int64_t)r->duration_min * 60, buf_s = (int64_t)r->buffer_min * 60;
	int step = r->duration_min + r->buffer_min;
	struct busy_window w = {busy, busy ? nbusy : 0, 0, 0, 0};
	for (int i = 0; i < w.n; i++)
		if (busy[i].end - busy[i].start > w.longest)
			w.longest = busy[i].end - busy[i].start;
	struct offset_window ow;
	struct day_closures dc;
	int n = 0;
	offsets_init(&ow, zone, first_day);
	for (int64_t day = first_day; day <= end_day && n < cap; day++) {
		if (day > ow.day)
			offsets_next(&ow, zone);
		int wd = tz_weekday_of_days(day);
		if (!(r->mode_days[mode] & (1u << wd)) || r->spans[wd] <= 0)
			continue;
		closures_of_day(closed, day, &dc);
		bool steady = offsets_steady(&ow);
		int32_t off = ow.at[0];
		int y = 0, mo = 0, d = 0;
		if (!steady)
			tz_civil_from_days(day, &y, &mo, &d);
		for (int s = 0; s < r->spans[wd] && s < BOOKING_MAX_SPANS && n < cap; s++) {
			int a = r->hours[wd][s][0], b = r->hours[wd][s][1];
			for (int t = a; t + r->duration_min <= b && n < cap; t += step) {
				if (dc.n && closed_at(&dc, t, t + r->duration_min))
					continue;
				int64_t start;
				if (steady)
					start = day * DAY_S + (int64_t)t * 60 - off;
				else if (tz_from_local(zone, y, mo, d, t / 60, t % 60, &start) == TZ_LOCAL_SKIPPED)
					continue;
				if (start < from || start >= to)
					continue;
				int taken = busy_count(&w, start - buf_s, start + dur_s + buf_s);
				if (taken >= r->capacity)
					continue;
				out[n].start = start;
				out[n].end = start + dur_s;
				out[n].free = r->capacity - taken;
				n++;
			}
		}
	}
	return n;
}

bool booking_slot_free(const struct booking_rules *r, const struct booking_calendar *closed, enum booking_mode mode,
		       const struct tz *zone, int64_t now, int64_t start, const struct booking_busy *busy, int nbusy,
		       int64_t *end)
{
	struct booking_slot s;
	if (booking_slots(r, closed, mode, zone, now, start, start + 1, busy, nbusy, &s, 1) != 1 || s.start != start)
		return false;
	if (end)
		*end = s.end;
	return true;
}

static int64_t distance(int64_t a, int64_t b)
{
	return a > b ? a - b : b - a;
}

int booking_nearest(const struct booking_slot *slots, int n, int64_t wanted, struct booking_slot *out, int k)
{
	if (n <= 0 || k <= 0)
		return 0;
	/* The nearest k are a contiguous run around where wanted would go. */
	int lo = 0, hi = n;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (slots[mid].start < wanted)
			lo = mid + 1;
		else
			hi = mid;
	}
	int left = lo, right = lo; /* the run is [left, right) */
	while (right - left < k && (left > 0 || right < n)) {
		if (left == 0)
			right++;
		else if (right == n)
			left--;
		else if (distance(slots[left - 1].start, wanted) <= distance(slots[right].start, wanted))
			left--; /* the earlier wins a tie */
		else
			right++;
	}
	memcpy(out, slots + left, (size_t)(right - left) * sizeof *out);
	return right - left;
}

enum booking_window booking_checkin_window(const struct booking_rules *r, int64_t start, int64_t now,
					   int64_t *opens, int64_t *closes)
{
	int64_t o = start - (int64_t)r->early_min * 60, c = start + (int64_t)r->late_min * 60;
	if (opens)
		*opens = o;
	if (closes)
		*closes = c;
	if (now < o)
		return BOOKING_WINDOW_EARLY;
	if (now > c)
		return BOOKING_WINDOW_LATE;
	return BOOKING_WINDOW_OPEN;
}

/* ---- references ---- */

static const char ref_alphabet[] = "ACDEFHJKMNPRTUVWXY34679";
#define REF_SYMBOLS 23
#define REF_CHARS 6

void booking_reference_make(uint64_t random, char out[BOOKING_REF_LEN])
{
	/* 23^6 is about 148 million, below 2^32: the bias of the modulo is negligible. */
	for (int i = 0; i < REF_CHARS; i++) {
		out[i] = ref_alphabet[random % REF_SYMBOLS];
		random /= REF_SYMBOLS;
	}
	out[REF_CHARS] = '\0';
}

void booking_reference_format(const char *ref, char out[8])
{
	size_t n = strnlen(ref, REF_CHARS);
	if (n != REF_CHARS) {
		memcpy(out, ref, n);
		out[n] = '\0';
		return;
	}
	memcpy(out, ref, 3);
	out[3] = '-';
	memcpy(out + 4, ref + 3, 3);
	out[7] = '\0';
}

static bool is_alnum(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static char upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

#define REF_MAX_TOKENS 128

/* Pieces of letters and digits; joined[i]: token i follows token i - 1 with
 * only a dash or a few spaces between, as a reference is typed ("k7q 29x"). */
struct ref_tokens {
	int n;
	int at[REF_MAX_TOKENS], len[REF_MAX_TOKENS];
	bool joined[REF_MAX_TOKENS];
};

static void tokenize(const char *s, struct ref_tokens *t)
{
	t->n = 0;
	size_t i = 0;
	int gap = -1; /* separators since the last token; -1 when something else broke it */
	while (s[i]) {
		if (is_alnum(s[i])) {
			size_t from = i;
			while (is_alnum(s[i]))
				i++;
			if (t->n == REF_MAX_TOKENS) {
				/* Keep the latest: references sit at the end of what was scanned. */
				memmove(t->at, t->at + 1, (REF_MAX_TOKENS - 1) * sizeof t->at[0]);
				memmove(t->len, t->len + 1, (REF_MAX_TOKENS - 1) * sizeof t->len[0]);
				memmove(t->joined, t->joined + 1, (REF_MAX_TOKENS - 1) * sizeof t->joined[0]);
				t->n--;
				t->joined[0] = false;
			}
			t->at[t->n] = (int)from;
			t->len[t->n] = (int)(i - from);
			t->joined[t->n] = t->n > 0 && gap >= 1 && gap <= 3;
			t->n++;
			gap = 0;
		} else {
			if ((s[i] == '-' || s[i] == ' ') && gap >= 0)
				gap++;
			else
				gap = -1;
			i++;
		}
	}
}

static bool ref_symbol(char c)
{
	return c != '\0' && strchr(ref_alphabet, c) != NULL;
}

/* Looks from the end for tokens that join into exactly six characters. In
 * the first pass they must all be reference symbols; the second accepts any
 * letters and digits with at least one digit (so a typed "K7R-49X" with a
 * look-alike still reaches the backend, which then says it does not know it,
 * while ordinary words around it are not mistaken for one). */
static bool find_reference(const char *s, const struct ref_tokens *t, bool strict, char out[BOOKING_REF_LEN])
{
	for (int e = t->n - 1; e >= 0; e--) {
		int total = 0, b = e;
		for (;;) {
			total += t->len[b];
			if (total >= REF_CHARS || b == 0 || !t->joined[b])
				break;
			b--;
		}
		if (total != REF_CHARS)
			continue;
		char ref[REF_CHARS + 1];
		int k = 0;
		bool ok = true, digit = false;
		for (int i = b; i <= e; i++) {
			for (int j = 0; j < t->len[i]; j++) {
				char c = upper(s[t->at[i] + j]);
				digit = digit || (c >= '0' && c <= '9');
				ok = ok && (!strict || ref_symbol(c));
				ref[k++] = c;
			}
		}
		ref[k] = '\0';
		if (ok && (strict || digit)) {
			memcpy(out, ref, REF_CHARS + 1);
			return true;
		}
	}
	return false;
}

bool booking_reference_parse(const char *input, char out[BOOKING_REF_LEN])
{
	if (!input)
		return false;
	struct ref_tokens t;
	tokenize(input, &t);
	return find_reference(input, &t, true, out) || find_reference(input, &t, false, out);
}

/* ---- contact details ---- */

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return false;
	return true;
}

/* Letters in a UTF-8 name: ASCII letters, and every character beyond ASCII
 * (names in Arabic or Ukrainian are letters too). */
static int letters(const char *s)
{
	int n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
			n++;
		else if (*p >= 0xC0)
			n++; /* the lead byte of a multi-byte character */
	}
	return n;
}

static int phone_digits(const char *s)
{
	int n = 0;
	for (; *s; s++)
		if (is_digit(*s))
			n++;
	return n;
}

static bool phone_ok(const char *s)
{
	while (*s == ' ')
		s++;
	if (*s == '+')
		s++;
	for (const char *p = s; *p; p++)
		if (!is_digit(*p) && *p != ' ' && *p != '-')
			return false;
	int n = phone_digits(s);
	return n >= 6 && n <= 15;
}

static bool email_ok(const char *s)
{
	while (*s == ' ')
		s++;
	const char *at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@'))
		return false;
	size_t len = strlen(s);
	while (len > 0 && s[len - 1] == ' ')
		len--;
	const char *end = s + len;
	for (const char *p = s; p < end; p++) {
		unsigned char c = (unsigned char)*p;
		if (c <= ' ' || c == ',' || c == ';' || c == '<' || c == '>' || c == '(' || c == ')' || c == '"')
			return false;
	}
	/* domain: labels separated by dots, the last (the top level) of 2 letters or more */
	const char *dom = at + 1;
	const char *dot = NULL;
	for (const char *p = dom; p < end; p++) {
		if (*p == '.') {
			if (p == dom || p[-1] == '.' || p + 1 == end)
				return false;
			dot = p;
		}
	}
	if (!dot)
		return false;
	int tld = 0;
	for (const char *p = dot + 1; p < end; p++) {
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (unsigned char)*p >= 0x80))
			return false;
		tld++;
	}
	return tld >= 2;
}

/* DDMMYY as Denmark and Norway write birth dates (Norwegian D-numbers add 40 to the day). */
static bool birth_date(const char *d, bool d_numbers)
{
	int day = (d[0] - '0') * 10 + (d[1] - '0');
	int month = (d[2] - '0') * 10 + (d[3] - '0');
	if (d_numbers && day > 40)
		day -= 40;
	return day >= 1 && day <= 31 && month >= 1 && month <= 12;
}

static bool cpr_mod11(const char *d)
{
	static const int weight[10] = {4, 3, 2, 7, 6, 5, 4, 3, 2, 1};
	int sum = 0;
	for (int i = 0; i < 10; i++)
		sum += (d[i] - '0') * weight[i];
	return sum % 11 == 0;
}

static bool fnr_checks(const char *d)
{
	static const int w1[9] = {3, 7, 6, 1, 8, 9, 4, 5, 2};
	static const int w2[10] = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
	int s1 = 0, s2 = 0;
	for (int i = 0; i < 9; i++)
		s1 += (d[i] - '0') * w1[i];
	int k1 = 11 - s1 % 11;
	if (k1 == 11)
		k1 = 0;
	if (k1 == 10 || k1 != d[9] - '0')
		return false;
	for (int i = 0; i < 10; i++)
		s2 += (d[i] - '0') * w2[i];
	int k2 = 11 - s2 % 11;
	if (k2 == 11)
		k2 = 0;
	return k2 != 10 && k2 == d[10] - '0';
}

/* A run of digits with single dashes or spaces between them, as numbers are
 * typed. seps: how many separators; sep_after6: the only one follows digit 6. */
static bool numeric_id(const char *digits, int n, int seps, bool sep_after6, bool is_phone)
{
	bool six_four = seps == 0 || (seps == 1 && sep_after6);
	/* Danish CPR, DDMMYY-XXXX. A phone number of 10 digits in one piece
	 * (French, Ukrainian mobiles) can look like one; in the phone field it
	 * counts only with the dash or with a valid CPR check digit. */
	if (n == 10 && six_four && birth_date(digits, false)) {
		bool dashed = seps == 1;
		if (!is_phone || dashed || cpr_mod11(digits))
			return true;
	}
	/* Norwegian fødselsnummer: DDMMYY and five digits, two of them check digits. */
	if (n == 11 && six_four && birth_date(digits, true) && fnr_checks(digits))
		return true;
	/* French NIR: sex (1 or 2), year, month, place, order, and the 2-digit key. */
	if ((n == 13 || n == 15) && (digits[0] == '1' || digits[0] == '2'))
		return true;
	return false;
}

static bool has_numeric_id(const char *s, bool is_phone)
{
	size_t i = 0;
	while (s[i]) {
		if (!is_digit(s[i])) {
			i++;
			continue;
		}
		/* A number written with a leading + is a phone number with its country code. */
		bool plus = i > 0 && s[i - 1] == '+';
		char digits[32];
		int n = 0, seps = 0;
		bool after6 = false;
		for (;;) {
			if (is_digit(s[i])) {
				if (n < (int)sizeof digits - 1)
					digits[n] = s[i];
				n++;
				i++;
			} else if ((s[i] == '-' || s[i] == ' ') && is_digit(s[i + 1])) {
				seps++;
				after6 = seps == 1 && n == 6;
				i++;
			} else {
				break;
			}
		}
		if (!plus && n < (int)sizeof digits && numeric_id(digits, n, seps, after6, is_phone))
			return true;
	}
	return false;
}

static bool is_letter(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Italian codice fiscale: LLLLLL DD L DD L DDD L, any case, alone in its word. */
static bool has_codice_fiscale(const char *s)
{
	static const char shape[] = "LLLLLLDDLDDLDDDL";
	size_t len = strlen(s);
	for (size_t i = 0; i + 16 <= len; i++) {
		if (i > 0 && is_alnum(s[i - 1]))
			continue;
		if (is_alnum(s[i + 16]))
			continue;
		bool match = true;
		for (int k = 0; k < 16 && match; k++)
			match = shape[k] == 'L' ? is_letter(s[i + k]) : is_digit(s[i + k]);
		if (match)
			return true;
	}
	return false;
}

static bool looks_like_id(const char *s, bool is_phone)
{
	return has_numeric_id(s, is_phone) || has_codice_fiscale(s);
}

enum booking_contact_problem booking_contact_check(const struct booking_contact *c)
{
	/* Bounded copies: the fields may arrive without their terminator. */
	char name[sizeof c->name], phone[sizeof c->phone], email[sizeof c->email];
	memcpy(name, c->name, sizeof name);
	memcpy(phone, c->phone, sizeof phone);
	memcpy(email, c->email, sizeof email);
	name[sizeof name - 1] = phone[sizeof phone - 1] = email[sizeof email - 1] = '\0';
	/* First: whatever else is wrong, an ID number must not be taken anywhere. */
	if (looks_like_id(name, false) || looks_like_id(phone, true) || looks_like_id(email, false))
		return BOOKING_CONTACT_ID_NUMBER;
	if (letters(name) < 2)
		return BOOKING_CONTACT_NO_NAME;
	bool has_phone = !blank(phone), has_email = !blank(email);
	if (!has_phone && !has_email)
		return BOOKING_CONTACT_NO_WAY;
	if (has_phone && !phone_ok(phone))
		return BOOKING_CONTACT_BAD_PHONE;
	if (has_email && !email_ok(email))
		return BOOKING_CONTACT_BAD_EMAIL;
	return BOOKING_CONTACT_OK;
}

char booking_check_kind(const struct booking_contact *c)
{
	return phone_digits(c->phone) >= 4 ? 'p' : 'e';
}

bool booking_check_matches(const struct booking_contact *c, const char *typed)
{
	if (!typed)
		return false;
	char want[5] = "", got[8];
	int n = 0;
	if (booking_check_kind(c) == 'p') {
		int total = phone_digits(c->phone);
		int seen = 0;
		for (const char *p = c->phone; *p; p++) {
			if (!is_digit(*p))
				continue;
			if (seen++ >= total - 4)
				want[n++] = *p;
		}
		want[n] = '\0';
		int k = 0;
		for (const char *p = typed; *p; p++) {
			if (is_digit(*p)) {
				if (k == 4)
					return false;
				got[k++] = *p;
			} else if (*p != ' ' && *p != '-') {
				return false;
			}
		}
		got[k] = '\0';
		return k == 4 && strcmp(want, got) == 0;
	}
	const char *e = c->email;
	while (*e == ' ')
		e++;
	for (; n < 4 && e[n]; n++)
		want[n] = upper(e[n]);
	want[n] = '\0';
	if (n < 4)
		return false;
	while (*typed == ' ')
		typed++;
	int k = 0;
	for (; typed[k] && typed[k] != ' ' && k < 5; k++)
		got[k] = upper(typed[k]);
	got[k] = '\0';
	for (const char *p = typed + k; *p; p++)
		if (*p != ' ')
			return false;
	return k == 4 && strcmp(want, got) == 0;
}

bool booking_check_locked(const struct booking_check_count *c, int64_t now, int64_t *until)
{
	int64_t ends = c->since + BOOKING_CHECK_WINDOW_S;
	if (until)
		*until = ends;
	return c->failures >= BOOKING_CHECK_LIMIT && now < ends;
}

void booking_check_failed(struct booking_check_count *c, int64_t now)
{
	if (c->failures <= 0 || now >= c->since + BOOKING_CHECK_WINDOW_S) {
		c->failures = 0;
		c->since = now;
	}
	c->failures++;
}
