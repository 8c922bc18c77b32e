"""The public summary's readability score and advice."""

import pytest

from coeval.web.briefs.readability import TARGET_READING_AGE, score

PLAIN = (
    "We looked at who gets a blood pressure check. Fewer people in poor areas had one. "
    "Men were less likely to come than women. We want to offer checks in more places. "
    "We will try barbers' shops and mosques. We will look again next year to see if it worked."
)
DENSE = (
    "Notwithstanding considerable methodological heterogeneity, the evaluation demonstrated "
    "statistically significant socioeconomic differentials in hypertension case-finding "
    "utilisation, predominantly attributable to organisational inaccessibility and "
    "insufficiently individualised communication strategies, necessitating comprehensive "
    "reconfiguration of community-based commissioning arrangements."
)


def test_plain_words_in_short_sentences_reach_the_target_reading_age():
    result = score(PLAIN)
    assert result.reading_age is not None
    assert result.reading_age <= TARGET_READING_AGE
    assert result.on_target
    assert "Most people can read this easily" in result.verdict


def test_long_sentences_and_long_words_score_older_and_get_advice():
    result = score(DENSE)
    assert result.reading_age > TARGET_READING_AGE
    assert not result.on_target
    assert any("longer than 20 words" in tip for tip in result.advice)
    assert any("everyday words" in tip for tip in result.advice)
    assert "heterogeneity" in result.hard_words


def test_a_few_words_are_too_few_to_score():
    result = score("Checks help.")
    assert result.reading_age is None
    assert "at least 20 words" in result.verdict


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_text_scores_nothing(text):
    assert score(text).words == 0


def test_the_author_sees_the_score_as_they_write_a_public_summary(client_for, world):
    url = f"/briefs/teams/{world.team.pk}/readability/"
    page = client_for("public_adviser").post(url, {"format": "public", "key_messages": DENSE})
    assert "Reading age about" in page.content.decode()
    assert "Aim for 11 to 12" in page.content.decode()


def test_a_board_brief_is_not_scored(client_for, world):
    url = f"/briefs/teams/{world.team.pk}/readability/"
    page = client_for("public_adviser").post(url, {"format": "board", "key_messages": DENSE})
    assert "Reading age about" not in page.content.decode()
