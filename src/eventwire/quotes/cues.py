"""Cue lexicon: the verbs and nouns that introduce reported speech, belief and findings."""

from __future__ import annotations


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


# Verbs of saying that attribute a quotation-mark quote (lemmas).
SPEECH_VERBS: frozenset[str] = _words("""
say tell add report announce state warn claim argue insist note explain write tweet post
suggest acknowledge deny confirm urge ask agree declare reply respond answer predict promise
pledge vow admit allege assert contend concede stress emphasize emphasise point recall remark
observe mention complain charge testify reveal disclose maintain reiterate repeat caution boast
joke quip muse speculate conclude counter retort proclaim inform assure remind recommend propose
demand question wonder exclaim shout yell scream whisper cry chant sing read continue begin
describe call dub label brand praise criticize criticise slam blast attack condemn decry lament
accuse blame mock tout hail thank apologize apologise sigh laugh recount recite explain
""")

# Verbs that take a reported clause (ccomp) in news: speech plus belief, knowledge and findings.
CLAUSE_VERBS: frozenset[str] = SPEECH_VERBS | _words("""
believe think feel know hope fear worry expect estimate find show indicate imply signal
understand realize realise recognize recognise doubt guess assume figure learn hear
acknowledge publish reckon conclude insist project forecast calculate determine
""")

# Verbs whose reported content is an infinitive (xcomp): intentions, demands, refusals.
XCOMP_VERBS: frozenset[str] = _words("""
want plan intend promise pledge vow urge threaten refuse decline hope expect vote
call encourage ask demand propose offer
""")

# Verbs of judging someone: content = the object and its reason ("accused Y of ...").
OBJECT_VERBS: frozenset[str] = _words("""
accuse blame criticize criticise slam blast attack condemn praise thank fault chide rebuke
scold mock urge describe label brand dub characterize characterise portray depict liken compare
dismiss hail decry call refer
""")

# Verbs whose object is the reported matter: "cited derogatory comments", "polls show a lead".
DOBJ_VERBS: frozenset[str] = _words("""
cite mention note describe report announce reveal discuss deny acknowledge confirm criticize
criticise oppose question dispute reject endorse condemn praise propose
recommend demand predict promise pledge tweet express show estimate call
""")

# Nouns naming a document or message; "the leaflet said" attributes to the document.
DOCUMENT_NOUNS: frozenset[str] = _words("""
statement leaflet report release letter memo memorandum document video ad advertisement post
tweet message email e-mail article study survey poll filing complaint lawsuit indictment
communique communiqué notice announcement transcript editorial column op-ed analysis paper
website site page broadcast interview speech remarks note order ruling decision
""")

# Subordinators that make a speech verb's clause an adverbial one: "killed ..., hours after officials said
# the road was safe" — what comes before such a cue is not what it reports, whatever the parse says.
SUBORDINATORS: frozenset[str] = _words("""
after before when whenever because since while until once although though if unless whereas
""")

# Characters that open or close a quotation.
OPENERS = "\u201c\u00ab\u201e"
CLOSERS = "\u201d\u00bb"
STRAIGHT = '"'
SINGLE_OPEN = "\u2018"
SINGLE_CLOSE = "\u2019"
