// SPDX-License-Identifier: GPL-3.0-or-later
// R-A3: one auditor's audits in a year against their role's quota.

#define G_LOG_DOMAIN "ca-quota-progress"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-quota-progress-private.h"

struct _CaQuotaProgress
{
  GObject  parent_instance;

  gint64   staff_id;
  char    *staff_ref;
  char    *name;
  char    *role;
  char    *team;
  guint    quota;
  guint    target;
  guint    allocated;
  guint    completed;
  char    *summary;
  char    *status;
  guint    role_capacity;
  gint     own_capacity;
  char    *capacity_text;
};

G_DEFINE_FINAL_TYPE (CaQuotaProgress, ca_quota_progress, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STAFF_REF,
  PROP_NAME,
  PROP_ROLE,
  PROP_TEAM,
  PROP_QUOTA,
  PROP_TARGET,
  PROP_ALLOCATED,
  PROP_COMPLETED,
  PROP_SHORTFALL,
  PROP_SHORT,
  PROP_SUMMARY,
  PROP_STATUS,
  PROP_CAPACITY,
  PROP_HAS_OWN_CAPACITY,
  PROP_CAPACITY_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
describe (CaQuotaProgress *self)
{
  GString *text = g_string_new (NULL);
  guint shortfall = ca_quota_progress_get_shortfall (self);

  /* Translators: "4 of 12 done", the audits done against the year's quota */
  g_string_append_printf (text, g_dngettext (NULL, "%u of %u done", "%u of %u done",
                                             self->quota),
                          self->completed, self->quota);
  g_string_append (text, _(", "));
  g_string_append_printf (text, g_dngettext (NULL, "%u given", "%u given", self->allocated),
                          self->allocated);
  g_string_append (text, _("; "));
  g_string_append_printf (text, g_dngettext (NULL, "%u due by now", "%u due by now",
                                             self->target),
                          self->target);
  if (shortfall > 0)
    {
      g_string_append (text, _(" — "));
      /* Translators: the auditor is this many audits behind the quota to date */
      g_string_append_printf (text, g_dngettext (NULL, "%u short", "%u short", shortfall),
                              shortfall);
    }
  return g_string_free (text, FALSE);
}

static void
ca_quota_progress_finalize (GObject *object)
{
  CaQuotaProgress *self = (CaQuotaProgress *) object;

  g_free (self->staff_ref);
  g_free (self->name);
  g_free (self->role);
  g_free (self->team);
  g_free (self->summary);
  g_free (self->status);
  g_free (self->capacity_text);

  G_OBJECT_CLASS (ca_quota_progress_parent_class)->finalize (object);
}

static void
ca_quota_progress_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CaQuotaProgress *self = CA_QUOTA_PROGRESS (object);

  switch (prop_id)
    {
    case PROP_STAFF_REF:
      g_value_set_string (value, self->staff_ref);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;
    case PROP_TEAM:
      g_value_set_string (value, self->team);
      break;
    case PROP_QUOTA:
      g_value_set_uint (value, self->quota);
      break;
    case PROP_TARGET:
      g_value_set_uint (value, self->target);
      break;
    case PROP_ALLOCATED:
      g_value_set_uint (value, self->allocated);
      break;
    case PROP_COMPLETED:
      g_value_set_uint (value, self->completed);
      break;
    case PROP_SHORTFALL:
      g_value_set_uint (value, ca_quota_progress_get_shortfall (self));
      break;
    case PROP_SHORT:
      g_value_set_boolean (value, ca_quota_progress_is_short (self));
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_CAPACITY:
      g_value_set_uint (value, ca_quota_progress_get_capacity (self));
      break;
    case PROP_HAS_OWN_CAPACITY:
      g_value_set_boolean (value, ca_quota_progress_has_own_capacity (self));
      break;
    case PROP_CAPACITY_TEXT:
      g_value_set_string (value, ca_quota_progress_get_capacity_text (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_quota_progress_class_init (CaQuotaProgressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ca_quota_progress_finalize;
  object_class->get_property = ca_quota_progress_get_property;

  properties[PROP_STAFF_REF] = g_param_spec_string ("staff-ref", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_ROLE] = g_param_spec_string ("role", NULL, NULL, NULL, flags);
  properties[PROP_TEAM] = g_param_spec_string ("team", NULL, NULL, NULL, flags);
  properties[PROP_QUOTA] = g_param_spec_uint ("quota", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_TARGET] = g_param_spec_uint ("target", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_ALLOCATED] = g_param_spec_uint ("allocated", NULL, NULL, 0, G_MAXUINT, 0,
                                                  flags);
  properties[PROP_COMPLETED] = g_param_spec_uint ("completed", NULL, NULL, 0, G_MAXUINT, 0,
                                                  flags);
  properties[PROP_SHORTFALL] = g_param_spec_uint ("shortfall", NULL, NULL, 0, G_MAXUINT, 0,
                                                  flags);
  properties[PROP_SHORT] = g_param_spec_boolean ("short", NULL, NULL, FALSE, flags);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties[PROP_CAPACITY] = g_param_spec_uint ("capacity", NULL, NULL, 0, G_MAXUINT, 0,
                                                 flags);
  properties[PROP_HAS_OWN_CAPACITY] = g_param_spec_boolean ("has-own-capacity", NULL, NULL,
                                                            FALSE, flags);
  properties[PROP_CAPACITY_TEXT] = g_param_spec_string ("capacity-text", NULL, NULL, NULL,
                                                        flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ca_quota_progress_init (CaQuotaProgress *self)
{
  self->own_capacity = -1;
}

CaQuotaProgress *
ca_quota_progress_new (gint64      staff_id,
                       const char *staff_ref,
                       const char *name,
                       const char *role,
                       const char *team,
                       guint       quota,
                       guint       target,
                       guint       allocated,
                       guint       completed)
{
  CaQuotaProgress *self = g_object_new (CA_TYPE_QUOTA_PROGRESS, NULL);

  self->staff_id = staff_id;
  self->staff_ref = g_strdup (staff_ref);
  self->name = g_strdup (name);
  self->role = g_strdup (role);
  self->team = g_strdup (team);
  self->quota = quota;
  self->target = target;
  self->allocated = allocated;
  self->completed = completed;
  self->summary = describe (self);
  if (ca_quota_progress_is_short (self))
    /* Translators: the auditor has done this many audits fewer than due by now */
    self->status = g_strdup_printf (_("Behind by %u"), ca_quota_progress_get_shortfall (self));
  else
    self->status = g_strdup (_("On track"));
  return self;
}

gint64
ca_quota_progress_get_staff_id (CaQuotaProgress *self)
{
  g_return_val_if_fail (CA_IS_QUOTA_PROGRESS (self), 0);
  return self->staff_id;
}

const char *
ca_quota_progress_get_staff_ref (CaQuotaProgress *self)
{
  g_return_val_if_fail (CA_IS_QUOTA_PROGRESS (self), NULL);
  return self->staff_ref;
}

const char *
ca_quota_progress_get_name (CaQuotaProgress *self)
{
  g_return_val_if_fail (CA_IS_QUOTA_PROGRESS (self), NULL);
  return self->name;
}

const char *
ca_quota_progress_get_role (CaQuotaProgress *self)
{
  g_return_val_if_fail (CA_IS_QUOTA_PROGRESS (self), NULL);
  return self->role;
}

const char *
ca_quota_progress_get_team (CaQuotaProgress *self)
{
  g_return_val_if_fail (CA_IS_QUOTA_PROGRESS (self), NULL);
  return self->team;
}

guint
ca_quota_progress_get_quota (CaQuotaProgress *self)
{
  g_return_val_if_fail (CA_IS_QUOTA_PROGRESS (self), 0);
  return self->quota;
}

guint
ca_quota_progress_get_target (CaQuotaProgress *self)
{
  g_return_val_if_fail (CA_IS_QUOTA_PROGRESS (self), 0);
  return self->target;
}

guint
ca_quota_progress_get_allocated (CaQuotaProgress *self)
{
  g_return_val_if_fail (CA_IS_QUOTA_PROGRESS (self), 0);
  return self->allocated;
}

guint
ca_quota_progress_get_completed (CaQuotaProgress *self)
{
  g_return_val_if_fail (CA_IS_QUOTA_PROGRESS (self), 0);
  return self->completed;
}

guint
ca_quota_progress_get_shortfall (CaQuotaProgress *self)
{
  g_return_val_if_fail (CA_IS_QUOTA_PROGRESS (self), 0);
  return self->completed < self->target ? self->target - self->completed : 0;
}

gboolean
ca_quota_progress_is_short (CaQuotaProgress *self)
{
  return ca_quota_progress_get_shortfall (self) > 0;
}

const char *
ca_quota_progress_get_summary (CaQuotaProgress *self)
{
  g_return_val_if_fail (CA_IS_QUOTA_PROGRESS (self), NULL);
  return self->summary;
}

const char *
ca_quota_progress_get_status (CaQuotaProgress *self)
{
  g_return_val_if_fail (CA_IS_QUOTA_PROGRESS (self), NULL);
  return self->status;
}

void
ca_quota_progress_set_capacity (CaQuotaProgress *self,
                                gint             role_capacity,
                                gint             own_capacity)
{
  g_return_if_fail (CA_IS_QUOTA_PROGRESS (self));

  self->role_capacity = (guint) MAX (role_capacity, 0);
  self->own_capacity = MAX (own_capacity, -1);
  g_clear_pointer (&self->capacity_text, g_free);
  if (ca_quota_progress_has_own_capacity (self))
    /* Translators: a person's own audits a month, then their role's number */
    self->capacity_text = g_strdup_printf (_("%u (role: %u)"), (guint) self->own_capacity,
                                           self->role_capacity);
  else
    self->capacity_text = g_strdup_printf ("%u", ca_quota_progress_get_capacity (self));
}

guint
ca_quota_progress_get_capacity (CaQuotaProgress *self)
{
  g_return_val_if_fail (CA_IS_QUOTA_PROGRESS (self), 0);
  return self->own_capacity >= 0 ? (guint) self->own_capacity : self->role_capacity;
}

gint
ca_quota_progress_get_own_capacity (CaQuotaProgress *self)
{
  g_return_val_if_fail (CA_IS_QUOTA_PROGRESS (self), -1);
  return self->own_capacity;
}

guint
ca_quota_progress_get_role_capacity (CaQuotaProgress *self)
{
  g_return_val_if_fail (CA_IS_QUOTA_PROGRESS (self), 0);
  return self->role_capacity;
}

gboolean
ca_quota_progress_has_own_capacity (CaQuotaProgress *self)
{
  g_return_val_if_fail (CA_IS_QUOTA_PROGRESS (self), FALSE);
  return self->own_capacity >= 0 && (guint) self->own_capacity != self->role_capacity;
}

const char *
ca_quota_progress_get_capacity_text (CaQuotaProgress *self)
{
  g_return_val_if_fail (CA_IS_QUOTA_PROGRESS (self), NULL);
  if (self->capacity_text == NULL)
    self->capacity_text = g_strdup_printf ("%u", ca_quota_progress_get_capacity (self));
  return self->capacity_text;
}
