/*
 * cmd_user.c - team leads' logins for the web UI.
 */
#include "cli/cli.h"
#include "store/web.h"
#include "util/err.h"

#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

const char cmd_user_usage[] =
	"usage: outreach [--db PATH] user add LOGIN [--password-stdin]\n\n"
	"Adds a team lead who can log in to the web UI, or sets a new password\n"
	"for an existing one. The password (at least 10 characters) is read\n"
	"from the terminal without echo, or from the first line of standard\n"
	"input with --password-stdin. It is stored as an argon2id hash.\n";

#define PW_MIN 10

static int read_password(int from_stdin, char *pw, size_t cap, struct err *e)
{
	struct termios old, quiet;
	int tty = !from_stdin && isatty(STDIN_FILENO);
	size_t n;

	if (tty) {
		fputs("password: ", stderr);
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	if (!fgets(pw, (int)cap, stdin))
		pw[0] = '\0';
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	n = strcspn(pw, "\r\n");
	pw[n] = '\0';
	if (n < PW_MIN)
		return err_set(e, ERR_USAGE, "the password needs at least %d characters", PW_MIN);
	return 0;
}

int cmd_user(struct cli *c, int argc, char **argv, struct err *e)
{
	char pw[512], hash[crypto_pwhash_STRBYTES];
	int from_stdin = 0, rc;

	if (argc < 3 || strcmp(argv[1], "add"))
		return err_set(e, ERR_USAGE, "expected add LOGIN");
	if (argc == 4 && !strcmp(argv[3], "--password-stdin"))
		from_stdin = 1;
	else if (argc != 3)
		return err_set(e, ERR_USAGE, "unexpected argument '%s'", argv[3]);
	if (!*argv[2] || strlen(argv[2]) > STORE_KEY_MAX || strpbrk(argv[2], " \t"))
		return err_set(e, ERR_USAGE, "'%s' is not a login (no spaces, at most %d "
			       "bytes)", argv[2], STORE_KEY_MAX);
	rc = read_password(from_stdin, pw, sizeof pw, e);
	if (!rc && sodium_init() < 0)
		rc = err_set(e, ERR_INTERNAL, "libsodium");
	if (!rc && crypto_pwhash_str(hash, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
				     crypto_pwhash_MEMLIMIT_INTERACTIVE))
		rc = err_set(e, ERR_NOMEM, "password hashing needs more memory");
	sodium_memzero(pw, sizeof pw);
	if (!rc)
		rc = store_user_put(c->store, argv[2], hash, (int64_t)time(NULL), e);
	if (!rc)
		printf("user %s can log in\n", argv[2]);
	return rc;
}
