// SPDX-License-Identifier: GPL-3.0-or-later
// One row of an allocation preview: a sampled case with its auditor, or one left unplaced.
// Plain text for the columns: the engine has already explained everything.

#define G_LOG_DOMAIN "ca-allocation-item"

#include "config.h"

#include <glib/gi18n.h>

#include "ca-allocation-item.h"

struct _CaAllocationItem
{
  GObject   parent_instance;

  char     *case_ref;
  char     *stratum;
  char     *auditor;
  char     *reason;
  gboolean  access_request;
};

G_DEFINE_FINAL_TYPE (CaAllocationItem, ca_allocation_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CASE_REF,
  PROP_STRATUM,
  PROP_AUDITOR,
  PROP_REASON,
  PROP_ACCESS_REQUEST,
  PROP_FLAG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ca_allocation_item_finalize (GObject *object)
{
  CaAllocationItem *self = (CaAllocationItem *) object;

  g_free (self->case_ref);
  g_free (self->stratum);
  g_free (self->auditor);
  g_free (self->reason);

  G_OBJECT_CLASS (ca_allocation_item_parent_class)->finalize (object);
}

static void
ca_allocation_item_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CaAllocationItem *self = CA_ALLOCATION_ITEM (object);

  switch (prop_id)
    {
    case PROP_CASE_REF:
      g_value_set_string (value, self->case_ref);
      break;
    case PROP_STRATUM:
      g_value_set_string (value, self->stratum);
      break;
    case PROP_AUDITOR:
      g_value_set_string (value, self->auditor);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case PROP_ACCESS_REQUEST:
      g_value_set_boolean (value, self->access_request);
      break;
    case PROP_FLAG:
      g_value_set_string (value, self->access_request ? _("Access request needed") : "");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_allocation_item_class_init (CaAllocationItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ca_allocation_item_finalize;
  object_class->get_property = ca_allocation_item_get_property;

  properties[PROP_CASE_REF] = g_param_spec_string ("case-ref", NULL, NULL, NULL, flags);
  properties[PROP_STRATUM] = g_param_spec_string ("stratum", NULL, NULL, NULL, flags);
  properties[PROP_AUDITOR] = g_param_spec_string ("auditor", NULL, NULL, NULL, flags);
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, flags);
  properties[PROP_ACCESS_REQUEST] = g_param_spec_boolean ("access-request", NULL, NULL, FALSE,
                                                          flags);
  properties[PROP_FLAG] = g_param_spec_string ("flag", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ca_allocation_item_init (CaAllocationItem *self)
{
}

CaAllocationItem *
ca_allocation_item_new (const char *case_ref,
                        const char *stratum,
                        const char *auditor,
                        const char *reason,
                        gboolean    access_request)
{
  CaAllocationItem *self = g_object_new (CA_TYPE_ALLOCATION_ITEM, NULL);

  self->case_ref = g_strdup (case_ref);
  self->stratum = g_strdup (stratum);
  self->auditor = g_strdup (auditor);
  self->reason = g_strdup (reason);
  self->access_request = access_request;
  return self;
}

const char *
ca_allocation_item_get_case_ref (CaAllocationItem *self)
{
  g_return_val_if_fail (CA_IS_ALLOCATION_ITEM (self), NULL);
  return self->case_ref;
}

const char *
ca_allocation_item_get_auditor (CaAllocationItem *self)
{
  g_return_val_if_fail (CA_IS_ALLOCATION_ITEM (self), NULL);
  return self->auditor;
}

const char *
ca_allocation_item_get_reason (CaAllocationItem *self)
{
  g_return_val_if_fail (CA_IS_ALLOCATION_ITEM (self), NULL);
  return self->reason;
}
