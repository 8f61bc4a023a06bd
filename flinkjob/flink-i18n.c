/* flink-i18n.c: the library's text domain
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <libintl.h>

#include "flink-i18n-private.h"

static gpointer
bind_text_domain_cb (gpointer data)
{
  bindtextdomain (GETTEXT_PACKAGE, FLINKJOB_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  return NULL;
}

const char *
_flink_gettext (const char *msgid)
{
  static GOnce bound = G_ONCE_INIT;

  g_once (&bound, bind_text_domain_cb, NULL);
  return g_dgettext (GETTEXT_PACKAGE, msgid);
}
