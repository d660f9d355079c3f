/**
 * Topic files: `config/topics/<id>.yaml`, parsed and validated with zod here (`parseTopicText`,
 * `readTopicData`: plain `TopicData`) and compiled once into a `Topic` (the lexicon indexes of
 * src/tagging/lexicon.ts plus the scoring parameters) by src/tagging/topic-compile.ts, which an
 * extraction thread loads without this module (issue 17 round 13: no yaml or zod in the threads).
 * The file format is documented in docs/tagging.md and in the talks topic's header.
 */
import { NotUtf8Error, readUtf8File } from '../config/utf8.js';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { CompiledLexicon } from './lexicon.js';
import { compileTopicData } from './topic-compile.js';

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

/** Scoring parameters (defaults are the talks topic's values). */
const scoring = z
  .strictObject({
    title: z.number().min(0).max(1).default(0.4),
    lead: z.number().min(0).max(1).default(0.25),
    body: z.number().min(0).max(1).default(0.45),
    bodyShareFull: z.number().positive().max(1).default(0.5),
    sentenceTermWeight: z.number().positive().default(1),
    negativeWeight: z.number().min(0).default(0.5),
    negativePenalty: z.number().min(0).max(1).default(0.3),
    otherDyadPenalty: z.number().min(0).max(1).default(0.3),
    backgroundWindow: z.number().int().min(0).max(10).default(3),
    mediatorWindow: z.number().int().min(1).max(50).default(6),
    /** Round 10: largest distance in words between a word of thanks and the mediator it names (topic `cues.gratitude`). */
    gratitudeWindow: z.number().int().min(1).max(50).default(12),
    // talks weight of a sentence that releases captives (cues `release` + `captive`)
    releaseWeight: z.number().min(0).max(5).default(1),
    /**
     * Round 15 (tagrel15c): the first year of the process (guideline rule 1: "2020 onward"); an
     * article naming the parties only in sentences dated to a month of an earlier year names no
     * party (history.ts). 0 (the default) turns the rule off.
     */
    historyBefore: z.number().int().min(0).max(3000).default(0),
    /**
     * Round 16 (tag16c): the dyad's conflict regions (canonical place names, "Karabakh"): a
     * paragraph naming one with a truce term and a mediation cue names both parties (conflict.ts).
     * Empty (the default) turns the rule off.
     */
    conflictPlaces: z.array(z.string()).default([]),
    /**
     * Round 16 (tag16c): member states of a mediating group, by the group's canonical name
     * (`OSCE Minsk Group: [Russia, United States, France]`): a sentence naming them all, in an
     * article where the group mediates, lists them as mediators too (signals.ts `addGroupMembers`).
     */
    groupMembers: z.record(z.string(), z.array(z.string())).default({}),
    // the score is multiplied by this when one party is not named at all
    missingPartyFactor: z.number().min(0).max(1).default(0.4),
    // a body sentence shorter than this many words that is not about the process is not
    // counted in the body share (boilerplate lines: "Share", a date, a weather line)
    minSentenceWords: z.number().int().min(0).max(20).default(5),
    // weight of a sentence's third-party cues (visa, accession: a process with someone else)
    thirdPartyWeight: z.number().min(0).max(5).default(1),
    // in an article whose title is about the process, a body sentence needs this share of
    // sentenceTermWeight (the headline sets the subject; a document's clauses elaborate it)
    framedTermFactor: z.number().min(0).max(1).default(1),
    // a role word ("president", "премьер") this many words from a party's name makes the
    // sentence name that party's official ("the President of Azerbaijan")
    roleWindow: z.number().int().min(0).max(5).default(3),
    // round 9: a sentence right after a process sentence of its paragraph needs this share of
    // sentenceTermWeight (the paragraph has set the subject: "The text was published. The document
    // has 17 articles and renounces territorial claims."); 1: no easing
    continuationFactor: z.number().min(0).max(1).default(1),
    // round 9: when the body's process sentences hold at least this share of its words, the body
    // share is at least that word share (guideline rule 7 is an amount of text: a round-up of two
    // one-line items and one long item on the talks); 0: sentences only
    wordMajority: z.number().min(0).max(1).default(0),
    // round 9: two states that are neither parties nor mediators named as a pair ("Congo and
    // Rwanda", "Thailand and Cambodia") in a sentence that names no party are another dyad
    // (guideline rule 6), counted as this many mentions of another dyad's parties (0: off).
    thirdPairMentions: z.number().int().min(0).max(5).default(0),
    // round 12 (tagrel12): a long analysis whose talks come late ("ports and ferries first, then
    // the Washington agreement and the constitution precondition"): when the body's process
    // sentences hold at least wordShareMin of its words and at least wordShareBoth of them name
    // both parties, the body share is at least that word share (guideline rule 7 weighs text;
    // one passing sentence, however long, is not enough); 0: off
    wordShareMin: z.number().min(0).max(1).default(0),
    wordShareBoth: z.number().int().min(1).max(10).default(2),
    // round 12 (tagrel12): a body of at least dialogueTurns lines opening with a dash or with
    // two alternating short labels ("Q:"/"A:", "Frage:"/"Antwort:", "س:"/"ج:") is an interview:
    // its turns are one conversation, so the parties named anywhere in it are the context of each
    // turn (a question "Has the constitution stalled the talks?" names no party); 0: off
    dialogueTurns: z.number().int().min(0).max(50).default(0),
    // round 10 (tagrel10): a sentence naming one party with the full talks weight, and a sentence
    // at most this many sentences away naming only the other party, neither naming a third state,
    // tell one step from each side ("Armenian border troops took over the delimited stretch." ...
    // "Azerbaijan's border service took the sections facing them."); 0: off
    sideWindow: z.number().int().min(0).max(5).default(0),
    // round 16 (tag16a): an article naming at most one party, one of whose talks sentences names
    // the sides as a pair ("both delegations", "the two leaders"), with at least this many
    // sentences of full talks weight and no other side named (src/tagging/implied.ts), is
    // framed by both parties; 0: off
    impliedSides: z.number().int().min(0).max(10).default(0),
    // round 16 (tag16a): on a live page (at least dialogueTurns lines opening with a clock time)
    // a body line of at least this many words counts, not minSentenceWords: the entries are the
    // page's content ("10:00 Turnout reaches 12 percent"), not boilerplate; 0: off
    liveEntryWords: z.number().int().min(0).max(20).default(0),
    // round 17 (tag17a): a sentence naming both parties as a pair ("peace between Armenia and
    // Azerbaijan is established", "Zwischen Armenien und Aserbaidschan ist Frieden hergestellt")
    // and no third state needs this share of sentenceTermWeight, as one naming both sides'
    // officials does: the pair is the subject of its talks word; 1: no easing
    pairedTermFactor: z.number().min(0).max(1).default(1),
    // round 17 (tag17a): in an article with a process sentence naming both parties, a body
    // sentence with talks weight of at least continuationFactor × sentenceTermWeight that is not
    // about the process on its own but names no other side ("Either we agree where and when to
    // sign, or we do not.") counts as this share of a process sentence in the body share (guideline
    // rule 7 weighs text about the process; short wire texts tell it in weak one-line paragraphs
    // after a quote attribution); 0: off
    weakShare: z.number().min(0).max(1).default(0),
    // round 10: a sentence right before a process sentence naming both parties (same or next
    // paragraph) needs this share of sentenceTermWeight: the next sentence says what it was about
    // ("Vance met Aliyev in Baku." "They discussed the peace agreement and TRIPP."); 1: no easing
    leadInFactor: z.number().min(0).max(1).default(1),
    // round 14 (tagrel14b): a headline naming officials of both parties and a first lead sentence
    // naming no party with at least this share of sentenceTermWeight in talks words (or the
    // reverse) tell one event: the weight is lent to the sentence naming the officials
    // ("Putin hosts Aliyev and Pashinyan" / "the deputy prime ministers are close to agreeing";
    // src/tagging/headline.ts); 0: off
    headlinePairFactor: z.number().min(0).max(1).default(0),
    // round 13 (tagrel13): a third-party cue at most this many words after an `occasion` cue
    // ("before the climate conference", "on the sidelines of the regional forum") or before an
    // `occasionAfter` cue ("konferansından önce") names the step's occasion, not a process with a
    // third party: it does not weigh (collect.ts); 0: off
    occasionWindow: z.number().int().min(0).max(6).default(0),
    // round 13 (tagrel13): talks weight added to a sentence naming both parties with a goods term
    // (`goods`: cargo, grain, fuel, train) and a route word: goods carried across one party to the
    // other is the transit step ("ładunki do Armenii mogą jechać przez nasze terytorium"); 0: off
    transitWeight: z.number().min(0).max(5).default(0),
    // round 10 (tagrel10b): a digest's section on the talks (src/tagging/section.ts): in a body
    // with at least sectionLabels paragraphs opening with a rubric label ("Sport: ..."), at least
    // sectionParagraphs paragraphs (sectionUnrelated naming no party and no talks term) and at
    // most sectionMaxNegative war sentences, a run of paragraphs with process sentences naming
    // both parties, holding at least sectionWords content words and sectionWordShare of the
    // body's words, counts as at least sectionShare of the body (0: off)
    sectionShare: z.number().min(0).max(1).default(0),
    sectionLabels: z.number().int().min(0).default(1),
    sectionWords: z.number().int().min(1).default(30),
    sectionWordShare: z.number().min(0).max(1).default(0.33),
    sectionParagraphs: z.number().int().min(2).default(4),
    sectionUnrelated: z.number().int().min(1).default(2),
    sectionMaxNegative: z.number().min(0).max(1).default(0.2),
    maxChars: z.number().int().positive().default(100_000),
  })
  .prefault({});

const topicFile = z.strictObject({
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
    .default({ negative: [], mediation: [], background: [], backgroundAfter: [], history: [], locative: [], locativeSuffixes: [], directional: [], directionalSuffixes: [], nearby: [], nearbyAfter: [], warWords: [], warLinks: [], handover: [], release: [], captive: [], reaction: [], thirdParty: [], role: [], articles: [], speech: [], border: [], meeting: [], boilerplate: [], sport: [], comparison: [], facility: [], upcoming: [], dated: [], travel: [], gratitude: [], occasion: [], occasionAfter: [], transit: [], transitSuffixes: [], sidelines: [], stance: [], voices: [], attempt: [], bypass: [], sourced: [], origins: [] }),
});

/**
 * Parses, validates and compiles a topic from its YAML text (`parseTopicText`, then
 * `compileTopicData`).
 * @param id the topic id (file name without `.yaml`)
 * @throws Error naming the first invalid path when the file does not match the format
 */
export function compileTopic(id: string, yamlText: string, source = `${id}.yaml`): Topic {
  return compileTopicData(id, parseTopicText(id, yamlText, source), source);
}

/** A topic file as validated (defaults filled in): plain data, what `compileTopicData` compiles. */
export type TopicData = z.infer<typeof topicFile>;

/** Scoring parameters of a topic. */
export type TopicScoring = z.infer<typeof scoring>;

/** A compiled topic (see `loadTopic`). */
export interface Topic {
  id: string;
  /** The two parties of the dyad (`parties` in the file). */
  parties: [string, string];
  /** `relevant` needs `score >= threshold` (0..1). */
  threshold: number;
  /** Round 15: language → the bit (1: first party, 2: second) of the party it implies (`homeLanguages`). */
  homeLanguages: Map<string, number>;
  /** Round 16: names of settlement terms (`settlementTerms`). */
  settlementTerms: Set<string>;
  /** Round 17: names of paired terms (`pairedTerms`). */
  pairedTerms: Set<string>;
  /** Round 18: names of the dyad's own anchor terms (`ownAnchors`). */
  ownAnchors: Set<string>;
  scoring: TopicScoring;
  lexicon: CompiledLexicon;
  /** Folded words after which a stand-in capital counts as a place ("in", "в", ...). */
  locatives: Set<string>;
  /** The same, compared as written (`=à`: French "à", not the English article "a"). */
  locativesExact: Set<string>;
  /** Folded word endings that make a stand-in capital a place (Armenian -ում, Azerbaijani -da). */
  locativeSuffixes: string[];
  /** The same endings as separate words (Turkish "Washington'da" is split at the apostrophe). */
  locativeClitics: Set<string>;
  /** Folded articles skipped before a locative word ("in the White House"). */
  articles: Set<string>;
  /** Folded locative words of direction or origin ("from", "to", "aus", "из"): no scene for a state (round 6). */
  directionals: Set<string>;
  /** Folded endings of direction or origin (-dan, -ից), also as clitics after an apostrophe. */
  directionalSuffixes: string[];
  /** Round 13: folded endings of transit (Armenian -ով): a third state with one is crossed by a route. */
  transitSuffixes: string[];
  /** Round 16: folded nouns of a government's word ("reply", "antwort", "cavab"); a trailing `*` marks a stem. */
  sourced: string[];
  /** Round 16: folded prepositions of origin ("from", "aus", "из", "de", "من"). */
  origins: Set<string>;
  /** Round 14: folded words of proximity before a place ("near", "près", "біля"): a locative, one linking word ("de", "a", "of") may stand between. */
  nearby: Set<string>;
  /** Round 14: folded postpositions of proximity after a place ("yakınlarında", "մերձակայքում", "ახლოს", "entfernt"): a locative. */
  nearbyAfter: Set<string>;
  /** Round 19 (tagsig19): folded war words ("war", "savaşı", "պատերազմում", "جنگ"): a conflict region next to one names the war. */
  warWords: Set<string>;
  /** Round 19 (tagsig19): folded genitive links between a war word and the region ("of", "del", "du", "um", "за"). */
  warLinks: Set<string>;
  /** Round 19 (tagsig19): folded words of handing over or conceding, `*` stems kept ("handover", "concession*", "transfert"). */
  handover: string[];
}

const SCRIPTS = [/\p{Script=Latin}/u, /\p{Script=Cyrillic}/u, /\p{Script=Armenian}/u, /\p{Script=Georgian}/u, /\p{Script=Arabic}/u, /\p{Script=Greek}/u];

/**
 * True when a word of a form has letters of more than one script (Latin, Cyrillic, Armenian,
 * Georgian, Arabic, Greek); words of different scripts are fine ("Гарегин II").
 */
function mixesScripts(form: string): boolean {
  return form.split(' ').some((word) => SCRIPTS.filter((re) => re.test(word)).length > 1);
}

/**
 * Parses and validates a topic file's YAML text into plain data (`TopicData`: the file with its
 * defaults filled in), without compiling it. The worker's main thread does this and hands the
 * data to its extraction threads (src/queue/extract-pool.ts), which compile it with
 * `compileTopicData` (src/tagging/topic-compile.ts) and so never load yaml or zod.
 * @param id the topic id (file name without `.yaml`)
 * @throws Error naming the first invalid path when the file does not match the format
 */
export function parseTopicText(id: string, yamlText: string, source = `${id}.yaml`): TopicData {
  let raw: unknown;
  try {
    raw = parseYaml(yamlText);
  } catch (err) {
    throw new Error(`${source}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const parsed = topicFile.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`${source}: ${problems.join('; ')}`);
  }
  const f = parsed.data;
  // Each party must be an entity of `entities.countries` that stands for it (`party: <name>`):
  // a misspelt party would compile and make every article score 0.
  f.parties.forEach((p, i) => {
    const e = f.entities.countries[p];
    if (!e) throw new Error(`${source}: parties.${i}: "${p}" names no entity of entities.countries (known: ${Object.keys(f.entities.countries).slice(0, 8).join(', ')}, ...)`);
    if (e.party !== p) throw new Error(`${source}: entities.countries.${p}.party: must be "${p}" (the entity of a party stands for it)`);
  });
  if (f.parties[0] === f.parties[1]) throw new Error(`${source}: parties: the two parties must differ`);
  for (const [lang, p] of Object.entries(f.homeLanguages)) {
    if (!f.parties.includes(p)) throw new Error(`${source}: homeLanguages.${lang}: "${p}" is not one of parties (${f.parties.join(', ')})`);
  }
  f.settlementTerms.forEach((t, i) => {
    if (!f.terms[t]) throw new Error(`${source}: settlementTerms.${i}: "${t}" names no entry of terms`);
  });
  f.pairedTerms.forEach((t, i) => {
    if (!f.terms[t]) throw new Error(`${source}: pairedTerms.${i}: "${t}" names no entry of terms`);
  });
  f.capitalPairTerms.forEach((t, i) => {
    if (!f.terms[t]) throw new Error(`${source}: capitalPairTerms.${i}: "${t}" names no entry of terms`);
  });
  f.ownAnchors.forEach((t, i) => {
    if (!f.terms[t]) throw new Error(`${source}: ownAnchors.${i}: "${t}" names no entry of terms`);
  });
  for (const kind of ['countries', 'actors', 'places', 'mediators', 'others', 'names'] as const) {
    for (const [name, e] of Object.entries(f.entities[kind])) {
      if (e.party && !f.parties.includes(e.party)) throw new Error(`${source}: entities.${kind}.${name}.party: "${e.party}" is not one of parties (${f.parties.join(', ')})`);
    }
  }
  // A word that mixes scripts (a Cyrillic "а" typed in a Latin word) never matches any text: an
  // error with its path, like a misspelt key.
  const checkForms = (path: string, list: string[]): void => {
    list.forEach((form, i) => {
      if (mixesScripts(form)) throw new Error(`${source}: ${path}.${i}: "${form}" mixes scripts (it can never match)`);
    });
  };
  for (const kind of ['countries', 'actors', 'places', 'mediators', 'others', 'names'] as const) {
    for (const [name, e] of Object.entries(f.entities[kind])) {
      checkForms(`entities.${kind}.${name}.forms`, e.forms);
      if (e.demonyms) checkForms(`entities.${kind}.${name}.demonyms`, e.demonyms);
    }
  }
  for (const [name, t] of Object.entries(f.terms)) checkForms(`terms.${name}.forms`, t.forms);
  for (const [cue, list] of Object.entries(f.cues)) checkForms(`cues.${cue}`, list);
  return f;
}

/**
 * Loads and compiles `<dir>/<id>.yaml`.
 * @throws Error naming the file when it is missing, not UTF-8 (the byte offset named) or malformed
 */
export function loadTopicFile(id: string, dir: string): Topic {
  const { data, source } = readTopicData(id, dir);
  return compileTopicData(id, data, source);
}

/**
 * Reads and validates `<dir>/<id>.yaml` (see `parseTopicText`); `source` is the file's path, for
 * the messages of `compileTopicData`.
 * @throws Error naming the file when it is missing, not UTF-8 (the byte offset named) or malformed
 */
export function readTopicData(id: string, dir: string): { data: TopicData; source: string } {
  const file = join(dir, `${id}.yaml`);
  let text: string;
  try {
    text = readUtf8File(file);
  } catch (err) {
    if (err instanceof NotUtf8Error) throw new Error(`${file}: topic file ${err.message}`);
    throw new Error(`${file}: cannot read topic file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return { data: parseTopicText(id, text, file), source: file };
}
