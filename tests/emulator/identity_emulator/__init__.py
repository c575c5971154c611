"""A local stand-in for the UiPath Identity Server user API (see ../README.md)."""

from .emulator import Emulator

__all__ = ["Emulator"]
