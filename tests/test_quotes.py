"""Quote extraction on the real spaCy model, over texts written for these tests (and the
sample article the team may use). One test per quotation and attribution pattern."""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schemas.tables import TABLES
from transforms.entities import resolve_entities
from transforms.nlp import load_nlp
from transforms.quotes import Quote, extract_quotes, find_quoted_spans, looks_like_title, quote_rows
from transforms.text import normalize_text

SAMPLE_ARTICLE = Path(__file__).resolve().parents[1] / "samples/articles/carney-trump-trade.txt"  # the bundled copy of the sample article


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def extract(nlp, text: str) -> tuple[str, list[Quote]]:
    doc = nlp(normalize_text(text))
    quotes = extract_quotes(doc, resolve_entities(doc))
    for q in quotes:  # the invariant every row must keep
        assert q.text == doc.text[q.start_char:q.end_char]
        assert q.type in ("direct", "indirect")
    return doc.text, quotes


def direct(quotes: list[Quote]) -> list[Quote]:
    return [q for q in quotes if q.type == "direct"]


def indirect(quotes: list[Quote]) -> list[Quote]:
    return [q for q in quotes if q.type == "indirect"]


def only(quotes: list[Quote], words: str) -> Quote:
    found = [q for q in quotes if words in q.text]
    assert len(found) == 1, (words, quotes)
    return found[0]


def test_split_curly_quote_is_two_quotes_by_one_speaker(nlp):
    text = ("Transport Minister Helena Marsh visited the depot on Monday.\n\n"
            "“We will not cut a single rural bus route,” said Marsh. “The money is already in the budget.”")
    body, quotes = extract(nlp, text)
    first, second = direct(quotes)
    assert first.text == "We will not cut a single rural bus route,"
    assert body[first.start_char - 1] == "“" and body[first.end_char] == "”"
    assert second.text == "The money is already in the budget."
    assert second.start_char > first.end_char
    assert (first.speaker, second.speaker) == ("Helena Marsh", "Helena Marsh")
    assert first.speaker_mention == "Marsh" and first.cue == "said"
    assert first.speaker_key == second.speaker_key and first.speaker_key.startswith("PERSON:")


def test_straight_quotes_and_name_before_verb(nlp):
    _, quotes = extract(nlp, '"The bridge will reopen to traffic in early May," Daniel Okafor said on Friday.')
    (quote,) = direct(quotes)
    assert quote.text == "The bridge will reopen to traffic in early May,"
    assert (quote.speaker, quote.cue) == ("Daniel Okafor", "said")


def test_double_apostrophe_pairs_and_told(nlp):
    text = "''Nobody expected the vote to be this close,'' Rosa Delgado told reporters in Albany."
    _, quotes = extract(nlp, text)
    (quote,) = direct(quotes)
    assert quote.text == "Nobody expected the vote to be this close,"
    assert (quote.speaker, quote.cue) == ("Rosa Delgado", "told")


def test_guillemets_and_added(nlp):
    text = ("Mayor Pierre Lambert opened the new library on Saturday. "
            "«We built this for the children of the whole valley,» Lambert added.")
    _, quotes = extract(nlp, text)
    (quote,) = direct(quotes)
    assert quote.text == "We built this for the children of the whole valley,"
    assert (quote.speaker, quote.cue) == ("Pierre Lambert", "added")


def test_single_quotes_as_quotation_marks_beside_apostrophes(nlp):
    text = ("The players’ union met on Tuesday. ‘We don’t accept the league’s offer as it stands,’ "
            "said union chief Tom Reilly.")
    _, quotes = extract(nlp, text)
    (quote,) = direct(quotes)
    assert quote.text == "We don’t accept the league’s offer as it stands,"
    assert (quote.speaker, quote.cue) == ("Tom Reilly", "said")


def test_multi_sentence_quote_stays_whole(nlp):
    text = ("“The river rose two metres overnight. We moved everyone out by midnight. Nobody was hurt,” "
            "fire chief Maria Santos said.")
    _, quotes = extract(nlp, text)
    (quote,) = direct(quotes)
    assert quote.text.startswith("The river rose") and quote.text.endswith("Nobody was hurt,")
    assert quote.speaker == "Maria Santos"


def test_paragraph_reopening_a_quote_continues_it(nlp):
    text = ("Professor Lena Varga spoke at the hearing.\n\n"
            "“The data show a steady decline in water quality since 2015,” Varga said. “Every sample we took "
            "upstream was worse than the one before.\n\n"
            "“We need a clean-up plan before the summer, not after it.”")
    body, quotes = extract(nlp, text)
    first, second, third = direct(quotes)
    assert second.text == "Every sample we took upstream was worse than the one before."
    assert body[second.end_char:second.end_char + 2] == "\n\n"   # left open at the paragraph end
    assert third.text == "We need a clean-up plan before the summer, not after it."
    assert {q.speaker for q in (first, second, third)} == {"Lena Varga"}


def test_partial_quote_inside_reported_speech(nlp):
    text = "Councillor Ben Adeyemi said the stadium plan was “a complete waste of public money” and should be dropped."
    _, quotes = extract(nlp, text)
    partial = only(direct(quotes), "waste")
    assert partial.text == "a complete waste of public money"
    assert (partial.speaker, partial.cue) == ("Ben Adeyemi", "said")
    reported = only(indirect(quotes), "stadium plan")
    assert reported.text.startswith("the stadium plan was “a complete waste")
    assert reported.speaker == "Ben Adeyemi"


def test_nested_quote_stays_inside_its_quote(nlp):
    text = "“He looked at me and said ‘never again’ before he walked out of the room,” said Clara Novak."
    _, quotes = extract(nlp, text)
    (quote,) = direct(quotes)
    assert quote.text == "He looked at me and said ‘never again’ before he walked out of the room,"
    assert quote.speaker == "Clara Novak"


def test_unbalanced_mark_spoils_only_its_own_paragraph(nlp):
    text = ("The so-called “reform package was announced in March by the cabinet.\n\n"
            "“We will publish every contract online from next year,” said Treasurer Omar Haddad.")
    _, quotes = extract(nlp, text)
    (quote,) = direct(quotes)
    assert quote.text == "We will publish every contract online from next year,"
    assert quote.speaker == "Omar Haddad"


def test_speaker_with_relative_clause(nlp):
    text = ("“Our waiting lists are the longest they have ever been,” Dr. Ana Ruiz, who has run the clinic "
            "since 2010, said.")
    _, quotes = extract(nlp, text)
    (quote,) = direct(quotes)
    assert (quote.speaker, quote.cue) == ("Ana Ruiz", "said")


def test_according_to_direct_and_reported(nlp):
    text = ("“The tunnel will be finished two years late,” according to engineer Paul Brandt.\n\n"
            "According to Brandt, the contractor has already asked for more money.")
    _, quotes = extract(nlp, text)
    quote = only(direct(quotes), "tunnel")
    assert (quote.speaker, quote.cue) == ("Paul Brandt", "according to")
    reported = only(indirect(quotes), "contractor")
    assert reported.text == "the contractor has already asked for more money"
    assert (reported.speaker, reported.cue) == ("Paul Brandt", "according to")


def test_colon_lead_in(nlp):
    text = "Union leader Grace Mwangi said: “Nurses cannot work a fourth night shift in a row.”"
    _, quotes = extract(nlp, text)
    (quote,) = direct(quotes)
    assert quote.text == "Nurses cannot work a fourth night shift in a row."
    assert (quote.speaker, quote.cue) == ("Grace Mwangi", "said")


def test_colon_lead_in_from_previous_paragraph(nlp):
    text = "In a statement, Senator Mark Ellison responded:\n\n“This bill protects farmers and I will vote for it.”"
    _, quotes = extract(nlp, text)
    (quote,) = direct(quotes)
    assert (quote.speaker, quote.cue) == ("Mark Ellison", "responded")


def test_dash_attribution(nlp):
    text = "“Cities that plant trees now will be cooler in twenty years.” – Ingrid Larsen"
    _, quotes = extract(nlp, text)
    (quote,) = direct(quotes)
    assert quote.text == "Cities that plant trees now will be cooler in twenty years."
    assert (quote.speaker, quote.cue) == ("Ingrid Larsen", "–")


def test_speaker_named_in_previous_sentence(nlp):
    text = "Coach Sam Whitaker was blunt after the match. “We defended like a team that had never met before.”"
    _, quotes = extract(nlp, text)
    (quote,) = direct(quotes)
    assert quote.speaker == "Sam Whitaker"
    assert quote.cue is None


def test_follow_on_paragraph_keeps_the_speaker(nlp):
    text = ("“The harvest was the worst in thirty years,” said farmer Joan Petrie.\n\n"
            "“Half the orchard froze in April and the rest dried out in July.”")
    _, quotes = extract(nlp, text)
    first, second = direct(quotes)
    assert first.speaker == second.speaker == "Joan Petrie"
    assert second.cue == "said"


def test_pronoun_resolved_to_the_last_speaker(nlp):
    text = ("Ambassador Pete Larkin met the trade committee on Wednesday. Larkin noted that talks "
            "with both partners were continuing.\n\n"
            "“The deadline matters less than getting the details right,” he said.")
    _, quotes = extract(nlp, text)
    quote = only(direct(quotes), "deadline")
    assert (quote.speaker, quote.speaker_mention, quote.cue) == ("Pete Larkin", "he", "said")


def test_pronoun_left_null_when_nobody_fits(nlp):
    text = "The storm closed every school in the county.\n\n“We have never seen flooding like this,” she said."
    _, quotes = extract(nlp, text)
    (quote,) = direct(quotes)
    assert quote.speaker is None
    assert quote.speaker_mention == "she"


def test_role_description_resolved_to_the_titled_person(nlp):
    text = ("U.S. Ambassador Karen Holt arrived in Ottawa on Monday.\n\n"
            "“Both governments want this settled before winter,” the ambassador said.")
    _, quotes = extract(nlp, text)
    (quote,) = direct(quotes)
    assert (quote.speaker, quote.speaker_mention) == ("Karen Holt", "the ambassador")


def test_indirect_said_with_and_without_that(nlp):
    text = ("Finance Minister Rachel Stone said that the deficit would shrink next year. "
            "Stone said interest rates were likely to stay high.")
    _, quotes = extract(nlp, text)
    first = only(indirect(quotes), "deficit")
    assert first.text == "the deficit would shrink next year"
    second = only(indirect(quotes), "interest rates")
    assert second.text == "interest rates were likely to stay high"
    assert first.speaker == second.speaker == "Rachel Stone"
    assert first.cue == second.cue == "said"


def test_indirect_told_reporters(nlp):
    text = "Police Chief Dana Morrow told reporters the suspect had been arrested near the border."
    _, quotes = extract(nlp, text)
    (reported,) = indirect(quotes)
    assert reported.text == "the suspect had been arrested near the border"
    assert (reported.speaker, reported.cue) == ("Dana Morrow", "told")


def test_organisation_as_speaker(nlp):
    text = "“The recall covers every model sold since 2021,” Toyota said in a statement."
    _, quotes = extract(nlp, text)
    (quote,) = direct(quotes)
    assert quote.speaker == "Toyota"


def test_short_quoted_terms_are_not_quotes(nlp):
    _, quotes = extract(nlp, "Critics called the plan a “tax grab” and the mayor’s “vanity project.”")
    assert direct(quotes) == []


def test_find_quoted_spans_styles():
    text = 'He said "fine" and « Bonjour à tous » then ``yes indeed\'\' and the “outer ‘inner’ words” too.'
    found = [text[s.start_char:s.end_char] for s in find_quoted_spans(text)]
    assert found == ["fine", "Bonjour à tous", "yes indeed", "outer ‘inner’ words"]


def test_rows_match_the_quotes_schema(nlp):
    _, quotes = extract(nlp, "“We will win this seat back next spring,” said candidate Leo Brandt.")
    rows = quote_rows("article-1", quotes)
    table = pa.Table.from_pylist(rows, schema=TABLES["quotes"])
    assert table.num_rows == len(quotes) == 1
    assert rows[0]["quote_index"] == 0 and rows[0]["speaker"] == "Leo Brandt"


def test_sample_article_direct_quotes_and_speakers(nlp):
    lines = SAMPLE_ARTICLE.read_text(encoding="utf-8").split("\n")
    body = "\n".join(lines[3:])  # title and byline lines first
    _, quotes = extract(nlp, body)
    speakers = [q.speaker for q in direct(quotes) if len(q.text.split()) >= 4]
    assert speakers == ["Mélanie Joly"] * 2 + ["Pete Hoekstra"] * 7
    he_said = [q for q in direct(quotes) if q.speaker_mention == "he"]
    assert len(he_said) == 3 and {q.speaker for q in he_said} == {"Pete Hoekstra"}


def test_parenthetical_attribution_inside_reported_clause(nlp):
    text = "Now, Mayor Ruth Okonkwo said, the two neighbourhoods hardly ever meet."
    _, quotes = extract(nlp, text)
    (reported,) = indirect(quotes)
    assert reported.text == "the two neighbourhoods hardly ever meet"
    assert (reported.speaker, reported.cue) == ("Ruth Okonkwo", "said")


def test_reported_clause_stops_at_the_speakers_next_verb(nlp):
    text = ("Governor Alan Pryce was asked about the strike on Friday and said that talks were continuing "
            "but did not comment on the unions' demands.")
    _, quotes = extract(nlp, text)
    (reported,) = indirect(quotes)
    assert reported.text == "talks were continuing"
    assert reported.speaker == "Alan Pryce"


def test_manner_verb_after_quote(nlp):
    text = "Reporters shouted questions at the rally.\n\n“Sit down and wait your turn, please,” Victor Hale snapped."
    _, quotes = extract(nlp, text)
    (quote,) = direct(quotes)
    assert (quote.speaker, quote.cue) == ("Victor Hale", "snapped")


def test_name_and_colon_lead_in(nlp):
    text = "Pollster Nadia Ferreira: “Turnout among young voters is the number to watch this year.”"
    _, quotes = extract(nlp, text)
    (quote,) = direct(quotes)
    assert (quote.speaker, quote.cue) == ("Nadia Ferreira", ":")


def test_lead_in_before_a_finished_quote_beats_the_next_sentence(nlp):
    text = ("Senator Clara Boone answered the letter with, “Why now, after three years of silence?” "
            "Governor Ted Marsh then wrote back that he had been busy.")
    _, quotes = extract(nlp, text)
    quote = only(direct(quotes), "silence")
    assert quote.speaker == "Clara Boone"


def test_curly_quotes_nested_in_straight_quotes_across_paragraphs(nlp):
    text = ('Councillor Maria Lopez said:\n\n"The council keeps calling this a “temporary measure” but it has lasted '
            'six years.\n\n"We should vote on it again in the spring."')
    _, quotes = extract(nlp, text)
    first, second = direct(quotes)
    assert first.text == "The council keeps calling this a “temporary measure” but it has lasted six years."
    assert second.text == "We should vote on it again in the spring."
    assert first.speaker == second.speaker == "Maria Lopez"


def test_empty_and_quote_free_texts(nlp):
    assert extract(nlp, "")[1] == []
    _, quotes = extract(nlp, "The library opens at nine.\n\nIt closes at five on weekdays.")
    assert quotes == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab ,.:\n“”‘’\"'«»`-")), max_size=80))
def test_quoted_spans_are_ordered_and_trimmed_for_any_text(text):
    spans = find_quoted_spans(text)
    assert [s.start_char for s in spans] == sorted(s.start_char for s in spans)
    for s in spans:
        assert s.open_char < s.start_char < s.end_char <= s.close_char <= len(text)
        quoted = text[s.start_char:s.end_char]
        assert quoted == quoted.strip() and "\n" not in quoted


def test_possessive_voice_resolved_and_plural_description_left_null(nlp):
    text = ("Senator Paula Grant introduced the bill on Monday.\n\n"
            "“This bill closes the loophole for good and protects every tenant in the state,” her office said.\n\n"
            "“We have not seen the final text of the bill yet,” the senators said.")
    _, quotes = extract(nlp, text)
    office = only(direct(quotes), "loophole")
    assert (office.speaker, office.speaker_mention) == ("Paula Grant", "her office")
    senators = only(direct(quotes), "final text")
    assert senators.speaker is None and senators.speaker_mention == "the senators"


def test_reported_clause_does_not_run_into_the_next_sentence(nlp):
    text = "The agency said it was adding staff to the border crossings. The airport said nothing at all about delays."
    _, quotes = extract(nlp, text)
    first = only(indirect(quotes), "adding staff")
    assert first.text == "it was adding staff to the border crossings"


def test_asked_participle_names_no_asker(nlp):
    text = ("Asked which side would take the cup, Marta Quell replied, "
            "“If you forced me to pick today, I would back the visitors.”")
    _, quotes = extract(nlp, text)
    answer = only(direct(quotes), "visitors")
    assert (answer.speaker, answer.cue) == ("Marta Quell", "replied")
    question = only(indirect(quotes), "which side would")
    assert question.cue == "Asked" and question.speaker is None


def test_signature_line_after_a_quote_paragraph(nlp):
    text = ("Readers wrote in about the new bus lanes.\n\n"
            "“The buses are faster now, but the cyclists have nowhere to go.”\n\n"
            "― Hannah Schultz\n\n"
            "“I have saved twenty minutes a day since the lanes opened.”\n\n"
            "― Omar Farouk")
    _, quotes = extract(nlp, text)
    first, second = direct(quotes)
    assert (first.speaker, first.cue) == ("Hannah Schultz", "―")
    assert second.speaker == "Omar Farouk"


def test_paragraph_break_starts_a_sentence_before_parsing(nlp):
    # A paragraph without closing punctuation (a heading, a caption) must not run on into the next
    # one: the model marks the break as a sentence start before the parser runs.
    doc = nlp(normalize_text("City budget under pressure after the storm\n\nthe mayor said repairs would "
                             "take months. Residents were not convinced"))
    starts = [s.text.strip().split()[0] for s in doc.sents]
    assert starts[:2] == ["City", "the"]
    assert "paragraph_sentence_starts" in nlp.pipe_names
    assert nlp.pipe_names.index("paragraph_sentence_starts") < nlp.pipe_names.index("parser")


def test_reported_speech_inside_reported_speech_is_one_report(nlp):
    text = ("Harbour director Lena Voss acknowledged that she had misspoken when she claimed that the audit "
            "had cleared every payment.")
    _, quotes = extract(nlp, text)
    reports = indirect(quotes)
    assert len(reports) == 1
    assert reports[0].cue == "acknowledged" and reports[0].speaker == "Lena Voss"
    assert reports[0].text.startswith("she had misspoken") and reports[0].text.endswith("every payment")


def test_noun_phrase_a_verb_reports_is_reported_speech(nlp):
    text = ("The Ministry of Transport announced a new programme of rural bus subsidies on Monday. "
            "Opposition leader Karl Brandt denied it.")
    _, quotes = extract(nlp, text)
    reports = indirect(quotes)
    assert [(q.cue, q.speaker) for q in reports] == [("announced", "Ministry of Transport")]
    assert reports[0].text == "a new programme of rural bus subsidies"   # a pronoun object ("denied it") is no report


def test_questions_put_to_somebody_are_reported_with_the_asker_as_speaker(nlp):
    text = ("Asked about the new stadium contract, Councillor Karl Brandt said he had no regrets.\n\n"
            "Brandt was asked by reporters whether the plan would survive the winter.")
    _, quotes = extract(nlp, text)
    topic = only(indirect(quotes), "stadium")
    assert (topic.text, topic.cue, topic.speaker) == ("the new stadium contract", "Asked", None)
    answer = only(indirect(quotes), "regrets")
    assert answer.speaker == "Karl Brandt"
    question = only(indirect(quotes), "survive")
    assert question.text == "whether the plan would survive the winter"
    assert question.speaker_mention == "reporters" and question.speaker != "Karl Brandt"


@pytest.mark.parametrize("text, reports", [
    # a non-restrictive relative clause is the writer's, not the speaker's
    ("Mayor Ines Ortega said the council would approve the new tram line, which opponents call a waste "
     "of money.\n\nOrtega said the contract went to Karl Brandt, who has run the depot since 2010.",
     ["the council would approve the new tram line", "the contract went to Karl Brandt"]),
    # so is a trailing while-clause or participle the writer added
    ("Many of the parents polled said they want a head teacher from outside the county, while most of the "
     "others prefer a local candidate.\n\n"
     "Councillor Joe Baird said he would publish the audit on Friday, calling it a dull document.",
     ["they want a head teacher from outside the county", "he would publish the audit on Friday"]),
    # a trailing concessive clause is the writer's narration, and a report of its own when it has a reporting verb
    ("Coach Liam Duarte said the squad was fit for the final, though he noted the goalkeeper had missed training.",
     ["the squad was fit for the final", "the goalkeeper had missed training"]),
    # a description of a name that ends the clause is the writer's gloss
    ("Supporters say the club should sign Marco Vidal, a former youth player who left for Porto in 2019.",
     ["the club should sign Marco Vidal"]),
    # a closing bracket that pairs with an opening one in the clause stays
    ("Her aides say she would then have to pick Rep. Alma Ruiz (D-Ore.), a veteran of three campaigns.",
     ["she would then have to pick Rep. Alma Ruiz (D-Ore.)"]),
    # a semicolon ends the reported clause the parser ran on past it
    ("Union leaders said the walkout was not planned; they only heard of the closures at the depot on Monday.",
     ["the walkout was not planned"]),
    # the writer's own comment in the form of a report reports nobody's words, nor hides a report inside it
    ("It is worth noting that the ferry company, which argued that the harbour fees were unlawful, lost the case.",
     ["the harbour fees were unlawful"]),
    # "were admitted" lets people in; it reports nothing
    ("Last year, eleven nurses, four doctors and two porters were admitted to the union.", []),
])
def test_reported_clause_ends_where_the_writer_takes_over(nlp, text, reports):
    _, quotes = extract(nlp, text)
    assert [q.text for q in indirect(quotes)] == reports


def test_hyphenated_surname_after_said_is_the_speaker(nlp):
    text = ("“Back in the old days the harbour was full and we were busy every night of the week,” said "
            "Yusuf Ben-Amara, chief economist at the port authority. “Now the cranes sit idle for days on end.”")
    _, quotes = extract(nlp, text)
    assert [(q.speaker, q.speaker_mention) for q in direct(quotes)] == [("Yusuf Ben-Amara", "Yusuf Ben-Amara")] * 2


def test_second_reporting_verb_hung_inside_the_reported_clause_keeps_the_speaker(nlp):
    text = ('Addressing volunteers on Sunday evening, Dana Whitcombe said the count was far from over but '
            'added, "We can all guess how tonight is going to end."\n\n'
            "On a local radio show, Whitcombe insisted it was “reckless” to fund the tunnel while adding on "
            "harbour matters, “I trust the dock money will reach the right hands.”")
    _, quotes = extract(nlp, text)
    assert [(q.cue, q.speaker) for q in direct(quotes)] == [("added", "Dana Whitcombe"), ("adding", "Dana Whitcombe")]


def test_second_that_clause_of_a_reporting_verb_keeps_its_speaker(nlp):
    text = ("Councillor Ruth Abara did not release further details, saying only that the meetings took place "
            'and that the committee last week "gained access to records we had sought for nearly a year."')
    _, quotes = extract(nlp, text)
    quote = only(direct(quotes), "gained access")
    assert (quote.cue, quote.speaker) == ("saying", "Ruth Abara")


def test_name_right_after_said_speaks_even_when_parsed_into_a_later_clause(nlp):
    text = ('"What we are watching is a contest nobody will forget," said Owen Pritchard, an Ortega adviser '
            'who leads the campaign group Protect the Coast.')
    _, quotes = extract(nlp, text)
    assert [(q.speaker, q.cue) for q in direct(quotes)] == [("Owen Pritchard", "said")]


def test_subject_of_a_passive_report_is_what_was_reported(nlp):
    text = "On Thursday, the closure of the eastern depot was announced by the Ministry of Transport. It was confirmed later."
    _, quotes = extract(nlp, text)
    assert [(q.text, q.cue, q.speaker) for q in indirect(quotes)] == [
        ("the closure of the eastern depot", "announced", "Ministry of Transport")]   # "It" reports nothing


def test_according_to_reports_the_whole_coordination_after_a_colon(nlp):
    text = ("Turnout fell sharply in the north: Ines Ortega won 41 percent, Karl Brandt took 38 percent and "
            "Ruth Abara got 12 percent, according to the election commission.")
    _, quotes = extract(nlp, text)
    report = only(indirect(quotes), "percent")
    assert report.cue == "according to" and report.speaker_mention == "the election commission"
    assert report.text == "Ines Ortega won 41 percent, Karl Brandt took 38 percent and Ruth Abara got 12 percent"


def test_unattributed_quote_after_a_report_whose_verb_the_parser_did_not_make_the_root(nlp):
    text = ("Analyst Greta Moll has questioned the scheme for months.\n\nMoll elaborated in a column for The "
            "Beacon that councillors committed to the scheme, even the ones who signed up before the debate "
            "opened, could change course.\n\n“A loss in the river wards would expose how fragile the "
            "scheme is, and the councillors would soon wonder whether they should stay loyal to it.”")
    doc = nlp(normalize_text(text))
    assert [s.root.text for s in doc.sents][1] != "elaborated"   # the parse this test is about
    _, quotes = extract(nlp, text)
    assert [q.speaker for q in direct(quotes)] == ["Greta Moll"]


def test_party_tag_in_brackets_is_not_the_speaker(nlp):
    text = ("Rep. Dana Whitcombe (R-Ohio) said the harbour bill would pass before the summer recess.\n\n"
            "“The vote will be close, but we have the numbers,” said Gov. Ines Ortega (D-NM).")
    _, quotes = extract(nlp, text)
    assert only(indirect(quotes), "harbour bill").speaker == "Dana Whitcombe"
    assert only(direct(quotes), "the numbers").speaker == "Ines Ortega"


def test_passive_asked_about_leaves_the_report_to_the_answer(nlp):
    text = "Brandt was asked about the stadium contract on Wednesday and said that talks with the club were continuing."
    _, quotes = extract(nlp, text)
    assert [(q.text, q.cue) for q in indirect(quotes)] == [("talks with the club were continuing", "said")]


def test_partial_quote_deep_in_a_reported_clause_belongs_to_the_reporting_verb(nlp):
    text = ("Club spokeswoman Hanna Lodge said the chairman regards the annual meeting as a chance to set out "
            "the hopeful plan that the board is putting to members in contrast to “the bitter, gloomy, "
            "scare-story campaign” run by the rebel faction.")
    _, quotes = extract(nlp, text)
    quote = only(direct(quotes), "scare-story")
    assert (quote.cue, quote.speaker) == ("said", "Hanna Lodge")


def test_continue_with_an_infinitive_is_not_an_attribution(nlp):
    text = ("In a note posted an hour after the coach resigned, Ines Ortega said she is sure "
            "Whitcombe will continue to be “a friend to every young player in this town.”")
    _, quotes = extract(nlp, text)
    quote = only(direct(quotes), "young player")
    assert (quote.cue, quote.speaker) == ("said", "Ines Ortega")


def test_nearest_of_two_subjects_speaks(nlp):
    text = ("Monday at Dalton Price University in Carlow, IA, after a long walk through the old market, Mayor "
            "Karl Brandt said, “The harbour will be rebuilt within two years, whatever the council decides.”")
    doc = nlp(normalize_text(text))
    said = next(t for t in doc if t.text == "said")
    assert len([c for c in said.children if c.dep_ == "nsubj"]) == 2   # the parse this test is about ("IA" too)
    _, quotes = extract(nlp, text)
    assert [(q.cue, q.speaker) for q in direct(quotes)] == [("said", "Karl Brandt")]


def test_inverted_attribution_to_a_titled_name_with_party_tag(nlp):
    text = ("“The residents are so angry about the inspector’s damning report that they are throwing every "
            "complaint they have at the landlord— just days before the rent tribunal,\" said Judiciary "
            "ranking Republican Ruth Abara (R-Ore.).")
    _, quotes = extract(nlp, text)
    assert [(q.cue, q.speaker) for q in direct(quotes)] == [("said", "Ruth Abara")]


def test_dash_signatures_with_glued_marks_and_no_break_spaces_credit_their_own_writer(nlp):
    # Readers' comments, each signed after a dash; the mark, space and dash vary as they do online.
    text = ("Readers told us what they think of the new bridge toll.\n\n"
            "“The toll is far too high for people who cross twice a day.”― Maria Delgado\n\n"
            "“Nobody asked the commuters before the council voted on it.”\u00a0― Tomas Berg\n\n"
            "“I will gladly pay it if the bridge finally gets repaired.” — Alice Moreau")
    _, quotes = extract(nlp, text)
    speakers = {q.text.split()[1]: q.speaker for q in direct(quotes)}
    assert speakers == {"toll": "Maria Delgado", "asked": "Tomas Berg", "will": "Alice Moreau"}


def test_she_is_not_resolved_to_a_man_the_article_calls_mr(nlp):
    # The nearest person before "she said" is a man (Mr., "he"); the woman is the one speaking.
    text = ("Dr. Victor Hale has attacked the diet programme for years. He called it a menace.\n\n"
            "Sen. Maria Olsen rebuked the presenter: “Every nutritionist I have asked rejects your claims,” she said.\n\n"
            "Mr. Hale nodded. “It puts patients in real danger and it has to end,” she said.")
    _, quotes = extract(nlp, text)
    assert [q.speaker for q in direct(quotes)] == ["Maria Olsen", "Maria Olsen"]
    assert not any("rebuked" in q.text for q in indirect(quotes))  # the lead-in is not reported speech


def test_he_with_only_women_named_before_it_stays_unresolved(nlp):
    text = ("Ms. Dana Ruiz and Ms. Ellen Park chaired the hearing. Ruiz said she was tired of delays.\n\n"
            "“We have waited six years for this report and it is still not finished,” he said.")
    _, quotes = extract(nlp, text)
    quote = only(direct(quotes), "six years")
    assert quote.speaker is None and quote.speaker_mention == "he"


def test_quoted_show_and_slogan_names_are_not_quotes(nlp):
    text = ("Senator Ann Brody appeared on “The Late Evening Report with Sam Ortiz” on Tuesday and defended "
            "her “Fair Roads for Every County” plan.\n\n"
            "“We will pave every county road before the next election,” Brody said.")
    _, quotes = extract(nlp, text)
    assert [q.text for q in direct(quotes)] == ["We will pave every county road before the next election,"]
    assert direct(quotes)[0].speaker == "Ann Brody"


@pytest.mark.parametrize("quoted, is_title", [
    ("Peace Through Strength,", True),
    ("Orange is the New Black", True),
    ("Made in the U.S.A.", True),
    ("We will pave every road,", False),
    ("Vote! Vote! Vote!", False),
    ("STOP THE TOLL NOW", False),
    ("Go Home. Now.", False),
    ("Freedom", False),
])
def test_looks_like_title(quoted, is_title):
    assert looks_like_title(quoted) is is_title


def test_closing_mark_typed_before_a_word_opens_the_quote():
    text = "Readers wrote in.\n\n”The new toll is unfair to every commuter in town.” ― Lia Gomez\n“It is fine.” ― Omar Haddad"
    spans = find_quoted_spans(text)
    assert [text[s.start_char:s.end_char] for s in spans] == [
        "The new toll is unfair to every commuter in town.", "It is fine."]


def test_that_clause_after_the_verbs_own_phrases_is_reported(nlp):
    text = ("Looking relaxed, the investor Hugo Marsh said late on Tuesday during a radio interview that he "
            "might hold off until the autumn before choosing a side.")
    _, quotes = extract(nlp, text)
    report = only(indirect(quotes), "hold off")
    assert report.text == "he might hold off until the autumn before choosing a side"
    assert report.speaker == "Hugo Marsh"


def test_which_clause_inside_the_reported_clause_is_kept_and_a_trailing_one_cut(nlp):
    text = ("Two days before the strike, the bakery, which is owned by a family trust, raised wages for night staff, "
            "according to the workers' council.\n\n"
            "Ms. Ana Ruiz said the plan would cut costs, which is what the council wanted.")
    _, quotes = extract(nlp, text)
    assert [q.text for q in indirect(quotes)] == [
        "Two days before the strike, the bakery, which is owned by a family trust, raised wages for night staff",
        "the plan would cut costs"]


def test_second_that_complement_stays_in_the_reported_clause(nlp):
    text = "Governor Ray Olsen said the state needs a new bridge, but that he would not raise the fuel tax to pay for it."
    _, quotes = extract(nlp, text)
    assert only(indirect(quotes), "bridge").text == (
        "the state needs a new bridge, but that he would not raise the fuel tax to pay for it")


@pytest.mark.parametrize("text, fragment, speaker", [
    # a participle attribution takes the sentence's subject, not a place in it
    ("Coach Lena Brandt seemed to be ready to joke about the brawl in Ohio, telling the crowd, "
     "“Some fans get a little excited, have you seen that?”", "excited", "Lena Brandt"),
    # a man with no known gender spoke last; "she said" belongs to the councillor who leads the sentence in
    ("“The pills do nothing and every pharmacist knows it,” said Oskar Wende, a chemist in Leeds.\n\n"
     "Councillor Ruth Agyeman cut the salesman short: “Not one study you cite supports that claim,” she said.",
     "study you cite", "Ruth Agyeman"),
    # "he" after "Lund told Reiss" may be either of them: Lund must not become a man
    ("Senator Ada Lund questioned the bank's chief, Tom Reiss, on Tuesday.\n\n"
     "“You should resign today,” Lund told Reiss, after he admitted that nobody senior had been fired.\n\n"
     "“Blaming the cashiers is cowardice and you know it,” she said.", "cashiers", "Ada Lund"),
], ids=["participle-lead-in", "she-after-lead-in", "pronoun-next-to-two-people"])
def test_speaker_of_a_direct_quote(nlp, text, fragment, speaker):
    _, quotes = extract(nlp, text)
    assert only(direct(quotes), fragment).speaker == speaker


def test_an_unnamed_party_member_is_not_credited_to_the_party(nlp):
    text = ("Party insiders were asked about the race.\n\n"
            "“I am not voting for him in any case,” a New Hampshire Republican said.\n\n"
            "“He is simply not ready for the job,” another Iowa Democrat added.")
    _, quotes = extract(nlp, text)
    first, second = direct(quotes)
    assert (first.speaker, first.speaker_mention) == (None, "a New Hampshire Republican")
    assert (second.speaker, second.speaker_mention) == (None, "another Iowa Democrat")


def test_name_before_an_appositive_speaks_and_the_attribution_is_not_reported_speech(nlp):
    text = ("Investors are uneasy. “Nobody here pretends that the housing market is in good shape,” Ines Varga, "
            "a senior Lisbon adviser, said at a recent Reuters forum on rents in Porto.")
    _, quotes = extract(nlp, text)
    assert [(q.type, q.speaker) for q in quotes] == [("direct", "Ines Varga")]


def test_narration_before_a_participle_is_not_reported_speech(nlp):
    text = ("Coach Lena Brandt seemed ready to joke about the brawl in Toledo, telling the crowd, "
            "“Some fans get a bit excited, did you notice that?”")
    _, quotes = extract(nlp, text)
    assert [(q.type, q.speaker) for q in quotes] == [("direct", "Lena Brandt")]


def test_an_attribution_hung_from_another_is_not_what_was_reported(nlp):
    text = "Former mayor Dana Pike, who on Tuesday endorsed Ortiz, said Wednesday she agrees with the plan."
    _, quotes = extract(nlp, text)
    assert [(q.text, q.speaker) for q in indirect(quotes)] == [("she agrees with the plan", "Dana Pike")]


def test_reporting_verb_the_tagger_read_as_a_plural_noun(nlp):
    text = ("The harbour has lost half its ferry routes since the spring, the port's former director maintains.\n\n"
            "But Nadia Keller claims that the new timetable will win the passengers back.")
    _, quotes = extract(nlp, text)
    assert [q.text for q in indirect(quotes)] == [
        "The harbour has lost half its ferry routes since the spring",
        "the new timetable will win the passengers back"]
    assert indirect(quotes)[1].speaker == "Nadia Keller" and indirect(quotes)[1].cue == "claims"


@pytest.mark.parametrize("text, report", [
    # a phrase between the verb and its complement makes the parser read the complement as an adverbial clause
    ("Councillor Tom Birch said after the hearing he would not support the new car park if it were built.",
     "he would not support the new car park if it were built"),
    # a that-clause hung from the object of "told" as a relative clause
    ("In Cardiff last week, he told a gathering of Welsh Valley mayors that few towns knew the cost of the "
     "floods better than their own.",
     "few towns knew the cost of the floods better than their own"),
])
def test_complement_the_parser_hung_elsewhere_is_reported(nlp, text, report):
    _, quotes = extract(nlp, text)
    assert [q.text for q in indirect(quotes)] == [report]




def test_attribution_after_a_fronted_clause_reports_the_whole_sentence(nlp):
    text = "If the appeal fails, Mr. Ruiz argues, there are other courts that could still hear the case."
    body, quotes = extract(nlp, text)
    report = only(indirect(quotes), "appeal")
    assert report.text == body.rstrip(".")
    assert report.speaker == "Ruiz" and report.cue == "argues"


def test_unquoted_paragraph_after_a_colon_lead_in_is_reported(nlp):
    text = ("The mayor spoke to a local radio station on Friday.\n\n"
            "Mayor Hal Wheeler added:\n\n"
            "Nobody in this town voted for a toll road. The council knows that, and the people know that.\n\n"
            "The vote is on Tuesday.")
    _, quotes = extract(nlp, text)
    block = only(indirect(quotes), "toll road")
    assert block.text == "Nobody in this town voted for a toll road. The council knows that, and the people know that."
    assert block.speaker == "Hal Wheeler" and block.cue == "added"
    assert not any("Tuesday" in q.text for q in quotes)


def test_what_a_warning_or_argument_was_about_is_reported(nlp):
    text = ("At the port on Friday, Senator Ida Lund warned of the heavy costs a long dock strike would bring.\n\n"
            "“We had a fine season,” the harbour master said of the summer ferry trade.")
    _, quotes = extract(nlp, text)
    warning = only(indirect(quotes), "costs")
    assert warning.text == "the heavy costs a long dock strike would bring"
    assert warning.speaker == "Ida Lund" and warning.cue == "warned"
    assert not any("ferry" in q.text for q in indirect(quotes))   # "said of" names the quote's topic


def test_transcript_lines_in_quote_marks_are_spoken_by_their_label(nlp):
    text = ("Senator Ida Lund spoke to the host Ray Bell on Sunday about the strike.\n\n"
            "\"BELL: Senator, will the ports reopen this week?\n\n"
            "\"LUND: Well, look, nobody wants the docks closed for another month. We are talking to both sides every day.\n\n"
            "\"And I think a deal is close, closer than people think.\n\n"
            "\"Follow Ray Bell on Twitter @raybellshow.\"")
    _, quotes = extract(nlp, text)
    assert [(q.text.split(",")[0], q.speaker, q.speaker_mention) for q in direct(quotes)] == [
        ("Senator", "Ray Bell", "BELL"), ("Well", "Ida Lund", "LUND"), ("And I think a deal is close", "Ida Lund", "LUND")]
    assert not any("Twitter" in q.text for q in quotes)   # page furniture the open quote ran into




def test_according_to_after_a_contrast_reports_both_sides(nlp):
    text = ("Mayor Ines Ortega has raised $2.1 million from local donors this year, while her rival Karl Brandt "
            "has raised $900,000, according to city filings.")
    body, quotes = extract(nlp, text)
    report = only(indirect(quotes), "raised")
    assert report.text == body.split(", according")[0] and report.cue == "according to"
