#include "calendars/token.h"
#include "store/plans.h"
#include "store/store.h"
#include "util/err.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void init(void)
{
	if (sodium_init() < 0) {
		fputs("outreach: libsodium: cannot initialise\n", stderr);
		abort();
	}
}

void cal_token_hash(const char *token, size_t len, unsigned char hash[32])
{
	init();
	crypto_generichash(hash, 32, (const unsigned char *)token, len, NULL, 0);
}

void cal_token_new(char out[CAL_TOKEN_LEN + 1], unsigned char hash[32])
{
	unsigned char raw[32];

	init();
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, CAL_TOKEN_LEN + 1, raw, sizeof raw,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
	cal_token_hash(out, CAL_TOKEN_LEN, hash);
}

int cal_token_valid(const char *s, size_t len)
{
	if (len != CAL_TOKEN_LEN)
		return 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return 0;
	}
	return 1;
}

static void url_encode(const char *s, char *out, size_t cap)
{
	size_t n = 0;

	for (; *s && n + 4 < cap; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || strchr("-_.~", c))
			out[n++] = (char)c;
		else
			n += (size_t)snprintf(out + n, cap - n, "%%%02X", c);
	}
	out[n] = '\0';
}

void cal_feed_links(const char *base_url, const char *token, struct cal_links *l)
{
	const char *rest = strstr(base_url, "://");
	size_t n = rest ? (size_t)(rest - base_url) : 0;
	char enc[1500];

	if (n >= sizeof l->scheme)
		n = 0;
	memcpy(l->scheme, base_url, n);
	l->scheme[n] = '\0';
	rest = rest ? rest + 3 : base_url;
	snprintf(l->url, sizeof l->url, "%s/feeds/%s.ics", base_url, token);
	snprintf(l->webcal, sizeof l->webcal, "webcal://%s/feeds/%s.ics", rest, token);
	url_encode(l->webcal, enc, sizeof enc);
	snprintf(l->google, sizeof l->google,
		 "https://calendar.google.com/calendar/r?cid=%s", enc);
}

int cal_feed_subject(struct store *s, int kind, const char *key, int64_t *id,
		     struct err *e)
{
	static const enum store_keyed keyed[] = {
		[STORE_FEED_WORKER] = STORE_WORKER, [STORE_FEED_PAIR] = STORE_PAIR,
		[STORE_FEED_PARTNER] = STORE_PARTNER, [STORE_FEED_PLACE] = STORE_PLACE,
	};
	const char *what = store_feed_kind_name((enum store_feed_kind)kind);

	*id = 0;
	if (kind < 0 || kind > STORE_FEED_PLACE)
		return err_set(e, ERR_USAGE, "unknown feed kind %d", kind);
	if (kind == STORE_FEED_TEAM)
		return key && *key ? err_set(e, ERR_USAGE, "a team feed takes no key") : 0;
	if (!key || !*key)
		return err_set(e, ERR_USAGE, "a %s feed needs the %s's key", what, what);
	if (store_id_of(s, keyed[kind], key, id))
		return err_set(e, ERR_NOTFOUND, "no %s with key '%s'", what, key);
	return 0;
}

int cal_feed_create(struct store *s, int kind, const char *subject_key,
		    const char *label, int show_names, char token[CAL_TOKEN_LEN + 1],
		    int64_t *id, struct err *e)
{
	struct store_feed_token t = {
		.kind = (enum store_feed_kind)kind, .show_names = show_names,
		.created_t = (int64_t)time(NULL),
	};
	unsigned char hash[32];
	int rc = cal_feed_subject(s, kind, subject_key, &t.subject_id, e);

	if (rc)
		return rc;
	snprintf(t.label, sizeof t.label, "%s", label ? label : "");
	cal_token_new(token, hash);
	rc = store_feed_token_insert(s, hash, &t, e);
	if (!rc)
		*id = t.id;
	return rc;
}

int cal_feed_rotate(struct store *s, int64_t id, char token[CAL_TOKEN_LEN + 1],
		    struct err *e)
{
	unsigned char hash[32];

	cal_token_new(token, hash);
	return store_feed_token_rehash(s, id, hash, e);
}
