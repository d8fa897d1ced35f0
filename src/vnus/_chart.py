"""The axes the charts of :mod:`vnus.plot` draw on when given none: they show themselves.

Imported only by :mod:`vnus.plot` when it draws (it imports matplotlib).
"""

from __future__ import annotations

import io

from matplotlib.axes import Axes
from matplotlib.figure import Figure

__all__ = ["ChartAxes"]


class ChartAxes(Axes):
    """Matplotlib axes that a notebook shows as the picture of their figure.

    A chart drawn on a new figure is never registered with pyplot (no GUI backend, nothing
    kept alive between calls), so IPython's pyplot hooks do not show it. These axes give
    IPython a PNG of their figure instead (``_repr_png_``), so a cell that ends with a chart,
    ``vnus.plot.trade("Hanoi")``, shows it, as a cell ending with pandas' ``.plot()`` does.
    In every other respect they are plain :class:`~matplotlib.axes.Axes`.
    """

    def _repr_png_(self) -> bytes:
        """The whole figure as a PNG, at the figure's own size and resolution."""
        root = self.figure.figure  # the figure, or the figure a subfigure belongs to
        assert isinstance(root, Figure)  # noqa: S101 -- matplotlib's own invariant
        buffer = io.BytesIO()
        root.savefig(buffer, format="png")
        return buffer.getvalue()
