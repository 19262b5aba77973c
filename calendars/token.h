/*
 * token.h - secret feed tokens (libsodium): 256 random bits as 43
 * characters of URL-safe base64. Only the BLAKE2b-256 hash of a token is
 * ever stored; the secret is shown once, when created or rotated.
 * Subscribe links: webcal://, https:// and Google Calendar's "add by URL".
 */
#ifndef CALENDARS_TOKEN_H
#define CALENDARS_TOKEN_H

#include <stddef.h>
#include <stdint.h>

#define CAL_TOKEN_LEN 43	/* characters, without the NUL */

/* A fresh token into out (CAL_TOKEN_LEN + 1 bytes) and its hash. */
void cal_token_new(char out[CAL_TOKEN_LEN + 1], unsigned char hash[32]);

/* Hash of a token (any string). */
void cal_token_hash(const char *token, size_t len, unsigned char hash[32]);

/* 1 if s (len bytes) has the shape of a token. */
int cal_token_valid(const char *s, size_t len);

/* A feed's links. url has base_url's scheme, which is in scheme ("http",
 * "https"; "" if base_url has none): label url by it, not as "https". */
struct cal_links {
	char scheme[16], url[512], webcal[512], google[1600];
};

/* Links for a feed at base_url ("https://host[:port]") and token. */
void cal_feed_links(const char *base_url, const char *token, struct cal_links *l);

struct store;
struct err;

/* Id of a feed's subject: the worker, pair, partner or place with that key
 * (0 for the team). ERR_USAGE or ERR_NOTFOUND with a message. */
int cal_feed_subject(struct store *s, int kind, const char *key, int64_t *id,
		     struct err *e);

/*
 * Creates a feed link of kind (0..4 as enum store_feed_kind) for the row
 * with subject_key (NULL for the team) and writes its fresh token into
 * token; the database keeps only the hash. Returns 0, ERR_USAGE or
 * ERR_NOTFOUND (unknown key) with a message, or a store error.
 */
int cal_feed_create(struct store *s, int kind, const char *subject_key,
		    const char *label, int show_names, char token[CAL_TOKEN_LEN + 1],
		    int64_t *id, struct err *e);

/* A new token for feed id (the old one stops working). */
int cal_feed_rotate(struct store *s, int64_t id, char token[CAL_TOKEN_LEN + 1],
		    struct err *e);

#endif
