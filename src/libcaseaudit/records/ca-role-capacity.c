// SPDX-License-Identifier: GPL-3.0-or-later
// R-A3 / R-D3: how many audits a month a role's people take by default.

#define G_LOG_DOMAIN "ca-role-capacity"

#include "config.h"

#include "ca-role-capacity-private.h"
#include "ca-record.h"

struct _CaRoleCapacity
{
  GObject  parent_instance;

  char    *code;
  char    *name;
  guint    capacity;
};

G_DEFINE_FINAL_TYPE (CaRoleCapacity, ca_role_capacity, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_NAME,
  PROP_CAPACITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ca_role_capacity_finalize (GObject *object)
{
  CaRoleCapacity *self = CA_ROLE_CAPACITY (object);

  g_free (self->code);
  g_free (self->name);
  G_OBJECT_CLASS (ca_role_capacity_parent_class)->finalize (object);
}

/* Where each property's value is kept. */
static const gsize members[N_PROPS] = {
  [PROP_CODE] = G_STRUCT_OFFSET (CaRoleCapacity, code),
  [PROP_NAME] = G_STRUCT_OFFSET (CaRoleCapacity, name),
  [PROP_CAPACITY] = G_STRUCT_OFFSET (CaRoleCapacity, capacity),
};

static void
ca_role_capacity_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ca_record_get_property (object, members, N_PROPS, prop_id, value, pspec);
}

static void
ca_role_capacity_class_init (CaRoleCapacityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ca_role_capacity_finalize;
  object_class->get_property = ca_role_capacity_get_property;

  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_CAPACITY] = g_param_spec_uint ("capacity", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ca_role_capacity_init (CaRoleCapacity *self)
{
}

CaRoleCapacity *
ca_role_capacity_new (const char *code,
                      const char *name,
                      guint       capacity)
{
  CaRoleCapacity *self = g_object_new (CA_TYPE_ROLE_CAPACITY, NULL);

  self->code = g_strdup (code);
  self->name = g_strdup (name);
  self->capacity = capacity;
  return self;
}

const char *
ca_role_capacity_get_code (CaRoleCapacity *self)
{
  g_return_val_if_fail (CA_IS_ROLE_CAPACITY (self), NULL);
  return self->code;
}

const char *
ca_role_capacity_get_name (CaRoleCapacity *self)
{
  g_return_val_if_fail (CA_IS_ROLE_CAPACITY (self), NULL);
  return self->name;
}

guint
ca_role_capacity_get_capacity (CaRoleCapacity *self)
{
  g_return_val_if_fail (CA_IS_ROLE_CAPACITY (self), 0);
  return self->capacity;
}
