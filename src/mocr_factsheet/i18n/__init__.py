"""Languages: the gettext catalogs, CLDR formats, one Translator per language."""
