/**
 * The format of a topic file (`config/topics/<id>.yaml`) as a zod schema: its entities, terms,
 * cues and lists of term names; the scoring parameters are in src/tagging/topic-scoring.ts.
 * Checks across fields (parties, names of terms, scripts) are made by `parseTopicText`
 * (src/tagging/topic.ts). The format is documented in docs/tagging.md and in the talks topic's header.
 */
import { z } from 'zod';
import { scoring } from './topic-scoring.js';

const forms = z.array(z.union([z.string(), z.number()]).transform(String)).default([]);
const entity = z.strictObject({
  party: z.string().optional(),
  country: z.union([z.string(), z.boolean()]).optional(),
  mediator: z.boolean().optional(),
  always: z.boolean().optional(),
  other: z.boolean().optional(),
  standIn: z.boolean().optional(),
  /** A building (White House): never listed as a place itself; its `implies` (its city) are. */
  building: z.boolean().optional(),
  /**
   * A place that is also the name of a sports club (Karabakh: FK Qarabağ): not listed as a place
   * in an article that is not about the process and has a `sport` cue.
   */
  club: z.boolean().optional(),
  anchor: z.boolean().optional(),
  /** Places this entity also names ("Karabakh Armenians" → Karabakh). */
  implies: z.array(z.string()).optional(),
  forms,
  /**
   * Adjectives of nationality ("Armenian", "армянский", "azerbaïdjanais"): they name the party
   * like `forms`, but the state is listed among the countries taking part only when an
   * official of it is meant ("the Armenian foreign minister"), not a nationality ("Azerbaijani
   * champions", "Armenian grandmasters").
   */
  demonyms: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
});
// `role`: the term names officials ("foreign ministers", "Dışişleri Bakanlığı"): a state next to
// it is named with its officials, as next to a `cues.role` word the term's match covers (round 5).
const term = z.strictObject({ weight: z.number().min(0).max(5), anchor: z.boolean().optional(), pairable: z.boolean().optional(), handover: z.boolean().optional(), dyadic: z.boolean().optional(), role: z.boolean().optional(), route: z.boolean().optional(), goods: z.boolean().optional(), truce: z.boolean().optional(), unmediated: z.boolean().optional(), venue: z.string().optional(), scene: z.boolean().optional(), forms });

/** The whole topic file: what `parseTopicText` (src/tagging/topic.ts) validates. */
export const topicFile = z.strictObject({
  id: z.string().optional(),
  description: z.string().optional(),
  parties: z.array(z.string()).length(2),
  /** Inflection endings per language, allowed after a `stem~` word. */
  endings: z.record(z.string(), forms).default({}),
  /** Proclitics per language (Arabic و ب ل ال): a word is also looked up without one. */
  proclitics: z.record(z.string(), forms).default({}),
  /**
   * Spelling conventions of names in Latin script, `[from, to]` (kh → j in Spanish, sh → ch in
   * French, yan → ian, yev → jew in German): every Latin form of an actor also matches with one
   * or two of them applied ("Mukhtar Babayev" → "Mujtar Babayev", "Moukhtar Babaiev").
   */
  transliterations: z.array(z.tuple([z.string().min(1), z.string()])).default([]),
  threshold: z.number().min(0).max(1).default(0.5),
  /**
   * Languages (i18n-iso-countries locales) in which every UN member state's name is matched as a
   * state (src/tagging/states.ts); the topic's own entities win. Empty: only the topic's states.
   */
  worldStates: z.array(z.string().regex(/^[a-z]{2,3}$/)).default([]),
  worldPlaces: z.boolean().default(false),
  /**
   * Round 15 (tag15a): a party's own language (primary subtag → party name, e.g. `az: Azerbaijan`):
   * its press writes "the president's aide", "our constitution" for its own side and names only
   * the other party. Each value must be one of `parties`. Empty: no party is implied.
   */
  homeLanguages: z.record(z.string().regex(/^[a-z]{2,3}$/), z.string()).default({}),
  /**
   * Round 16 (tag16a): names of `terms` that only a settlement between two states uses (peace
   * treaty, delimitation, territorial integrity): an article naming one party or none is read as
   * the dyad's only with one of them (src/tagging/implied.ts). Each must be a key of `terms`.
   */
  settlementTerms: z.array(z.string()).default([]),
  /**
   * Round 17 (tag17a): names of `terms` that, in a sentence naming both parties as a pair ("peace
   * between Armenia and Azerbaijan is established"), need only `scoring.pairedTermFactor` of the
   * sentence weight (src/tagging/score.ts markProcess). Each must be a key of `terms`.
   */
  pairedTerms: z.array(z.string()).default([]),
  /**
   * Round 18 (tagrel18c): names of `terms` that are the pair's process like `pairedTerms` when
   * both parties are named as a pair by their capitals, the stand-ins for their governments
   * ("Aplazada la reunión entre Bakú y Ereván"); the states' names paired with a meeting word are
   * often no talks ("the Armenia-Azerbaijan wrestling bout"). Each must be a key of `terms`.
   */
  capitalPairTerms: z.array(z.string()).default([]),
  /**
   * Round 18 (tagrel18b): names of `terms` that are bodies of this dyad's process alone (the OSCE
   * Minsk Group): in the headline or first paragraph of an article naming no party and no other
   * side they name the dyad (src/tagging/own-anchor.ts). Each must be a key of `terms`.
   */
  ownAnchors: z.array(z.string()).default([]),
  scoring,
  entities: z
    .strictObject({
      countries: z.record(z.string(), entity).default({}),
      actors: z.record(z.string(), entity).default({}),
      places: z.record(z.string(), entity).default({}),
      mediators: z.record(z.string(), entity).default({}),
      others: z.record(z.string(), entity).default({}),
      // Names that contain a state or a city but stand for neither (media: "France 24", "the
      // Washington Post", "The Moscow Times"): matched so that the name inside is not read;
      // they yield no signal (issue 12 round 5).
      names: z.record(z.string(), entity).default({}),
    })
    .default({ countries: {}, actors: {}, places: {}, mediators: {}, others: {}, names: {} }),
  terms: z.record(z.string(), term).default({}),
  cues: z
    .strictObject({
      negative: forms,
      mediation: forms,
      background: forms,
      // Round 18 (tag18a): the same cue written after its noun ("հրադադարից հետո", "ateşkesten
      // sonra", "ზავის შემდეგ"): halves the last talks term before it, at most `scoring.backgroundWindow` words back.
      backgroundAfter: forms.default([]),
      history: forms,
      locative: forms,
      locativeSuffixes: forms,
      // Round 6: the locative words and endings of direction or origin ("from", "to", "aus",
      // "из", Azerbaijani/Turkish -dan, Armenian -ից): a state after one is a route, a
      // destination or an origin ("remittances from Russia", "oil heading to Turkey"), not the scene.
      directional: forms.default([]),
      directionalSuffixes: forms.default([]),
      // Round 14 (tagsig14b): words of proximity before a place, with one linking word skipped
      // ("near", "près de", "cerca de", "vicino a", "біля", "pod"), and postpositions after it
      // ("Kişinev yakınlarında", "Քիշնևի մերձակայքում", "კიშინიოვთან ახლოს", "35 km von X
      // entfernt"): the place is the scene's reference point, a locative like "in".
      nearby: forms.default([]),
      nearbyAfter: forms.default([]),
      // Round 19 (tagsig19): folded words of war that make a conflict region (scoring.conflictPlaces)
      // the name of a war, not a location ("the first Karabakh war", "guerra del Karabakh",
      // "Karabağ Savaşı", "جنگ قره‌باغ"); `warLinks`: the genitive words between war and region.
      warWords: forms.default([]),
      warLinks: forms.default([]),
      // Round 19 (tagsig19): nouns and verbs of handing over or conceding (`*` a stem): a capital after
      // one and a dative ("the land handover to Baku", "transfert ... à Bakou", "concessions to Baku")
      // receives as a government, it is no place.
      handover: forms.default([]),
      // Round 20 (tagsig20): words of relation and aid (`*` a stem): a capital joined to one
      // by "with"/"to" ("cooperation with Baku", "support to Baku", "ties with Moscow") is its government (partner.ts).
      relation: forms.default([]),
      // Release of captives: in a sentence with a `release` cue, `captive` words (servicemen,
      // soldiers) are a prisoner release (guideline rule 3), not a war cue.
      release: forms,
      captive: forms,
      // Reactions to a step (protests, rallies, votes): not war or domestic cues; a reaction
      // sentence continues the process it follows (guideline rule 4).
      reaction: forms,
      // A process with a third party (visa talks, accession): talks terms in such a sentence
      // are not the dyad's process (guideline rule 6).
      thirdParty: forms,
      // Role words of officials (president, prime minister, minister) in every language.
      role: forms,
      // Articles skipped when looking for a locative word ("in the White House", "à la Maison Blanche").
      articles: forms,
      // Signals (issue 12, round 2). Speech and opinion verbs: a capital followed by one is the
      // government speaking ("in Baku they insist", "В Баку считают"), not a place; a city after
      // one is where somebody spoke, not the venue of a round ("said in Tbilisi").
      speech: forms.default([]),
      // Border words: a third state named next to one is geography ("from the junction with
      // Georgia to the border with Iran"), not a participant.
      border: forms.default([]),
      // Meeting nouns: a city next to one is the venue of a round ("the Washington summit").
      meeting: forms.default([]),
      // Boilerplate lines (weather, "Read also"): a short sentence with one yields no signal.
      boilerplate: forms.default([]),
      // Sport words (match, club, league, stadium): in an article with one that is not about the
      // process, a `club` place names the club ("Qarabag hold Chelsea in Baku"), not the region.
      sport: forms.default([]),
      // Comparison words ("unlike", "на відміну від", "à la différence de"): a sentence with one
      // that names the parties compares another story with theirs; in an article not framed by
      // both parties it is not their process, and they do not take part in that story.
      comparison: forms.default([]),
      // Institutions and facilities of a city (court, schools, stadium, conference: round 6): a
      // stand-in capital next to one is the place where they are ("the Yerevan court", "un
      // tribunal de Ereván", "مدارس تهران", "la Cop29 di Baku"), not its government.
      facility: forms.default([]),
      // Words for the next event ("next", "növbəti", "il prossimo", "المقبل": round 7): next to a
      // meeting or facility word ("the next conference will be held in Brazil") they name a future
      // event, whose venue is not a state taking part in the story nor the host of its round.
      upcoming: forms.default([]),
      // Round 13: words placing a step by another event, before it ("before", "on the sidelines
      // of", "на полях") or, in `occasionAfter`, after it ("önce", "առաջ"): see scoring.occasionWindow.
      occasion: forms.default([]),
      occasionAfter: forms.default([]),
      dated: forms.default([]),
      travel: forms.default([]),
      // Round 10: words of thanks (thanked, remercié, agradeció, подякував, teşekkür, მადლობა, تشکر):
      // a mediator-capable state or official thanked by a party in a story about the talks mediated them.
      gratitude: forms.default([]),
      // Round 13: words of transit ("via", "через", "przez", "üzerinden", "გავლით", "عبر", "از راه"):
      // a third state crossed by a route ("cargo will reach Armenia via Georgia") takes no part in
      // the story (tagging README: states taking part; heldout-round10's transit items).
      transit: forms.default([]),
      // Round 13: word endings of transit (Armenian instrumental -ով: "Վրաստանով", through Georgia).
      transitSuffixes: forms.default([]),
      // Round 13: words of a meeting held on the margins of another event ("on the sidelines of",
      // "на полях", "en marge de", "am Rande", "على هامش"): the city of that event hosts the
      // multilateral summit, not the round of the two parties (heldout-round10's CIS summit items).
      sidelines: forms.default([]),
      // Round 13: words of a third party's stance on a step (welcomes, supports, begrüßt,
      // приветствует, يرحب): a state or official that welcomes in a title takes a stance on the
      // talks, it does not mediate them (heldout-round10's third-state welcomes).
      stance: forms.default([]),
      // Round 14: nouns of a government and its offices (government, ministry, authorities,
      // Regierung, власти, السلطات): right before "in <capital>" they make the capital the
      // government's seat, not a place of the story ("Die Regierung in Eriwan wertete", "Rząd w Erywaniu").
      voices: forms.default([]),
      // Round 19 (tagmed19b): words of an attempt or a failure to settle ("tried", "could not
      // achieve", "не смогли", "próbowało", "non è riuscita"): a mediator-capable state or body named
      // with one in a story about the talks is a past mediator named through its failure ("neither
      // the EU nor Russia could achieve it": README mediators, "now or in the past, including
      // background mentions"), listed under mediators only.
      attempt: forms.default([]),
      // Round 19 (tagmed19b): words of a route that avoids a state ("bypassing Russia", "without
      // passing through Iran", "в обход России", "Rusya'yı bypass eden"): the state named with one
      // takes no part in the story and hosts nothing (README countries).
      bypass: forms.default([]),
      // Round 16 (tag16b): nouns of a government's word or envoys (reply, readout, proposals,
      // Antwort, ответ, cavab, პასუხი; `*` a stem), and the prepositions of origin (from, aus, из,
      // de, من, از): "no reply from Baku", or in the case languages the noun right after the capital
      // in the ablative ("Bakü'den yanıt", "İrəvandan cavab"): the capital is its government there,
      // not a place (collect.ts, route.ts `governmentSource`). Plain word lists, not matched forms,
      // so they take no word from a term or another cue.
      sourced: forms.default([]),
      origins: forms.default([]),
    })
    .default({ negative: [], mediation: [], background: [], backgroundAfter: [], history: [], locative: [], locativeSuffixes: [], directional: [], directionalSuffixes: [], nearby: [], nearbyAfter: [], warWords: [], warLinks: [], handover: [], relation: [], release: [], captive: [], reaction: [], thirdParty: [], role: [], articles: [], speech: [], border: [], meeting: [], boilerplate: [], sport: [], comparison: [], facility: [], upcoming: [], dated: [], travel: [], gratitude: [], occasion: [], occasionAfter: [], transit: [], transitSuffixes: [], sidelines: [], stance: [], voices: [], attempt: [], bypass: [], sourced: [], origins: [] }),
});

/** A topic file as validated (defaults filled in): plain data, what `compileTopicData` compiles. */
export type TopicData = z.infer<typeof topicFile>;
