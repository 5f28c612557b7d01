/* main.c - the benchdb program (placeholder until the program issue). */
#include <stdio.h>
#include "schema.h"
int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "benchdb: not built yet\n");
	return 2;
}
