"""mocr-factsheet: yearly factsheets on Kosovo's Municipal Offices for Communities and Return."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mocr-factsheet")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
