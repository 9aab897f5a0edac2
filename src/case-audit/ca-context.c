// SPDX-License-Identifier: GPL-3.0-or-later
// What every view of one database shares: the database, the settings, the bank holidays, the
// deadline rules, today.
//
// The window makes one context for each database it opens and gives it to every view, so
// that no view opens its own settings or loads its own bank holidays or deadline rules, and
// every view hears of the database's changes the same way: the context relays
// CaDatabase::changed as its own "changed" (after reloading the bank holidays or the deadline
// rules, when they changed, so that a view reading them in its handler finds the new ones).

#define G_LOG_DOMAIN "ca-context"

#include "config.h"

#include "ca-context.h"
#include "ca-holiday-store.h"
#include "ca-settings-store.h"
#include "core/ca-date.h"

struct _CaContext
{
  GObject            parent_instance;

  CaDatabase        *database;
  GSettings         *settings;
  CaHolidayCalendar *holidays;
  CaDeadlineRules    deadline_rules;
  gboolean           deadline_rules_read;
};

G_DEFINE_FINAL_TYPE (CaContext, ca_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_SETTINGS,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
load_holidays (CaContext *self)
{
  g_autoptr(GError) error = NULL;
  CaHolidayCalendar *holidays = ca_holiday_store_load_calendar (self->database, &error);

  /* The shipped list and the rules still count the days: better than none. */
  if (holidays == NULL)
    {
      g_warning ("The bank holidays could not be read: %s", error->message);
      return;
    }
  g_clear_pointer (&self->holidays, ca_holiday_calendar_unref);
  self->holidays = holidays;
}

static void
load_deadline_rules (CaContext *self)
{
  g_autoptr(GError) error = NULL;
  CaDeadlineRules rules;

  /* The last rules read still give dates: better than none. */
  if (!ca_settings_store_load_deadline_rules (self->database, &rules, &error))
    {
      g_warning ("The deadlines for actions could not be read: %s", error->message);
      return;
    }
  self->deadline_rules = rules;
  self->deadline_rules_read = TRUE;
}

static void
database_changed_cb (CaContext *self,
                     int        kind,
                     GArray    *ids)
{
  if (kind == CA_CHANGE_HOLIDAY || kind == CA_CHANGE_ANY)
    load_holidays (self);
  if (kind == CA_CHANGE_SETTINGS || kind == CA_CHANGE_ANY)
    load_deadline_rules (self);
  g_signal_emit (self, signals[CHANGED], 0, kind, ids);
}

static void
ca_context_constructed (GObject *object)
{
  CaContext *self = CA_CONTEXT (object);

  G_OBJECT_CLASS (ca_context_parent_class)->constructed (object);

  g_return_if_fail (self->database != NULL && self->settings != NULL);

  load_holidays (self);
  if (self->holidays == NULL)
    self->holidays = ca_holiday_calendar_new ();
  load_deadline_rules (self);
  g_signal_connect_object (self->database, "changed", G_CALLBACK (database_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
ca_context_dispose (GObject *object)
{
  CaContext *self = CA_CONTEXT (object);

  g_clear_object (&self->database);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ca_context_parent_class)->dispose (object);
}

static void
ca_context_finalize (GObject *object)
{
  CaContext *self = CA_CONTEXT (object);

  g_clear_pointer (&self->holidays, ca_holiday_calendar_unref);

  G_OBJECT_CLASS (ca_context_parent_class)->finalize (object);
}

static void
ca_context_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CaContext *self = CA_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_context_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CaContext *self = CA_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ca_context_class_init (CaContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ca_context_constructed;
  object_class->dispose = ca_context_dispose;
  object_class->finalize = ca_context_finalize;
  object_class->get_property = ca_context_get_property;
  object_class->set_property = ca_context_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, CA_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CaContext::changed:
   * @kind: a #CaChangeKind
   * @ids: (element-type gint64): the ids changed; empty for every record of @kind
   *
   * CaDatabase::changed, relayed: in the main context, after the commit.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT,
                                   G_TYPE_ARRAY | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
ca_context_init (CaContext *self)
{
}

/**
 * ca_context_new:
 * @database: the database the views show
 * @settings: the application's one #GSettings (ca_application_get_settings())
 */
CaContext *
ca_context_new (CaDatabase *database,
                GSettings  *settings)
{
  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (CA_TYPE_CONTEXT, "database", database, "settings", settings, NULL);
}

CaDatabase *
ca_context_get_database (CaContext *self)
{
  g_return_val_if_fail (CA_IS_CONTEXT (self), NULL);

  return self->database;
}

GSettings *
ca_context_get_settings (CaContext *self)
{
  g_return_val_if_fail (CA_IS_CONTEXT (self), NULL);

  return self->settings;
}

/**
 * ca_context_get_holiday_calendar:
 *
 * Returns: (transfer none): the bank holidays this database counts, kept up to date as
 *   they change
 */
CaHolidayCalendar *
ca_context_get_holiday_calendar (CaContext *self)
{
  g_return_val_if_fail (CA_IS_CONTEXT (self), NULL);

  return self->holidays;
}

/**
 * ca_context_get_deadline_rules:
 *
 * Returns: (transfer none) (nullable): the working days allowed for each grade's actions,
 *   as this database's Preferences set them, kept up to date as they change; %NULL if they
 *   could never be read (a damaged database)
 */
const CaDeadlineRules *
ca_context_get_deadline_rules (CaContext *self)
{
  g_return_val_if_fail (CA_IS_CONTEXT (self), NULL);

  return self->deadline_rules_read ? &self->deadline_rules : NULL;
}

/* The staff ID in Preferences, blanks around it taken off: "" when none is set. Free it with
 * g_free(). */
char *
ca_context_dup_staff_ref (CaContext *self)
{
  g_return_val_if_fail (CA_IS_CONTEXT (self), NULL);

  return g_strstrip (g_settings_get_string (self->settings, "staff-ref"));
}

/* Today, as core counts it (ca_date_set_today()), so that tests that fix the date fix it
 * for every view. */
void
ca_context_get_today (CaContext *self,
                      GDate     *today)
{
  g_return_if_fail (CA_IS_CONTEXT (self));
  g_return_if_fail (today != NULL);

  ca_date_set_today (today);
}

/* A view's load asked for with @self: @task keeps it, so that its answer can tell whether the
 * view has moved on meanwhile (ca_context_load_still_wanted()). */
void
ca_context_hold_in_task (CaContext *self,
                         GTask     *task)
{
  g_return_if_fail (CA_IS_CONTEXT (self));
  g_return_if_fail (G_IS_TASK (task));

  g_task_set_task_data (task, g_object_ref (self), g_object_unref);
}

/**
 * ca_context_load_still_wanted:
 * @task: a view's load, holding the context it was asked with (ca_context_hold_in_task())
 * @now: (nullable): the view's context now
 * @closed: the error's message when the view has another context or none (closed, or given
 *   another database), translated
 *
 * Whether what @task read may still be shown: not when its cancellable was cancelled (the
 * view asked for another record meanwhile), nor when the view's context is no longer the one
 * it asked with. When it may not, @task has returned %G_IO_ERROR_CANCELLED, and the caller
 * frees what was read.
 */
gboolean
ca_context_load_still_wanted (GTask      *task,
                              CaContext  *now,
                              const char *closed)
{
  g_return_val_if_fail (G_IS_TASK (task), FALSE);

  if (g_task_return_error_if_cancelled (task))
    return FALSE;
  if (g_task_get_task_data (task) != now)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", closed);
      return FALSE;
    }
  return TRUE;
}
