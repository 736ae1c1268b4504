"""The sentences of the drafted committee briefing (:mod:`mangfold.reports.briefing`) and its headings.

Each text is an English message of the core's catalogues (:mod:`mangfold.i18n`; the Danish ones in
``mangfold/locale/da/LC_MESSAGES/briefing.po``), given in the language asked for: any language with a
catalogue, English for a message it does not translate. Placeholders in braces are filled by the
drafting functions.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from mangfold.i18n import gettext as _
from mangfold.i18n import language, languages

__all__ = ["HEADINGS", "headings", "words"]


def headings(lang: str) -> dict[str, str]:
    """The headings of a committee item's sections in ``lang``: "Indstilling og beslutning", …"""
    with language(lang):
        return {
            "recommendation": _("Recommendation and decision"),
            "problem": _("Issue"),
            "solution": _("Solution"),
            "economy": _("Finances"),
            "process": _("Next steps"),
            "attachments": _("Attachments"),
        }


def words(lang: str) -> dict[str, str]:
    """The briefing's sentences in ``lang``, by key."""
    with language(lang):
        return {
            "rec_intro": _("The administration recommends that the committee"),
            "rec_note": _("takes note of {result} in {network}, {round},"),
            "rec_follow": _(
                "decides that the administration examines how the recommended practices can be used in the "
                "city in {areas}, and presents a proposal to the committee."
            ),
            "rec_follow_similar": _(
                "decides that the administration examines how the recommended practices can be used in the "
                "city, and presents a proposal to the committee."
            ),
            "rec_follow_overall": _(
                "decides that the administration presents proposals to the committee for improving the "
                "city's result."
            ),
            "intro": _(
                "{city} takes part in {network}. The index measures on a scale from 0 to 100 how well a "
                "city includes a diverse population, across a number of policy areas (indicators)."
            ),
            "instrument": _("The result is measured on {instrument}."),
            "result": _("In {round}, {city} scored {score} out of 100 overall."),
            "rank_only": _("{city} ranks {rank}"),
            "mean": _("The mean of the {n} cities of the round whose results mangfold holds is {mean}."),
            "previous": _("In {round} the score was {score}"),
            "previous_rank": _(" (rank {rank} of {of} cities)"),
            "ahead": _("ahead of {share} of the other cities"),
            "ahead_level": _("level with or ahead of {share} of the other cities"),
            "ahead_all": _("ahead of all the other cities"),
            "ahead_all_level": _("level with or ahead of all the other cities"),
            "behind_all": _("behind all the other cities"),
            "samples_differ": _(
                "The two places are out of different numbers of cities, {old_of} in {old_round} and {new_of} "
                "in {new_round}, so the places cannot be compared directly."
            ),
            "relative_same": _("The relative position is the same: {relative} in both rounds."),
            "relative_moved": _(
                "In relative terms, {city} was {old} in {old_round} and is {new} in {new_round}."
            ),
            "change": _(": a change of {change} points."),
            "unchanged": _("; the score is unchanged."),
            "not_comparable": _(
                "The previous round, {round}, used another questionnaire; the two scores cannot be "
                "compared, so this briefing states no change."
            ),
            "strongest": _("The city's strongest areas are {list}."),
            "weakest": _("The weakest are {list}."),
            "mean_aside": _("; mean {mean}"),
            "means_are": _("The means are those of the cities of the round with a score on the indicator."),
            "same_areas": _("{year}, the same small areas and source"),
            "same_areas_parish": _("{year}, the same parishes and source"),
            "same_areas_voting_area": _("{year}, the same voting areas and source"),
            "no_indicators": _(
                "Only the overall score of this round is recorded in mangfold, not the scores of the "
                "individual indicators; the briefing and the city profile cannot show the result area by "
                "area."
            ),
            "inhabitants": _("{city} had {n} inhabitants {aside}."),
            "inhabitants_partial": _(
                "The statistics cover {areas} of the city's {of} small areas, where {n} people lived {aside}."
            ),
            "inhabitants_partial_parish": _(
                "The statistics cover {areas} of the city's {of} parishes, where {n} people lived {aside}."
            ),
            "inhabitants_partial_voting_area": _(
                "The statistics cover {areas} of the city's {of} voting areas, where {n} people lived "
                "{aside}."
            ),
            "immigrant": _("{share} had an immigrant background"),
            "nonwestern": _("{share} were of non-Western origin"),
            "shares": _("Of the inhabitants, {list} {aside}."),
            "dissimilarity": _(
                "The dissimilarity index of residents of non-Western origin against residents of "
                "Danish origin was {d} {aside}: the share of one group that would have to move for the two "
                "groups to be spread alike over the city's areas."
            ),
            "source": _("source: {source}"),
            "practices_intro": _(
                "The administration proposes to learn from cities that score high in the areas where {city}"
                " trails the mean of the other cities most:"
            ),
            "practices_intro_weakest": _(
                "The round has too few cities with a score to say where {city} trails the other cities' "
                "mean. The administration therefore proposes to learn from practices in the city's weakest "
                "areas:"
            ),
            "practices_intro_similar": _(
                "In this round mangfold does not hold the city's scores on the individual indicators, so no "
                "area can be named. The city profile in attachment 1 instead recommends {n} practices of the "
                "cities most like {city} in size, diversity and country:"
            ),
            "practices_intro_similar_one": _(
                "In this round mangfold does not hold the city's scores on the individual indicators, so no "
                "area can be named. The city profile in attachment 1 instead recommends a practice of one of "
                "the cities most like {city} in size, diversity and country:"
            ),
            "practice": _("{indicator}: “{title}” from {city} (score {score})"),
            "practice_no_area": _("“{title}” from {city}"),
            "no_practices": _(
                "The practice library holds no published practice yet from the other cities of the round in"
                " the areas where the city trails the other cities' mean most. The administration proposes "
                "to seek the experience of cities with high scores in these areas."
            ),
            "ahead_everywhere": _(
                "The city scores at or above the mean of the cities of the round on every indicator with a "
                "mean; the briefing therefore points to no practices of other cities."
            ),
            "no_comparison": _(
                "The cities of the round have too few indicator scores for a mean to compare with; the "
                "briefing therefore points to no practices of other cities."
            ),
            "no_practices_weakest": _(
                "The round has too few cities with a score to say where the city trails the other cities' "
                "mean, and the practice library holds no published practice yet from other cities in the "
                "city's weakest areas."
            ),
            "no_practices_overall": _(
                "As the scores of the individual indicators are not recorded in mangfold, the briefing "
                "cannot point to the areas where the city trails, and the practice library holds no real "
                "practice of other cities yet that the city profile could recommend."
            ),
            "see_profile": _(
                "The city profile in attachment 1 shows the result for each indicator with the recommended "
                "practices."
            ),
            "see_profile_more": _(
                "The city profile in attachment 1 shows the result for each indicator and recommended "
                "practices for all {n} areas where the city trails the other cities' mean."
            ),
            "see_profile_similar": _(
                "The city profile in attachment 1 shows the result with its source and the recommended "
                "practices with their sources."
            ),
            "see_profile_overall": _("The city profile in attachment 1 shows the result with its source."),
            "economy": _(
                "None. Taking note has no financial consequences; proposals for concrete initiatives will "
                "be presented to the committee with their costs."
            ),
            "process": _(
                "The administration presents proposals for initiatives in {areas} to the committee."
            ),
            "process_similar": _(
                "The administration presents a proposal to the committee for how the recommended practices "
                "can be used in the city."
            ),
            "process_overall": _(
                "The administration presents proposals to the committee for improving the city's result."
            ),
            "next_result": _(
                "The administration informs the committee when the city's next result is available."
            ),
            "later_result": _("The city's next result, {round}, is already available in mangfold."),
            "later_results": _("The city's later results, {rounds}, are already available in mangfold."),
            "attachment": _("Attachment {n}: {title}"),
            "no_attachments": _("None."),
        }


class _Headings(Mapping[str, dict[str, str]]):
    """The headings of the sections by language: ``HEADINGS["da"]["recommendation"]`` is "Indstilling og
    beslutning". Any language with a catalogue (:mod:`mangfold.i18n`) can be asked for; a heading it
    does not translate is in English. Iterating gives the languages with a catalogue of their own."""

    def __getitem__(self, lang: str) -> dict[str, str]:
        return headings(lang)

    def __iter__(self) -> Iterator[str]:
        return iter(languages())

    def __len__(self) -> int:
        return len(languages())


HEADINGS: Mapping[str, dict[str, str]] = _Headings()
"""The headings of the sections in a language (:func:`headings`)."""
