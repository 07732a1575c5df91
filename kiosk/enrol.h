/*
 * kiosk --enrol TOKEN: a technician's one-off command that trades a one-time
 * token from the central server for this kiosk's credentials
 * (POST /v1/enrol, docs/protocol.md) and saves them to
 * <data_dir>/credentials.json, mode 0600, atomically. Synchronous: it runs
 * instead of the kiosk, never on the UI thread.
 */
#ifndef KIOSK_ENROL_H
#define KIOSK_ENROL_H

/* The version the kiosk reports; the build may define it from the project's. */
#ifndef KIOSK_VERSION
#define KIOSK_VERSION "0.1.0"
#endif

struct enrol_opts {
	const char *token;
	const char *config_path; /* [server] url, ca_file, client_cert/key, [site] name, [store] data_dir */
	const char *data_dir;	 /* NULL: the configuration's */
	const char *assets_dir;	 /* for the technician's language */
	const char *version;
};

/* Prints one line in the technician's language ($LANGUAGE, $LANG...) and
 * returns the exit status: 0 enrolled, 1 not. */
int enrol_run(const struct enrol_opts *o);

#endif
