/**
 * The words that introduce a person's name in Latin-script text: offices (ROLES) and, since round 19
 * (tagact19b), trades (names-person.ts). Split from names.ts (file size); names.ts re-exports both
 * functions.
 */
import { isPersonNoun } from './names-person.js';

/** Words that introduce a person's name (en, fr, de, az, es, it, pl, tr), compared as written. */
const ROLES = new Set(
  (
    'President president Minister minister Secretary State General Chancellor Chair Chairman Chairwoman chair ' +
    'spokesman spokeswoman spokesperson Ambassador ambassador envoy Envoy Archbishop Bishop Patriarch Pope King Queen Emir ' +
    'Sheikh Prince Gen Commander ombudsman leader champion sprinter adviser Adviser advisor Speaker speaker Mayor mayor ' +
    'Governor governor Judge judge prosecutor Prosecutor CEO chief Chief Mr Mrs Ms Dr coach striker driver singer founder ' +
    'président Président ministre parole ambassadeur chancelier Präsident Ministerpräsident Außenminister Bundeskanzler ' +
    'Kanzler Regierungschef Sprecher Sprecherin Prezident prezident nazir naziri ' +
    // feminine German titles (Außenministerin Annalena Baerbock) and French présidente
    'Präsidentin Ministerin Außenministerin Bundeskanzlerin Kanzlerin Ministerpräsidentin Vizeregierungschef présidente ' +
    // es, it, pt, pl, tr (issue 12: the languages the talks are also reported in)
    'presidente Presidente ministro Ministro ministra premier Premier canciller Canciller portavoz portavoce vicepremier ' +
    'prezydent Prezydent premier minister szef rzecznik wicepremier ' +
    'Cumhurbaşkanı Başbakanı Bakanı Başkanı Sözcüsü temsilcisi ' +
    // sport and coaching titles, capitalised at a sentence start or as a German noun (issue 12 round 2)
    'Coach Trainer Bundestrainer Nationaltrainer entraîneur sélectionneur allenatore entrenador trener ' +
    // Round 10: regional and city offices, envoys, commissioners and counterparts (the persons
    // outside the lexicon that heldout-round8 and dev-signals10 name: prefects, governors,
    // voivodes, mayors, commission chairs, "his Azerbaijani counterpart X"), en fr de es it pl tr
    'governor Governor premier Premier préfet préfète maire gouverneur Bürgermeister Bürgermeisterin Oberbürgermeister ' +
    'Landrat Landrätin gobernador gobernadora alcalde alcaldesa prefetto sindaco governatore wojewoda burmistrz marszałek ' +
    'Valisi Kaymakamı commissioner Commissioner commissaire Kommissarin Kommissar comisaria comisario commissaria ' +
    'commissario komisarz envoyé émissaire Sondergesandte Sondergesandter Gesandter enviado inviato wysłannik ' +
    'counterpart homologue homólogo omologo Amtskollege Amtskollegin odpowiednik vicepresidente Vizepräsident ' +
    'senator Senator sénateur senatore senador analyst analyste Analyst analista ' +
    // Round 18 (tagsig18): members of parliament, diplomats, secretaries, deputies and aides,
    // the titles of the officials real coverage quotes that the topic does not know ("Die
    // Abgeordnete X", "Le député arménien X", "mətbuat katibi X", "parlamentinin sədri X",
    // "milletvekili X", "poseł X", "X, an Armenian lawmaker, said"), en fr de es it pl tr az
    'lawmaker Lawmaker legislator parliamentarian MP MEP diplomat Diplomat aide ombudsperson negotiator ' +
    'député Député députée eurodéputé diplomate secrétaire Secrétaire conseiller conseillère ' +
    'Abgeordnete Abgeordneter Bundestagsabgeordnete Bundestagsabgeordneter Europaabgeordnete Europaabgeordneter ' +
    'Diplomatin Botschafter Botschafterin Staatssekretär Staatssekretärin Berater Beraterin Regierungssprecher ' +
    'diputado diputada eurodiputado diplomático diplomática embajador embajadora secretario secretaria asesor asesora ' +
    'deputato deputata eurodeputato eurodeputata parlamentare diplomatico ambasciatore ambasciatrice segretario ' +
    'segretaria sottosegretario viceministro consigliere ' +
    'poseł posłanka europoseł dyplomata ambasador ambasadorka sekretarz wiceminister doradca przewodniczący przewodnicząca ' +
    'milletvekili Milletvekili Büyükelçisi büyükelçisi Sekreteri sekreteri Yardımcısı yardımcısı Danışmanı danışmanı ' +
    'deputat Deputat deputatı sədri Sədri katibi Katibi müavini Müavini köməkçisi Köməkçisi səfiri Səfiri spikeri Spikeri ' +
    'nümayəndəsi Nümayəndəsi diplomat ' +
    // Round 19 (tagact19): plural titles before a list of names ("Judges Anar X and Jamal Y"), the
    // Polish feminine spokesperson, the Azerbaijani/Turkish spokesperson
    'judges lawmakers MPs senators envoys ambassadors diplomats prosecutors negotiators juges députés ' +
    'rzeczniczka sözçüsü Sözçüsü'
  )
    .split(' ')
    // round 18: each title also with a capital, as at a sentence's start ("Poseł X powiedział")
    .flatMap((w) => [w, w.charAt(0).toUpperCase() + w.slice(1)]),
);
/** True for a word that introduces a person's name ("President", "Minister", "envoy"; round 19 tagact19b: also "lawyer", "aktrisa"). */
export function isRoleWord(word: string): boolean {
  return ROLES.has(word) || isPersonNoun(word);
}

/** True for an office ("President", "Minister", "envoy"), not a trade noun: a state before it acts (position.ts isOfficial). */
export function isOfficeWord(word: string): boolean {
  return ROLES.has(word);
}
