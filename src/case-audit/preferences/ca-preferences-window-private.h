// SPDX-License-Identifier: GPL-3.0-or-later
// Preferences: what the pages ask of their window, the one place that puts two versions of a
// number to the person, and how a page shows a number it read rather than one typed.
#pragma once

#include "ca-preferences-window.h"

G_BEGIN_DECLS

/* A number a page keeps that another copy of Case Audit may change too (R-N2). */
typedef enum
{
  CA_PREFERENCES_NUMBER_DEADLINE,  /* KEY: a name of ca_settings_store_deadline_names() */
  CA_PREFERENCES_NUMBER_CAPACITY,  /* KEY: a role's code */
} CaPreferencesNumber;

void     ca_preferences_window_offer_choice   (GtkWidget           *page,
                                               CaPreferencesNumber  kind,
                                               const char          *key,
                                               int                  other);
gboolean ca_preferences_window_choice_pending (GtkWidget           *page,
                                               CaPreferencesNumber  kind,
                                               const char          *key);
void     ca_preferences_window_ask_next_choice (GtkWidget          *page);

/* Shows VALUE in SPIN with *LOADING set meanwhile, so that the page's "value-changed"
 * handler takes it for a number read (or a version chosen), not one typed to save. */
static inline void
ca_preferences_show_number (GtkSpinButton *spin,
                            guint          value,
                            gboolean      *loading)
{
  *loading = TRUE;
  gtk_spin_button_set_value (spin, value);
  *loading = FALSE;
}

G_END_DECLS
