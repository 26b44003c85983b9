"""Kept for old imports: the render lives in `factcheck.rendering.render`."""

from .rendering.execute import KERNEL_NAME, check_kernel_can_start, check_parameters, execute
from .rendering.files import locked, write_atomic
from .rendering.render import FORMATS, RenderResult, needs_render, render

__all__ = [
    "FORMATS",
    "KERNEL_NAME",
    "RenderResult",
    "check_kernel_can_start",
    "check_parameters",
    "execute",
    "locked",
    "needs_render",
    "render",
    "write_atomic",
]
