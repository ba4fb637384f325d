"""The version of songngu, read by the build backend and by the signature."""

__version__ = "0.1.0"
