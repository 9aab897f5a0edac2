// SPDX-License-Identifier: GPL-3.0-or-later
// Remembered import value mappings: saved, changed, listed by kind, removed; values matched
// whatever their case and spacing; the table's checks.

#include "config.h"

#include "ca-import-mapping-store.h"
#include "ca-test-fixture.h"

static char *
listed (CaDatabase *database,
        int         kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) values = ca_import_mapping_store_list (database, kind, &error);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < values->len; i++)
    {
      CaImportRememberedValue *value = values->pdata[i];

      g_assert_nonnull (value->updated_at);
      g_string_append_printf (text, "%s%s/%s/%s/%s=%s", i > 0 ? ";" : "",
                              ca_import_kind_to_string (value->kind), value->field,
                              value->value, value->value_key, value->code);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_round_trip (CaTestFixture *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = listed (fixture->database, -1);
  g_autofree char *saved = NULL;
  g_autofree char *staff = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *removed = NULL;

  g_assert_cmpstr (empty, ==, "");

  g_assert_true (ca_import_mapping_store_save (fixture->database, CA_IMPORT_KIND_STAFF, "role",
                                               "Chief Wizard", "service-manager", &error));
  g_assert_true (ca_import_mapping_store_save (fixture->database, CA_IMPORT_KIND_CASES,
                                               "legal_status", "Adopted", "other", &error));
  g_assert_true (ca_import_mapping_store_save (fixture->database, CA_IMPORT_KIND_STAFF,
                                               "active", "Left", "no", &error));
  g_assert_no_error (error);
  saved = listed (fixture->database, -1);
  g_assert_cmpstr (saved, ==,
                   "cases/legal_status/Adopted/adopted=other;"
                   "staff/active/Left/left=no;"
                   "staff/role/Chief Wizard/chiefwizard=service-manager");
  staff = listed (fixture->database, CA_IMPORT_KIND_STAFF);
  g_assert_cmpstr (staff, ==, "staff/active/Left/left=no;"
                              "staff/role/Chief Wizard/chiefwizard=service-manager");

  /* The same value written another way changes the one mapping, not a second. */
  g_assert_true (ca_import_mapping_store_save (fixture->database, CA_IMPORT_KIND_STAFF, "role",
                                               "CHIEF  WIZARD", "head-of-service", &error));
  changed = listed (fixture->database, CA_IMPORT_KIND_STAFF);
  g_assert_cmpstr (changed, ==, "staff/active/Left/left=no;"
                                "staff/role/CHIEF  WIZARD/chiefwizard=head-of-service");

  g_assert_true (ca_import_mapping_store_remove (fixture->database, CA_IMPORT_KIND_STAFF,
                                                 "role", "chiefwizard", &error));
  g_assert_no_error (error);
  removed = listed (fixture->database, -1);
  g_assert_cmpstr (removed, ==, "cases/legal_status/Adopted/adopted=other;"
                                "staff/active/Left/left=no");
}

/* The table holds only the kinds and coded fields there are. */
static void
test_checks (CaTestFixture *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (ca_database_exec (fixture->database,
                                    "INSERT INTO import_value_mapping VALUES ('staff', 'team', "
                                    "'x', 'x', 'y', '2024-01-01T00:00:00Z')", &error));
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (ca_database_exec (fixture->database,
                                    "INSERT INTO import_value_mapping VALUES ('tools', 'role', "
                                    "'x', 'x', 'y', '2024-01-01T00:00:00Z')", &error));
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (ca_database_exec (fixture->database,
                                    "INSERT INTO import_value_mapping VALUES ('staff', 'role', "
                                    "'', 'x', 'y', '2024-01-01T00:00:00Z')", &error));
  g_assert_error (error, CA_DATABASE_ERROR, CA_DATABASE_ERROR_CONSTRAINT);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/import-mapping-store/round-trip", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_round_trip, ca_test_fixture_tear_down);
  g_test_add ("/import-mapping-store/checks", CaTestFixture, NULL, ca_test_fixture_set_up,
              test_checks, ca_test_fixture_tear_down);
  return g_test_run ();
}
