/**
 * A consent layer known by its text only: the purposes and features that every IAB Transparency
 * & Consent Framework dialog lists in the framework's own wording ("Store and/or access
 * information on a device", "Use limited data to select advertising", "Link different devices"),
 * set under random class names (CSS-in-JS) with no cookie/consent name and with long legal
 * paragraphs beside them that outweigh a short story (round 19, ext19b: magic-html's wp.pl page,
 * whose whole consent dialog was kept after the story). Used by selectBlocks (score.ts).
 */
import type { Block } from './blocks.js';
import type { DomElement } from './dom.js';

/**
 * The framework's purpose and feature names (TCF v2.0 and v2.2), in English, German, French,
 * Spanish, Italian, Portuguese, Dutch and Polish, as CMPs print them. Matched at the start of a
 * short line.
 */
const TCF_PURPOSE = new RegExp('^(?:' + [
  'store and/or access information on a device', 'use limited data to select advertising', 'create profiles for personali[sz]ed advertising',
  'use profiles to select personali[sz]ed advertising', 'create profiles to personali[sz]e content', 'use profiles to select personali[sz]ed content',
  'measure advertising performance', 'measure content performance', 'understand audiences through statistics', 'develop and improve services',
  'select basic ads', 'create a personali[sz]ed ads profile', 'select personali[sz]ed ads', 'measure ad performance', 'apply market research to generate audience insights',
  'develop and improve products', 'use precise geolocation data', 'actively scan device characteristics for identification', 'match and combine (?:offline )?data',
  'link different devices', '(?:receive and use automatically-sent|identify devices based on information transmitted automatically)', 'ensure security, prevent and detect fraud',
  'informationen auf einem gerät speichern und/oder abrufen', 'gerätemerkmale zur identifikation aktiv abfragen', 'verschiedene geräte verknüpfen',
  'stocker et/ou accéder à des informations sur un appareil', 'analyser activement les caractéristiques de l.appareil', 'relier différents appareils',
  'almacenar la información en un dispositivo y/o acceder a ella', 'analizar activamente las características del dispositivo', 'vincular diferentes dispositivos',
  'archiviare e/o accedere a informazioni su un dispositivo', 'scansione attiva delle caratteristiche del dispositivo', 'collegare dispositivi diversi',
  'armazenar e/ou aceder a informações num dispositivo', 'informatie op een apparaat opslaan en/of openen', 'verschillende apparaten koppelen',
  'przechowywanie informacji na urządzeniu lub dostęp do nich', 'wykorzystywanie ograniczonych danych do wyboru reklam', 'tworzenie profili w celu spersonalizowanych reklam',
  'aktywne skanowanie charakterystyki urządzenia', 'łączenie różnych urządzeń', 'dopasowanie i łączenie danych z innych źródeł',
].join('|') + ')', 'i');

/** Longest line read as a purpose name (chars): the names run 20–90 characters. */
const PURPOSE_LINE_MAX = 120;
/** Purpose lines a consent layer shows at least. */
const PURPOSES_MIN = 3;

/**
 * The element holding a consent layer known by its purpose lines, or null: the lowest common
 * ancestor of all blocks that are framework purpose names (at least `PURPOSES_MIN`), or, when
 * that is a list, the list's parent (the dialog text sits beside its lists).
 */
export function consentLayer(blocks: Block[]): DomElement | null {
  let common: DomElement[] | null = null;
  let n = 0;
  for (const b of blocks) {
    if (b.len > PURPOSE_LINE_MAX || !TCF_PURPOSE.test(b.text)) continue;
    n++;
    if (!common) common = b.path.slice(0, -1);
    else {
      let k = 0;
      while (k < common.length && k < b.path.length - 1 && common[k] === b.path[k]) k++;
      common.length = k;
    }
  }
  if (n < PURPOSES_MIN || !common || !common.length) return null;
  let el = common[common.length - 1];
  if ((el.name === 'ol' || el.name === 'ul') && el.parent && el.parent.type === 'tag') el = el.parent as DomElement;
  return el.name === 'body' || el.name === 'html' ? null : el;
}
