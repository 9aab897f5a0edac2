// SPDX-License-Identifier: GPL-3.0-or-later
// R-H4: how far auditors and moderators agree on the four-point grade scale: the 4×4 table,
// exact agreement, agreement within one grade, and Cohen's kappa unweighted, with linear
// and with quadratic weights, each with a 95% confidence interval.
#pragma once

#include <glib.h>

#include "ca-grade.h"

G_BEGIN_DECLS

#define CA_AGREEMENT_N_GRADES 4

/* How many audits were given each pair of grades: cells[auditor][moderator], both in the
 * scale's order, Outstanding first. */
typedef struct
{
  guint cells[CA_AGREEMENT_N_GRADES][CA_AGREEMENT_N_GRADES];
} CaAgreementTable;

typedef enum
{
  CA_AGREEMENT_WEIGHTS_NONE,       /* only the same grade counts as agreement */
  CA_AGREEMENT_WEIGHTS_LINEAR,     /* one grade apart counts 2/3, two apart 1/3 */
  CA_AGREEMENT_WEIGHTS_QUADRATIC,  /* one grade apart counts 8/9, two apart 5/9 */
} CaAgreementWeights;

/* A kappa and its 95% confidence interval; all three are NAN where kappa is not defined:
 * with no pairs, or when chance alone would give the agreement seen (every audit given the
 * one same grade by both). */
typedef struct
{
  double value;
  double low;
  double high;
} CaKappa;

typedef struct
{
  guint   pairs;
  guint   exact;       /* given the same grade */
  guint   within_one;  /* the same grade or the next one */
  CaKappa kappa;
  CaKappa kappa_linear;
  CaKappa kappa_quadratic;
} CaAgreement;

/* Counts one audit graded AUDITOR by its auditor and MODERATOR by its moderator; an audit
 * either of them left ungraded does not count. */
void     ca_agreement_table_add      (CaAgreementTable       *table,
                                      CaGrade                 auditor,
                                      CaGrade                 moderator);
void     ca_agreement_table_merge    (CaAgreementTable       *table,
                                      const CaAgreementTable *other);
guint    ca_agreement_table_get_pairs (const CaAgreementTable *table);

CaKappa  ca_agreement_kappa          (const CaAgreementTable *table,
                                      CaAgreementWeights      weights);
void     ca_agreement_measure        (const CaAgreementTable *table,
                                      CaAgreement            *agreement);

/* How the pairs are grouped: all together, by the month or quarter the audit was
 * submitted in, by auditor, or by the service area of the audit's case. */
typedef enum
{
  CA_AGREEMENT_BY_NONE,
  CA_AGREEMENT_BY_MONTH,
  CA_AGREEMENT_BY_QUARTER,
  CA_AGREEMENT_BY_AUDITOR,
  CA_AGREEMENT_BY_SERVICE_AREA,
  CA_AGREEMENT_BY_SECTION,       /* the pairs of section grades, by section */
} CaAgreementBy;

/* "month", "quarter", "auditor", "service-area" or "section"; FALSE for anything else. */
gboolean ca_agreement_by_parse       (const char             *text,
                                      CaAgreementBy          *by);

/* One audit graded by its auditor and by a moderator. */
typedef struct
{
  char    *month;          /* YYYY-MM: when the audit was submitted */
  char    *auditor_ref;
  char    *auditor_name;
  char    *service_area;
  CaGrade  auditor_grade;
  CaGrade  moderator_grade;
  /* For a section's grades rather than the overall grade: the section's id, its title and
   * its place in its tool; NULL, NULL, 0 for the overall grade. */
  char    *section;
  char    *section_title;
  guint    section_order;
} CaAgreementPair;

void     ca_agreement_pair_free      (CaAgreementPair        *pair);

typedef struct
{
  char             *key;    /* "2026-10", "2026-Q4", a staff ID, a service area; "all" */
  char             *label;  /* the same for a person: "October 2026", a name */
  guint             order;  /* a section's place in its tool; 0 for other groups */
  CaAgreementTable  table;
} CaAgreementGroup;

void     ca_agreement_group_free     (CaAgreementGroup       *group);

/* Returns: (transfer full) (element-type CaAgreementGroup): PAIRS' tables, grouped BY,
 * months and quarters in time order, auditors and service areas by name, sections in their
 * tool's order; one group "all" (even with no pairs) for CA_AGREEMENT_BY_NONE. */
GPtrArray *ca_agreement_group_pairs  (GPtrArray              *pairs,
                                      CaAgreementBy           by);

/* The figures in sentences a manager reads without statistics: "Moderators agreed exactly
 * on 7 of 10 audits …". */
char    *ca_agreement_describe       (const CaAgreement      *agreement);

/* What kappa's size means, in the words of Landis and Koch (1977): "fair", "substantial" … */
const char *ca_agreement_kappa_strength (double               kappa);

G_END_DECLS
