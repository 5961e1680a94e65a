"""Shared word lists of the figures stage."""

# Nouns that count people (lemmas).  Demonyms come from the NER (NORP) or a capitalised plural.
PERSON_NOUNS = frozenset("""
people person persons civilian child children kid kids baby babies infant infants toddler minor minors teenager
teenagers teen teens youth youths adult adults man men woman women girl girls boy boys schoolgirl schoolgirls
schoolboy schoolboys student students pupil pupils family families relative relatives resident residents villager
villagers inhabitant inhabitants citizen citizens national nationals foreigner foreigners local locals soldier
soldiers troop troops serviceman servicemen servicewoman member members officer officers policeman policemen police
personnel fighter fighters militant militants insurgent insurgents rebel rebels gunman gunmen combatant combatants
militiaman militiamen jihadist jihadists guerrilla guerrillas recruit recruits conscript conscripts worker workers
employee employees staff staffer staffers volunteer volunteers journalist journalists reporter reporters
photographer photographers doctor doctors nurse nurses medic medics paramedic paramedics patient patients
firefighter firefighters rescuer rescuers miner miners farmer farmers fisherman fishermen sailor sailors crew
crewmen passenger passengers pilgrim pilgrims worshipper worshippers worshiper worshipers tourist tourists visitor
visitors migrant migrants refugee refugees asylum-seeker asylum-seekers evacuee evacuees survivor survivors victim
victims casualty casualties fatality fatalities death deaths dead body bodies corpse corpses hostage hostages
captive captives prisoner prisoners detainee detainees inmate inmates suspect suspects protester protesters
protestor protestors demonstrator demonstrators activist activists supporter supporters opponent opponents voter
voters mourner mourners spectator spectators fan fans athlete athletes player players pedestrian pedestrians driver
drivers motorist motorists shopper shoppers guest guests diplomat diplomats official officials leader leaders
politician politicians lawmaker lawmakers senator senators minister ministers commander commanders agent agents
guard guards peacekeeper peacekeepers marine marines sniper snipers settler settlers others individual individuals
colleague colleagues comrade comrades friend friends neighbour neighbours neighbor neighbors brother brothers sister
sisters son sons daughter daughters mother mothers father fathers husband husbands wife wives parent parents
grandchildren being beings human humans life lives case cases injured wounded missing displaced
""".split())  # noqa: SIM905

# More nouns that count people, for the figures stage only (other stages read PERSON_NOUNS): occupations,
# ranks and the armed, so that "four other pilots badly hurt" or "three of the raiders died" are counts.
COUNTED_PEOPLE = PERSON_NOUNS | frozenset("""
teacher engineer geologist scientist researcher technician contractor labourer laborer porter trader merchant
vendor shopkeeper herder herdsman herdsmen shepherd hunter fisher priest pastor monk nun imam cleric missionary
pilot seaman seafarer airman trooper ranger gendarme jawan cadet trainee bodyguard mayor governor judge lawyer
prosecutor candidate legislator lawmaker councillor councilor elder adolescent newborn pensioner congregant
parishioner churchgoer attendee delegate operative associate ally loyalist partisan separatist secessionist
extremist terrorist attacker assailant bandit kidnapper abductor gangster raider looter smuggler trafficker
enemy enemies christian christians muslim muslims villager tribesman tribesmen clansman clansmen shiite shiites
sunni sunnis jew jews hindu hindus sikh sikhs dissident dissidents occupant occupants resident aid-worker cadre
""".split())  # noqa: SIM905
