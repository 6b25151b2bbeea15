/* An image lowered to the runtime description (spec/spec.h): what its
 * config says a container of it runs. */
#ifndef SW_IMAGE_LOWER_H
#define SW_IMAGE_LOWER_H

#include "input/image/image.h"
#include "spec/spec.h"

/* Lowers img into out; everything out points to is in a or img. */
void image_lower(struct arena *a, const struct image *img, struct spec *out);

#endif
