/* The floor for bench/compose.sh: reads every file named in a list (one
 * path a line) and runs libyaml's event parser over it to the end of the
 * stream, building nothing. Prints the numbers of files, events and files
 * libyaml rejected, so that the work can't be skipped.
 * usage: yaml_parse_only LISTFILE
 * Built by bench/compose.sh: cc -O2 yaml_parse_only.c -lyaml */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (!f)
		return NULL;
	do {
		if (n == cap) {
			char *nb;

			cap = cap ? cap * 2 : 65536;
			nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got);
	fclose(f);
	*len = n;
	return buf;
}

int main(int argc, char **argv)
{
	FILE *list;
	char path[8192];
	unsigned long files = 0, events = 0, rejected = 0;

	if (argc != 2 || !(list = fopen(argv[1], "r"))) {
		fprintf(stderr, "usage: yaml_parse_only LISTFILE\n");
		return 2;
	}
	while (fgets(path, sizeof(path), list)) {
		yaml_parser_t p;
		yaml_event_t ev;
		size_t len;
		char *buf;
		int done = 0;

		path[strcspn(path, "\n")] = '\0';
		if (!*path || !(buf = slurp(path, &len)))
			continue;
		files++;
		if (!yaml_parser_initialize(&p)) {
			fprintf(stderr, "yaml_parse_only: out of memory\n");
			return 1;
		}
		yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
		while (!done) {
			if (!yaml_parser_parse(&p, &ev)) {
				rejected++;
				break;
			}
			events++;
			done = ev.type == YAML_STREAM_END_EVENT;
			yaml_event_delete(&ev);
		}
		yaml_parser_delete(&p);
		free(buf);
	}
	fclose(list);
	printf("%lu files, %lu events, %lu rejected\n", files, events, rejected);
	return 0;
}
