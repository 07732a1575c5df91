/*
 * Site data and content for kiosks: GET /v1/config and
 * GET /v1/content/translations/<lang>, both conditional on their ETag.
 * Thread: any connection thread.
 */
#ifndef CENTRAL_CONTENT_H
#define CENTRAL_CONTENT_H

struct req;
struct reply;

void content_config(struct req *q, struct reply *r);
void content_translation(struct req *q, struct reply *r);

#endif
