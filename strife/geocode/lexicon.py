"""Word lists for place recognition: cues, common words that are also place names, titles.

All entries are name keys (lower case ASCII, see :func:`strife.geocode.names.name_key`).
"""

from __future__ import annotations

# Capitalised words that are GeoNames names somewhere but in news are something else: months,
# days, function words at the start of a sentence, organisations and outlets named after
# places ("Al Jazeera"). Never a place on their own, whatever the cue.
NEVER_PLACES: frozenset[str] = frozenset(
    """
    a about above according across after again against ago ahead all along also although am
    among an and another any april are as at august away be because been before being below
    between both but by can could december did do does during each even ever every february
    few for friday from had has have he her here his how however i if in into is it its
    january july june just march may me monday more most much must my no none nor not
    nothing november now october of off on once one only or other our out over said saturday
    september she since so some sunday than that the their them then there these they this
    those through thursday to today tomorrow tuesday up upon very was we wednesday were
    what when where which while who whom why will with within without would yes yesterday
    you your
    isis isil daesh daish jazeera arabiya alsumaria sumaria almada reuters afp ap qaeda
    shabaab nusra hashd shaabi hezbollah hizbollah hamas taliban houthi houthis peshmerga pmf
    pmu sdf ypg pkk krg un nato eu ngo god allah christmas easter ramadan eid mr mrs ms dr jan
    feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun arab arabs sunni
    sunnis shia shiite shiites kurd kurds kurdish muslim muslims christian christians jewish
    islamic western european african asian latin yazidi yazidis turkmen route
    """.split()
)
# Multi-word names of organisations and outlets that gazetteers know as places.
NEVER_PHRASES: frozenset[str] = frozenset(
    {
        "al jazeera",
        "al arabiya",
        "al sumaria",
        "almada press",
        "al mada",
        "al qaeda",
        "al shabaab",
        "al nusra",
        "jabhat al nusra",
        "hashd al shaabi",
        "al hashd al shaabi",
        "al hashd",
        "ansar allah",
        "islamic state",
        "un security council",
        "associated press",
    }
)
# Ordinary words that are also real place names ("Mobile", "Reading", "Nice", "Hit"): a place
# only with a place cue before it ("in", "near", "the town of") and support from the context.
COMMON_WORDS: frozenset[str] = frozenset(
    """
    area army back bad bank bath big bill call camp capital car carry case center central
    centre change chief city clear close coalition come command commander control council
    country county court cross date day deal deep defence defense down early east eastern
    edge end fair fall far federal field first five force forces four free front general get
    give go gold good government grand great green ground group guard half hall hand happy
    hard head heart help high hill hit home hope hot house independence inside island joy
    justice key kind king lake land last late law lead left liberty life light like line
    little live local long lost low made main major make man many mark market media memorial
    middle might military mine ministry mobile mount mountain nation national near new news
    next nice night nine north northern office officer old open order page palace park part
    party pass peace people phone place plain plains point police post power president press
    prime prince province public queen rain range read reading real red region republic rest
    review right river road rock room round rule run saint school sea second security see
    seven short side six small social south southern split spring square star state states
    station still stone street strong support sure table take ten third three time top town
    trade tribune two union unity university valley victory view village war water way well
    west western white wind wood world worth young globe harbor harbour bay beach faith grace
    mercy eden trinity aurora victoria florence chelsea austin charlotte madison orlando
    lincoln jackson sydney many said says sale molotov
    """.split()
)
# Words before a name that make it a person's name ("President Biden", "Col. Walid").
TITLES: frozenset[str] = frozenset(
    """
    mr mrs ms miss dr prof president vice gen general col colonel maj major lt lieutenant capt
    captain sgt sergeant cpl corporal pte private brig brigadier adm admiral cmdr commander
    sen senator rep representative gov governor minister secretary ambassador king queen prince
    princess sheikh shaikh sheik imam ayatollah mullah pope bishop father rev reverend judge
    justice officer detective inspector chief coach mayor spokesman spokeswoman spokesperson
    emir sultan premier chancellor deputy dr hajji haji
    """.split()
)
# Capitalised words after a place name that make the whole an organisation or a building,
# where the place name is still a toponym (embedded: "Baghdad Operations Command").
ORGANISATION_WORDS: frozenset[str] = frozenset(
    """
    times post news herald tribune journal daily gazette press agency radio tv television
    university college school academy institute hospital clinic airport airbase base port
    police department council command operations brigade division regiment battalion army
    forces force guard club fc united city's government ministry court bank company corp
    corporation group party front movement league center centre church mosque cathedral
    temple museum stadium hotel street road avenue boulevard square bridge highway station
    office embassy consulate summit conference declaration accord agreement treaty prison
    jail mall barracks factory refinery plant terminal governorship mine corps militia
    militias people
    """.split()
)
# Words that introduce or follow a place and say what kind of place it is.
FEATURE_WORDS: dict[str, str] = {
    "village": "city",
    "villages": "city",
    "town": "city",
    "towns": "city",
    "city": "city",
    "cities": "city",
    "hamlet": "city",
    "township": "city",
    "neighbourhood": "city",
    "neighborhood": "city",
    "suburb": "city",
    "area": "city",
    "areas": "city",
    "camp": "city",
    "district": "admin2",
    "districts": "admin2",
    "sub-district": "admin2",
    "subdistrict": "admin2",
    "county": "admin2",
    "parish": "admin2",
    "municipality": "admin2",
    "commune": "admin2",
    "subdivision": "admin2",
    "sub-county": "admin2",
    "lga": "admin2",
    "upazila": "admin2",
    "tehsil": "admin2",
    "woreda": "admin2",
    "raion": "admin2",
    "province": "admin1",
    "provinces": "admin1",
    "governorate": "admin1",
    "governorates": "admin1",
    "state": "admin1",
    "region": "admin1",
    "oblast": "admin1",
    "prefecture": "admin1",
    "emirate": "admin1",
}
# Words that begin the names of small places (wadis, hills, springs, villages) in the Arab
# world and around it; a run that starts with one is a place even when no gazetteer has it.
GENERIC_PLACE_WORDS: frozenset[str] = frozenset(
    """
    wadi jabal jebel jabel tal tel tell ain ayn bir deir dayr kafr kfar khirbet khirbat qasr
    hay hayy hai ras qaryat qarya souq suq nahr sheikh umm beit bayt bab tall
    """.split()
)
# Adjectives that may stand before a place name inside a capitalised run ("Northern Iraq").
PLACE_PREFIXES: frozenset[str] = frozenset(
    """
    north south east west northern southern eastern western central upper lower greater
    downtown old new northeast northwest southeast southwest northeastern northwestern
    southeastern southwestern mid
    """.split()
)
# Lower-case words that may join capitalised words inside one name ("Isle of Man").
CONNECTORS: frozenset[str] = frozenset(
    "of de del della di da do dos das du des la le les al el ad ar as an ash at az bin ibn "
    "bani bint van von der den y e upon sur".split()
)
# Articles that may start a name in lower case when hyphenated ("al-Rabt").
LOWER_ARTICLES: frozenset[str] = frozenset("al el ad ar as an ash at az".split())
