"""The CC sheet's messages whose ids are codes: marked here for extraction.

The sheet names the communities most often unrepresented inside a sentence,
where the chart labels' form ("Kosovo Bosniak", "Kosovski Bošnjaci") does not
fit: the catalogs give the running-text form under its own context.
"""

from __future__ import annotations

from mocr_factsheet.data.vocabulary import N_

COMMUNITIES_IN_TEXT = (
    # TRANSLATORS: a community's name in the middle of a sentence, as a group of
    # people ("Kosovo Bosniaks", "boshnjakët e Kosovës", "kosovski Bošnjaci").
    N_("community: in text", "albanian"),
    N_("community: in text", "serb"),
    N_("community: in text", "bosniak"),
    N_("community: in text", "turk"),
    N_("community: in text", "roma"),
    N_("community: in text", "ashkali"),
    N_("community: in text", "egyptian"),
    N_("community: in text", "gorani"),
    N_("community: in text", "montenegrin"),
    N_("community: in text", "croat"),
    N_("community: in text", "other"),
)
