// SPDX-License-Identifier: GPL-3.0-or-later
// R-D6: the auditors' e-mail drafts of an allocation run, saved as one set that appears whole
// or not at all, checked before the run is committed.
//
// What must hold, whatever happens (a full disk, a folder it may not write, a kill -9 at any
// moment): FOLDER never shows part of a run's drafts (some auditors told, others not), never
// shows drafts of a run that was not committed, and keeps no temporary file. A run whose
// drafts cannot be written is not committed at all.
//
// So the drafts of a run are one folder of their own inside FOLDER, "Audit allocation 2021-07
// (run 5)", that appears by a single rename, and they are written before the commit:
//
// 1. ca_allocation_mail_drafts_new(), before anything is committed, makes FOLDER if it is
//    missing and a private staging folder ".case-audit-drafts-XXXXXX" (mode 0700) inside it.
//    Making it is the real test of FOLDER: it fails, as root too, for a path under a file, a
//    read-only disk or too long a name, and the command stops with nothing committed. This
//    process holds a lock (flock) on the staging folder for as long as it uses it.
// 2. ca_allocation_mail_drafts_stage(), inside the commit's transaction, reads the run as it
//    is being committed and writes one draft per auditor into the staging folder (names
//    shortened to the file system's limit and made unique, each file flushed to disk). Last,
//    a manifest (the database, the run, the drafts' date, the set's name) is written and
//    moved beside the staging folder as ".case-audit-drafts-XXXXXX.manifest". Any failure
//    fails the step, and the run is rolled back.
// 3. ca_allocation_mail_drafts_publish(), after the commit, renames the staging folder to
//    its final name, which shows the whole set at once, then removes the manifest.
// 4. Step 1 of a later command using FOLDER finishes what a killed one left:
//    - a staging folder without a manifest was killed in step 2, before its run could be
//      committed: it is removed;
//    - a staging folder with its manifest was killed between step 2 and the end of step 3,
//      and its run may or may not have been committed. The drafts are made again from the
//      database for that run, with the manifest's date: if the run is there and they come
//      out byte for byte the same, the run was committed and the set is put in place (rolled
//      forward); otherwise it was not (or has changed since) and the set is removed;
//    - a manifest alone was killed just after step 3: it is removed.
//    A staging folder still locked by a running process is left alone, and so is one whose
//    manifest names another database that still exists: that database's next save judges it.

#define G_LOG_DOMAIN "ca-allocation-mail-drafts"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <limits.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "ca-allocation-mail-drafts.h"
#include "ca-allocation-mail-store.h"
#include "ca-database-worker.h"
#include "ca-input-file.h"
#include "ca-output-file.h"

#define STAGING_PREFIX   ".case-audit-drafts-"
#define MANIFEST_SUFFIX  ".manifest"
#define MANIFEST_GROUP   "drafts"
/* More than any manifest needs; the limit only keeps a stray file from being read whole. */
#define MANIFEST_MAX     (1024 * 1024)
/* The most drafts one auditor's e-mail can take; only a bound on reading a staged one. */
#define DRAFT_MAX        (16 * 1024 * 1024)
/* "Audit allocation 2021-07 (run 5) (99)": how many sets of one run a folder may hold. */
#define MAX_COPIES       99

struct _CaAllocationMailDrafts
{
  CaDatabase *database;
  char       *database_path;  /* canonical, as the manifest names it */
  char       *folder;
  char       *staging;        /* NULL once published or removed */
  int         lock_fd;        /* the staging folder, locked; -1 when none */
  char       *manifest;       /* beside the staging folder, once written */
  char       *set_name;       /* "Audit allocation 2021-07 (run 5)" */
  GPtrArray  *names;          /* the drafts' file names, once staged */
  gboolean    keep;           /* publishing failed after the commit: leave it for step 4 */
  char       *published;
  GPtrArray  *paths;
  GPtrArray  *recovered;
  guint       n_removed;
};

/* Names and texts of the drafts. */

/* NAME cut to at most LIMIT bytes at a character boundary, keeping its end (" (S0042).eml"
 * when that is short enough, else ".eml") after an ellipsis. */
static char *
fit_name (const char *name,
          gsize       limit)
{
  g_autofree char *valid = g_utf8_make_valid (name, -1);
  const char *tail, *end;
  gsize budget;

  if (strlen (valid) <= limit)
    return g_steal_pointer (&valid);

  tail = g_strrstr (valid, " (");
  if (tail == NULL || strlen (tail) > limit / 2)
    tail = valid + strlen (valid) - strlen (".eml");
  budget = limit > strlen (tail) + strlen ("…") ? limit - strlen (tail) - strlen ("…") : 0;
  for (end = valid; end < tail && (gsize) (g_utf8_next_char (end) - valid) <= budget;
       end = g_utf8_next_char (end))
    ;
  return g_strdup_printf ("%.*s…%s", (int) (end - valid), valid, tail);
}

/* A file name for AUDITOR's draft within LIMIT bytes and unlike any in TAKEN (compared as a
 * file system that ignores case would). */
static char *
unique_file_name (const CaAllocationMailRun     *run,
                  const CaAllocationMailAuditor *auditor,
                  gsize                          limit,
                  GHashTable                    *taken)
{
  g_autofree char *base = ca_allocation_mail_get_file_name (run, auditor);

  if (g_str_has_suffix (base, ".eml"))
    base[strlen (base) - strlen (".eml")] = '\0';
  for (guint n = 1; ; n++)
    {
      g_autofree char *name = n == 1 ? g_strconcat (base, ".eml", NULL)
                                     : g_strdup_printf ("%s %u.eml", base, n);
      g_autofree char *fitted = fit_name (name, limit);
      g_autofree char *key = g_utf8_casefold (fitted, -1);

      if (!g_hash_table_contains (taken, key))
        {
          g_hash_table_add (taken, g_steal_pointer (&key));
          return g_steal_pointer (&fitted);
        }
    }
}

/* The longest file name FOLDER's file system takes, in bytes. */
static gsize
name_limit (const char *folder)
{
  long limit = pathconf (folder, _PC_NAME_MAX);

  return limit > 0 ? (gsize) limit : 255;
}

/* Each auditor's draft of RUN dated DATE: file names (within LIMIT) and .eml texts. */
static void
build_set (const CaAllocationMailRun  *run,
           GDateTime                  *date,
           gsize                       limit,
           GPtrArray                 **names_out,
           GPtrArray                 **texts_out)
{
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *texts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  for (guint i = 0; i < run->auditors->len; i++)
    {
      const CaAllocationMailAuditor *auditor = g_ptr_array_index (run->auditors, i);
      g_autoptr(CaMailMessage) message = ca_allocation_mail_build (run, auditor);

      ca_mail_message_set_date (message, date);
      g_ptr_array_add (names, unique_file_name (run, auditor, limit, taken));
      g_ptr_array_add (texts, ca_mail_message_to_eml (message));
    }
  *names_out = names;
  *texts_out = texts;
}

static char *
get_set_name (const CaAllocationMailRun *run)
{
  /* Translators: the folder of a run's e-mail drafts: "Audit allocation 2021-07 (run 5)" */
  return g_strdup_printf (_("Audit allocation %s (run %" G_GINT64_FORMAT ")"), run->month,
                          run->run_id);
}

/* Files and folders. */

/* Removes FOLDER and the files in it (a staging folder holds nothing else). */
static void
remove_folder (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      g_unlink (path);
    }
  g_rmdir (folder);
}

/* Opens FOLDER and locks it for this process; -1 when another holds it (or it is gone). */
static int
lock_folder (const char *folder)
{
  int fd = open (folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

  if (fd >= 0 && flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      close (fd);
      fd = -1;
    }
  return fd;
}

/* Renames the finished set STAGING to SET_NAME in FOLDER, or "SET_NAME (2)" and so on when a
 * set of that name is there already. Returns the new path. */
static char *
move_into_place (const char  *staging,
                 const char  *folder,
                 const char  *set_name,
                 GError     **error)
{
  for (guint n = 1; n <= MAX_COPIES; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup (set_name)
                                     : g_strdup_printf ("%s (%u)", set_name, n);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autoptr(GError) local_error = NULL;

      if (ca_output_file_move (staging, path, &local_error))
        {
          ca_output_file_sync_folder (folder);
          return g_steal_pointer (&path);
        }
      if (!g_error_matches (local_error, CA_OUTPUT_FILE_ERROR, CA_OUTPUT_FILE_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  g_set_error (error, CA_ALLOCATION_MAIL_ERROR, CA_ALLOCATION_MAIL_ERROR_NO_FOLDER,
               _("“%s” already holds %d sets of these drafts. Remove some, or choose another "
                 "folder."), folder, MAX_COPIES);
  return NULL;
}

static GBytes *
read_small_file (const char *path,
                 gsize       max_size)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return ca_input_file_read (file, max_size, 0, NULL, NULL);
}

/* Step 4 for one set: whether STAGING, described by MANIFEST, holds exactly the drafts the
 * database now makes for its run, i.e. the run was committed. */
static gboolean
staged_set_is_committed (CaAllocationMailDrafts  *self,
                         const char              *staging,
                         GKeyFile                *manifest)
{
  g_autoptr(CaAllocationMailRun) run = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *date_text = g_key_file_get_string (manifest, MANIFEST_GROUP, "date", NULL);
  g_auto(GStrv) files = g_key_file_get_string_list (manifest, MANIFEST_GROUP, "files", NULL,
                                                    NULL);
  gint64 run_id = g_key_file_get_int64 (manifest, MANIFEST_GROUP, "run", NULL);
  guint n_found = 0;

  if (date_text == NULL || files == NULL || run_id <= 0 ||
      (date = g_date_time_new_from_iso8601 (date_text, NULL)) == NULL)
    return FALSE;
  run = ca_allocation_mail_store_load (self->database, run_id, NULL);
  if (run == NULL)
    return FALSE;

  build_set (run, date, name_limit (staging), &names, &texts);
  if (names->len != g_strv_length (files))
    return FALSE;
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = NULL;
      g_autoptr(GBytes) staged = NULL;

      if (g_strcmp0 (names->pdata[i], files[i]) != 0)
        return FALSE;
      path = g_build_filename (staging, files[i], NULL);
      staged = read_small_file (path, DRAFT_MAX);
      if (staged == NULL || !g_bytes_equal (staged, texts->pdata[i]))
        return FALSE;
    }

  /* Nothing else in it: a half-written file of step 2 would have no manifest. */
  dir = g_dir_open (staging, 0, NULL);
  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n_found++;
  return dir != NULL && n_found == names->len;
}

/* Whether MANIFEST's set is for this database, or for one that is gone (which no one can
 * judge any more, so it is this save's to tidy away). */
static gboolean
is_ours (CaAllocationMailDrafts *self,
         GKeyFile               *manifest)
{
  g_autofree char *database = g_key_file_get_string (manifest, MANIFEST_GROUP, "database",
                                                     NULL);

  return database == NULL || g_strcmp0 (database, self->database_path) == 0 ||
         !g_file_test (database, G_FILE_TEST_EXISTS);
}

/* Step 4: what earlier commands left in FOLDER. Best effort: what cannot be tidied now is
 * tried again next time, and never stops this save. */
static void
finish_earlier_sets (CaAllocationMailDrafts *self)
{
  g_autoptr(GDir) dir = g_dir_open (self->folder, 0, NULL);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, STAGING_PREFIX))
      g_ptr_array_add (entries, g_strdup (name));

  for (guint i = 0; i < entries->len; i++)
    {
      const char *entry = entries->pdata[i];
      g_autofree char *staging = NULL;
      g_autofree char *manifest_path = NULL;
      g_autoptr(GKeyFile) manifest = NULL;
      g_autoptr(GBytes) manifest_data = NULL;
      int lock_fd;

      if (g_str_has_suffix (entry, MANIFEST_SUFFIX))
        {
          /* A manifest whose set was put in place (or removed) before it could go. */
          g_autofree char *path = g_build_filename (self->folder, entry, NULL);

          staging = g_strndup (path, strlen (path) - strlen (MANIFEST_SUFFIX));
          if (!g_file_test (staging, G_FILE_TEST_EXISTS))
            g_unlink (path);
          continue;
        }

      staging = g_build_filename (self->folder, entry, NULL);
      if (!g_file_test (staging, G_FILE_TEST_IS_DIR) ||
          g_file_test (staging, G_FILE_TEST_IS_SYMLINK))
        continue;
      lock_fd = lock_folder (staging);
      if (lock_fd < 0)
        continue;  /* another command is writing it now */

      manifest_path = g_strconcat (staging, MANIFEST_SUFFIX, NULL);
      manifest_data = read_small_file (manifest_path, MANIFEST_MAX);
      manifest = g_key_file_new ();
      if (manifest_data == NULL ||
          !g_key_file_load_from_data (manifest, g_bytes_get_data (manifest_data, NULL),
                                      g_bytes_get_size (manifest_data), G_KEY_FILE_NONE, NULL))
        {
          /* Stopped while writing the drafts: the run was never committed. */
          remove_folder (staging);
          g_unlink (manifest_path);
          self->n_removed++;
        }
      else if (!is_ours (self, manifest))
        {
          /* Another database's set: its own next save judges it. */
        }
      else if (staged_set_is_committed (self, staging, manifest))
        {
          g_autofree char *set_name = g_key_file_get_string (manifest, MANIFEST_GROUP, "name",
                                                             NULL);
          g_autofree char *path = NULL;

          if (set_name != NULL && *set_name != '\0' && strchr (set_name, '/') == NULL &&
              (path = move_into_place (staging, self->folder, set_name, NULL)) != NULL)
            {
              g_unlink (manifest_path);
              ca_output_file_sync_folder (self->folder);
              g_ptr_array_add (self->recovered, g_steal_pointer (&path));
            }
        }
      else
        {
          /* Its run was rolled back, cancelled or changed since: not drafts to send. */
          remove_folder (staging);
          g_unlink (manifest_path);
          self->n_removed++;
        }
      close (lock_fd);
    }
}

/* The steps. */

CaAllocationMailDrafts *
ca_allocation_mail_drafts_new (CaDatabase  *database,
                               const char  *folder,
                               GError     **error)
{
  g_autoptr(CaAllocationMailDrafts) self = NULL;
  g_autofree char *display = NULL;
  int saved_errno;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (folder != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (CaAllocationMailDrafts, 1);
  self->database = g_object_ref (database);
  self->database_path = g_canonicalize_filename (ca_database_get_path (database), NULL);
  self->folder = g_canonicalize_filename (folder, NULL);
  self->lock_fd = -1;
  self->recovered = g_ptr_array_new_with_free_func (g_free);
  display = g_filename_display_name (folder);

  if (*folder == '\0' || g_mkdir_with_parents (self->folder, 0700) != 0)
    {
      saved_errno = *folder == '\0' ? ENOENT : errno;
      g_set_error (error, CA_ALLOCATION_MAIL_ERROR, CA_ALLOCATION_MAIL_ERROR_NO_FOLDER,
                   _("The e-mail drafts cannot be saved in “%s”: %s."), display,
                   g_strerror (saved_errno));
      return NULL;
    }

  finish_earlier_sets (self);

  self->staging = g_build_filename (self->folder, STAGING_PREFIX "XXXXXX", NULL);
  if (g_mkdtemp_full (self->staging, 0700) == NULL)
    {
      saved_errno = errno;
      g_clear_pointer (&self->staging, g_free);
      g_set_error (error, CA_ALLOCATION_MAIL_ERROR, CA_ALLOCATION_MAIL_ERROR_NO_FOLDER,
                   _("The e-mail drafts cannot be saved in “%s”: %s."), display,
                   g_strerror (saved_errno));
      return NULL;
    }
  self->lock_fd = lock_folder (self->staging);
  return g_steal_pointer (&self);
}

GPtrArray *
ca_allocation_mail_drafts_get_recovered (CaAllocationMailDrafts *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->recovered;
}

guint
ca_allocation_mail_drafts_get_n_removed (CaAllocationMailDrafts *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_removed;
}

gboolean
ca_allocation_mail_drafts_stage (CaAllocationMailDrafts  *self,
                                 gint64                   run_id,
                                 GError                 **error)
{
  g_autoptr(CaAllocationMailRun) run = NULL;
  g_autoptr(GDateTime) date = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GKeyFile) manifest = g_key_file_new ();
  g_autofree char *date_text = NULL;
  g_autofree char *manifest_text = NULL;
  g_autofree char *inside = NULL;
  gsize longest = 0, manifest_length = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->staging != NULL && self->names == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  run = ca_allocation_mail_store_load (self->database, run_id, error);
  if (run == NULL)
    return FALSE;
  self->set_name = get_set_name (run);
  build_set (run, date, name_limit (self->staging), &self->names, &texts);

  /* The set's final paths must fit the system's limit as well as its staging paths do. */
  for (guint i = 0; i < self->names->len; i++)
    longest = MAX (longest, strlen (self->names->pdata[i]));
  if (strlen (self->folder) + strlen (self->set_name) + strlen (" (99)") + longest + 2 >=
      PATH_MAX)
    {
      g_autofree char *display = g_filename_display_name (self->folder);

      g_set_error (error, CA_ALLOCATION_MAIL_ERROR, CA_ALLOCATION_MAIL_ERROR_NO_FOLDER,
                   _("The e-mail drafts cannot be saved in “%s”: %s."), display,
                   g_strerror (ENAMETOOLONG));
      return FALSE;
    }

  for (guint i = 0; i < self->names->len; i++)
    {
      g_autofree char *path = g_build_filename (self->staging, self->names->pdata[i], NULL);
      gsize size = 0;
      const char *data = g_bytes_get_data (texts->pdata[i], &size);

      if (!ca_output_file_set_contents (path, data, (gssize) size, CA_OUTPUT_FILE_NEW_ONLY,
                                        CA_OUTPUT_FILE_PRIVATE, error))
        return FALSE;
    }

  /* Last, the manifest: from here on the set is complete, and step 4 can judge it. It is
   * written inside the staging folder, then moved out beside it in one rename. */
  date_text = g_date_time_format_iso8601 (date);
  g_key_file_set_string (manifest, MANIFEST_GROUP, "database", self->database_path);
  g_key_file_set_int64 (manifest, MANIFEST_GROUP, "run", run_id);
  g_key_file_set_string (manifest, MANIFEST_GROUP, "date", date_text);
  g_key_file_set_string (manifest, MANIFEST_GROUP, "name", self->set_name);
  g_key_file_set_string_list (manifest, MANIFEST_GROUP, "files",
                              (const char * const *) self->names->pdata, self->names->len);
  manifest_text = g_key_file_to_data (manifest, &manifest_length, NULL);
  inside = g_build_filename (self->staging, "manifest", NULL);
  self->manifest = g_strconcat (self->staging, MANIFEST_SUFFIX, NULL);
  if (!ca_output_file_set_contents (inside, manifest_text, (gssize) manifest_length,
                                    CA_OUTPUT_FILE_NEW_ONLY, CA_OUTPUT_FILE_PRIVATE, error) ||
      !ca_output_file_move (inside, self->manifest, error))
    {
      g_unlink (inside);
      g_clear_pointer (&self->manifest, g_free);
      return FALSE;
    }
  ca_output_file_sync_folder (self->folder);
  return TRUE;
}

gboolean
ca_allocation_mail_drafts_stage_before_commit (CaDatabase  *db,
                                               gint64       run_id,
                                               gpointer     drafts,
                                               GError     **error)
{
  return ca_allocation_mail_drafts_stage (drafts, run_id, error);
}

gboolean
ca_allocation_mail_drafts_publish (CaAllocationMailDrafts  *self,
                                   GError                 **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->staging != NULL && self->manifest != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self->published = move_into_place (self->staging, self->folder, self->set_name, error);
  if (self->published == NULL)
    {
      /* The run is committed: its drafts stay aside, and the next save here puts them in
       * place (step 4) rather than losing them. */
      self->keep = TRUE;
      return FALSE;
    }
  g_clear_pointer (&self->staging, g_free);
  g_unlink (self->manifest);
  g_clear_pointer (&self->manifest, g_free);
  ca_output_file_sync_folder (self->folder);

  self->paths = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->names->len; i++)
    g_ptr_array_add (self->paths, g_build_filename (self->published, self->names->pdata[i],
                                                    NULL));
  return TRUE;
}

const char *
ca_allocation_mail_drafts_get_path (CaAllocationMailDrafts *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->published;
}

GPtrArray *
ca_allocation_mail_drafts_get_paths (CaAllocationMailDrafts *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->paths;
}

void
ca_allocation_mail_drafts_free (CaAllocationMailDrafts *self)
{
  if (self == NULL)
    return;
  if (self->staging != NULL && !self->keep)
    {
      /* The manifest first: a set without one is one that step 4 always removes. */
      if (self->manifest != NULL)
        g_unlink (self->manifest);
      remove_folder (self->staging);
    }
  if (self->lock_fd >= 0)
    close (self->lock_fd);
  g_clear_object (&self->database);
  g_free (self->database_path);
  g_free (self->folder);
  g_free (self->staging);
  g_free (self->manifest);
  g_free (self->set_name);
  g_free (self->published);
  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_clear_pointer (&self->paths, g_ptr_array_unref);
  g_clear_pointer (&self->recovered, g_ptr_array_unref);
  g_free (self);
}

CaAllocationMailDrafts *
ca_allocation_mail_drafts_save (CaDatabase  *database,
                                gint64       run_id,
                                const char  *folder,
                                GError     **error)
{
  g_autoptr(CaAllocationMailDrafts) self = NULL;

  g_return_val_if_fail (CA_IS_DATABASE (database), NULL);
  g_return_val_if_fail (folder != NULL, NULL);

  self = ca_allocation_mail_drafts_new (database, folder, error);
  if (self == NULL ||
      !ca_allocation_mail_drafts_stage (self, run_id, error) ||
      !ca_allocation_mail_drafts_publish (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

typedef struct
{
  gint64  run_id;
  char   *folder;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_free (data->folder);
  g_free (data);
}

static gboolean
save_job (CaDatabase    *connection,
          gpointer       task_data,
          gpointer      *result,
          GCancellable  *cancellable,
          GError       **error)
{
  SaveData *data = task_data;

  *result = ca_allocation_mail_drafts_save (connection, data->run_id, data->folder, error);
  return *result != NULL;
}

/* ca_allocation_mail_drafts_save() on the database's worker. */
void
ca_allocation_mail_drafts_save_async (CaDatabase          *database,
                                      gint64               run_id,
                                      const char          *folder,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (CA_IS_DATABASE (database));
  g_return_if_fail (folder != NULL);

  data = g_new0 (SaveData, 1);
  data->run_id = run_id;
  data->folder = g_strdup (folder);
  task = g_task_new (database, cancellable, callback, user_data);
  g_task_set_source_tag (task, ca_allocation_mail_drafts_save_async);
  ca_database_run_in_task (database, task, save_job, data, (GDestroyNotify) save_data_free,
                           (GDestroyNotify) ca_allocation_mail_drafts_free);
}

CaAllocationMailDrafts *
ca_allocation_mail_drafts_save_finish (CaDatabase    *database,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, database), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
