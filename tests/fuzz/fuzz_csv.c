/*
 * libFuzzer target: the CSV importer. The first byte picks the kind, the
 * rest is the file. One in-memory database per process, with a few parent
 * rows so that references can resolve; every input is one transaction, so
 * whatever it does is rolled back or committed whole.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data/data.h"
#include "store/store.h"
#include "util/err.h"

static struct store *s;

static struct store *db(void)
{
	static const char *const seed[][2] = {
		{ "partners", "key,name\np1,P\n" },
		{ "places", "key,name,kind,lat,lon\nx,X,park,60,25\n" },
		{ "workers", "key,name,role,weekly_hours\na,A,nurse,10\nb,B,nurse,10\n" },
		{ "pairs", "key,worker_a,worker_b\nab,a,b\n" },
	};
	struct err e = { 0 };

	if (s)
		return s;
	if (store_open(":memory:", &s, &e))
		abort();
	for (size_t i = 0; i < sizeof seed / sizeof seed[0]; i++)
		if (data_import_buffer(s, data_kind_parse(seed[i][0]), "seed", seed[i][1],
				       strlen(seed[i][1]), 0, NULL, &e))
			abort();
	return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned runs;
	struct err e = { 0 };
	int kind;

	if (size < 1)
		return 0;
	if (++runs % 5000 == 0) {	/* committed rows pile up: start afresh */
		store_close(s);
		s = NULL;
	}
	kind = data[0] % DATA_NKINDS;
	data_import_buffer(db(), kind, "fuzz.csv", (const char *)data + 1, size - 1,
			   data[0] & 0x80, NULL, &e);
	return 0;
}
