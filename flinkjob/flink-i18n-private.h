/* flink-i18n-private.h: translatable messages of libflinkjob
 *
 * SPDX-FileCopyrightText: 2026 The flinkjob authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Declarations aligned by hand, as GLib does: */
/* clang-format off */

/* Messages are looked up in the "flinkjob" text domain (GETTEXT_PACKAGE),
 * bound to the installed locale directory the first time one is translated:
 * a program that uses the library needs to do nothing but setlocale(). */
const char *_flink_gettext (const char *msgid) G_GNUC_FORMAT (1);

#define _(String) _flink_gettext (String)
#define N_(String) (String)

/* clang-format on */

G_END_DECLS
