"""Is a request vague? A documented, rule-based detector, and the refined text.

"I'd like to pick your brain" is code for free advice: nobody can route it. A request is
**vague** when any of these holds (rules checked in order, each named in the reasons):

1. `no-topic`: no topic word is left after removing stop words (`tokens.STOP_WORDS`) and the
   filler of asks (`FILLER`: advice, chat, coffee, brain, quick, thoughts…);
2. `vague-phrase`: it uses a vague phrase (`VAGUE_PHRASES`: "pick your brain", "grab coffee",
   "any advice", "touch base"…) and has no concrete ask (`CONCRETE`: "who has/knows/can",
   "introduce me", "recommend", "looking for a", "need a"…);
3. `thin`: it has fewer than two topic words and no concrete ask ("help with marketing").

Refining asks for the goal, the context, the specific ask and the desired outcome, as in
"I'm now in charge of xyz project and would like to learn more about abc process. Who do
you recommend I talk with?"; `refined_text` joins them into the text routing matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from netweave.engine.text.normalize import normalize_text
from netweave.engine.text.tokens import words

VAGUE_PHRASES = (
    "pick your brain",
    "pick your brains",
    "pick his brain",
    "pick her brain",
    "pick their brain",
    "grab coffee",
    "grab a coffee",
    "get coffee",
    "coffee sometime",
    "coffee chat",
    "grab lunch",
    "catch up",
    "any advice",
    "any tips",
    "any thoughts",
    "your thoughts",
    "some advice",
    "touch base",
    "hop on a call",
    "jump on a call",
    "quick call",
    "quick chat",
    "bounce some ideas",
    "bounce ideas",
    "get together",
    "chat sometime",
    "love to chat",
    "like to chat",
    "love to connect",
    "like to connect",
    "learn from you",
    "your perspective",
    "a few minutes",
)
FILLER = frozenset(
    [
        "advice",
        "advise",
        "tips",
        "tip",
        "thoughts",
        "thought",
        "ideas",
        "idea",
        "brain",
        "brains",
        "pick",
        "chat",
        "chats",
        "coffee",
        "lunch",
        "drink",
        "drinks",
        "call",
        "quick",
        "sometime",
        "soon",
        "time",
        "minutes",
        "minute",
        "few",
        "catch",
        "touch",
        "base",
        "hop",
        "jump",
        "grab",
        "meet",
        "meeting",
        "talk",
        "speak",
        "love",
        "like",
        "just",
        "really",
        "maybe",
        "perhaps",
        "things",
        "thing",
        "stuff",
        "something",
        "anything",
        "everything",
        "question",
        "questions",
        "hello",
        "hi",
        "hey",
        "thanks",
        "thank",
        "please",
        "ok",
        "okay",
        "great",
        "good",
        "possible",
        "chance",
        "free",
        "week",
        "day",
        "next",
        "let",
        "lets",
        "let's",
        "i'd",
        "i'm",
        "you're",
        "we're",
        "it's",
        "know",
        "knows",
        "go",
        "going",
        "connect",
        "connected",
        "sure",
        "perspective",
        "learn",
        "bounce",
        "together",
        "am",
        "were",
        "should",
        "could",
        "would",
        "might",
        "may",
        "shall",
        "must",
        "did",
        "does",
        "doing",
        "done",
        "been",
        "being",
        "other",
        "whatever",
        "there",
        "here",
        "then",
        "now",
        "very",
        "much",
        "many",
        "lot",
        "lots",
        "kind",
        "sort",
        "bit",
        "little",
    ]
)
CONCRETE = re.compile(
    r"\b(who (has|have|knows|know|can|could|does|do you|should|would|runs|handles|is)"
    r"|introduc\w*|recommend\w*|referr?al|refer me|looking for (a|an|someone)"
    r"|need (a|an)\b|find (a|an|someone)|connect me (with|to)|put me in touch"
    r"|hire|hiring|specialis\w*|specializ\w*|expert in)\b"
)


@dataclass
class Vagueness:
    vague: bool
    reasons: list[str] = field(default_factory=list)  # rule names that fired, with detail
    topic_words: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    concrete: bool = False

    def as_json(self) -> dict[str, object]:
        return {
            "vague": self.vague,
            "reasons": self.reasons,
            "topic_words": self.topic_words,
            "phrases": self.phrases,
            "concrete_ask": self.concrete,
        }


def topic_words(text: str) -> list[str]:
    """Content words of `text` that name a topic: not stop words, filler, or under 3 letters."""
    seen: list[str] = []
    for w in words(text.replace("’", "'")):
        if len(w) >= 3 and w not in FILLER and not w.isdigit() and w not in seen:
            seen.append(w)
    return seen


def detect(text: str) -> Vagueness:
    """Apply the three rules of the module doc to `text`."""
    canon = normalize_text(text.replace("’", "'"))
    phrases = [p for p in VAGUE_PHRASES if re.search(rf"\b{re.escape(p)}\b", canon)]
    topics = topic_words(canon)
    concrete = CONCRETE.search(canon) is not None
    reasons = []
    if not topics:
        reasons.append("no-topic: no topic words once filler is removed")
    if phrases and not concrete:
        reasons.append(f"vague-phrase: {', '.join(repr(p) for p in phrases)} with no concrete ask")
    if topics and len(topics) < 2 and not concrete:
        reasons.append(f"thin: only {topics[0]!r} and no concrete ask")
    return Vagueness(bool(reasons), reasons, topics, phrases, concrete)


@dataclass
class Refinement:
    goal: str | None = None
    context: str | None = None
    ask: str | None = None
    outcome: str | None = None

    def given(self) -> bool:
        return any(v and v.strip() for v in (self.goal, self.context, self.ask, self.outcome))


QUESTIONS = {
    "goal": "What is the goal? (what are they trying to achieve)",
    "context": "What is the context? (the project, role or situation)",
    "ask": "What is the specific ask? (e.g. who should they talk to about what)",
    "outcome": "What outcome would make this a success?",
}


def refined_text(raw: str, refinement: Refinement) -> str:
    """The text routing matches: the specific ask first, then goal, context and outcome."""
    if not refinement.given():
        return raw.strip()
    parts = [refinement.ask, refinement.goal, refinement.context, refinement.outcome]
    sentences = [p.strip() for p in parts if p and p.strip()]
    return " ".join(p if p[-1] in ".?!" else p + "." for p in sentences)
