/* What an input file is, by its name: the one classifier that the folder
 * walk, compose discovery, the script search and paths named on the
 * command line all use. */
#ifndef SW_DISCOVER_CLASSIFY_H
#define SW_DISCOVER_CLASSIFY_H

enum input_kind { INPUT_NONE, INPUT_DOCKERFILE, INPUT_COMPOSE };

/* The kind of a file by its name (the last component of name counts):
 * Dockerfile, Dockerfile.*, Containerfile, Containerfile.*, *.Dockerfile,
 * *.dockerfile; compose.y(a)ml, docker-compose.y(a)ml and their forms
 * with a word before or after (docker-compose.prod.yml, prod.compose.yml,
 * docker-compose_v3.yaml, app-docker-compose.yaml); INPUT_NONE otherwise. */
enum input_kind input_kind_of(const char *name);

#endif
