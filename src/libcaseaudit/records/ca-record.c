// SPDX-License-Identifier: GPL-3.0-or-later
// A record's read-only properties read straight from its struct: one table of members.
//
// Most records only show what their store filled in, so their get_property is a table,
// indexed by property id, of where each value lives in the instance
// (G_STRUCT_OFFSET (CaAction, owner)); the property's own type says how to read it. A
// property worked out on the fly keeps a get_property of its own (CaQuotaProgress).

#define G_LOG_DOMAIN "ca-record"

#include "config.h"

#include "ca-record.h"

/* MEMBERS[PROP_ID] is the offset of the member holding the property's value. Strings are
 * char *, enums, ints and booleans int-sized (as C enums are), the rest their GLib type. */
void
ca_record_get_property (GObject      *object,
                        const gsize  *members,
                        guint         n_members,
                        guint         prop_id,
                        GValue       *value,
                        GParamSpec   *pspec)
{
  gpointer member;

  if (prop_id == 0 || prop_id >= n_members)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  member = G_STRUCT_MEMBER_P (object, members[prop_id]);
  switch (G_TYPE_FUNDAMENTAL (G_PARAM_SPEC_VALUE_TYPE (pspec)))
    {
    case G_TYPE_STRING:
      g_value_set_string (value, *(const char **) member);
      break;
    case G_TYPE_INT64:
      g_value_set_int64 (value, *(gint64 *) member);
      break;
    case G_TYPE_INT:
      g_value_set_int (value, *(int *) member);
      break;
    case G_TYPE_UINT:
      g_value_set_uint (value, *(guint *) member);
      break;
    case G_TYPE_BOOLEAN:
      g_value_set_boolean (value, *(gboolean *) member);
      break;
    case G_TYPE_ENUM:
      g_value_set_enum (value, *(int *) member);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}
