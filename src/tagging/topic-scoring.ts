/**
 * The scoring parameters of a topic file (`scoring:` in `config/topics/<id>.yaml`) as a zod schema,
 * each with its default (the talks topic's values), its bounds and the round that added it. Part of
 * the file format of src/tagging/topic-schema.ts; loaded only where a topic file is parsed (never
 * in the extraction threads: issue 17 round 13).
 */
import { z } from 'zod';

/** Scoring parameters (defaults are the talks topic's values). */
export const scoring = z
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

/** Scoring parameters of a topic (the validated `scoring:` section, defaults filled in). */
export type TopicScoring = z.infer<typeof scoring>;
