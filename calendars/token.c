#include "calendars/token.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	char enc[1500];

	rest = rest ? rest + 3 : base_url;
	snprintf(l->https, sizeof l->https, "%s/feeds/%s.ics", base_url, token);
	snprintf(l->webcal, sizeof l->webcal, "webcal://%s/feeds/%s.ics", rest, token);
	url_encode(l->webcal, enc, sizeof enc);
	snprintf(l->google, sizeof l->google,
		 "https://calendar.google.com/calendar/r?cid=%s", enc);
}
