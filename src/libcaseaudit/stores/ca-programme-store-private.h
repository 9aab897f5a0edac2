// SPDX-License-Identifier: GPL-3.0-or-later
// For the stores alone: the programme's order, as SQL, for the programme store's list and the
// calendar's programme dates, so that both show a month's strands the same way.
#pragma once

/* SQL: an ORDER BY over programme_entry: by month, then the strands in the programme's order
 * (social care, early help, SEND, then the dip sample and anything else). */
#define CA_PROGRAMME_ENTRY_ORDER                                                               \
  "ORDER BY month, CASE strand WHEN 'social-care' THEN 0 "                                     \
  "WHEN 'early-help' THEN 1 WHEN 'send' THEN 2 ELSE 3 END"
