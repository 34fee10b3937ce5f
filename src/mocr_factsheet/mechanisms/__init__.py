"""One home per local mechanism: its tables, figures, records, charts and kinds of page."""
