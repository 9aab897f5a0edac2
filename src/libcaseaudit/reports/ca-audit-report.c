// SPDX-License-Identifier: GPL-3.0-or-later
// The completed audit as a council document (R-F10): the audit and its manager's response
// put into a CaDocument, which lays them out on A4 pages and draws them into any cairo
// context.

#define G_LOG_DOMAIN "ca-audit-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ca-audit-report.h"
#include "ca-moderation-report.h"
#include "core/ca-deadlines.h"
#include "ca-document.h"
#include "ca-manager-response-store.h"
#include "core/ca-date.h"
#include "core/ca-audit-rules.h"

struct _CaAuditReport
{
  CaDocument *document;
};

/* TEXT, or FALLBACK when TEXT is blank. */
static const char *
text_or (const char *text,
         const char *fallback)
{
  return ca_rule_text_is_blank (text) ? fallback : text;
}

/* The footer of every page; CASE_REF is the document's copy of the case reference. */
static char *
format_footer (guint    page,
               guint    n_pages,
               gpointer case_ref)
{
  /* TRANSLATORS: the footer of every page: the case reference, the page and the count */
  return g_strdup_printf (_("Case Audit — %s — page %u of %u"), (const char *) case_ref,
                          page + 1, n_pages);
}

static char *
format_date (const char *iso_date,
             const char *if_missing)
{
  if (ca_rule_text_is_blank (iso_date))
    return g_strdup (if_missing);
  return ca_date_format_display (iso_date);
}

/* A stored UTC moment in ZONE (nullable: the local zone), or NULL when there is none. */
static char *
format_moment (const char *timestamp,
               GTimeZone  *zone,
               const char *format)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) shown = NULL;

  if (ca_rule_text_is_blank (timestamp))
    return NULL;
  utc = g_date_time_new_from_iso8601 (timestamp, NULL);
  if (utc == NULL)
    return g_strdup (timestamp);
  shown = zone != NULL ? g_date_time_to_timezone (utc, zone) : g_date_time_to_local (utc);
  return g_date_time_format (shown, format);
}

static char *
format_timestamp (const char *timestamp)
{
  return format_moment (timestamp, NULL, "%-d %b %Y, %H:%M");
}

/* A category deadline in England's time: to the minute for Category 1's 48 hours, else the
 * day it ends. */
static char *
format_deadline (const char *timestamp,
                 gboolean    to_the_minute)
{
  return format_moment (timestamp, ca_deadline_get_time_zone (),
                        to_the_minute ? "%-d %b %Y, %H:%M" : "%-d %b %Y");
}

static char *
staff_name (GHashTable *staff_names,
            gint64      staff_id)
{
  const char *name = NULL;

  if (staff_id == 0)
    return g_strdup (_("Not named"));
  if (staff_names != NULL)
    name = g_hash_table_lookup (staff_names, &staff_id);
  if (name != NULL)
    return g_strdup (name);
  /* TRANSLATORS: a member of staff whose name is not known, by number */
  return g_strdup_printf (_("Staff member %" G_GINT64_FORMAT), staff_id);
}

static void
build_header (CaAuditReport     *self,
              const CaAuditForm *form)
{
  const CaAuditHeader *header = form->header;
  const CaAuditDraft *draft = form->draft;
  g_autofree char *tool = NULL;
  g_autofree char *audit_date = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *period = NULL;
  g_autofree char *submitted = NULL;
  g_autofree char *status = NULL;

  ca_document_add_paragraph (self->document, CA_DOCUMENT_STYLE_TITLE,
                             ca_document_get_title (self->document), 0.0);
  ca_document_add_paragraph (self->document, CA_DOCUMENT_STYLE_SUBTITLE,
                             _("Children’s Services quality assurance: case file audit"), 2.0);

  /* TRANSLATORS: an audit tool's name and version, e.g. "Stage 1 Good Practice, version 2" */
  tool = g_strdup_printf (_("%s, version %d"), header->tool_name, header->tool_version);
  audit_date = format_date (draft->audit_date, _("Not recorded"));
  start = format_date (draft->period_start, _("not recorded"));
  end = format_date (draft->period_end, _("not recorded"));
  /* TRANSLATORS: the period of the case file reviewed, from a date to a date */
  period = g_strdup_printf (_("%s to %s"), start, end);
  submitted = format_timestamp (header->submitted_at);
  if (submitted != NULL)
    /* TRANSLATORS: an audit's status and when it was submitted */
    status = g_strdup_printf (_("%s — submitted %s"),
                              ca_audit_status_get_label (header->status), submitted);
  else
    status = g_strdup (ca_audit_status_get_label (header->status));

  ca_document_add_paragraph (self->document, CA_DOCUMENT_STYLE_BODY, "", 4.0);
  ca_document_add_key_value (self->document, _("Case reference"), header->case_ref);
  ca_document_add_key_value (self->document, _("Service area"),
                             text_or (header->service_area, _("Not recorded")));
  ca_document_add_key_value (self->document, _("Team"),
                             text_or (header->team, _("Not recorded")));
  ca_document_add_key_value (self->document, _("Allocated worker"),
                             text_or (header->allocated_worker, _("None allocated")));
  ca_document_add_key_value (self->document, _("Auditor"), header->auditor);
  ca_document_add_key_value (self->document, _("Done jointly with"),
                             text_or (header->joint_practitioner, _("Not done jointly")));
  ca_document_add_key_value (self->document, _("Audit tool"), tool);
  ca_document_add_key_value (self->document, _("Audit date"), audit_date);
  ca_document_add_key_value (self->document, _("Period reviewed"), period);
  ca_document_add_key_value (self->document, _("Status"), status);
}

/* Who must act on the audit: the managers at once for Category 1–2 (R-F7), and the owners of
 * its actions. */
static char *
describe_who_acts (const CaAuditDraft *draft,
                   GHashTable         *staff_names)
{
  g_autoptr(GPtrArray) owners = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new (NULL);

  if (draft->category == 1 || draft->category == 2)
    g_string_append (text, _("The Service Manager and the Team Manager, at once."));
  for (guint i = 0; i < draft->actions->len; i++)
    {
      const CaDraftAction *action = g_ptr_array_index (draft->actions, i);
      g_autofree char *name = staff_name (staff_names, action->owner_id);

      if (!g_ptr_array_find_with_equal_func (owners, name, g_str_equal, NULL))
        g_ptr_array_add (owners, g_steal_pointer (&name));
    }
  if (owners->len > 0)
    {
      g_autofree char *names = NULL;

      g_ptr_array_add (owners, NULL);
      names = g_strjoinv (", ", (char **) owners->pdata);
      if (text->len > 0)
        g_string_append_c (text, ' ');
      /* TRANSLATORS: who owns the audit's actions, e.g. "Action owners: Amy Lee, Ben Cole." */
      g_string_append_printf (text, _("Action owners: %s."), names);
    }
  if (text->len == 0)
    g_string_append (text, _("Nobody: the audit has no actions."));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The first page's summary (issue 12 item 11): the judgement, the deadlines that follow it,
 * and who must act, so that the reader of the child's file need not turn to the last page. */
static void
build_summary (CaAuditReport     *self,
               const CaAuditForm *form,
               GHashTable        *staff_names)
{
  const CaAuditHeader *header = form->header;
  const CaAuditDraft *draft = form->draft;
  g_autofree char *category = NULL;
  g_autofree char *review = format_deadline (header->review_due_at, draft->category == 1);
  g_autofree char *response = format_date (header->response_due_date, NULL);
  g_autofree char *who = describe_who_acts (draft, staff_names);
  gboolean submitted = header->submitted_at != NULL;

  if (!form->definition->overall_grade)
    return;

  if (draft->category != CA_CATEGORY_NONE)
    category = g_strdup_printf (_("%s — %s"), ca_category_get_label (draft->category),
                                ca_category_get_description (draft->category));
  ca_document_add_paragraph (self->document, CA_DOCUMENT_STYLE_BODY, "", 4.0);
  ca_document_add_subheading (self->document, _("Summary"));
  ca_document_add_key_value (self->document, _("Overall grade"),
                             draft->overall_grade != CA_GRADE_NONE
                               ? ca_grade_get_label (draft->overall_grade) : _("Not graded yet"));
  ca_document_add_key_value (self->document, _("Category"),
                             category != NULL ? category : _("Not categorised yet"));
  ca_document_add_key_value (self->document, _("Recommendations to be checked by"),
                             review != NULL ? review
                             : submitted ? _("No deadline")
                             : _("Set when the audit is submitted"));
  ca_document_add_key_value (self->document, _("Manager response due"),
                             response != NULL ? response
                             : submitted ? _("No response needed: no actions")
                             : _("Set when the audit is submitted"));
  ca_document_add_key_value (self->document, _("Who must act"), who);
}

static void
build_section (CaAuditReport       *self,
               const CaAuditForm   *form,
               const CaToolSection *section)
{
  static const double width[] = { 0.62, 0.38 };
  const char *titles[] = { _("Question"), _("Answer") };
  const CaAuditDraft *draft = form->draft;

  ca_document_add_heading (self->document, section->title);

  if (section->questions->len > 0)
    {
      ca_document_begin_table (self->document, 2, width, titles, 6.0);
      for (guint i = 0; i < section->questions->len; i++)
        {
          const CaToolQuestion *question = g_ptr_array_index (section->questions, i);
          g_autofree char *answer = NULL;
          const char *text[2];

          answer = ca_answer_describe (question, ca_audit_draft_get_answer (draft, question->id));
          text[0] = question->text;
          text[1] = answer;
          ca_document_add_row (self->document, text);
        }
    }

  if (section->has_comments)
    {
      ca_document_add_subheading (self->document, _("Comments"));
      ca_document_add_text (self->document, ca_audit_draft_get_section_comments (draft, section->id),
                _("No comments."), 2.0);
    }

  if (section->graded)
    {
      g_autofree char *line = NULL;

      /* TRANSLATORS: a section's grade, in words, e.g. "Section grade: Good" */
      line = g_strdup_printf (_("Section grade: %s"),
                              ca_grade_get_label (ca_audit_draft_get_section_grade (draft, section->id)));
      ca_document_add_paragraph (self->document, CA_DOCUMENT_STYLE_STRONG, line, 8.0);
    }
}

static void
build_conclusion (CaAuditReport     *self,
                  const CaAuditForm *form,
                  GHashTable        *staff_names)
{
  static const double width[] = { 0.36, 0.17, 0.14, 0.33 };
  const char *titles[] = {
    _("Action"), _("Owner"), _("Due"), _("Expected impact for the child"),
  };
  const CaToolDefinition *definition = form->definition;
  const CaAuditDraft *draft = form->draft;

  if (definition->overall_grade)
    {
      g_autofree char *grade = NULL;
      g_autofree char *category = NULL;

      ca_document_add_heading (self->document, _("Overall judgement"));
      /* TRANSLATORS: the audit's overall grade, in words */
      grade = g_strdup_printf (_("Overall grade: %s"), ca_grade_get_label (draft->overall_grade));
      ca_document_add_paragraph (self->document, CA_DOCUMENT_STYLE_STRONG, grade, 6.0);
      /* TRANSLATORS: a category and what it means, e.g. "Category 2 — Inadequate – action required" */
      category = g_strdup_printf (_("%s — %s"), ca_category_get_label (draft->category),
                                  ca_category_get_description (draft->category));
      ca_document_add_paragraph (self->document, CA_DOCUMENT_STYLE_STRONG, category, 4.0);
    }

  ca_document_add_subheading (self->document, _("What has been done well"));
  ca_document_add_text (self->document, draft->done_well, _("Nothing recorded."), 2.0);
  ca_document_add_subheading (self->document, _("Comments"));
  ca_document_add_text (self->document, draft->comments, _("No comments."), 2.0);

  if (definition->actions)
    {
      ca_document_add_heading (self->document, _("Actions"));
      if (draft->actions->len == 0)
        ca_document_add_paragraph (self->document, CA_DOCUMENT_STYLE_BODY, _("No actions."),
                                   6.0);
      else
        {
          ca_document_begin_table (self->document, 4, width, titles, 6.0);
          for (guint i = 0; i < draft->actions->len; i++)
            {
              const CaDraftAction *action = g_ptr_array_index (draft->actions, i);
              g_autofree char *owner = staff_name (staff_names, action->owner_id);
              g_autofree char *due = format_date (action->due_date, _("Not set"));
              const char *text[] = {
                text_or (action->description, _("Not described")),
                owner, due,
                text_or (action->impact, _("Not recorded")),
              };

              ca_document_add_row (self->document, text);
            }
        }
    }
}

/* R-F11: only when something was recorded; an audit without feedback says nothing of it. */
static void
build_feedback (CaAuditReport      *self,
                const CaAuditDraft *draft)
{
  g_autofree char *date = NULL;
  const char *method;

  if (ca_rule_text_is_blank (draft->feedback_method) &&
      ca_rule_text_is_blank (draft->feedback_date) &&
      ca_rule_text_is_blank (draft->feedback_summary))
    return;

  ca_document_add_heading (self->document, _("Feedback from the child or family"));
  /* A little air between the heading's rule and the table, kept with both. */
  ca_document_add_paragraph (self->document, CA_DOCUMENT_STYLE_BODY, "", 4.0);
  ca_document_keep_with_next (self->document);
  method = ca_feedback_method_get_label (draft->feedback_method);
  if (method == NULL)
    method = text_or (draft->feedback_method, _("Not recorded"));
  date = format_date (draft->feedback_date, _("Not recorded"));
  ca_document_add_key_value (self->document, _("How it was given"), method);
  ca_document_add_key_value (self->document, _("Date"), date);
  ca_document_add_paragraph (self->document, CA_DOCUMENT_STYLE_BODY, "", 4.0);
  ca_document_add_subheading (self->document, _("Summary"));
  ca_document_add_text (self->document, draft->feedback_summary, _("No summary."), 2.0);
}

/* R-F9 and R-F10: the child's file keeps how the service answered the audit, once the
 * manager has recorded it. */
void
ca_audit_report_add_response (CaAuditReport           *self,
                              const CaManagerResponse *response,
                              GHashTable              *staff_names)
{
  static const double width[] = { 0.36, 0.46, 0.18 };
  const char *titles[] = { _("Action"), _("How it will be met"), _("By when") };
  g_autofree char *manager = NULL;
  g_autofree char *responded_on = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (response != NULL);

  if (ca_rule_text_is_blank (response->responded_on))
    return;

  ca_document_add_heading (self->document, _("Manager’s response"));
  ca_document_add_paragraph (self->document, CA_DOCUMENT_STYLE_BODY, "", 4.0);
  ca_document_keep_with_next (self->document);
  manager = staff_name (staff_names, response->manager_id);
  responded_on = format_date (response->responded_on, _("Not recorded"));
  ca_document_add_key_value (self->document, _("Manager"), manager);
  ca_document_add_key_value (self->document, _("Responded on"), responded_on);

  if (response->actions->len > 0)
    {
      ca_document_begin_table (self->document, 3, width, titles, 6.0);
      for (guint i = 0; i < response->actions->len; i++)
        {
          const CaResponseAction *action = g_ptr_array_index (response->actions, i);
          g_autofree char *by_when = format_date (action->by_when, _("Not set"));
          const char *text[] = {
            text_or (action->description, _("Not described")),
            text_or (action->plan, _("Not recorded")),
            by_when,
          };

          ca_document_add_row (self->document, text);
        }
    }

  ca_document_add_subheading (self->document, _("Stretch target"));
  ca_document_add_text (self->document, response->stretch_target, _("None set."), 2.0);
  ca_document_add_subheading (self->document, _("Decision made"));
  ca_document_add_text (self->document, response->decision, _("Not recorded."), 2.0);
  if (!ca_rule_text_is_blank (response->response))
    {
      ca_document_add_subheading (self->document, _("Further comments"));
      ca_document_add_text (self->document, response->response, NULL, 2.0);
    }
}

CaAuditReport *
ca_audit_report_new (const CaAuditForm *form,
                     GHashTable        *staff_names)
{
  g_autofree char *title = NULL;
  g_autofree char *subject = NULL;
  const char *case_ref;
  CaAuditReport *self;

  g_return_val_if_fail (form != NULL, NULL);
  g_return_val_if_fail (form->header != NULL && form->definition != NULL && form->draft != NULL,
                        NULL);

  case_ref = form->header->case_ref != NULL ? form->header->case_ref : "";
  /* TRANSLATORS: the report's title, with the audit tool's name */
  title = g_strdup_printf (_("Case File Audit — %s"), form->header->tool_name);
  /* TRANSLATORS: the PDF's subject: the case the audit is about */
  subject = g_strdup_printf (_("Case file audit of case %s"), case_ref);

  self = g_new0 (CaAuditReport, 1);
  self->document = ca_document_new (title, subject);
  /* The marking councils give personal data, at the head of every page. */
  ca_document_set_page_header (self->document, _("Case file audit"), _("OFFICIAL – SENSITIVE"));
  ca_document_set_footer_func (self->document, format_footer, g_strdup (case_ref), g_free);

  /* A draft is marked as one on every page, in large letters and in the page's head (which
   * a screen reader reads): it must not pass for the audit's conclusion. */
  if (form->header->status == CA_AUDIT_STATUS_ALLOCATED ||
      form->header->status == CA_AUDIT_STATUS_IN_PROGRESS)
    {
      ca_document_set_watermark (self->document, _("DRAFT"));
      ca_document_set_page_header (self->document, _("Case file audit — DRAFT, not submitted"),
                                   _("OFFICIAL – SENSITIVE"));
    }

  build_header (self, form);
  build_summary (self, form, staff_names);

  if (form->definition->pen_picture || !ca_rule_text_is_blank (form->draft->pen_picture))
    {
      ca_document_add_heading (self->document, _("Pen picture of the child’s journey"));
      ca_document_add_text (self->document, form->draft->pen_picture,
                            _("No pen picture has been written."), 6.0);
    }

  for (guint i = 0; i < form->definition->sections->len; i++)
    build_section (self, form, g_ptr_array_index (form->definition->sections, i));

  build_conclusion (self, form, staff_names);
  build_feedback (self, form->draft);
  return self;
}

CaAuditReport *
ca_audit_report_new_for_audit (CaDatabase  *database,
                               gint64       audit_id,
                               GError     **error)
{
  g_autoptr(CaAuditForm) form = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(CaManagerResponse) response = NULL;
  g_autoptr(CaModerationSheet) sheet = NULL;
  g_autoptr(GError) failure = NULL;
  gint64 moderation_id;
  CaAuditReport *report;

  g_return_val_if_fail (database != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  form = ca_audit_draft_store_load (database, audit_id, error);
  if (form == NULL)
    return NULL;

  /* Only a submitted audit can have a response. */
  if (!ca_rule_text_is_blank (form->header->submitted_at))
    {
      response = ca_manager_response_store_load (database, audit_id, NULL, error);
      if (response == NULL)
        return NULL;
    }

  names = ca_audit_draft_store_load_staff_names (database, form,
                                                 response != NULL ? response->manager_id : 0,
                                                 error);
  if (names == NULL)
    return NULL;

  /* And its moderation, once there is one (seed 02: the file gets stage 1 and stage 2). */
  if (response != NULL)
    {
      moderation_id = ca_moderation_form_store_find_done (database, audit_id, &failure);
      if (failure != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&failure));
          return NULL;
        }
      if (moderation_id != 0 &&
          (sheet = ca_moderation_form_store_load (database, moderation_id, error)) == NULL)
        return NULL;
    }

  report = ca_audit_report_new (form, names);
  if (response != NULL)
    ca_audit_report_add_response (report, response, names);
  if (sheet != NULL)
    ca_moderation_report_add (report->document, sheet);
  return report;
}

void
ca_audit_report_free (CaAuditReport *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->document);
  g_free (self);
}

CaDocument *
ca_audit_report_get_document (CaAuditReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->document;
}

guint
ca_audit_report_get_n_pages (CaAuditReport *self,
                             cairo_t       *cr_for_measuring)
{
  g_return_val_if_fail (self != NULL, 0);

  return ca_document_get_n_pages (self->document, cr_for_measuring);
}

void
ca_audit_report_draw_page (CaAuditReport *self,
                           cairo_t       *cr,
                           guint          page)
{
  g_return_if_fail (self != NULL);

  ca_document_draw_page (self->document, cr, page);
}

/* PDF. */

gboolean
ca_audit_report_save_pdf_full (CaAuditReport      *self,
                               const char         *path,
                               CaOutputFileFlags   flags,
                               GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return ca_document_save_pdf (self->document, path, flags, error);
}

gboolean
ca_audit_report_save_pdf (CaAuditReport *self,
                          const char    *path,
                          GError       **error)
{
  return ca_audit_report_save_pdf_full (self, path, CA_OUTPUT_FILE_REPLACE, error);
}

GBytes *
ca_audit_report_to_pdf_bytes (CaAuditReport *self,
                              GError       **error)
{
  GBytes *pdf;
  cairo_status_t status;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  pdf = ca_document_to_pdf_bytes (self->document, &status);
  if (pdf == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("The audit’s PDF could not be made: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return pdf;
}

gboolean
ca_audit_report_write_pdf (const CaAuditForm *form,
                           GHashTable        *staff_names,
                           const char        *path,
                           GError           **error)
{
  g_autoptr(CaAuditReport) report = NULL;

  g_return_val_if_fail (form != NULL, FALSE);

  report = ca_audit_report_new (form, staff_names);
  return ca_audit_report_save_pdf (report, path, error);
}
