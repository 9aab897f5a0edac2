// SPDX-License-Identifier: GPL-3.0-or-later
// An action an audit asked for: what, who, by when, and whether it is done (R-F5).

#define G_LOG_DOMAIN "ca-action"

#include "config.h"

#include "ca-action-private.h"
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

static void
ca_action_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CaAction *self = CA_ACTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_AUDIT_ID:
      g_value_set_int64 (value, self->audit_id);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_OWNER:
      g_value_set_string (value, self->owner);
      break;
    case PROP_DUE_DATE:
      g_value_set_string (value, self->due_date);
      break;
    case PROP_COMPLETED_ON:
      g_value_set_string (value, self->completed_on);
      break;
    case PROP_SAFEGUARDING:
      g_value_set_boolean (value, self->safeguarding);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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
