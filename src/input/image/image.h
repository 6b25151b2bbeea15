/* A container image read from a docker save archive or an OCI layout,
 * as streams (never extracted): the config and the final filesystem's
 * metadata after whiteouts, plus the few files the checks read. */
#ifndef SW_IMAGE_H
#define SW_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "findings/findings.h"
#include "input/shell/entry.h"
#include "util/arena.h"

/* One path of the final filesystem (or a whiteout record). */
struct img_file {
	const char *path;	/* relative, no leading '/' or "./" */
	unsigned mode;		/* permission bits with setuid/setgid/sticky */
	unsigned long uid, gid;	/* numeric tar header fields */
	int64_t size;
	char type;		/* 'f' file, 'd' dir, 'l' symlink, 'h' hard link, 'o' other */
	const char *link;	/* symlink or hard link target, or NULL */
	int layer;		/* index of the layer that added it, -1 when none */
	int wh_layer;		/* highest layer with a whiteout of this path, or -1 */
	int opq_layer;		/* highest layer marking this dir opaque, or -1 */
	bool present;		/* in the final filesystem */
	int above;		/* archive.c's: the highest layer hiding an ancestor */
	/* The bytes of etc/passwd, etc/group and etc/shadow, and of the
	 * scripts and supervisor configs the entry command may run or read
	 * (see image_follow), or NULL. */
	const char *content;
	size_t clen;
	char head;		/* its first bytes: 's' #!, 'b' binary, 't' other text, 0 not seen */
	bool want;		/* its content is asked for (image_follow) */
	bool fetched;		/* a pass looked for its content */
};

/* A secret-looking file seen in some layer (it ships even if deleted later). */
struct img_secret {
	const char *path;
	const char *what;	/* "a private key", ".env file", ... */
	int layer;
};

struct img_layer {
	const char *file;	/* member name or path in the layout */
	const char *created_by;	/* its history step, or NULL */
};

struct image {
	const char *name;	/* RepoTags[0] or the archive's name */
	const char *digest;	/* config digest, or "" */
	struct finding_target target;
	/* Config. */
	const char *user, *workdir;
	const char **env, **entrypoint, **cmd, **ports, **volumes;
	size_t nenv, nentrypoint, ncmd, nports, nvolumes;
	bool healthcheck;
	const char **history;	/* created_by of every history step */
	size_t nhistory;
	struct img_layer *layers;
	size_t nlayers;
	/* Final filesystem: open-addressing hash of paths. */
	struct img_file **files;
	size_t nfiles, capfiles;
	struct img_secret *secrets;
	size_t nsecrets, capsecrets;
	/* What the config's Entrypoint and Cmd run: the command line (the
	 * Entrypoint with the Cmd as its arguments) and the scripts of the
	 * image it runs (input/image/entry.c). */
	struct sh_script main;
	/* The Cmd, when main has it only as the arguments of an Entrypoint
	 * script, which by convention ends in exec "$@" (no commands
	 * otherwise). */
	struct sh_script cmd_apart;
	struct entry_set entry;
};

/* The largest script whose content is read. */
#define IMAGE_MAX_SCRIPT (1u << 20)

/* Follows the config's Entrypoint and Cmd into the image's scripts
 * (img->entry, img->main), as the Dockerfile layer follows a stage's
 * (input/shell/entry.h): through symbolic and hard links of the image.
 * A script the loader has not kept is marked want and counted in
 * img->entry.later: the loader reads those and follows again
 * (archive.c). */
void image_follow(struct arena *a, struct image *img);

/* Loads libarchive (once; dlopen): NULL when it can be, else why not. */
const char *image_library(void);
/* Reads an image archive (docker save tar) or layout folder at path into
 * img, reporting problems as input errors on display. Returns 0 or -1. */
int image_load(struct arena *a, const char *path, const char *display, struct image *img,
	       struct report *r);
/* Reads image ref (NAME[:TAG], an id or a digest) from the engine e as
 * two streams of GET /images/{id}/get, never pulled nor written to disk.
 * Findings name the image as the user did. Returns 0 or -1 (the engine's
 * message is the input error). */
struct engine;
int image_load_engine(struct arena *a, struct engine *e, const char *ref, struct image *img,
		      struct report *r);
/* Reads an image from an archive in memory (for the fuzzer). */
int image_load_memory(struct arena *a, const void *buf, size_t len, struct image *img,
		      struct report *r);

/* The final filesystem's entry at path (no leading '/'), or NULL; symlinks
 * are not followed. */
const struct img_file *image_lookup(const struct image *img, const char *path);
/* Like image_lookup but follows symlinks in every component (at most 40),
 * ".." included, as the kernel would; NULL past 4096 bytes (PATH_MAX).
 * Linear in the path's length. a is unused (may be NULL). */
const struct img_file *image_resolve(struct arena *a, const struct image *img, const char *path);
/* "layer N (RUN ...)" for messages. */
const char *image_layer_desc(struct arena *a, const struct image *img, int layer);
/* Looks a user (name or number) up in the image's etc/passwd, followed
 * through a symbolic or hard link: sets *uid and returns true when found. */
bool image_user_uid(const struct image *img, const char *user, unsigned long *uid);
/* Whether image_user_uid can tell: false when etc/passwd is a link to a
 * file whose content was not kept (kept: files named passwd or group). */
bool image_passwd_known(const struct image *img);

#endif
