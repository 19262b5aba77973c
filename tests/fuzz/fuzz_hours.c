/* libFuzzer target: the opening-hours parser and its evaluation. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "calendars/hours.h"
#include "util/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cal_hours h;
	struct err e = { 0 };
	char *s = malloc(size + 1);

	memcpy(s, data, size);
	s[size] = '\0';
	if (cal_hours_parse(s, &h, &e) == 0) {
		/* A parsed rule set must be evaluable everywhere in a week,
		 * holidays included (2024-12-23 .. 2024-12-29). */
		for (int64_t day = 20080; day < 20087; day++)
			for (int m = 0; m < 1440; m += 7)
				(void)cal_hours_open(&h, day, m);
	}
	free(s);
	return 0;
}
