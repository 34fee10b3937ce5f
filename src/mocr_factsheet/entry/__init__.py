"""Data entry: the next year's files, as CSV or as Excel workbooks."""
