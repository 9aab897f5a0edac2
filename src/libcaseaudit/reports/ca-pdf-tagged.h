// SPDX-License-Identifier: GPL-3.0-or-later
// Marks a PDF that carries cairo's structure tags as a tagged PDF (see ca-pdf-tagged.c).
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GBytes *ca_pdf_mark_tagged (GBytes *pdf);

G_END_DECLS
