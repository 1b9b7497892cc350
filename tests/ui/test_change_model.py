import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from redliner.core import Decision, ReviewDocument, Status, parse_rules
from redliner.ui import change_model as cm
from redliner.ui.change_model import CHANGE_ID_ROLE, ChangeFilterModel, ChangeTableModel, full_date, short_date, snippet

FAIL = QAbstractItemModelTester.FailureReportingMode.Fatal


@pytest.fixture
def review(samples):
    return ReviewDocument.open(samples / "sop-draft.pandoc.docx", parse_rules("italic"))


@pytest.fixture
def models(qtbot, review):
    model = ChangeTableModel()
    proxy = ChangeFilterModel()
    proxy.setSourceModel(model)
    testers = [QAbstractItemModelTester(model, FAIL), QAbstractItemModelTester(proxy, FAIL)]
    model.set_review(review)
    yield model, proxy
    del testers


def test_rows_and_columns_follow_the_review(models, review):
    model, _ = models
    assert model.rowCount() == len(review.changes) == 13
    assert model.columnCount() == len(cm.COLUMNS)
    assert model.rowCount(model.index(0, 0)) == 0  # a table: no children
    first = review.changes[0]
    row = [model.index(0, c).data() for c in range(len(cm.COLUMNS))]
    assert row == [first.id, "insertion", first.author, short_date(first.date), snippet(first),
                   first.location.heading, "pending"]
    assert model.index(0, 0).data(CHANGE_ID_ROLE) == "1"
    assert model.data(QModelIndex()) is None
    assert model.headerData(cm.STATUS, Qt.Orientation.Horizontal) == "Status"
    assert model.index(0, cm.DATE).data(Qt.ItemDataRole.ToolTipRole) == full_date(first.date)
    assert model.index(0, cm.TEXT).data(Qt.ItemDataRole.ToolTipRole) == first.text


def test_refresh_reports_status_changes(models, review, qtbot):
    model, _ = models
    review.decide(["3", "4", "9"], Decision.ACCEPT)
    with qtbot.waitSignals([model.dataChanged, model.dataChanged]):  # rows 2-3, then row 8
        model.refresh(["3", "4", "9"])
    assert model.index(2, cm.STATUS).data() == "accepted"
    assert model.index(2, cm.STATUS).data(Qt.ItemDataRole.ForegroundRole) is not None


def test_filters_by_author_kind_status_and_text(models, review):
    model, proxy = models
    proxy.set_filter(text="TRAINING")
    assert proxy.change_ids() == ["12"]
    proxy.set_filter(text="010.05 policy")  # the section heading counts too
    assert proxy.change_ids() == ["6", "7"]
    proxy.set_filter(author="Unknown", kind="insertion")
    assert len(proxy.change_ids()) == 13
    proxy.set_filter(author="Somebody else")
    assert proxy.change_ids() == []
    review.decide(["2"], Decision.REJECT)
    model.refresh(["2"])
    proxy.set_filter(status=Status.REJECTED.value)
    assert proxy.change_ids() == ["2"]
    proxy.set_filter(status=Status.PENDING.value)
    assert "2" not in proxy.change_ids() and len(proxy.change_ids()) == 12


def test_sorting_by_number_is_numeric(models):
    _, proxy = models
    proxy.sort(cm.NUMBER, Qt.SortOrder.DescendingOrder)
    assert proxy.change_ids()[:3] == ["13", "12", "11"]


def test_reset_to_no_review(models):
    model, proxy = models
    model.set_review(None)
    assert model.rowCount() == 0 and proxy.change_ids() == []


def test_snippets_are_short():
    class Fake:
        text = "x" * 500
    assert len(snippet(Fake())) == cm.SNIPPET_LIMIT
    assert short_date("2026-11-26T04:29:25Z") == "2026-11-26"
    assert full_date("2026-11-26T04:29:25Z") == "2026-11-26 04:29:25 UTC"


def test_unsorted_proxy_keeps_document_order(models):
    _, proxy = models
    assert proxy.sortColumn() == -1
    assert proxy.change_ids() == [str(n) for n in range(1, 14)]
    proxy.sort(cm.SECTION, Qt.SortOrder.AscendingOrder)
    sections = [proxy.index(row, cm.SECTION).data() for row in range(proxy.rowCount())]
    assert sections == sorted(sections)


def test_the_list_names_invisible_characters(qtbot, tmp_path):
    from tests.docx_factory import dele, dr, ins, make_docx, p, r

    review = ReviewDocument.open(make_docx(tmp_path, p(r("19"), dele(dr(" ")), ins(r("\u00a0")), r("October"))))
    model = ChangeTableModel()
    model.set_review(review)
    assert model.index(0, cm.TEXT).data() == "(space) → (no-break space)"


def test_follow_looks_rows_up_right_while_rows_are_taken_out_and_put_in(models, review):
    """Views react to rowsRemoved/rowsInserted at once (the list selects a neighbour of a removed current
    row): the model must find each change at its row at that moment, not where it was before."""
    model, _ = models
    seen = []

    def check(*_):
        seen.append(all(model.row_of(model.index(row, 0).data(CHANGE_ID_ROLE)) == row
                        for row in range(model.rowCount())))

    model.rowsRemoved.connect(check)
    model.rowsInserted.connect(check)
    gone, kept = review.changes[3], list(review.changes)
    review.changes.remove(gone)
    model.follow(review)
    review.changes[:] = kept
    model.follow(review)
    assert seen == [True, True]
    assert model.row_of(gone.id) == 3
