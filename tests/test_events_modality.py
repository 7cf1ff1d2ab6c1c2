"""The events stage on constructions that tell no event carried out (issue 18): an event held out
as possible ("could", "may", "might", "can"), the "to" infinitive of a negated verb ("did not want
to meet"), an activity named as a clause's subject ("Negotiating with … made him unpopular"),
declining to comment ("declined to comment", "refused to say whether …"), support counted in an
opinion poll ("58 percent of voters support X"), a doer that does no political act ("gusts battered …"), an indirect question ("asked whether X would
sign"), a condition above a "to" infinitive ("if we want voters to support …"), an event still to come
("has yet to endorse") or not chosen ("instead of a visit"), force on an abstraction ("fought deflation"),
goods ordered (a purchase), a schedule ("meets every month"), people at leisure rushing a place
("holidaymakers invaded the beaches"). Our own sentences,
through the real pipeline (names invented for these tests)."""

from __future__ import annotations

import pytest

from newsgraph.record import Record


@pytest.fixture(scope="module")
def run():
    from newsgraph.analyse import load_nlp
    from newsgraph.pipeline import extract

    load_nlp()

    def go(text: str) -> Record:
        return extract(text, published="2024-09-16")

    return go


def kinds(record: Record) -> list[str]:
    return [e.type for e in record.events]


# --- an event held out as possible: "could", "may", "might", "can"


@pytest.mark.parametrize(
    "text",
    [
        "Officials in Quito said the loan might support small farmers along the coast.",
        "The union can negotiate with the Skarnes mill on behalf of its members.",
        "The Kestrel Party said the government could cooperate with the opposition on pensions.",
        "Lindqvist said the Karvonen tribunal could investigate the bank's accounts.",
    ],
)
def test_cooperation_held_out_as_possible_is_no_event(run, text):
    assert kinds(run(text)) == []


def test_force_held_out_as_possible_is_a_threat(run):
    assert kinds(run("Ecuador said it could impose tariffs on Peruvian timber.")) == ["THREATEN"]


def test_a_negated_possibility_of_cooperation_is_still_a_rejection(run):
    assert kinds(run("Brevania said it could not accept the Morvish proposal.")) == ["REJECT"]

# --- the "to" infinitive of a negated verb: not even wanted, not done


@pytest.mark.parametrize(
    "text",
    [
        "The mayor of Vellberg did not want to meet the striking drivers.",
        "Ostrander said he does not intend to criticise the Tovian delegation.",
        "Pellucia does not expect the Arvand council to sign the accord this year.",
    ],
)
def test_the_infinitive_of_a_negated_verb_is_no_event(run, text):
    assert kinds(run(text)) == []


def test_a_negated_lexicon_frame_still_rejects(run):
    assert kinds(run("Ostrania did not agree to meet the Velmar envoys.")) == ["REJECT"]

# --- an activity named as the subject of a clause


@pytest.mark.parametrize(
    "text",
    [
        "Negotiating with the Borvik cartel made the governor unpopular.",
        "Criticising the referee is common among fans of Halden Rovers.",
        "To attack a hospital is forbidden under the Quellan statutes.",
    ],
)
def test_an_activity_as_the_subject_of_a_clause_is_no_event(run, text):
    assert kinds(run(text)) == []


def test_a_finite_clause_as_subject_still_tells_its_event(run):
    assert "ASSAULT" in kinds(run("That Norvania invaded Pellucia shocked the Tovian public."))


# --- agreeing that something is so: a view, not an agreement


@pytest.mark.parametrize(
    "text",
    [
        "Nearly every delegate agreed that the budget was too small.",
        "The two Quorran auditors agree that the figures are wrong.",
    ],
)
def test_agreeing_that_something_is_so_is_no_agreement(run, text):
    assert kinds(run(text)) == []


def test_agreeing_on_an_action_is_an_agreement(run):
    assert "AGREE" in kinds(run("Norvania and Pellucia agreed that talks would resume in March."))


# --- declining to comment: a statement withheld, not a refusal PLOVER codes


@pytest.mark.parametrize(
    "text",
    [
        "A spokesman for the Hallvard ministry declined to comment on the leaked memo.",
        "The Brisco police department refused to comment on the shooting.",
        "Officials at the Varnholm embassy declined comment.",
        "An aide to Senator Pellow declined to elaborate on the senator's remarks.",
        "The Dunmoor prosecutor refused to say whether charges would be filed.",
        "Lawyers for Tenmark Shipping declined requests for comment on Sunday.",
        "A Pellow campaign spokeswoman refused to confirm or deny the report.",
        "The Oskarby mayor's office would not comment on the audit.",
    ],
)
def test_declining_to_comment_is_no_event(run, text):
    assert kinds(run(text)) == []


def test_an_event_told_next_to_a_declined_comment_stands(run):
    assert kinds(run("The Korva army declined to comment after its troops shelled the border town of Ulsby.")) == ["FIGHT"]


@pytest.mark.parametrize(
    "text",
    [
        "The Brisco council declined the developer's offer to fund the new library.",
        "Tenmark Shipping refused to pay compensation to the Varnholm fishermen.",
        "The Hallvard ministry refused to discuss the ceasefire proposal with the rebels.",
    ],
)
def test_refusing_a_proposal_or_an_act_is_still_a_rejection(run, text):
    assert kinds(run(text)) == ["REJECT"]


# --- support counted in an opinion poll: a share of voters, not support given


@pytest.mark.parametrize(
    "text",
    [
        "Fifty-eight percent of likely voters support Ilse Morander, the Varga Institute survey found.",
        "In Tarvos, the Greens won 12 per cent support from students in a poll released on Monday.",
        "Dunmore's support among older voters in Kelsby has held up since the spring.",
        "In Harwick, 31 per cent of respondents supported the harbour tax.",
    ],
)
def test_support_counted_in_a_poll_is_no_event(run, text):
    assert kinds(run(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "The Ruritanian parliament voted its support for the Morvish peace plan.",
        "Twelve senators in Kelsby supported the water bill on Tuesday.",
    ],
)
def test_support_an_actor_gives_stays_an_event(run, text):
    assert kinds(run(text)) == ["SUPPORT"]


# --- a doer that does no political act: an animal, a substance, a phenomenon, a price


@pytest.mark.parametrize(
    "text",
    [
        "Strong gusts battered the harbour wall at Kelsby overnight, the coastguard said.",
        "The fungus attacks the roots of young oaks within days, foresters in Tarvos said.",
        "Copper prices rallied in Lusaka on Thursday after a weak start to the week.",
        "Hungry baboons raided the maize fields near Harwick for a third night.",
    ],
)
def test_a_doer_that_does_no_political_act_tells_no_event(run, text):
    assert kinds(run(text)) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Government forces shelled the rebel positions near Tarvos on Sunday.", "FIGHT"),
        ("The head of the Kelsby council hailed the new water agreement.", "SUPPORT"),
    ],
)
def test_a_force_or_a_person_word_still_acts(run, text, kind):
    assert kind in kinds(run(text))


# --- a verb of force, of giving way or of meeting whose doer can do none of it: no person, group,
# country, armed force or means of force (a weather event, a market, an artefact)


@pytest.mark.parametrize(
    "text",
    [
        "A mudslide blocked the mountain road above Kelsby for most of Tuesday.",
        "A sudden cold snap threatens the cherry crop in the Tarvos valley this spring.",
        "Nickel futures retreated from a two-year peak in Harwick trading on Friday.",
        "The new phone met with a cool reception from critics at the Kelsby fair.",
        "Her second novel strikes a wistful note about a childhood on the Tarvos coast.",
        "The new survey from Kelsby supports earlier findings on sleep and memory.",
        "The two rainfall estimates agree closely, the Harwick harbour office said.",
    ],
)
def test_a_doer_that_can_do_no_act_of_force_tells_no_event(run, text):
    assert kinds(run(text)) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("A roadside bomb killed three soldiers near Tarvos on Monday.", "ASSAULT"),
        ("Army bulldozers demolished four houses on the edge of Kelsby on Sunday.", "COERCE"),
        ("Harwick and Tarvos patrol boats exchanged fire near the disputed reef overnight.", "FIGHT"),
        ("Helicopter gunships pounded rebel camps outside Kelsby at dawn.", "FIGHT"),
        ("The town of Kelsby welcomed the ceasefire in Tarvos on Monday.", "SUPPORT"),
        ("The ferry company and the dockers' union accepted the mediator's offer on Friday.", "AGREE"),
    ],
)
def test_the_means_of_force_and_a_sides_units_still_act(run, text, kind):
    assert kind in kinds(run(text))


# --- meeting a thing is no meeting; support a predicate adjective describes is an opinion; troops marching


@pytest.mark.parametrize(
    "text",
    [
        "The Kelsby council met its deadline for the new harbour budget.",
        "Harwick Motors met analysts' expectations for the third quarter.",
        "The new phone met with a cool reception from critics at the Kelsby fair.",
        "Ruritania's support for the Tarvos pipeline remains solid.",
    ],
)
def test_a_thing_met_or_support_described_tells_no_event(run, text):
    assert kinds(run(text)) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Morander met the Tarvos foreign minister in Kelsby on Monday.", "CONSULT"),
        ("Morander met with rebel leaders in Kelsby on Monday.", "CONSULT"),
        ("The Kelsby council met the strikers' main demand on Friday.", "CONCEDE"),
    ],
)
def test_meeting_someone_or_a_demand_stays_an_event(run, text, kind):
    assert kind in kinds(run(text))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Troops marched into the capital of Tarvos on Sunday.", "MOBILIZE"),
        ("Rebel fighters marched into Kelsby at dawn, residents said.", "MOBILIZE"),
        ("Thousands of nurses marched into central Kelsby on Friday.", "PROTEST"),
    ],
)
def test_a_march_by_troops_is_a_military_move(run, text, kind):
    assert kinds(run(text)) == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "The Kelsby goalkeeper conceded twice before half-time.",
        "The Harwick batsman attacked the bowlers from the first ball.",
    ],
)
def test_a_player_s_move_in_a_game_tells_no_event(run, text):
    assert kinds(run(text)) == []


def test_strikers_on_a_picket_still_act(run):
    assert "THREATEN" in kinds(run("The strikers threatened to close the Kelsby docks."))


def test_a_second_subject_the_parse_gives_the_verb_still_acts(run):
    # the fronted object is parsed as a subject too: "cent" does no act, Morander does
    assert kinds(run("Aides answered that every cent that went to the Tarvos port, Morander voted against.")) == ["REJECT"]


# --- an indirect question about the event, and a condition above a "to" infinitive


@pytest.mark.parametrize(
    "text",
    [
        "Morander told the Kelsby Courier, when asked which party she would support, that she had not decided.",
        "The minister refused to say which country Ruritania would sign the treaty with.",
        "Reporters asked Ilse Morander whether Ruritania would sign the water treaty.",
        "Lindqvist would not reveal what the new pact with Brevania would include.",
        "If we want younger voters in Harwick to support the Lumen Party, we have to listen to them.",
    ],
)
def test_an_event_asked_about_or_under_a_condition_is_no_event(run, text):
    assert kinds(run(text)) == []


def test_a_wh_subject_leaves_the_event_told(run):
    assert kinds(run("It is unclear who carried out the attack on the Tarvos fuel depot.")) == ["ASSAULT"]


# --- an event not done: still to come ("has yet to"), or the one not chosen ("instead of", "rather than")


@pytest.mark.parametrize(
    "text",
    [
        "Morander has yet to endorse Lindqvist for the Kelsby leadership.",
        "The two foreign ministers of Ruritania and Brevania are yet to meet.",
        "Instead of a visit to Tarvos, the mayor of Harwick sent a letter.",
        "The Harwick council voted to sue the port authority rather than negotiate with its board.",
    ],
)
def test_an_event_still_to_come_or_not_chosen_is_not_told(run, text):
    assert not {"SUPPORT", "CONSULT"} & set(kinds(run(text)))


# --- "rally" with an object gathers supporters, no protest; without one (or behind someone) it is told


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Opposition leaders in Tarvos rallied their supporters against the new charter.", []),
        ("Hundreds of dockers rallied outside the Kelsby port offices on Monday.", ["PROTEST"]),
        ("Farmers' unions rallied behind the agriculture minister in Harwick on Friday.", ["SUPPORT"]),
    ],
)
def test_rallying_people_is_no_protest(run, text, want):
    assert kinds(run(text)) == want


def test_a_trigger_word_in_a_title_tells_no_event(run):
    # a programme's name (WORK_OF_ART) that holds a trigger word: "Meet" is no meeting
    record = run("Morander said on Tarvos TV's \u201cMeet the Voters\u201d on Sunday that she would stand again.")
    assert "CONSULT" not in kinds(record)


# --- an intention denied, a warning that foretells


@pytest.mark.parametrize(
    "text",
    [
        "Estonia has no plans to meet Latvia.",
        "Peru did not intend to sign the accord.",
        "Chile has no intention of imposing tariffs on Peru.",
    ],
)
def test_an_intention_denied_is_no_event(run, text):
    assert kinds(run(text)) == []


def test_an_intention_stated_is_still_told(run):
    assert kinds(run("Estonia plans to meet Latvia.")) == ["AGREE"]
    assert kinds(run("Chile has announced its intention to impose tariffs on Peru.")) == ["THREATEN"]


@pytest.mark.parametrize(
    "text",
    [
        "Forecasters warned that heavy rain could flood the valley.",
        "The miner warned that output would fall this year.",
    ],
)
def test_a_warning_of_what_no_one_does_is_no_threat(run, text):
    assert kinds(run(text)) == []


def test_a_warning_of_what_someone_would_do_is_a_threat(run):
    assert kinds(run("Finland warned that it would expel the envoy.")) == ["THREATEN"]
    assert kinds(run("The governor warned that police would clear the square by force.")) == ["THREATEN"]


# --- ordinary news with the words of force, command and meeting (issue 18, writer n6's kinds)


@pytest.mark.parametrize(
    "text",
    [
        "The provincial health board is waging a battle against diabetes.",
        "The finance ministry fought deflation throughout the decade.",
        "The council attacked the housing shortage with a building programme.",
    ],
)
def test_force_on_an_abstraction_is_no_event(run, text):
    assert kinds(run(text)) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Government troops battled the insurgents near the dam.", "FIGHT"),
        ("Militants attacked dozens of pilgrims.", "ASSAULT"),
        ("The marines fought their way through the burning suburbs.", "FIGHT"),
    ],
)
def test_force_on_someone_or_somewhere_stays(run, text, kind):
    assert kinds(run(text)) == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "The navy ordered four frigates from a Spanish shipyard.",
        "The regional government has ordered two hundred electric buses.",
    ],
)
def test_goods_ordered_are_a_purchase(run, text):
    assert kinds(run(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "The general ordered tanks into the square.",
        "The governor ordered the evacuation of the coastal towns.",
        "The president ordered troops to withdraw from the border.",
    ],
)
def test_an_order_to_act_or_to_go_is_a_demand(run, text):
    assert kinds(run(text)) == ["DEMAND"]


@pytest.mark.parametrize(
    "text",
    [
        "The parish council meets every month in the school hall.",
        "Leaders of the two parties meet weekly to discuss the budget.",
        "Whether the two foreign ministers will sign the accord this week is still unclear.",
    ],
)
def test_a_schedule_or_an_open_question_is_no_event(run, text):
    assert kinds(run(text)) == []


def test_a_meeting_on_a_day_and_force_on_a_schedule_stay(run):
    assert kinds(run("The two presidents met on Tuesday in Geneva.")) == ["CONSULT"]
    assert kinds(run("Militias shell the town every night.")) == ["FIGHT"]


@pytest.mark.parametrize(
    "text",
    [
        "Holidaymakers invaded the beaches of the southern coast on Saturday.",
        "Hundreds of shoppers raided the discount racks.",
        "Sightseers invaded Venice again this summer.",
    ],
)
def test_people_at_leisure_rushing_a_place_is_no_force(run, text):
    assert kinds(run(text)) == []


def test_people_at_leisure_attacking_someone_or_soldiers_invading_stay_force(run):
    assert kinds(run("Angry fans attacked the referee after the match.")) == ["ASSAULT"]
    assert kinds(run("Soldiers invaded the beaches at dawn.")) == ["ASSAULT"]
