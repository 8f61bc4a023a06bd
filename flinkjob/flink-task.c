/* flink-task.c: the GTask plumbing every asynchronous operation shares
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "flinkjob.h"

#include "flink-task-private.h"

char *
_flink_context_printf (const char *format,
                       ...)
{
  va_list args;
  char   *text;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  return text;
}

GTask *
_flink_task_new (gpointer            source_object,
                 gpointer            source_tag,
                 const char         *name,
                 GCancellable       *cancellable,
                 GAsyncReadyCallback callback,
                 gpointer            user_data)
{
  GTask *task = g_task_new (source_object, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, name);
  return task;
}

void
_flink_task_return_error_in_context (GTask      *task,
                                     GError     *error,
                                     const char *context)
{
  g_task_return_new_error (task, error->domain, error->code, "%s: %s", context, error->message);
  g_error_free (error);
}

/* ---- A cancellable sleep ------------------------------------------------ */

typedef struct
{
  GSource *source;
} Sleep;

static void
sleep_free (Sleep *sleep)
{
  if (sleep->source != NULL)
    {
      g_source_destroy (sleep->source);
      g_source_unref (sleep->source);
    }
  g_free (sleep);
}

static gboolean
sleep_done_cb (gpointer user_data)
{
  GTask *task = user_data;

  /* Either the time is up or the cancellable fired (a child source). */
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, TRUE);
  return G_SOURCE_REMOVE;
}

void
_flink_sleep_async (guint               milliseconds,
                    GCancellable       *cancellable,
                    GAsyncReadyCallback callback,
                    gpointer            user_data)
{
  GTask *task = _flink_task_new (NULL, _flink_sleep_async, "[flinkjob] sleep",
                                 cancellable, callback, user_data);
  Sleep *sleep = g_new0 (Sleep, 1);

  g_task_set_task_data (task, sleep, (GDestroyNotify) sleep_free);

  sleep->source = g_timeout_source_new (milliseconds);
  if (cancellable != NULL)
    {
      GSource *cancelled = g_cancellable_source_new (cancellable);

      g_source_set_dummy_callback (cancelled);
      g_source_add_child_source (sleep->source, cancelled);
      g_source_unref (cancelled);
    }
  g_source_set_name (sleep->source, "[flinkjob] poll wait");
  g_source_set_callback (sleep->source, sleep_done_cb, task, g_object_unref);
  g_source_attach (sleep->source, g_task_get_context (task));
}

gboolean
_flink_sleep_finish (GAsyncResult *result,
                     GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  GTask        *task;
  FlinkTaskStep then;
} SleepThen;

static void
sleep_then_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  SleepThen        *step = user_data;
  g_autoptr (GTask) task = step->task;
  FlinkTaskStep     then = step->then;
  GError           *error = NULL;

  g_free (step);
  if (!_flink_sleep_finish (result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  then (g_steal_pointer (&task));
}

void
_flink_task_sleep_then (GTask        *task,
                        guint         milliseconds,
                        FlinkTaskStep then)
{
  SleepThen *step = g_new (SleepThen, 1);

  step->task = task;
  step->then = then;
  _flink_sleep_async (milliseconds, g_task_get_cancellable (task), sleep_then_cb, step);
}

guint
_flink_jitter (guint milliseconds)
{
  guint spread = milliseconds / 10;

  if (spread == 0)
    return milliseconds;
  return milliseconds - spread + g_random_int_range (0, 2 * spread + 1);
}
