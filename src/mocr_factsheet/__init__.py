"""mocr-factsheet: yearly factsheets on Kosovo's Municipal Offices for Communities and Return."""

# The one place the version is written (pyproject.toml reads it from here):
# importlib.metadata would cost the no-op build a tenth of its time.
__version__ = "0.1.0"
