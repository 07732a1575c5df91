/*
 * Rotation arithmetic for panels mounted sideways or upside down. The
 * renderer turns the picture with the same angle, and touches come back
 * through geom_from_panel, so what is drawn and what is hit always agree. Pure.
 */
#include "kiosk/geom.h"

bool geom_rotation_valid(int rotation)
{
	return rotation == 0 || rotation == 90 || rotation == 180 || rotation == 270;
}

void geom_logical_size(int rotation, int pw, int ph, int *lw, int *lh)
{
	bool sideways = rotation == 90 || rotation == 270;
	*lw = sideways ? ph : pw;
	*lh = sideways ? pw : ph;
}

void geom_to_panel(int rotation, int lw, int lh, int x, int y, int *px, int *py)
{
	switch (rotation) {
	case 90:
		*px = lh - 1 - y;
		*py = x;
		break;
	case 180:
		*px = lw - 1 - x;
		*py = lh - 1 - y;
		break;
	case 270:
		*px = y;
		*py = lw - 1 - x;
		break;
	default:
		*px = x;
		*py = y;
		break;
	}
}

void geom_from_panel(int rotation, int lw, int lh, int px, int py, int *x, int *y)
{
	switch (rotation) {
	case 90:
		*x = py;
		*y = lh - 1 - px;
		break;
	case 180:
		*x = lw - 1 - px;
		*y = lh - 1 - py;
		break;
	case 270:
		*x = lw - 1 - py;
		*y = px;
		break;
	default:
		*x = px;
		*y = py;
		break;
	}
}
