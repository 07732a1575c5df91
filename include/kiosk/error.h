/* One error enum for every fallible operation in the kiosk; 0 is success. */
#ifndef KIOSK_ERROR_H
#define KIOSK_ERROR_H

enum kiosk_err {
	KIOSK_OK = 0,
	KIOSK_ERR_NOMEM,     /* an allocation failed */
	KIOSK_ERR_IO,        /* a file could not be read or written */
	KIOSK_ERR_NOT_FOUND, /* a file or record does not exist */
	KIOSK_ERR_PARSE,     /* input is not in the expected format */
	KIOSK_ERR_INVALID,   /* input parsed but a value is not acceptable */
	KIOSK_ERR_FULL,      /* a bounded buffer or queue is full */
	KIOSK_ERR_DISK_FULL, /* the storage device has no room left */
	KIOSK_ERR_BUSY,      /* the resource is locked by someone else */
	KIOSK_ERR_STOPPED,   /* the service is shutting down */
};

/* A short English description for logs; never shown to visitors. */
const char *kiosk_err_str(enum kiosk_err err);

#endif
