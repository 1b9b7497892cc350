import threading

from redliner.core import DamagedDocumentError
from redliner.ui.worker import TaskRunner, error_message


def test_error_messages_never_carry_a_traceback():
    assert error_message(DamagedDocumentError("x.docx is damaged; ask for a fresh copy"), "Could not open x") \
        == "x.docx is damaged; ask for a fresh copy"
    missing = FileNotFoundError(2, "No such file or directory", "/tmp/gone.docx")
    assert error_message(missing, "Could not open gone.docx") == \
        "Could not open gone.docx: No such file or directory (/tmp/gone.docx)"
    assert error_message(KeyError("w:body"), "Could not open y") == "Could not open y: KeyError: 'w:body'"


def test_work_runs_off_the_gui_thread_and_reports_on_it(qtbot):
    runner = TaskRunner()
    threads, results = [], []
    with qtbot.waitSignal(runner.busy_changed, timeout=5000) as started:
        assert runner.start(lambda: threads.append(threading.current_thread()) or 42, "Could not",
                            lambda result: results.append((result, threading.current_thread())), results.append)
    assert started.args == [True]
    assert not runner.start(lambda: None, "x", print, print)  # one task at a time
    qtbot.waitUntil(lambda: not runner.busy)
    assert threads[0] is not threading.main_thread()
    assert results == [(42, threading.main_thread())]


def test_failures_arrive_as_messages(qtbot):
    runner = TaskRunner()
    failures = []

    def broken():
        raise DamagedDocumentError("bad.docx is damaged")

    runner.start(broken, "Could not open bad.docx", failures.append, failures.append)
    qtbot.waitUntil(lambda: not runner.busy)
    assert failures == ["bad.docx is damaged"]
