// SPDX-License-Identifier: GPL-3.0-or-later
// For the stores alone: a member of staff by their staff ID (ca-store-staff.h).

#define G_LOG_DOMAIN "ca-store-staff"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-store-staff.h"

/**
 * ca_store_find_staff:
 * @staff_ref: the staff ID, as the staff list has it
 * @name: (out) (optional): their name
 * @domain: the calling store's error domain
 * @not_found: the calling store's "not found" code in @domain
 *
 * The one way the action and tracker stores turn who did something into a staff row, so the
 * refusal reads the same in both; each store keeps its own error domain, which its callers
 * tell apart.
 *
 * Returns: the staff row's id, or 0 with @error set (@domain, @not_found) when nobody has
 *   that staff ID
 */
gint64
ca_store_find_staff (CaDatabase   *database,
                     const char   *staff_ref,
                     char        **name,
                     GQuark        domain,
                     gint          not_found,
                     GError      **error)
{
  g_autoptr(CaStatement) stmt = ca_database_prepare (database,
                                                     "SELECT id, name FROM staff "
                                                     "WHERE staff_ref = ?", error);

  if (stmt == NULL)
    return 0;
  ca_statement_bind_text (stmt, 1, staff_ref);
  if (!ca_statement_step_one (stmt, error, domain, not_found,
                              _("No one in this database has the staff ID “%s”."), staff_ref))
    return 0;
  if (name != NULL)
    *name = ca_statement_dup_text (stmt, 1);
  return ca_statement_get_int64 (stmt, 0);
}
