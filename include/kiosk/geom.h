/*
 * Panel rotation: mapping between the upright (logical) picture the screens
 * draw and the panel's own pixels. rotation is how far the picture is turned
 * clockwise on the panel (0, 90, 180, 270). Pure.
 */
#ifndef KIOSK_GEOM_H
#define KIOSK_GEOM_H

#include <stdbool.h>

/* The logical size for a panel of pw x ph pixels turned by rotation. */
void geom_logical_size(int rotation, int pw, int ph, int *lw, int *lh);
/* A logical point (x, y) in a lw x lh picture to panel pixels. */
void geom_to_panel(int rotation, int lw, int lh, int x, int y, int *px, int *py);
/* A panel pixel back to the logical picture (the inverse of geom_to_panel). */
void geom_from_panel(int rotation, int lw, int lh, int px, int py, int *x, int *y);
bool geom_rotation_valid(int rotation);

#endif
