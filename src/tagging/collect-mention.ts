/**
 * What one entity match adds once its scene and venue are known (collect-scene.ts), for collect's
 * entity steps (collect-entity.ts): a mediator or host candidate (`mediatorCandidate`), a state's
 * mention (`stateMention`), a place's (`placeMention`). Split from collect-entity.ts (round 19);
 * the rules cite their source inline, unchanged.
 */
import type { SentenceFacts } from './facts.js';
import type { LexEntry } from './lexicon.js';
import type { Match } from './match.js';
import { warNamed, isDirectional, isDirectionalWord, isOfficial, isWorldPlaceScene, near } from './position.js';
import type { CollectRun } from './collect-run.js';
import type { NameScene, NameVenue } from './collect-scene.js';

/** Round 15: genitive links between a meeting word and its city ("incontro di", "réunion de", "meeting of"). */
const MEETING_LINKS: ReadonlySet<string> = new Set(['of', 'di', 'de', 'du', 'del', 'von', 'des']);

/** A state, mediator or third state's city that may mediate or host: one `c.mediatorCands` entry. */
export function mediatorCandidate(r: CollectRun, e: LexEntry, m: Match, sIdx: number, s: NameScene, v: NameVenue): void {
  const { topic, tok, c, cues, termPos, officialNear, future, personAt, signed } = r;
  const { dateline, locative, speechAfter } = s;
  const { attached } = v;
  // A city of a mediator-capable state named as the scene ("in Washington", "Bakıda"-style
  // endings, "the Washington summit") may be the venue of a round; not where one side spoke
  // ("said in Tbilisi") or where a speaker is ("a spokesperson in Brussels said").
  const venue = e.kind === 'places' && (locative || near(tok, cues.meeting, m.start - 1, m.end + 1, sIdx)) && !speechAfter && !near(tok, cues.speech, m.start - 4, m.start, sIdx) && !future(m);
  // Verb-final languages put the deal after its venue ("Vaşinqtonda paraflanmış saziş",
  // "Washington'da parafe edilen anlaşma"): a term right after a locative venue counts too.
  // (a Turkish clitic is a word of its own: "Washington'da varılan anlaşmalar").
  // Round 9: a deal reached or announced there names its venue even after one side's speech
  // verb ("welcomed it as in line with the understandings reached in Washington",
  // "qərarı alqışlayıb və onu Vaşinqtonda əldə olunmuş razılaşmalara uyğun"), and a relative
  // clause may stand between the deal and the city ("التفاهمات التي تم التوصل إليها في واشنطن").
  // A term after the city names its deal only in verb-final order (a locative ending, no
  // preposition) or with no speech verb before it ("said in Washington that the peace talks
  // would go on" is where one side spoke); a term before it, unless a speech verb stands
  // right before the city ("... del proceso de paz, anunció en Astaná").
  const spokeBefore = near(tok, cues.speech, m.start - 4, m.start, sIdx) && m.start > 0 && topic.locatives.has(tok.folded[m.start - 1]!);
  // Round 13 (places13): a speech verb, its speaker right after it, then the city ("ha detto
  // Aliyev ad Astana", "заявив Ільхам Алієв в Астані", "հայտարարել է Իլհամ Ալիևը Աստանայում"):
  // the place where that official spoke, not the venue of the deal named before the verb.
  const namedSpeaker = e.kind === 'places' && locative && cues.speech.some((q) => q >= m.start - 5 && q < m.start - 1 && tok.sentence[q] === sIdx && (personAt(q + 1) || personAt(q + 2)));
  const afterDeal = e.kind === 'places' && locative && !speechAfter && !future(m)
    && (((near(tok, termPos, m.start - 6, m.start, sIdx) || near(tok, cues.meeting, m.start - 4, m.start, sIdx)) && !near(tok, cues.speech, m.start - 2, m.start, sIdx) && !namedSpeaker)
      || (!spokeBefore && (near(tok, termPos, m.end, m.end + 3, sIdx) || signed(m))));
  c.mediatorCands.push({ name: e.kind === 'countries' || e.kind === 'mediators' ? e.name : e.country!, pos: m.start, always: !!e.always, venue, official: e.kind === 'actors' || (e.kind === 'countries' && (isOfficial(tok, m) || officialNear(m))), afterDeal, attached, demonym: !!e.demonym && !isOfficial(tok, m) && !officialNear(m), dateline: dateline && e.kind === 'places' });
}

/** A state's name (not a city): one `c.countryMentions` entry unless geography or a future venue. */
export function stateMention(r: CollectRun, e: LexEntry, m: Match, sIdx: number, s: NameScene, bypassed: boolean): void {
  const { topic, tok, c, cues, officialNear, future } = r;
  const { locative, speaks } = s;
  // A third state next to a border word is geography ("the border with Iran"), not a participant.
  // Round 19 (tagmed19b): also the first of a list before it ("shares a border with Iran and Turkey",
  // "با ایران و ترکیه مرز مشترک دارد").
  if (!e.party && (near(tok, cues.border, m.start - 2, m.end + 2, sIdx) || r.bordered(m))) return;
  // "Egyptian and Qatari mediation", "US-brokered": an adjective with a mediation word names a participant.
  const trueOfficial = isOfficial(tok, m) || officialNear(m);
  const official = trueOfficial || (!!e.demonym && near(tok, cues.mediation, m.start - 2, m.end + 2, sIdx));
  // A state right next to a mediation word mediates or hosts ("за посередництва Туреччини",
  // "hosted by Qatar"): it takes part in that story, whoever's talks they are (round 6).
  const mediating = !e.demonym && near(tok, cues.mediation, m.start - 2, m.end + 2, sIdx);
  // The venue of a future event ("the next conference will be held in Brazil") takes no part,
  // wherever it is named, unless its officials act (round 7).
  if (!official && !mediating && future(m)) return;
  // Round 13: a building named as the scene ("signed at the White House", "в Белом доме",
  // "Beyaz Saray'da") names its state as a city would: the host only in the title or lead of
  // a round of both parties (see `participants`), not a state taking part in a story that
  // recalls a past signing there (heldout-round10: 8 false United States).
  if (!official && !mediating && !speaks && m.entries.some((ei) => r.topic.lexicon.entries[ei]!.building === true)) return;
  c.countryMentions.push({ name: e.name, sentence: sIdx, pos: m.start, locative: locative && !e.cityState && !isDirectional(topic, tok, m), official, demonym: !!e.demonym, mediating, byMediation: !trueOfficial && (official || mediating), ...(bypassed ? { bypassed } : {}) });
}

/**
 * A place's name: listed in `c.places` when it is the scene (a capital only then), the scene
 * parties of `f`, and the state its city names as host or as government acting.
 */
export function placeMention(r: CollectRun, e: LexEntry, m: Match, f: SentenceFacts, sIdx: number, s: NameScene, v: NameVenue): void {
  const { topic, tok, c, cues, pA, nonStates, termPos, plainPlaces, future, crossed, sourcedBy } = r;
  const { locative, speaks, attributed } = s;
  const { attachedVenue, summitHost } = v;
  // A capital next to an institution of the city ("the Yerevan court", "tribunal de Ereván",
  // "Bakı Hərbi Məhkəməsi") is where it stands (round 6).
  // A capital next to a plain city (at most one word between them: "and"; a hyphen splits
  // words) is one end of a link between cities ("flights between Yerevan and Istanbul",
  // "Bakı-Tbilisi-Qars dəmir yolu", "Aktau-Bakü hattı"): a place (round 7). Two capitals
  // stay governments ("between Baku and Stepanakert", "Moscow and Kyiv").
  const linked = e.standIn && !attributed && (near(tok, plainPlaces, m.start - 2, m.start, sIdx) || near(tok, plainPlaces, m.end, m.end + 2, sIdx));
  // Round 10: four words after it, for verb-final lists ("Erivan ve Bakü'yü ziyaret edecek").
  // Round 9: a capital visited or travelled to ("Vance will visit Yerevan and Baku", "Վենսը
  // Երևանից մեկնեց Բաքու", "ეწვევა ერევანს") is a place of the story, not its government.
  // Not a capital opening its sentence, the subject that acts ("Баку отменил визит").
  // Round 13 (places13): only the sentence's first word is the acting subject; a capital second
  // in its sentence with a case ending ("Qatar Bakıdan çıxıb", "მატარებელი ბაქოდან გავიდა") is
  // where a journey starts or ends.
  const visited = e.standIn && m.start !== cues.sentenceStart[sIdx] && near(tok, cues.travel, m.start - 3, m.end + 4, sIdx);
  // Round 13: a capital on a route is a place of the story: crossed ("via Baku", "Bakü
  // üzerinden", "через Баку") or its end in a sentence with a transit word ("from Aktau
  // through Baku and Georgia to Yerevan", "przez Baku i Gruzję dotrze do Erywania").
  const routeEnd = e.standIn && !attributed && cues.transit.length > 0 && (crossed(m) || (near(tok, cues.transit, cues.sentenceStart[sIdx]!, m.start + 20, sIdx) && isDirectionalWord(topic, tok, m)));
  // Round 13 (places13): a capital that names a deal ("Washingtoner Vereinbarungen", "the
  // Washington accords", "توافق‌های واشنگتن", "porozumienia waszyngtońskie") names a document,
  // not a location of the story (tagging README: places "figure as locations"); a capital
  // that names a meeting ("the Washington summit", "sommet de Washington") is a meeting city.
  // Measured over all labeled sets: 22 false places fewer, 5 true ones lost (the older sets
  // that list the deal's city).
  const meetingNamed = attachedVenue && (near(tok, cues.meeting, m.end, m.end + 2, sIdx) || near(tok, cues.meeting, m.start - 2, m.start, sIdx));
  // Round 15 (tag15b): a meeting word, a genitive link, then the city ("l'incontro di Chisinau",
  // "the meeting of Granada", "la réunion de Chisinau"), for cities of no state entry too.
  const meetingOf = m.start >= 2 && MEETING_LINKS.has(tok.folded[m.start - 1]!) && near(tok, cues.meeting, m.start - 2, m.start - 1, sIdx);
  const scene = locative || meetingNamed || meetingOf || linked || visited || routeEnd || near(tok, cues.meeting, m.start - 1, m.end + 1, sIdx) || near(tok, cues.facility, m.start - 2, m.end + 2, sIdx);
  if (e.club) c.clubPlaces.add(e.name);
  // A world place (places.ts) is listed only as the scene: "in Liguria", "in parts of Tyrol and Valais" (round 9).
  if (e.worldPlace) {
    if (!attributed && isWorldPlaceScene(topic, tok, m, locative, plainPlaces)) c.places.add(e.name);
    return;
  }
  // Round 16: "no reply from Baku": the government's word, not a place (its scene facts stay).
  // Round 17 (tagsig17): asked for every stand-in capital that does not speak, in text order.
  const sourced = !!e.standIn && !attributed && sourcedBy(m);
  // Round 19 (tagsig19): a conflict region named as its war's name ("the first Karabakh war") is no location.
  const warName = !e.standIn && topic.scoring.conflictPlaces.includes(e.name) && warNamed(topic, tok, m);
  if ((!e.standIn && !warName) || (scene && !attributed && !sourced)) c.places.add(e.name);
  if (e.standIn && e.party && locative && !attributed) f.sceneParties |= e.party === pA ? 1 : 2;
  // A third state's city as the scene ("met in Abu Dhabi", "Astanada açıqladı") names the host
  // state as the scene of that sentence (round 7: README "a host state named in the text");
  // `participants` lists it where a state named as the scene would be listed.
  if (e.country && !e.party && locative && !attributed && !sourced && !summitHost && !isDirectional(topic, tok, m) && !future(m) && !nonStates.has(e.country) && !near(tok, termPos, m.start - 4, m.start, sIdx)) {
    c.countryMentions.push({ name: e.country, sentence: sIdx, pos: m.start, locative: true, official: false, demonym: false, city: true });
  }
  // A capital standing for its government ("Moscow warned", "В Баку считают", "Bakou a
  // dénoncé") is its state acting; a party's too (round 6: in a story about something else
  // the parties are not added as the process's sides).
  // Round 17 (tagsig17): so is a capital named as the source of its government's word or envoys
  // ("Delegations from Kyiv and Moscow arrived", "no reply from Baku"): README countries "states
  // whose officials act or speak in the story".
  else if (e.standIn && (speaks || sourced) && (e.country ?? e.party) && !nonStates.has((e.country ?? e.party)!)) {
    c.countryMentions.push({ name: (e.country ?? e.party)!, sentence: sIdx, pos: m.start, locative: false, official: true, demonym: false });
  }
}
