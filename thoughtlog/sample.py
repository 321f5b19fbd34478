"""A made-up six-month journal of the speaking-up example, for `thoughtlog demo` and for tests.

Someone who learned as a child that contradicting a parent meant punishment is practising speaking
up: with Maria, their boss; Jonas, a colleague; Alex, their partner; and now and then their mother.
Over 26 weeks they write down the moments they stayed quiet, reframe, and take small steps. The
reaction they dread, criticism or worse, comes in few of them; what they predict moves closer to
what happens; they drop their safety behaviours one by one; and their belief in the old rule fades
while a new one grows, rated about once a month.

Everything is dated relative to ``now``, the last of the 26 weeks being the ISO week that holds it,
so the same ``now`` always builds the same journal. Nothing is dated after ``now``: on a Tuesday,
this week holds Monday and Tuesday so far, and a step planned for this morning but not yet done
is still waiting.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from thoughtlog import dates
from thoughtlog.beliefs import Belief, BeliefEvidence, BeliefRating
from thoughtlog.checkins import CheckIn
from thoughtlog.model import Emotion, Experiment, Record, Thought
from thoughtlog.storage import Journal

WEEKS = 26

OLD_RULE = "If I contradict someone in authority, I'll be punished"
NEW_RULE = "Disagreeing respectfully is usually safe, and I can cope when it isn't"

# The recurring thoughts, each said several ways, as a person would over months.
SEEN_AS_DIFFICULT = (
    "My boss will think I'm difficult",
    "My boss is going to see me as difficult",
    "She'll think I'm being difficult",
    "My boss will see me as difficult if I push back",
)
PUNISHED = (
    "If I disagree in the meeting my boss will punish me",
    "If I speak up I'll be told off",
    "I'll be punished for disagreeing",
    "If I push back I'll be punished",
    "If I contradict her I'll be punished for it",
)
COWARD = ("I'm a coward", "I'm such a coward", "What a coward I am")
LOSE_JOB = ("I'm going to lose my job", "They'll fire me", "I'll lose my job over this")
NEVER_UPSET = ("I should never upset anyone", "I mustn't upset anybody", "I shouldn't upset people")
ONLY_POLITE = ("They were only being polite", "They were just being polite to me")
PETTY = (
    "Jonas will think I'm petty",
    "If I say something Jonas will think I'm petty",
    "Jonas is going to think I'm petty",
)
BIG_FIGHT = (
    "If I say something we'll have a big fight",
    "Saying something will start a big fight",
    "We'll have a big fight if I say something",
)
REPLAYING = (
    "I made a fool of myself",
    "I made such a fool of myself",
    "I made a fool of myself again",
)


@dataclass
class Situation:
    """One kind of moment that keeps happening, said differently each time it comes back."""

    situations: tuple[str, ...]  # one a time, in turn
    emotions: tuple[str, ...]
    thoughts: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]  # (phrasings, distortions)
    behaviours: tuple[str, ...]  # early on, and later, when speaking up has become possible
    evidence_for: tuple[str, ...]
    evidence_against: tuple[str, ...]
    reframes: tuple[str, ...]
    tags: tuple[str, ...]
    strain: int = 0  # how much harder than usual this kind of moment feels, in intensity points
    linked: bool = True  # tests the old rule about authority


SITUATIONS = {
    "meeting": Situation(
        (
            "Weekly team meeting: I thought the release plan was wrong but said nothing.",
            "Planning meeting. Maria set the deadline for the migration and I knew it was too tight.",
            "Team meeting: the new process means twice the paperwork for us and nobody said a word,"
            " me included.",
            "Retro on Friday. I had a point about the handover and kept it to myself again.",
            "Maria asked 'any objections?' and I had one. Looked at my notes instead.",
        ),
        ("anxious", "ashamed"),
        (
            (PUNISHED, ("fortune-telling", "catastrophizing")),
            (SEEN_AS_DIFFICULT, ("mind-reading",)),
        ),
        (
            "Stayed quiet and nodded along.",
            "Said half of it, then added 'but it's probably fine'.",
            "Said it, briefly. My voice shook a little.",
        ),
        (
            "Maria frowned the last time someone questioned a deadline.",
            "She was in a hurry and didn't look open to debate.",
        ),
        (
            "Nobody has been punished for disagreeing politely; Priya questioned the plan last month"
            " and Maria thanked her.",
            "When I have spoken up, she listened. The worst so far was a short answer.",
            "Maria asks for objections because she wants them; she changed the plan twice this"
            " quarter after someone spoke.",
        ),
        (
            "Disagreeing politely is part of doing my job well. A question from Maria is not a"
            " punishment.",
            "My view is useful to the team even when it's unwelcome for a minute.",
            "I can say it once, calmly, and let the room do the rest.",
        ),
        ("work", "meeting", "boss"),
        strain=8,
    ),
    "extra_work": Situation(
        (
            "Maria asked me to take on a third project; I wanted to say no.",
            "Asked to cover Jonas's on-call week on top of my own. Said yes before thinking.",
            "Another 'quick favour' from Maria at 5pm on a Friday.",
        ),
        ("anxious", "frustrated"),
        (
            (SEEN_AS_DIFFICULT, ("mind-reading",)),
            (LOSE_JOB, ("catastrophizing", "fortune-telling")),
        ),
        (
            "Said yes straight away and worked late.",
            "Said yes, then asked what could move to make room.",
            "Said I could do it next week, not today.",
        ),
        ("The team is stretched and she is under pressure.", "People who say no get noticed."),
        (
            "She has said no to her own boss and nothing happened to her. My reviews are good.",
            "Last time I said I was full she simply asked someone else.",
        ),
        (
            "Saying I am at capacity is information she needs, not a sign that I'm difficult.",
            "A clear no now is kinder than a late yes that slips.",
        ),
        ("work", "boss"),
        strain=5,
    ),
    "one_to_one": Situation(
        (
            "One-to-one with Maria; she asked whether the deadline was realistic.",
            "One-to-one: she asked how I'm finding the workload.",
            "Maria asked for feedback on how she runs the team meetings.",
        ),
        ("anxious", "ashamed"),
        ((SEEN_AS_DIFFICULT, ("mind-reading",)), (COWARD, ("labeling",))),
        ("Said it was fine although it isn't.", "Told her part of it, carefully."),
        ("She sounded tired and looked at her phone.",),
        ("She asked me directly, which means she wants to know.",),
        (
            "She asked for my view; giving it honestly is what she asked for.",
            "Being asked is an invitation, not a trap.",
        ),
        ("work", "boss"),
        strain=3,
    ),
    "jonas": Situation(
        (
            "Jonas talked over me in stand-up and took my point as his own.",
            "Jonas reformatted my code without asking, again.",
            "Jonas booked the meeting room I'd reserved and shrugged when I mentioned it.",
        ),
        ("angry", "anxious"),
        ((PETTY, ("mind-reading",)), (NEVER_UPSET, ("should-statements",))),
        ("Let it go and stewed about it all afternoon.", "Mentioned it lightly, half joking."),
        ("He's well liked; people might take his side.",),
        (
            "He apologised to Priya when she told him off for the same thing.",
            "Colleagues tell each other these things all the time and stay friends.",
        ),
        (
            "Asking for credit for my work is fair, not petty.",
            "He may not even notice; telling him is the only way he will.",
        ),
        ("work", "colleague"),
        strain=-3,
        linked=False,
    ),
    "dishes": Situation(
        (
            "Alex left the dishes again; I wanted to mention it.",
            "Alex said yes to dinner with friends on the one evening we'd kept free.",
            "Alex borrowed the car and brought it back on empty.",
        ),
        ("angry", "anxious"),
        ((NEVER_UPSET, ("should-statements",)), (BIG_FIGHT, ("fortune-telling",))),
        ("Did them myself and went quiet all evening.", "Said it, a bit too sharply."),
        ("We argued about chores in the spring.",),
        ("When I have mentioned things calmly, we sorted them out.",),
        (
            "I can say what bothers me kindly; a small disagreement is not a fight.",
            "Alex would rather know than guess why I'm quiet.",
        ),
        ("partner", "home"),
        strain=-4,
        linked=False,
    ),
    "mother": Situation(
        (
            "Phone call with my mother; she criticised my new job.",
            "Mum told me, again, that I should have stayed in my old job.",
            "Sunday lunch at my parents'. Dad made a remark about my haircut and I laughed it off.",
        ),
        ("ashamed", "sad"),
        ((("I always let everyone down",), ("overgeneralization",)), (COWARD, ("labeling",))),
        ("Changed the subject and ended the call early.", "Said 'I'm happy with it' and left it."),
        ("She has sounded disappointed before.",),
        ("Friends and my team rely on me; she criticises most things.",),
        ("Her criticism says more about her worries than about my choices.",),
        ("family",),
        strain=2,
    ),
    "praise": Situation(
        (
            "A colleague thanked me in front of the team for my idea.",
            "Maria said in the meeting that my estimate had saved us a week.",
        ),
        ("embarrassed", "anxious"),
        ((ONLY_POLITE, ("disqualifying-the-positive",)),),
        ("Said it was nothing.", "Said thank you and left it there."),
        ("People are often polite in meetings.",),
        ("Two others then built on the idea.",),
        ("The idea was useful; I can accept the thanks.",),
        ("work", "meeting"),
        strain=-12,
        linked=False,
    ),
    "racing_heart": Situation(
        (
            "Before the planning meeting my heart was racing.",
            "Couldn't sleep on Sunday night, going over what I'd say on Monday.",
            "Hands shaking before presenting the quarter's numbers.",
        ),
        ("anxious",),
        (
            (("I feel so scared that speaking up must be dangerous",), ("emotional-reasoning",)),
            (PUNISHED, ("fortune-telling",)),
        ),
        ("Sat at the back.", "Did the breathing exercise, then went in."),
        ("My body reacts as if it were dangerous.",),
        ("Feeling scared is an old alarm, not evidence; nothing bad has happened when I spoke.",),
        ("Fear tells me it matters to me, not that I'll be punished.",),
        ("work", "meeting"),
        strain=10,
    ),
    "replaying": Situation(
        (
            "Evening after I disagreed in the meeting: replaying every word.",
            "Lay awake going over the email I sent Maria this morning.",
        ),
        ("anxious", "ashamed"),
        ((REPLAYING, ("mind-reading", "mental-filter")),),
        ("Reread my message six times.", "Wrote it down here and went to bed."),
        ("She didn't smile when she answered.",),
        ("She replied within the hour and thanked me; the rest is my own replay.",),
        ("Going over it is the old fear talking; what happened was ordinary.",),
        ("work",),
        strain=0,
    ),
}

# Each week, oldest first: "situation/weekday/hh:mm", or with a final "/open" when the person
# wrote only what happened and the feeling, and meant to come back to it.
SCHEDULE: tuple[str, ...] = (
    "meeting/0/10:30 extra_work/1/16:00 dishes/2/20:30 one_to_one/3/11:00 mother/6/18:00",
    "meeting/0/10:15 racing_heart/2/09:00 jonas/3/14:30 dishes/5/19:00/open",
    "meeting/0/11:00 one_to_one/1/15:00 praise/2/12:30 extra_work/4/16:30 mother/6/17:30",
    "racing_heart/0/08:40 meeting/0/10:45 jonas/2/11:20 dishes/3/21:00",
    "meeting/0/10:30 replaying/0/22:10 extra_work/2/17:45 mother/6/18:30",
    "racing_heart/0/07:55 meeting/0/10:30 dishes/4/20:00 jonas/4/15:10/open",
    "meeting/0/10:30 one_to_one/2/11:00 praise/3/12:30 dishes/5/19:30",
    "meeting/0/10:20 replaying/0/23:00 jonas/2/10:05 extra_work/3/16:00",
    "racing_heart/0/08:30 meeting/0/10:30 mother/6/19:00",
    "meeting/0/10:40 dishes/2/20:15 one_to_one/4/14:00",
    "meeting/0/10:30 jonas/1/16:20 extra_work/3/17:10",
    "replaying/1/22:30 dishes/3/21:15 mother/6/18:00/open",
    "meeting/0/10:30 racing_heart/3/09:10 praise/4/12:45",
    "one_to_one/1/11:00 jonas/3/15:00",
    "meeting/0/10:25 dishes/5/18:40 mother/6/17:45",
    "extra_work/2/16:30 replaying/2/22:00",
    "meeting/0/10:30 jonas/3/14:10",
    "racing_heart/0/08:15 one_to_one/2/11:00 dishes/4/20:40",
    "meeting/0/10:30 praise/3/12:15",
    "mother/6/18:20 extra_work/1/17:00",
    "meeting/0/10:35 jonas/2/11:45",
    "one_to_one/1/11:00 dishes/3/21:00/open",
    "meeting/0/10:30 replaying/0/21:50",
    "racing_heart/1/08:45 mother/6/18:10",
    "meeting/0/10:30 extra_work/2/16:10 praise/4/12:30",
    "racing_heart/0/08:20 meeting/0/10:30 jonas/1/15:40 dishes/3/20:30/open",
)


@dataclass
class Step:
    """A small step: planned, then (usually) taken the same day, with what was predicted beside
    what happened. Steps after `now` are left out; one planned but not yet taken stays planned."""

    week: int
    weekday: int
    at: str
    with_: str
    plan: str
    belief: str
    feared: str
    p_feared: int
    expected: int
    safety: tuple[str, ...]
    reaction: str | None = None  # None: planned, not taken yet
    came_true: str = "no"
    actual: int = 0
    surprise: int = 0
    safety_used: tuple[str, ...] = ()
    outcome: str = ""
    learned: str = ""
    confidence_after: int = 0
    situation: str | None = None  # the kind of moment it came from: the latest such record


SOFTEN = "softening it with 'it's probably nothing'"
APOLOGISE = "over-apologising"
LAST = "waiting to speak last"
REHEARSE = "rehearsing every word beforehand"
EYES = "not looking at her"

STEPS = (
    Step(
        week=2,
        weekday=3,
        at="10:00",
        with_="boss",
        plan="Ask one question in Thursday's planning meeting",
        belief="If I ask a question my boss will think I'm difficult",
        feared="she sighs and cuts me off",
        p_feared=80,
        expected=80,
        safety=(SOFTEN, APOLOGISE, LAST),
        reaction="neutral",
        came_true="no",
        actual=65,
        surprise=75,
        safety_used=(SOFTEN, APOLOGISE, LAST),
        outcome="She answered briefly and moved on; she seemed rushed, not annoyed.",
        learned="A short answer is not a reprimand.",
        confidence_after=70,
        situation="racing_heart",
    ),
    Step(
        week=3,
        weekday=3,
        at="10:00",
        with_="boss",
        plan="Disagree with one point in Thursday's planning meeting",
        belief=PUNISHED[0],
        feared="she tells me off in front of the team",
        p_feared=85,
        expected=85,
        safety=(SOFTEN, APOLOGISE, EYES),
        reaction="agreement",
        came_true="no",
        actual=60,
        surprise=85,
        safety_used=(SOFTEN, APOLOGISE),
        outcome="She said 'fair point' and changed the order of the work.",
        learned="Disagreeing can improve the plan. I apologised twice for no reason.",
        confidence_after=65,
        situation="meeting",
    ),
    Step(
        week=4,
        weekday=2,
        at="12:00",
        with_="colleague",
        plan="Tell Jonas I'd like to present my own part of the demo",
        belief="If I ask for credit Jonas will think I'm petty",
        feared="he rolls his eyes and tells the others",
        p_feared=75,
        expected=70,
        safety=(SOFTEN, APOLOGISE),
        reaction="agreement",
        came_true="no",
        actual=40,
        surprise=70,
        safety_used=(APOLOGISE,),
        outcome="He said 'oh, of course, sorry' and that was it.",
        learned="He hadn't even noticed. Asking took ten seconds.",
        confidence_after=40,
    ),
    Step(
        week=5,
        weekday=3,
        at="10:00",
        with_="boss",
        plan="Say 'I see it differently' about the estimate",
        belief="If I say I see it differently Maria will be annoyed",
        feared="she's curt with me all week",
        p_feared=80,
        expected=75,
        safety=(SOFTEN, EYES, LAST),
        reaction="disagreement",
        came_true="partly",
        actual=60,
        surprise=40,
        safety_used=(SOFTEN, LAST),
        outcome="She said 'let's take it offline', which felt like a brush-off.",
        learned="She followed up the next day and used half of my estimate. Disagreement isn't punishment.",
        confidence_after=65,
        situation="meeting",
    ),
    Step(
        week=6,
        weekday=3,
        at="20:00",
        with_="partner",
        plan="Tell Alex calmly that the dishes bother me",
        belief="If I mention the dishes we'll have a big fight",
        feared="we argue and the evening is ruined",
        p_feared=75,
        expected=70,
        safety=(APOLOGISE,),
        reaction="disagreement",
        came_true="partly",
        actual=45,
        surprise=45,
        safety_used=(APOLOGISE,),
        outcome="Ten minutes of tension, then we agreed a rota.",
        learned="Tension passes; it was worth it.",
        confidence_after=45,
    ),
    Step(
        week=7,
        weekday=1,
        at="16:00",
        with_="boss",
        plan="Turn down the extra task by email, with a reason",
        belief="If I turn down the extra task she'll see me as lazy",
        feared="a cold reply, or none at all",
        p_feared=75,
        expected=65,
        safety=(APOLOGISE, REHEARSE),
        reaction="neutral",
        came_true="no",
        actual=35,
        surprise=65,
        safety_used=(APOLOGISE, REHEARSE),
        outcome="She replied 'understood, thanks for flagging' and gave it to someone else.",
        learned="Saying no clearly was easier for both of us.",
        confidence_after=45,
        situation="extra_work",
    ),
    Step(
        week=8,
        weekday=3,
        at="10:00",
        with_="boss",
        plan="Disagree with the release date in the planning meeting",
        belief=PUNISHED[2],
        feared="she snaps at me in front of everyone",
        p_feared=75,
        expected=70,
        safety=(SOFTEN, LAST),
        reaction="praise",
        came_true="no",
        actual=40,
        surprise=80,
        safety_used=(LAST,),
        outcome="The date moved by a week; she thanked me afterwards.",
        learned="Speaking up was useful to her. I didn't need to wait until the end.",
        confidence_after=45,
        situation="meeting",
    ),
    Step(
        week=9,
        weekday=4,
        at="14:30",
        with_="boss",
        plan="Tell Maria in our one-to-one that the workload isn't working",
        belief="If I raise my workload she'll see me as a complainer",
        feared="she says everyone is busy and notes it against me",
        p_feared=70,
        expected=70,
        safety=(REHEARSE, APOLOGISE),
        reaction="agreement",
        came_true="no",
        actual=40,
        surprise=60,
        safety_used=(REHEARSE,),
        outcome="She moved the reporting work to Priya and asked me to tell her sooner next time.",
        learned="She wants to hear it early. I didn't apologise once.",
        confidence_after=40,
        situation="one_to_one",
    ),
    Step(
        week=10,
        weekday=1,
        at="17:00",
        with_="colleague",
        plan="Ask Jonas not to talk over me in stand-up",
        belief="If I say he interrupted me, Jonas will turn the team against me",
        feared="he gets defensive and is cold with me",
        p_feared=65,
        expected=60,
        safety=(SOFTEN,),
        reaction="criticism",
        came_true="yes",
        actual=55,
        surprise=30,
        safety_used=(SOFTEN,),
        outcome="He said I was being oversensitive. It stung, and I said I'd still like him to stop.",
        learned="The feared reaction did come, and I coped: I said my piece and the day went on.",
        confidence_after=50,
        situation="jonas",
    ),
    Step(
        week=12,
        weekday=3,
        at="10:00",
        with_="boss",
        plan="Question the new sign-off process in the meeting",
        belief=PUNISHED[3],
        feared="she says it's not up for discussion and remembers it",
        p_feared=70,
        expected=65,
        safety=(SOFTEN,),
        reaction="neutral",
        came_true="no",
        actual=35,
        surprise=45,
        safety_used=(),
        outcome="She said the process was decided above her, but she'd pass the concern on.",
        learned="Even a no from her was polite. I spoke without softening it.",
        confidence_after=40,
        situation="meeting",
    ),
    Step(
        week=13,
        weekday=2,
        at="15:00",
        with_="colleague",
        plan="Tell Jonas his change broke my tests, plainly",
        belief="If I point out his mistake Jonas will get angry",
        feared="he argues and brings it up later",
        p_feared=55,
        expected=50,
        safety=(APOLOGISE,),
        reaction="agreement",
        came_true="no",
        actual=25,
        surprise=40,
        safety_used=(),
        outcome="He fixed it within the hour and said thanks for catching it.",
        learned="Plain is fine. He barely noticed how I said it.",
        confidence_after=30,
    ),
    Step(
        week=14,
        weekday=5,
        at="19:00",
        with_="partner",
        plan="Say I'd rather stay in on Saturday than go to the party",
        belief=BIG_FIGHT[2],
        feared="Alex sulks all weekend",
        p_feared=55,
        expected=55,
        safety=(APOLOGISE,),
        reaction="neutral",
        came_true="no",
        actual=30,
        surprise=40,
        safety_used=(),
        outcome="Alex went on their own and we had a lazy Sunday together.",
        learned="We can want different things.",
        confidence_after=30,
        situation="dishes",
    ),
    Step(
        week=14,
        weekday=6,
        at="18:30",
        with_="parent",
        plan="Tell Mum I'm happy in the new job and ask her to stop",
        belief="If I contradict my mother she'll be furious, like when I was small",
        feared="she shouts or hangs up",
        p_feared=70,
        expected=75,
        safety=(SOFTEN, APOLOGISE),
        reaction="disagreement",
        came_true="partly",
        actual=55,
        surprise=35,
        safety_used=(SOFTEN,),
        outcome="She said I was too sensitive, then changed the subject; no shouting.",
        learned="I'm not a child any more, and she can't punish me now. It was uncomfortable, not"
        " dangerous.",
        confidence_after=50,
        situation="mother",
    ),
    Step(
        week=15,
        weekday=2,
        at="16:45",
        with_="boss",
        plan="Say no to the Friday evening favour, without a long excuse",
        belief="If I say no without a reason Maria will think I don't care",
        feared="she's short with me and gives me worse work",
        p_feared=55,
        expected=50,
        safety=(REHEARSE,),
        reaction="neutral",
        came_true="no",
        actual=25,
        surprise=30,
        safety_used=(),
        outcome="'No problem, Monday is fine.' That was all.",
        learned="I didn't need a speech. No excuse, no trouble.",
        confidence_after=30,
        situation="extra_work",
    ),
    Step(
        week=16,
        weekday=3,
        at="10:00",
        with_="boss",
        plan="Point out the risk in Maria's plan, in the meeting",
        belief=PUNISHED[1],
        feared="she's embarrassed and takes it out on me",
        p_feared=50,
        expected=50,
        safety=(LAST,),
        reaction="praise",
        came_true="no",
        actual=30,
        surprise=35,
        safety_used=(),
        outcome="She said 'good catch' and asked me to write it up for the others.",
        learned="My doubts are worth something to her.",
        confidence_after=30,
        situation="meeting",
    ),
    Step(
        week=17,
        weekday=3,
        at="10:30",
        with_="boss",
        plan="Tell Maria her feedback on my report felt unfair",
        belief="If I push back on feedback she'll think I can't take criticism",
        feared="she gets defensive and it goes in my review",
        p_feared=55,
        expected=60,
        safety=(SOFTEN, REHEARSE),
        reaction="criticism",
        came_true="partly",
        actual=50,
        surprise=25,
        safety_used=(SOFTEN,),
        outcome="She said she stood by most of it, and that the tone"
        " could have been kinder. A bit sharp, then fine.",
        learned="Criticism came, it was bearable, and she still heard part of it. Nothing was taken away.",
        confidence_after=40,
    ),
    Step(
        week=18,
        weekday=3,
        at="10:00",
        with_="boss",
        plan="Disagree in the meeting without waiting to speak last",
        belief=PUNISHED[4],
        feared="she brushes it off in front of everyone",
        p_feared=45,
        expected=45,
        safety=(LAST,),
        reaction="agreement",
        came_true="no",
        actual=25,
        surprise=25,
        safety_used=(),
        outcome="I spoke second. She agreed and two people joined in.",
        learned="Going early made it easier, not harder.",
        confidence_after=30,
        situation="meeting",
    ),
    Step(
        week=19,
        weekday=6,
        at="19:00",
        with_="parent",
        plan="Say no when Mum asks me to come every Sunday",
        belief="If I refuse my mother she'll make me pay for it",
        feared="she guilt-trips me for weeks",
        p_feared=50,
        expected=55,
        safety=(APOLOGISE,),
        reaction="disagreement",
        came_true="partly",
        actual=40,
        surprise=20,
        safety_used=(),
        outcome="She was disappointed and said so. We settled on every other Sunday.",
        learned="Disappointment isn't punishment; we found a middle.",
        confidence_after=35,
        situation="mother",
    ),
    Step(
        week=20,
        weekday=2,
        at="11:00",
        with_="colleague",
        plan="Tell Jonas I'd like to lead the next design review",
        belief="If I ask to lead, Jonas will think I'm pushy",
        feared="he says it's his turn and sulks",
        p_feared=40,
        expected=40,
        safety=(),
        reaction="agreement",
        came_true="no",
        actual=20,
        surprise=25,
        safety_used=(),
        outcome="'Sure, go for it.'",
        learned="Asking for what I want at work can be this simple.",
        confidence_after=25,
        situation="jonas",
    ),
    Step(
        week=21,
        weekday=1,
        at="11:00",
        with_="boss",
        plan="Ask Maria for a pay review in our one-to-one",
        belief="If I ask for more money Maria will think I'm ungrateful",
        feared="she laughs it off or holds it against me",
        p_feared=50,
        expected=60,
        safety=(REHEARSE,),
        reaction="neutral",
        came_true="no",
        actual=40,
        surprise=20,
        safety_used=(),
        outcome="She said it's a fair question and she'd look at the numbers before the quarter ends.",
        learned="A fair request got a fair answer. I rehearsed less and it went fine.",
        confidence_after=30,
        situation="one_to_one",
    ),
    Step(
        week=22,
        weekday=3,
        at="10:00",
        with_="boss",
        plan="Say in the meeting that the deadline can't hold",
        belief=PUNISHED[0],
        feared="she says I'm being negative",
        p_feared=35,
        expected=40,
        safety=(),
        reaction="praise",
        came_true="no",
        actual=20,
        surprise=15,
        safety_used=(),
        outcome="She moved the deadline and thanked me for saying it early.",
        learned="I expected this to go fine, and it did.",
        confidence_after=25,
        situation="meeting",
    ),
    Step(
        week=23,
        weekday=3,
        at="20:30",
        with_="partner",
        plan="Tell Alex I felt left out when they made plans without me",
        belief=BIG_FIGHT[0],
        feared="a row that lasts all evening",
        p_feared=35,
        expected=40,
        safety=(),
        reaction="agreement",
        came_true="no",
        actual=20,
        surprise=15,
        safety_used=(),
        outcome="Alex said sorry and we looked at the calendar together.",
        learned="Saying how I feel brings us closer, not apart.",
        confidence_after=20,
    ),
    Step(
        week=24,
        weekday=3,
        at="10:00",
        with_="boss",
        plan="Disagree with Maria's priorities, in front of her boss",
        belief=PUNISHED[2],
        feared="she's embarrassed and cold with me afterwards",
        p_feared=40,
        expected=55,
        safety=(),
        reaction="disagreement",
        came_true="no",
        actual=35,
        surprise=20,
        safety_used=(),
        outcome="She disagreed back and explained why; her boss asked good questions. We left it open.",
        learned="We disagreed like colleagues. Nobody was punished.",
        confidence_after=25,
        situation="meeting",
    ),
    Step(
        week=24,
        weekday=4,
        at="15:00",
        with_="colleague",
        plan="Give Jonas honest feedback on his presentation",
        belief="If I criticise Jonas's work he'll never help me again",
        feared="he's offended and distant",
        p_feared=30,
        expected=35,
        safety=(),
        reaction="neutral",
        came_true="no",
        actual=20,
        surprise=10,
        safety_used=(),
        outcome="He nodded, asked one question, and used two of my points in the next version.",
        learned="Honest feedback is part of working together.",
        confidence_after=20,
    ),
    Step(
        week=25,
        weekday=1,
        at="11:00",
        with_="boss",
        plan="Raise the on-call rota with Maria in our one-to-one",
        belief=PUNISHED[3],
        feared="she says it's not the time and looks irritated",
        p_feared=30,
        expected=35,
        safety=(),
        reaction="agreement",
        came_true="no",
        actual=20,
        surprise=10,
        safety_used=(),
        outcome="She agreed it needs changing and put it on Thursday's agenda.",
        learned="It felt almost ordinary.",
        confidence_after=20,
        situation="one_to_one",
    ),
    Step(
        week=25,
        weekday=4,
        at="10:00",
        with_="boss",
        plan="Tell Maria I won't take on the new client until March",
        belief="If I set a limit with Maria she'll think less of me",
        feared="she's disappointed and passes me over",
        p_feared=30,
        expected=40,
        safety=(),
    ),
)

# The old rule and the new one, rated about once a month: (week, weekday, hh:mm, old, new).
RATINGS = (
    (0, 6, "21:00", 90, 10),
    (4, 6, "21:00", 85, 20),
    (8, 6, "20:30", 78, 28),
    (12, 6, "21:15", 66, 40),
    (16, 6, "21:00", 58, 48),
    (20, 6, "20:45", 47, 58),
    (24, 6, "21:00", 40, 65),
)

# The positive data log: small facts that fit the new rule, (week, weekday, hh:mm, text).
EVIDENCE = (
    (
        3,
        3,
        "19:00",
        "Disagreed with Maria in the meeting; she said 'fair point' and changed the plan.",
    ),
    (5, 1, "18:30", "Maria used half my estimate the day after brushing it off."),
    (7, 1, "18:00", "Said no to an extra task by email. She just said thanks for flagging."),
    (8, 3, "18:15", "Release date moved because of what I said. She thanked me."),
    (9, 4, "18:00", "Maria asked me to raise workload problems sooner. She wants to know."),
    (
        10,
        2,
        "08:30",
        "Jonas was snippy when I asked him not to talk over me, and I was fine by lunch.",
    ),
    (14, 6, "21:30", "Told Mum I'm happy in my job. She grumbled. Nothing terrible happened."),
    (16, 3, "18:00", "'Good catch' from Maria for pointing out a risk in her own plan."),
    (17, 3, "18:30", "Pushed back on unfair feedback; she agreed the tone could have been kinder."),
    (19, 1, "12:00", "Priya told me she's glad someone says what we're all thinking."),
    (22, 3, "18:00", "Maria moved a deadline because I said it couldn't hold."),
    (
        24,
        3,
        "18:30",
        "Disagreed with Maria in front of her boss. We were just two colleagues disagreeing.",
    ),
)

# A few questionnaires over the months: (week, weekday, hh:mm, kind, answers).
CHECKINS = (
    (0, 6, "20:00", "gad7", (2, 2, 3, 2, 1, 2, 2)),
    (0, 6, "20:10", "phq9", (1, 2, 2, 2, 1, 2, 1, 0, 0)),
    (8, 6, "20:00", "gad7", (2, 1, 2, 2, 1, 2, 1)),
    (16, 6, "20:00", "gad7", (1, 1, 2, 1, 0, 1, 1)),
    (16, 6, "20:10", "phq9", (1, 1, 1, 1, 0, 1, 1, 0, 0)),
    (24, 6, "20:00", "gad7", (1, 1, 1, 0, 0, 1, 0)),
)

# Small differences from one record to the next, so feelings don't fall in a straight line.
_JITTER = (0, 4, -3, 6, -5, 2, -1, 5, -4, 3, -2, 1)


def _clock(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


@dataclass
class Sample:
    """The sample journal as plain data, before it is written: everything dated up to now."""

    records: list[Record]
    steps: list[tuple[Experiment, Record | None]]  # each with the record it came from
    belief: Belief  # the old rule and the new one, with their ratings and evidence
    tested: list[Record]  # the records that test the old rule
    checkins: list[CheckIn]


def sample_at(now: datetime) -> Sample:
    """The 26 sample weeks, the last being the week holding now, with nothing dated after now."""
    now = now.astimezone()
    today = now.date()
    this_monday = today - timedelta(days=today.weekday())
    first_monday = this_monday - timedelta(weeks=WEEKS - 1)

    def moment(week: int, weekday: int, at: str) -> datetime:
        day = first_monday + timedelta(weeks=week, days=weekday)
        return dates.local(datetime.combine(day, _clock(at)))

    records = sorted(_records(moment), key=lambda pair: pair[1].occurred_at)
    records = [(name, record) for name, record in records if record.occurred_at <= now]
    steps = [
        # A step comes from the latest record of its kind of moment written before it.
        (_experiment(step, planned_for, now), _latest(records, step.situation, planned_for))
        for step in STEPS
        if (planned_for := moment(step.week, step.weekday, step.at)) <= now
    ]
    belief = Belief(
        OLD_RULE,
        new_text=NEW_RULE,
        ratings=[
            BeliefRating(dates.to_text(at), old, new)
            for week, day, clock, old, new in RATINGS
            if (at := moment(week, day, clock)) <= now
        ],
        evidence=[
            BeliefEvidence(dates.to_text(at), text)
            for week, day, clock, text in EVIDENCE
            if (at := moment(week, day, clock)) <= now
        ],
    )
    checkins = [
        CheckIn(kind, list(answers), at)
        for week, day, clock, kind, answers in CHECKINS
        if (at := moment(week, day, clock)) <= now
    ]
    return Sample(
        records=[record for _, record in records],
        steps=steps,
        belief=belief,
        tested=[record for name, record in records if SITUATIONS[name].linked],
        checkins=checkins,
    )


def build(journal: Journal, *, now: datetime | None = None) -> None:
    """Fill a journal with the sample up to now (default: this moment).

    Everything is written in one transaction, as an import is: the demo builds it on each run.
    """
    from thoughtlog.storage.beliefs import merge_belief

    sample = sample_at(now or dates.now_local())
    with journal.import_transaction():
        journal.insert_records(sample.records)  # which gives them their ids and uuids
        for step, source in sample.steps:
            step.record_id = source.id if source else None
        journal.insert_experiments([step for step, _ in sample.steps])
        sample.belief.record_uuids = [record.uuid for record in sample.tested]  # type: ignore[misc]
        sample.belief.experiment_uuids = [
            step.uuid  # type: ignore[misc]
            for step, _ in sample.steps
            if step.with_ in ("boss", "parent")  # the people with authority the old rule is about
        ]
        merge_belief(journal, sample.belief)
        for checkin in sample.checkins:
            journal.import_checkin(checkin)


def _latest(records: list[tuple[str, Record]], name: str | None, at: datetime) -> Record | None:
    found = [record for kind, record in records if kind == name and record.occurred_at <= at]
    return found[-1] if found else None


def _records(moment) -> Iterator[tuple[str, Record]]:  # type: ignore[no-untyped-def]
    seen: dict[str, int] = {}
    number = 0
    for week, line in enumerate(SCHEDULE):
        for entry in line.split():
            name, weekday, at, *rest = entry.split("/")
            turn = seen.get(name, 0)
            seen[name] = turn + 1
            occurred_at = moment(week, int(weekday), at)
            record = _record(SITUATIONS[name], week, turn, number, not rest, occurred_at)
            number += 1
            yield name, record


def _pick(options: tuple[str, ...], turn: int) -> str:
    return options[turn % len(options)]


def _record(
    situation: Situation, week: int, turn: int, number: int, complete: bool, occurred_at: datetime
) -> Record:
    """One record: feelings and belief a little lower as the months go by, easing more after the
    reframe; from the second half on, what the person did is more often to speak up."""
    intensity = 84 + situation.strain - round(1.2 * week) + _JITTER[number % len(_JITTER)]
    intensity = max(25, min(100, intensity))
    # What the person did: staying quiet at first, speaking up more as the months go by, with
    # the odd step back to the old way, as anyone has.
    stage = min(week // 8, len(situation.behaviours) - 1)
    behaviour = situation.behaviours[stage - 1 if stage and turn % 4 == 3 else stage]
    thoughts = [
        Thought(
            phrasings[(turn + week) % len(phrasings)],
            belief_before=max(10, min(100, intensity + 4 - 8 * position)),
            belief_after=max(10, intensity - 20 - week // 2) if complete else None,
            hot=position == 0,
            distortions=list(distortions),
        )
        for position, (phrasings, distortions) in enumerate(situation.thoughts)
    ]
    emotions = [
        Emotion(
            name,
            before=intensity - 10 * i,
            after=max(5, intensity - 10 * i - 14 - week // 2 - 3 * i) if complete else None,
        )
        for i, name in enumerate(situation.emotions)
    ]
    return Record(
        situation=_pick(situation.situations, turn),
        occurred_at=occurred_at,
        emotions=emotions,
        thoughts=thoughts,
        behaviour=behaviour,
        evidence_for=_pick(situation.evidence_for, turn) if complete else None,
        evidence_against=_pick(situation.evidence_against, turn) if complete else None,
        reframe=_pick(situation.reframes, turn) if complete else None,
        reframe_belief=min(90, 50 + week + 2 * (turn % 3)) if complete else None,
        tags=list(situation.tags),
    )


def _experiment(step: Step, planned_for: datetime, now: datetime) -> Experiment:
    experiment = Experiment(
        belief=step.belief,
        plan=step.plan,
        confidence_before=min(95, step.p_feared + 5),
        planned_for=planned_for,
        expected_distress=step.expected,
        with_=step.with_,
        feared_reaction=step.feared,
        p_feared=step.p_feared,
        safety_behaviours=list(step.safety),
    )
    done_at = planned_for + timedelta(minutes=50)
    if step.reaction is not None and done_at <= now:  # taken, and already written down
        experiment.status = "done"
        experiment.done_at = dates.to_text(done_at)
        experiment.reaction = step.reaction
        experiment.came_true = step.came_true
        experiment.outcome = step.outcome
        experiment.actual_distress = step.actual
        experiment.surprise = step.surprise
        experiment.safety_used = list(step.safety_used)
        experiment.learned = step.learned
        experiment.confidence_after = step.confidence_after
    return experiment
