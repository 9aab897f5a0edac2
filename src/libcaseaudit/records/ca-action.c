// SPDX-License-Identifier: GPL-3.0-or-later
// An action an audit asked for: what, who, by when, and whether it is done (R-F5).

#define G_LOG_DOMAIN "ca-action"

#include "config.h"

#include "ca-action-private.h"
#include "ca-record.h"
#include "ca-enums.h"

G_DEFINE_FINAL_TYPE (CaAction, ca_action, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_AUDIT_ID,
  PROP_DESCRIPTION,
  PROP_OWNER,
  PROP_DUE_DATE,
  PROP_COMPLETED_ON,
  PROP_SAFEGUARDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ca_action_finalize (GObject *object)
{
  CaAction *self = (CaAction *) object;

  g_free (self->description);
  g_free (self->owner);
  g_free (self->due_date);
  g_free (self->completed_on);

  G_OBJECT_CLASS (ca_action_parent_class)->finalize (object);
}

/* Where each property's value is kept. */
static const gsize members[N_PROPS] = {
  [PROP_ID] = G_STRUCT_OFFSET (CaAction, id),
  [PROP_AUDIT_ID] = G_STRUCT_OFFSET (CaAction, audit_id),
  [PROP_DESCRIPTION] = G_STRUCT_OFFSET (CaAction, description),
  [PROP_OWNER] = G_STRUCT_OFFSET (CaAction, owner),
  [PROP_DUE_DATE] = G_STRUCT_OFFSET (CaAction, due_date),
  [PROP_COMPLETED_ON] = G_STRUCT_OFFSET (CaAction, completed_on),
  [PROP_SAFEGUARDING] = G_STRUCT_OFFSET (CaAction, safeguarding),
};

static void
ca_action_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  ca_record_get_property (object, members, N_PROPS, prop_id, value, pspec);
}

static void
ca_action_class_init (CaActionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ca_action_finalize;
  object_class->get_property = ca_action_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_AUDIT_ID] =
    g_param_spec_int64 ("audit-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_OWNER] =
    g_param_spec_string ("owner", NULL, NULL, NULL, flags);
  properties[PROP_DUE_DATE] =
    g_param_spec_string ("due-date", NULL, NULL, NULL, flags);
  properties[PROP_COMPLETED_ON] =
    g_param_spec_string ("completed-on", NULL, NULL, NULL, flags);
  properties[PROP_SAFEGUARDING] =
    g_param_spec_boolean ("safeguarding", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ca_action_init (CaAction *self)
{
}

CaAction *
ca_action_new (void)
{
  return g_object_new (CA_TYPE_ACTION, NULL);
}

gint64
ca_action_get_id (CaAction *self)
{
  g_return_val_if_fail (CA_IS_ACTION (self), 0);
  return self->id;
}

gint64
ca_action_get_audit_id (CaAction *self)
{
  g_return_val_if_fail (CA_IS_ACTION (self), 0);
  return self->audit_id;
}

const char *
ca_action_get_description (CaAction *self)
{
  g_return_val_if_fail (CA_IS_ACTION (self), NULL);
  return self->description;
}

const char *
ca_action_get_owner (CaAction *self)
{
  g_return_val_if_fail (CA_IS_ACTION (self), NULL);
  return self->owner;
}

const char *
ca_action_get_due_date (CaAction *self)
{
  g_return_val_if_fail (CA_IS_ACTION (self), NULL);
  return self->due_date;
}

const char *
ca_action_get_completed_on (CaAction *self)
{
  g_return_val_if_fail (CA_IS_ACTION (self), NULL);
  return self->completed_on;
}

gboolean
ca_action_get_safeguarding (CaAction *self)
{
  g_return_val_if_fail (CA_IS_ACTION (self), FALSE);
  return self->safeguarding;
}
