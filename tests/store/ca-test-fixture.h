// SPDX-License-Identifier: GPL-3.0-or-later
// A real database file in a fresh temporary folder, with a small authority in it.
#pragma once

#include "ca-database.h"

G_BEGIN_DECLS

typedef struct
{
  char       *folder;
  char       *path;
  CaDatabase *database;
} CaTestFixture;

void ca_test_fixture_set_up    (CaTestFixture *fixture,
                                gconstpointer  data);
void ca_test_fixture_tear_down (CaTestFixture *fixture,
                                gconstpointer  data);
void ca_test_fixture_add_rows  (CaTestFixture *fixture);
void ca_test_exec              (CaDatabase    *database,
                                const char    *sql);
gint64 ca_test_query_int       (CaDatabase    *database,
                                const char    *sql);
char *ca_test_query_text       (CaDatabase    *database,
                                const char    *sql);
/* A second connection to the file at PATH, as a second copy of Case Audit would open it. */
CaDatabase *ca_test_open_second (const char   *path);

G_END_DECLS
