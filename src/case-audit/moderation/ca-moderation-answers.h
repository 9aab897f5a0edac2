// SPDX-License-Identifier: GPL-3.0-or-later
// The auditor's answers to a section's questions, read-only in the Stage 2 form (R-H3).
#pragma once

#include <adwaita.h>

#include "core/ca-moderation-form.h"

G_BEGIN_DECLS

GtkWidget *ca_moderation_answers_new_row (const CaModeratedSection *section);

G_END_DECLS
