/*
 * Which handler answers which request, with the checks every endpoint shares
 * (method, test faults, bearer, body). Thread: the connection's thread.
 */
#ifndef CENTRAL_ROUTES_H
#define CENTRAL_ROUTES_H

struct req;
struct reply;

/* Answers q into r; r->status is set on return. */
void routes_dispatch(struct req *q, struct reply *r);

#endif
