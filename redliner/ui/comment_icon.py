"""A small speech balloon: the mark of a change that has comments (list rows, the "has comments" filter)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

BALLOON_FILL = "#F2C14E"
BALLOON_LINE = "#8C6D00"


def balloon_icon(size: int = 16) -> QIcon:
    icon = QIcon()
    for scale in (1, 2):  # crisp on high-density screens too
        pixmap = QPixmap(size * scale, size * scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(scale, scale)
        path = QPainterPath()
        path.addRoundedRect(QRectF(1.5, 2.5, size - 3, size - 6.5), 3, 3)
        tail = QPainterPath()
        tail.moveTo(QPointF(4.5, size - 4.5))
        tail.lineTo(QPointF(3.5, size - 1))
        tail.lineTo(QPointF(8.5, size - 4.5))
        tail.closeSubpath()
        painter.setPen(QPen(QColor(BALLOON_LINE), 1))
        painter.setBrush(QColor(BALLOON_FILL))
        painter.drawPath(path.united(tail))
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        icon.addPixmap(pixmap)
    return icon
