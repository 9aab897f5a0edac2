// SPDX-License-Identifier: GPL-3.0-or-later
// For the stores alone: who moderates (R-H2), as SQL, for the moderation store's draw and
// its settings store's list of moderators, so that both count the same people.
#pragma once

/* SQL: the FROM and WHERE of a query over the staff who moderate, s, with their role r:
 * active, and with a moderation capacity of their own or their role's. */
#define CA_MODERATORS_FROM_WHERE                                                               \
  "FROM staff s JOIN role r ON r.code = s.role_code "                                          \
  "WHERE s.active = 1 "                                                                       \
  "  AND coalesce (s.moderation_capacity, r.moderation_capacity) IS NOT NULL "

/* SQL: how many moderations of the sample of the month ?1 moderator s has. */
#define CA_MODERATORS_IN_MONTH                                                                 \
  "(SELECT count(*) FROM moderation m WHERE m.moderator_id = s.id AND m.sample_month = ?1)"
