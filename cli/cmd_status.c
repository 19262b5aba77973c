#include "cli/cli.h"
#include "store/store.h"
#include "util/err.h"

const char cmd_status_usage[] =
	"usage: outreach [--db PATH] status\n\n"
	"Prints the database path, its schema version and how many rows each\n"
	"table holds.\n";

int cmd_status(struct cli *c, int argc, char **argv, struct err *e)
{
	struct store_count n[32];
	int k = 0, rc;

	(void)argv;
	if (argc > 1)
		return err_set(e, ERR_USAGE, "unexpected argument '%s'", argv[1]);
	rc = store_counts(c->store, n, 32, &k, e);
	if (rc)
		return rc;
	printf("database  %s (schema %d)\n", c->db_path, store_schema_version(c->store));
	for (int i = 0; i < k; i++)
		printf("%-12s %lld\n", n[i].table, (long long)n[i].rows);
	return 0;
}
