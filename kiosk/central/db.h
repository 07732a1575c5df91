/*
 * The server's SQLite database: one connection, one mutex.
 * Thread: any; callers hold the lock (db_lock/db_unlock) around every use of
 * db_handle(), including whole transactions.
 */
#ifndef CENTRAL_DB_H
#define CENTRAL_DB_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "kiosk/error.h"

struct db;

/* Opens (creating) DIR/central.db and its schema; DIR is created when missing. */
enum kiosk_err db_open(const char *dir, struct db **out);
/* NULL-safe. */
void db_close(struct db *db);

void db_lock(struct db *db);
void db_unlock(struct db *db);
/* The connection; only between db_lock and db_unlock. */
sqlite3 *db_handle(struct db *db);

/* Runs SQL without results (BEGIN IMMEDIATE, COMMIT...); logs and returns false on failure. */
bool db_exec(struct db *db, const char *sql);
/* Rolls back the open transaction, if any (a failed COMMIT may already have). */
void db_rollback(struct db *db);
/* Prepares sql; logs and returns NULL on failure. */
sqlite3_stmt *db_prepare(struct db *db, const char *sql);
/* Steps a statement that returns no row (or whose row is ignored); logs failures, finalizes it. */
bool db_run(struct db *db, sqlite3_stmt *st);

/* Milliseconds since the epoch, wall clock (stored times and days are wall-clock facts). */
int64_t db_now_ms(void);

#endif
