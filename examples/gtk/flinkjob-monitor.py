#!/usr/bin/python3
"""A live list of a Flink cluster's jobs, in GTK 4.

    flinkjob-monitor.py [URL]

The cluster is URL, else $FLINK_REST_URL, else http://localhost:8081.

Flink.JobList is a Gio.ListModel of Flink.JobOverview records that one
shared poll of GET /jobs/overview keeps up to date, so a Gtk.ColumnView
shows it as it is: no copy of the jobs, no refresh timer, no diffing. A job
whose record changes (a new status) is replaced in place, and the view
rebinds that one row. A banner follows the list's "reachable" property:
while the cluster cannot be reached the list keeps the jobs as last seen.

Select a job for Savepoint, Stop (with a savepoint) or Cancel: each is one
asynchronous call, whose outcome (the savepoint's path, or the GLib.Error's
message) goes to the status line.

Test hook: with FLINKJOB_MONITOR_SELFTEST=JOB_ID it prints "listed JOB_ID
RUNNING" once a painted row shows that job RUNNING, and exits 0 a second
later (time for a screenshot); or exits 1 if that has not happened in 60 s.

Runs under Debian's /usr/bin/python3 (python3-gi, gir1.2-gtk-4.0).
"""
# SPDX-FileCopyrightText: 2026 The flinkjob authors
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import sys

import gi

gi.require_version("Flink", "1.0")
gi.require_version("Gdk", "4.0")
gi.require_version("Gtk", "4.0")
from gi.repository import Flink, Gdk, Gio, GLib, GObject, Gtk, Pango  # noqa: E402

SELFTEST_JOB = os.environ.get("FLINKJOB_MONITOR_SELFTEST")
SELFTEST_TIMEOUT_S = 60
RETRY_S = 5


def start_time_text(job):
    if job.props.start_time < 0:
        return ""
    started = GLib.DateTime.new_from_unix_local(job.props.start_time // 1000)
    return started.format("%Y-%m-%d %H:%M:%S")


def text_column(title, text_of, sort_key=None, expand=False):
    """A column of labels showing text_of(job), sorted by sort_key(job) (or
    that text) when its header is clicked. Records are immutable and replaced when they
    change, so "bind" is the one place that reads them: there are no per-row
    notifications to follow or disconnect."""
    factory = Gtk.SignalListItemFactory()
    factory.connect("setup", lambda _factory, item: item.set_child(Gtk.Label(xalign=0)))
    factory.connect("bind", lambda _factory, item: item.get_child().set_label(text_of(item.get_item())))

    key = sort_key or text_of

    def compare(a, b, _data):
        a, b = key(a), key(b)
        return (a > b) - (a < b)

    return Gtk.ColumnViewColumn(title=title, factory=factory, expand=expand, resizable=True,
                                sorter=Gtk.CustomSorter.new(compare, None))


class MonitorWindow(Gtk.ApplicationWindow):
    def __init__(self, app, url):
        super().__init__(application=app, title="Flink jobs", default_width=900, default_height=360)
        self.url = url
        self.cluster = None
        self.selection = None
        self.selftest_reported = False

        # Title, subtitle, and the actions on the selected job.
        header = Gtk.HeaderBar()
        titles = Gtk.Box(orientation=Gtk.Orientation.VERTICAL, valign=Gtk.Align.CENTER)
        titles.append(Gtk.Label(label="Flink jobs", css_classes=["title"]))
        self.subtitle = Gtk.Label(label=f"Connecting to {url}…", css_classes=["subtitle"])
        titles.append(self.subtitle)
        header.set_title_widget(titles)
        self.buttons = []
        for label, handler in (("Savepoint", self.on_savepoint), ("Stop", self.on_stop), ("Cancel", self.on_cancel)):
            button = Gtk.Button(label=label, sensitive=False)
            button.connect("clicked", handler)
            header.pack_start(button)
            self.buttons.append(button)
        self.set_titlebar(header)

        self.banner = Gtk.InfoBar(message_type=Gtk.MessageType.ERROR, revealed=False)
        self.banner_label = Gtk.Label(wrap=True, xalign=0)
        self.banner.add_child(self.banner_label)

        self.view = Gtk.ColumnView(show_row_separators=True)
        self.view.append_column(text_column("Name", lambda job: job.props.name or "", expand=True))
        self.view.append_column(text_column("Job ID", lambda job: job.props.job_id))
        self.view.append_column(text_column("Status", self.status_text, lambda job: int(job.props.status)))
        started = text_column("Started", start_time_text, lambda job: job.props.start_time)
        self.view.append_column(started)
        self.view.sort_by_column(started, Gtk.SortType.DESCENDING)      # the newest job first

        self.status_line = Gtk.Label(label="Select a job to take a savepoint, stop it or cancel it.",
                                     xalign=0, selectable=True, wrap=True, wrap_mode=Pango.WrapMode.WORD_CHAR,
                                     margin_start=6, margin_end=6, margin_top=4, margin_bottom=4)

        box = Gtk.Box(orientation=Gtk.Orientation.VERTICAL)
        box.append(self.banner)
        box.append(Gtk.ScrolledWindow(child=self.view, vexpand=True))
        box.append(self.status_line)
        self.set_child(box)

        self.retrieve()

    def retrieve(self):
        Flink.ClusterDescriptor.new_for_url(self.url).retrieve_async(None, self.on_retrieved)
        return GLib.SOURCE_REMOVE

    def on_retrieved(self, descriptor, result):
        try:
            self.cluster = descriptor.retrieve_finish(result)
        except GLib.Error as error:
            # No cluster client, so nothing to list yet: say why, try again.
            self.banner_label.set_label(f"{error.message}; trying again in {RETRY_S} s.")
            self.banner.set_revealed(True)
            GLib.timeout_add_seconds(RETRY_S, self.retrieve)
            return

        # The whole binding: the live list, sorted as the view's column
        # headers say, a selection over it, the view.
        jobs = Flink.JobList.new(self.cluster)
        self.selection = Gtk.SingleSelection(model=Gtk.SortListModel(model=jobs, sorter=self.view.get_sorter()))
        self.view.set_model(self.selection)

        self.banner_label.set_label(f"Cannot reach the cluster at {self.url}: showing its jobs as last seen.")
        jobs.bind_property("reachable", self.banner, "revealed",
                           GObject.BindingFlags.SYNC_CREATE | GObject.BindingFlags.INVERT_BOOLEAN)
        jobs.connect("notify::loaded", self.update_subtitle)
        jobs.connect("notify::n-items", self.update_subtitle)
        # A replaced record (the selected job's new status) notifies too.
        self.selection.connect("notify::selected-item", self.update_buttons)

    def update_subtitle(self, jobs, _pspec):
        if jobs.props.loaded:
            n = jobs.props.n_items
            self.subtitle.set_label(f"{n} job{'' if n == 1 else 's'} on {self.url}, "
                                    f"Flink {self.cluster.get_flink_version()}")

    def update_buttons(self, selection, _pspec):
        job = selection.get_selected_item()
        active = job is not None and not Flink.JobStatus.is_globally_terminal(job.props.status)
        for button in self.buttons:
            button.set_sensitive(active)

    # Each action: a Flink.JobClient for the selected job, one asynchronous
    # call, its outcome in the status line. The list shows the job's new
    # status by itself at its next poll.
    def start(self, verb, args, describe):
        overview = self.selection.get_selected_item()
        name = overview.props.name or overview.props.job_id
        job = self.cluster.get_job_client(overview.props.job_id)

        def done(job, result):
            try:
                outcome = getattr(job, verb + "_finish")(result)
            except GLib.Error as error:          # a Flink.Error whose message says what to do
                self.status_line.set_label(error.message)
                return
            self.status_line.set_label(f"{name}: {describe(outcome)}")

        self.status_line.set_label(f"{name}: {verb.replace('_', ' ')}…")
        getattr(job, verb + "_async")(*args, None, done)

    def on_savepoint(self, _button):
        # No directory: the cluster's state.savepoints.dir.
        self.start("trigger_savepoint", (None, Flink.SavepointFormat.CANONICAL),
                   lambda path: f"savepoint at {path}")

    def on_stop(self, _button):
        self.start("stop_with_savepoint", (False, None, Flink.SavepointFormat.CANONICAL),
                   lambda path: f"stopped, final savepoint at {path}")

    def on_cancel(self, _button):
        self.start("cancel", (), lambda _ok: "cancelled")

    def status_text(self, job):
        """The Status column's text; also where the self-test sees its row."""
        if SELFTEST_JOB == job.props.job_id and job.props.status == Flink.JobStatus.RUNNING:
            self.selftest_listed()
        return Flink.JobStatus.to_string(job.props.status)

    def selftest_listed(self):
        # The row is being bound: report once the frame that shows it is painted.
        if self.selftest_reported:
            return
        self.selftest_reported = True
        clock = self.get_frame_clock()

        def painted(clock):
            clock.disconnect(handler)
            print(f"listed {SELFTEST_JOB} RUNNING", flush=True)
            GLib.timeout_add_seconds(1, self.get_application().quit)

        handler = clock.connect("after-paint", painted)
        clock.request_phase(Gdk.FrameClockPhase.PAINT)


def main():
    url = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("FLINK_REST_URL", "http://localhost:8081")
    app = Gtk.Application(application_id="org.flinkjob.Monitor", flags=Gio.ApplicationFlags.NON_UNIQUE)
    app.connect("activate", lambda app: MonitorWindow(app, url).present())

    failed = []
    if SELFTEST_JOB:
        def give_up():
            print(f"job {SELFTEST_JOB} not listed RUNNING after {SELFTEST_TIMEOUT_S} s", file=sys.stderr)
            failed.append(True)
            app.quit()
        GLib.timeout_add_seconds(SELFTEST_TIMEOUT_S, give_up)

    status = app.run(sys.argv[:1])
    return 1 if failed else status


if __name__ == "__main__":
    sys.exit(main())
