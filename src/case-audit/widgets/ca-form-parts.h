// SPDX-License-Identifier: GPL-3.0-or-later
// A long form built in parts: the first screenful at once, the rest after the first frame.
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Builds one part of the form: DATA is what ca_form_parts_add() was given. */
typedef void (*CaFormPartBuild) (gpointer owner,
                                 gpointer data);

typedef struct _CaFormParts CaFormParts;

CaFormParts *ca_form_parts_new        (GtkWidget       *owner);
void         ca_form_parts_free       (CaFormParts     *parts);
void         ca_form_parts_add        (CaFormParts     *parts,
                                       CaFormPartBuild  build,
                                       gpointer         data);
void         ca_form_parts_start      (CaFormParts     *parts);
void         ca_form_parts_finish     (CaFormParts     *parts);
void         ca_form_parts_clear      (CaFormParts     *parts);
gboolean     ca_form_parts_is_pending (CaFormParts     *parts);

G_END_DECLS
