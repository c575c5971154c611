"""A local stand-in for the UiPath Identity Server user, group and robot account API (see ../README.md)."""

from .emulator import Emulator

__all__ = ["Emulator"]
