"""ACLED event type / sub-event type for a PLOVER event where one applies (else None)."""

from __future__ import annotations

from ..schema import Acled

BATTLE_TRIGGERS = {"clash", "fighting", "fight", "battle", "shootout", "gunfight", "firefight", "skirmish"}
SHELL_TRIGGERS = {"shell", "shelling", "bombard", "bombardment", "artillery", "mortar", "rocket", "missile"}
ARMED = {"military", "police", "intelligence", "armed_group"}  # a state's forces, or an armed group
CROWD_CONTROL = {"tear gas", "water cannon", "disperse"}
CIVIL = {"population", "person"}

SD = "Strategic developments"
ER = "Explosions/Remote violence"
VAC = "Violence against civilians"


def acled_for(type_: str, mode: str | None, lemma: str, actor2_type: str | None,
              context: set[str]) -> Acled | None:
    """Map one event; `context` holds the lemmas of the sentence (for grenade / landmine / suicide)."""
    if type_ == "ASSAULT":
        if mode == "aerial":
            return Acled(event_type=ER, sub_event_type="Air/drone strike")
        if mode == "suicide-attack":
            return Acled(event_type=ER, sub_event_type="Suicide bomb")
        if mode == "explosives":
            if lemma in SHELL_TRIGGERS or context & {"artillery", "mortar", "rocket", "missile"}:
                return Acled(event_type=ER, sub_event_type="Shelling/artillery/missile attack")
            if "grenade" in context:
                return Acled(event_type=ER, sub_event_type="Grenade")
            return Acled(event_type=ER, sub_event_type="Remote explosive/landmine/IED")
        if mode == "abduct":
            return Acled(event_type=VAC, sub_event_type="Abduction/forced disappearance")
        if mode == "sexual":
            return Acled(event_type=VAC, sub_event_type="Sexual violence")
        if mode == "destroy":
            return Acled(event_type=SD, sub_event_type="Looting/property destruction")
        if mode in CROWD_CONTROL:  # tear gas, water cannon, dispersal: force used on a protest
            return Acled(event_type="Protests", sub_event_type="Protest with intervention")
        if lemma in BATTLE_TRIGGERS or actor2_type in ARMED:
            return Acled(event_type="Battles", sub_event_type="Armed clash")
        if actor2_type in CIVIL:
            return Acled(event_type=VAC, sub_event_type="Attack")
        return None
    if type_ == "PROTEST":
        if mode == "riot":
            return Acled(event_type="Riots", sub_event_type="Violent demonstration")
        return Acled(event_type="Protests", sub_event_type="Peaceful protest")
    if type_ == "COERCE" and mode == "arrest":
        return Acled(event_type=SD, sub_event_type="Arrests")
    if type_ == "COERCE" and mode == "looting":
        return Acled(event_type=SD, sub_event_type="Looting/property destruction")
    if type_ == "AGREE" or (type_ == "RETREAT" and mode == "ceasefire"):
        return Acled(event_type=SD, sub_event_type="Agreement")
    if type_ == "RETREAT" and mode == "withdraw":
        return Acled(event_type=SD, sub_event_type="Non-violent transfer of territory")
    if type_ in ("COERCE", "RETREAT", "MOBILIZE"):
        return Acled(event_type=SD, sub_event_type="Other")
    return None
