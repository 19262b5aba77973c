/*
 * ical_lint FILE: parses a feed with libical and fails (exit 1) on any
 * X-LIC-ERROR libical inserts while parsing; exit 2 if nothing parses.
 */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>

static void walk(icalcomponent *c, int *n)
{
	for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY);
	     p; p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY)) {
		printf("%s: %s\n", icalcomponent_kind_to_string(icalcomponent_isa(c)),
		       icalproperty_get_xlicerror(p));
		(*n)++;
	}
	for (icalcomponent *k = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); k;
	     k = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
		walk(k, n);
}

int main(int argc, char **argv)
{
	FILE *f = argc > 1 ? fopen(argv[1], "rb") : NULL;
	icalcomponent *cal;
	long n;
	char *b;
	int errors = 0;

	if (!f)
		return 2;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	b = malloc((size_t)n + 1);
	if (!b || fread(b, 1, (size_t)n, f) != (size_t)n)
		return 2;
	b[n] = 0;
	fclose(f);
	cal = icalparser_parse_string(b);
	free(b);
	if (!cal) {
		puts("no component parsed");
		return 2;
	}
	walk(cal, &errors);
	printf("%d libical error(s)\n", errors);
	icalcomponent_free(cal);
	icalmemory_free_ring();
	return errors ? 1 : 0;
}
