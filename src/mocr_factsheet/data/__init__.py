"""Reading the data folder: the executable schema, the readers, validation, the dataset."""
