/* systemd's notify protocol (READY=1, WATCHDOG=1) without libsystemd. UI thread. */
#ifndef KIOSK_NOTIFY_H
#define KIOSK_NOTIFY_H

#include <stdbool.h>
#include <stdint.h>

/* Sends a state line to $NOTIFY_SOCKET; does nothing outside systemd. */
bool notify_send(const char *state);
/* Half the service's watchdog period in ms, or 0 when there is no watchdog. */
uint64_t notify_watchdog_interval_ms(void);

#endif
