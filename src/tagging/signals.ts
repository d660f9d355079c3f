/**
 * The signal phases of the decision (src/tagging/score.ts), split from it in issue 12 round 7:
 * which states take part in the story (`participants`, the `countries` convention of
 * ../shared/corpus/tagging/README.md) and which third parties mediate the talks (`mediatorsOf`).
 * Plain data in (the collected facts, the frame, the process sentences), sets of canonical names out.
 */
import { BOTH, type Collected, type Frame } from './facts.js';
import { afterPairJoin, hasYear } from './position.js';
import type { Tokens } from './tokenize.js';
import type { Topic } from './topic.js';

/**
 * Largest distance in words between the starts of two neighbouring states of one list ("de la
 * France, des États-Unis et de la Russie": a two-word name, a conjunction and an article; round 7,
 * 4 before).
 */
const LIST_GAP = 5;
/** Round 13: words between a title's stance or speech word and the state or official it is about ("Merz: Deutschland unterstützt"). */
const TITLE_STANCE = 3;
/** Longest name of a standing format in words ("Groupe de Minsk de l'OSCE": 6), the start of a member list after it. */
const FORMAT_NAME = 7;

/**
 * Phase 6: a state takes part (the `countries` convention) when one of its officials is named
 * (a lexicon actor, added in `collect`, or "Italian Prime Minister ..."), when it is named in
 * the title or lead, as the scene ("in Russia"), or in a sentence about the process that is not
 * background (no year, no "historically").
 */
export function participants(topic: Topic, tok: Tokens, c: Collected, fr: Frame, process: boolean[], relevant: boolean): Set<string> {
  const countries = new Set(c.countries);
  const window = topic.scoring.mediatorWindow;
  // Sentences that name a standing format (the Minsk Group), and the one after each: "The OSCE
  // closed the Minsk Group. The group, co-chaired by Russia, France and the US, ..." (round 7).
  const formatSentences = new Set(c.mediatorCands.filter((m) => m.always).flatMap((m) => [tok.sentence[m.pos]!, tok.sentence[m.pos]! + 1]));
  // The last format member skipped (sentence, position): the next states of the same list
  // ("co-chaired by France, Russia and the United States") are members too, however far the list runs.
  let member = { sentence: -1, pos: -100 };
  // A story that names neither party, no talks term and no other dyad (weather, markets, a
  // frost warning) reports no events states take part in: a state named there is a scene or a
  // source ("passes in Switzerland and Austria were closed", "sales from China"), listed only
  // when the title names it as the story's subject ("India's lander touches down") or its
  // official is named (README: "states whose officials act or speak"; round 8).
  const unrelated = c.allParties === 0 && c.facts.every((f) => f.terms === 0 && !f.other);
  // Round 17 (tagsig17): without a headline the lead's first sentence stands in for it ("Russland
  // hebt Visumpflicht für Georgier auf ...": the story's subject), as for `titleProcess` in score.ts;
  // only a state opening that sentence, its subject: not one named further on ("frost in the east of
  // Poland", "a guinea pig ate from china plates"), nor as the scene ("In Austria, snow closed ...").
  const headline = fr.titleIdx === 0 ? -1 : fr.leadStart;
  const headlineStart = headline >= 0 ? tok.sentence.indexOf(headline) : -1;
  for (const m of c.countryMentions) {
    if (unrelated && !m.official && m.sentence !== fr.titleIdx && (m.pos !== headlineStart || m.locative)) continue;
    if (!m.official && !m.locative && m.sentence === member.sentence && m.pos - member.pos <= LIST_GAP) {
      member = { sentence: m.sentence, pos: m.pos };
      continue;
    }
    // A state named only as a member of a standing mediation format ("the Minsk Group, co-chaired
    // by France, Russia and the United States") is listed under mediators, not as a state taking
    // part; a mediator of the reported round ("with the mediation of France") takes part.
    // The mediation word may come before or after the states ("the format that Russia, France
    // and the United States co-chaired", verb-final "Rusya, Fransa ve ABD'nin eş başkanlık
    // ettiği"): issue 12 round 5.
    if (!m.official && !m.locative && formatSentences.has(m.sentence) && c.mediationCues.some((q) => Math.abs(m.pos - q) <= window && tok.sentence[q] === m.sentence)) {
      member = { sentence: m.sentence, pos: m.pos };
      continue;
    }
    // A state named as the broker or venue of a truce of this dyad's war, in a story that is not
    // about the talks ("the truce agreed in Moscow under Russian auspices collapsed"), is a
    // background mediator (listed by `mediatorsOf`), not a state taking part (round 10).
    if (m.byMediation && !relevant && c.allParties === BOTH && truceOfDyad(topic, tok, c, fr, m.sentence, -1)) continue;
    // Round 19 (tagsig19): third states of a list of other conflicts ("Trump ended the conflicts between
    // Thailand and Cambodia, Israel and Iran, Serbia and Kosovo"): named as comparison (README countries:
    // "not listed: states mentioned only as background, history or comparison") in a story about the
    // process, unless their officials act or the state is the scene. (In a story on another dyad,
    // "Thailand and Cambodia signed a truce with the support of the United States and China", they act.)
    if (relevant && !m.official && c.facts[m.sentence]!.pairJoins >= 2 && (!m.locative || afterPairJoin(topic, tok, m.pos)) && !topic.parties.includes(m.name)) continue;
    // Round 19 (tagmed19b): a state named through its attempt or failure to settle ("neither the EU
    // nor Russia could achieve it") is a past mediator (`mediatorsOf`), background here (README
    // countries: "not listed: states mentioned only as background"), unless its officials act or
    // it is the scene.
    if (relevant && !m.official && !m.locative && !topic.parties.includes(m.name) && attemptedBy(topic, tok, c, m.pos)) continue;
    // Round 19 (tagmed19b): a state a route avoids ("the corridor links Asia to Europe without passing
    // through Iran or Russia"), in a story about the process: it takes no part (README countries).
    // (dev-round12's Middle Corridor hard negatives list "a route bypassing Russia": kept there.)
    if (relevant && m.bypassed === true) continue;
    // Parties named in such a comparison do not take part in the story.
    if (c.facts[m.sentence]!.comparison && fr.framing !== BOTH && topic.parties.includes(m.name) && !process[m.sentence]) continue;
    // A sports or contest story that is not about the process (two sport or contest cues: a
    // match, a Grand Prix, a chess olympiad, Eurovision) names states as the nationality of teams
    // and players (README: not listed): only their officials, or the state as the scene, take part (round 6).
    if (!relevant && c.sportCues >= 2 && !m.official && !m.locative) continue;
    // An adjective of nationality counts only for an official ("the Armenian foreign minister").
    if (m.demonym) {
      if (m.official) countries.add(m.name);
      continue;
    }
    // A third state's city as the scene names its state as the host only in the title or lead of
    // a story about the process, as the scene of a process sentence that is not background ("met
    // in Abu Dhabi" → UAE; not "the declaration signed in Washington in August": round 7).
    if (m.city) {
      const fs = c.facts[m.sentence]!;
      // Round 15 (tagsig15c): not in a sentence that tells the meeting as held without mediators
      // ("Aliyev y Pashinián conversan en San Petersburgo sin mediadores"): the city is its venue,
      // not a host state named in the text (README countries: "a host state named in the text").
      if (relevant && m.sentence < fr.leadEnd && process[m.sentence] && fs.officials === BOTH && !fs.background && !fs.history && !fs.unmediated && !hasYear(tok, m.sentence)) countries.add(m.name);
      continue;
    }
    // In a story about another process, a state next to a mediation word mediates or hosts it
    // ("Зустріч відбулася за посередництва Туреччини"): it takes part (round 6; in a story about
    // this process its mediators are found by `mediatorsOf`, and co-chairs are format members).
    // A body sentence that places its event in a month ("at a US-hosted summit in August",
    // "достигнутых в августе в Вашингтоне") is background like one with a year (round 9: README
    // "not listed: states mentioned only as background"); the title and lead report the event itself.
    const dated = hasYear(tok, m.sentence) || c.facts[m.sentence]!.dated;
    if (m.sentence < fr.leadEnd || m.locative || m.official || (m.mediating && !relevant && !c.facts[m.sentence]!.history && !c.facts[m.sentence]!.background && !dated) || (process[m.sentence] && !c.facts[m.sentence]!.history && !dated)) countries.add(m.name);
  }
  return countries;
}

/** Round 19: words after a third state's official within which a stance word ("welcomes") makes it a reaction, not a seat at the table. */
const STANCE_AFTER = 6;

/** Phase 7: mediators of the talks among the mediator-capable entities named. */
export function mediatorsOf(topic: Topic, tok: Tokens, c: Collected, fr: Frame, process: boolean[], titleProcess: boolean, relevant: boolean): Set<string> {
  const mediators = new Set<string>();
  if (c.allParties !== BOTH) return mediators;
  const facts = c.facts;
  const meetingSentences = new Set(c.meetingCues.map((q) => tok.sentence[q]!));
  const meetingIn = (sent: number): boolean => meetingSentences.has(sent);
  const formatNamed = c.mediatorCands.some((m) => m.always);
  // Round 15 (tagsig15c): mediator-capable names with a mediation word within the window of the
  // same sentence ("acogida por Emiratos Árabes Unidos"): the text presents them as host or mediator.
  const hostNamed = new Set(c.mediatorCands.filter((m) => c.mediationCues.some((q) => Math.abs(q - m.pos) <= topic.scoring.mediatorWindow && tok.sentence[q] === tok.sentence[m.pos])).map((m) => m.name));
  // The last state listed after a mediation word (sentence, word position).
  let lastListed = { sentence: -1, pos: -100 };
  for (const cand of c.mediatorCands) {
    if (cand.always) {
      mediators.add(cand.name);
      // Its members listed right after it start a list ("en présence des co-présidents du Groupe
      // de Minsk de l'OSCE, Russie, États-Unis et France": round 8).
      lastListed = { sentence: tok.sentence[cand.pos]!, pos: cand.pos + FORMAT_NAME - LIST_GAP };
      continue;
    }
    if (!isMediatorCapable(topic, cand.name)) continue;
    let sent = tok.sentence[cand.pos]!;
    // Round 15 (tag15b): a dateline on its own line ("11 января 2021 года, Москва", "مسکو ۱۰ نوامبر
    // ۲۰۲۰") is the scene of the sentence after it: that sentence's facts decide.
    // Only for a meeting there (a meeting word in that sentence), not one side speaking ("Astana /
    // Aliyev: cargo to Armenia may now cross Azerbaijan") nor a prize handed to both leaders
    // (dev-round14 `r14-pos-ar-002`; "both officials and a strong term" was tried: it made that UAE).
    const shifted = cand.dateline === true && facts[sent]!.parties === 0 && facts[sent]!.terms === 0 && sent + 1 < facts.length && tok.sentencePara[sent + 1] !== tok.sentencePara[sent];
    if (shifted) {
      sent++;
      if (!meetingIn(sent)) continue;
    }
    // Round 15 (tagsig15c): a sentence that says the meeting had no mediator ("Aliyev y Pashinián
    // conversan en San Petersburgo sin mediadores", "... بدون میانجی گفت‌وگو کردند") names its venue,
    // not a host that mediated (README: mediators are third parties the text presents as mediating).
    // Unless the text names that state as host or mediator elsewhere, with a mediation word by it
    // ("sin mediadores, acogida por Emiratos Árabes Unidos", "Eingeladen hatte der Präsident der
    // Vereinigten Arabischen Emirate": rounds 5, 6, 11 list the host of a meeting without mediators).
    if (facts[sent]!.unmediated && !hostNamed.has(cand.name)) continue;
    // Named in a title about the process ("US-brokered deal", "talks in Almaty"), but not as an
    // adjective of origin ("Kazakh wheat reaches Armenia via Azerbaijan").
    // Round 13: not a state or official that welcomes or speaks in that title ("Wadephul begrüßt
    // Erklärung", "Merz: Deutschland unterstützt Frieden", "Rome welcomes the Washington
    // declaration"): a stance on the talks, not their mediation.
    const stance = sent === fr.titleIdx && [...c.stanceCues, ...c.speechCues].some((q) => tok.sentence[q] === sent && Math.abs(q - cand.pos) <= TITLE_STANCE);
    if (titleProcess && sent === fr.titleIdx && !cand.demonym && !stance && !shifted) {
      mediators.add(cand.name);
      continue;
    }
    // The venue of the reported round is its host ("initialled in Washington on Friday",
    // "talks in Almaty"): a city named as the scene of a process sentence in the title or
    // lead, not framed as background ("after the summit in Washington") or history.
    const fs = facts[sent]!;
    // A third state's official at the table with officials of both parties in a process
    // sentence ("Aliyev and Pashinyan met Macron and Michel") takes part as a mediator.
    // Round 15 (tag15b): also in a sentence with a background word: "after a dinner with Aliyev and
    // Pashinyan, Michel said", "dopo un incontro con Macron e Michel", "... arasında görüşdən sonra",
    // Persian "دور بعد" ("the next round"): who sat at the table mediated, now or in the past
    // (README); measured over all sets: 8 mediators found, none false.
    // Round 19 (tagact19): not one who welcomes the meeting of the two ("Blinken se félicite de la
    // rencontre entre Mirzoyan et Bayramov"): a stance word within 6 words after the official ("US Secretary of State Antony Blinken welcomed") is no seat at the table.
    const welcomes = c.stanceCues.some((q) => tok.sentence[q] === sent && q > cand.pos && q - cand.pos <= STANCE_AFTER);
    const atTable = cand.official && fs.officials === BOTH && !fs.history && !welcomes;
    // A venue where both parties (or "the two sides") met or signed hosted that round, even a past
    // one ("the Washington summit confirmed both sides' intent"): the convention lists past
    // mediators too; a venue in a background clause ("weeks after the summit in Washington") does not count.
    // The background clause is the one before the venue ("weeks after the summit in Washington"),
    // not one after it ("talks in the Emirati capital before accepting a prize": round 6).
    const venueInBackground = c.backgroundCues.some((q) => q < cand.pos && cand.pos - q <= topic.scoring.mediatorWindow && tok.sentence[q] === sent);
    // Round 7: both parties named as a pair, by their officials or with a meeting word; not one
    // side's announcement abroad ("Aliyev announced in Astana that curbs on transit to Armenia
    // were lifted" is no round hosted by Kazakhstan).
    const roundOfBoth = (fs.parties === BOTH && (fs.paired || fs.officials === BOTH || meetingIn(sent))) || fs.dyadic;
    const hostedBoth = cand.venue && roundOfBoth && !venueInBackground;
    // Leaders of a mediator-capable state meeting one party's leader in a process sentence of an
    // article about the talks ("Pashinyan will meet Michel, Macron and Scholz in Granada") take part as mediators.
    // Round 8: or joining a meeting of the process without a party named in that sentence ("the next
    // meeting ... where Macron and Scholz will join the talks", "the meeting planned with Macron,
    // Scholz and Michel"); not speaking of it ("Blinken welcomed the meeting").
    const speaks = c.speechCues.some((q) => tok.sentence[q] === sent);
    // Round 15 (tag15b): or meeting a round that names both parties as states ("Azerbaycan ve Ermenistan
    // ... ABD Dışişleri Bakan Yardımcısı ile görüştü"); measured: 2 found, none false. Not in a sentence
    // with a background word (tried: "dopo un incontro con Macron" +2, but 2 false in r10 and r7).
    const metOne = relevant && cand.official && !welcomes && (fs.officials !== 0 || fs.parties === BOTH || (fs.parties === 0 && !speaks)) && !fs.other && !fs.background && !fs.history && meetingIn(sent);
    if (process[sent] && (atTable || hostedBoth || metOne || (cand.venue && sent < fr.leadEnd && !venueInBackground && !fs.history && !hasYear(tok, sent) && (roundOfBoth || (fs.parties !== BOTH && meetingIn(sent)))))) {
      mediators.add(cand.name);
      // Round 15 (tag15b): an official at the table after a mediation word starts a list too ("en
      // présence du chef de l'État français et du chancelier allemand").
      if (c.mediationCues.some((q) => q < cand.pos && cand.pos - q <= topic.scoring.mediatorWindow && tok.sentence[q] === sent)) lastListed = { sentence: sent, pos: cand.pos };
      continue;
    }
    // Hosting a climate conference is not mediating: the cue counts in sentences with a talks
    // term, and not in talks with a third party (visa, accession).
    // A host receiving officials of both parties ("Trump received Aliyev and Pashinyan at the
    // White House") mediates, with or without a talks word in that sentence.
    const hosting = relevant && cand.official && fs.officials === BOTH && !fs.other && !fs.history && !fs.background;
    if (hosting && c.mediationCues.some((q) => Math.abs(q - cand.pos) <= topic.scoring.mediatorWindow && tok.sentence[q] === sent)) {
      mediators.add(cand.name);
      continue;
    }
    // Round 10: a party thanking a mediator-capable state or its official in a story about the
    // talks ("Baku's foreign ministry thanked ... Blinken and Michel", "Bakú agradeció la
    // mediación del secretario de Estado estadounidense", "Gürcistan Başbakanı ..., ABD ve AB'ye
    // teşekkür etti", "Баку подякував держсекретарю США") names a mediator of the process: README
    // "third parties the text presents as ... facilitating". Not an adjective of origin, not in a
    // sentence on another dyad, a third-party process or history, and only where a party is named.
    // Round 15 (tag15b): or in a passive sentence naming no party, in or after a paragraph naming both ("15
    // erməni məhbus ... təhvil verilib. ... Qaribaşviliyə və ... Blinkenə təşəkkür edilib").
    // Not where someone speaks ("Wadephul sprach von einem wichtigen Schritt ... und dankte den USA":
    // the thanking minister is no mediator).
    const thanksParty = fs.parties !== 0 || (fs.para >= 0 && (c.paraParties[fs.para + 1] === BOTH || c.paraParties[fs.para] === BOTH) && !c.speechCues.some((q) => tok.sentence[q] === sent));
    if (relevant && c.gratitudeCues.length > 0 && thanksParty && !fs.other && fs.thirdParty === 0 && !fs.history && !cand.demonym
      && c.gratitudeCues.some((q) => tok.sentence[q] === sent && Math.abs(q - cand.pos) <= topic.scoring.gratitudeWindow)) {
      mediators.add(cand.name);
      lastListed = { sentence: sent, pos: cand.pos };
      continue;
    }
    // Round 19 (tagmed19b): a past mediator named through its attempt or failure ("neither the EU
    // nor Russia could achieve this", "many tried, including the European Union", "the Russians tried
    // hard") in a story about the talks, in a sentence that names a party or a paragraph (or the one
    // before it) that names both: README
    // mediators, "now or in the past, including background mentions". Not on another dyad.
    if (relevant && attemptedBy(topic, tok, c, cand.pos) && !cand.venue && !cand.dateline && !fs.other && !fs.pairOther && !fs.thirdPair && fs.thirdParty === 0
      && (fs.parties !== 0 || process[sent] || c.paraParties[fs.para + 1] === BOTH || c.paraParties[fs.para] === BOTH)) {
      mediators.add(cand.name);
      lastListed = { sentence: sent, pos: cand.pos };
      continue;
    }
    // In an article about a standing mediation format (the Minsk Group), a sentence on who chaired
    // it needs no talks word ("the group, co-chaired by France, Russia and the United States").
    // Round 15 (tag15b): nor one that follows a process sentence of its paragraph, in an article about
    // the talks ("A cambio, Armenia facilitó los mapas de minas. Georgia y Estados Unidos mediaron en
    // el intercambio.": the mediation of the step just told).
    const continued = relevant && sent > 0 && process[sent - 1] === true && tok.sentencePara[sent - 1] === tok.sentencePara[sent] && !fs.other;
    // Round 17 (tagsig17b): nor one that tells a step of both parties in an article about the talks
    // ("Azerbaijan handed over 15 Armenian soldiers, mediated by Georgia": the step's word is a
    // release, not a talks term).
    const stepOfBoth = relevant && fs.parties === BOTH && !fs.other && !fs.history && !fs.background;
    if ((fs.terms === 0 && !formatNamed && !continued && !stepOfBoth) || fs.thirdParty > 0) continue;
    // In an article that is not about the process, a mediation word counts only in a sentence
    // that is ("talks in Yevlakh with Karabakh Armenians, facilitated by Russian peacekeepers"),
    // or in one on a truce of this dyad's war (round 10: README "a truce announced in Moscow" →
    // Russia; "a humanitarian ceasefire negotiated in Moscow collapsed", "Moskvada razılaşdırılmış
    // atəşkəs", "برعاية روسية"). Round 9 tried every deal's venue there: visit and meeting words
    // made six wrong mediators, so only a truce term within the mediation window counts.
    if (!relevant && !process[sent] && !truceOfDyad(topic, tok, c, fr, sent, cand.pos)) continue;
    // A mediation word in a sentence about another dyad ("talks of Ukraine and Russia mediated by
    // Türkiye") mediates that dyad's talks, not this one's.
    if (fs.other && !process[sent]) continue;
    // A deal named with its venue ("signed in Washington", "согласованной в Вашингтоне",
    // "ausgehandelt in Almaty"): the host of that round, also in the body and for a past round
    // (README convention); not in a background clause ("weeks after the summit in Washington").
    // The background clause is the one before the venue ("weeks after the summit in Washington"),
    // not one later in the sentence ("initialled in Washington will be signed after the change").
    const inBackground = c.backgroundCues.some((q) => q < cand.pos && cand.pos - q <= topic.scoring.mediatorWindow && tok.sentence[q] === sent);
    // Round 8: in a background clause, a meeting there is only a time reference ("weeks after the
    // summit in Washington"), but a document signed there still names its host ("peace that
    // followed the documents signed in Washington", "پس از اسناد امضاشده در واشنگتن").
    const meetingBefore = c.meetingCues.some((q) => q < cand.pos && cand.pos - q <= 4 && tok.sentence[q] === sent);
    if (cand.afterDeal && !fs.other && !fs.history && !(inBackground && meetingBefore)) {
      mediators.add(cand.name);
      continue;
    }
    // A round named by its host city ("since the White House summit", "the Washington
    // agreements"): the host mediated it, a past round too (README: background mentions count).
    if (cand.attached && relevant && !fs.other) {
      mediators.add(cand.name);
      continue;
    }
    for (const q of c.mediationCues) {
      if (Math.abs(q - cand.pos) <= topic.scoring.mediatorWindow && tok.sentence[q] === sent) {
        mediators.add(cand.name);
        lastListed = { sentence: sent, pos: cand.pos };
        break;
      }
    }
    // A list that starts within the window runs on past it ("sous la coprésidence de la France,
    // des États-Unis et de la Russie"): the next state at most 5 words on is a mediator too (round 7).
    if (!mediators.has(cand.name) && lastListed.sentence === sent && cand.pos > lastListed.pos && cand.pos - lastListed.pos <= LIST_GAP) {
      mediators.add(cand.name);
      lastListed = { sentence: sent, pos: cand.pos };
    }
  }
  for (const p of topic.parties) mediators.delete(p);
  return mediators;
}

/**
 * True when a truce term (topic term `truce`) stands within the mediation window of word `pos`
 * (anywhere in the sentence for `pos` -1) in sentence `sent`, and that sentence names no other dyad's party nor a pair of bystander
 * states (a truce of another war: "the US-brokered ceasefire between Israel and Iran").
 */
function truceOfDyad(topic: Topic, tok: Tokens, c: Collected, fr: Frame, sent: number, pos: number): boolean {
  if (c.truceTerms.length === 0) return false;
  const fs = c.facts[sent]!;
  if (fs.other || fs.pairOther || fs.thirdPair) return false;
  // The dyad's war is the story's subject here: a party named in the sentence, its paragraph or
  // the title and lead (not a Gaza truce in a story that names the parties only in passing).
  if (fs.parties === 0 && (c.paraParties[fs.para + 1] ?? 0) === 0 && fr.framing === 0) return false;
  const window = topic.scoring.mediatorWindow;
  return c.truceTerms.some((q) => tok.sentence[q] === sent && (pos < 0 || Math.abs(q - pos) <= window));
}

/**
 * Round 19 (tagmed19b): true when a word of an attempt or failure to settle (topic `cues.attempt`:
 * "tried", "could not achieve", "не смогли", "próbowało") stands within the mediation window of
 * word `pos`, in its sentence.
 */
function attemptedBy(topic: Topic, tok: Tokens, c: Collected, pos: number): boolean {
  if (c.attemptCues.length === 0) return false;
  const sent = tok.sentence[pos];
  return c.attemptCues.some((q) => tok.sentence[q] === sent && Math.abs(q - pos) <= topic.scoring.mediatorWindow);
}

const capableCache = new WeakMap<Topic, Set<string>>();

/** True when a name is a mediator-capable entity of the topic (`mediator: true`). */
export function isMediatorCapable(topic: Topic, name: string): boolean {
  let set = capableCache.get(topic);
  if (!set) {
    set = new Set(topic.lexicon.entries.filter((e) => e.mediator && (e.kind === 'countries' || e.kind === 'mediators')).map((e) => e.name));
    capableCache.set(topic, set);
  }
  return set.has(name);
}

/**
 * Round 16 (tag16c): the member states of a mediating group (topic `scoring.groupMembers`: the
 * OSCE Minsk Group's co-chairs Russia, the United States and France) are mediators when the group
 * is one and a sentence names every member: "the group Russia, the US and France led for three
 * decades", "очолювали Росія, США і Франція". The guideline lists mediators "now or in the past,
 * including background mentions"; the verb ("led", "headed", "co-chaired") varies too much to be
 * the cue, the full set of members does not. Mutates `mediators`.
 * @param mediators the mediators found so far (`mediatorsOf`)
 */
export function addGroupMembers(topic: Topic, c: Collected, mediators: Set<string>): void {
  const groups = topic.scoring.groupMembers;
  for (const group in groups) {
    const members = groups[group]!;
    if (!mediators.has(group) || members.length === 0) continue;
    const bySentence = new Map<number, Set<string>>();
    for (const m of c.countryMentions) {
      let names = bySentence.get(m.sentence);
      if (!names) bySentence.set(m.sentence, (names = new Set()));
      names.add(m.name);
    }
    for (const names of bySentence.values()) {
      if (members.every((n) => names.has(n))) for (const n of members) mediators.add(n);
    }
  }
}
