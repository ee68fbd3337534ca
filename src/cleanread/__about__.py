"""Version of the cleanread package."""

__version__ = "0.1.0"
