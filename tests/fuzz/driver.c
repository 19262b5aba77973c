/*
 * Replays fuzz inputs without libFuzzer: each argument is a file whose bytes
 * are passed to LLVMFuzzerTestOneInput. Built with gcc + ASan/UBSan in
 * `make test`, so inputs that once crashed stay regression tests.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		long n;
		uint8_t *p;

		if (!f) {
			perror(argv[i]);
			return 1;
		}
		fseek(f, 0, SEEK_END);
		n = ftell(f);
		fseek(f, 0, SEEK_SET);
		p = malloc((size_t)n + 1);
		if (!p || fread(p, 1, (size_t)n, f) != (size_t)n) {
			fclose(f);
			free(p);
			return 1;
		}
		fclose(f);
		LLVMFuzzerTestOneInput(p, (size_t)n);
		free(p);
	}
	return 0;
}
