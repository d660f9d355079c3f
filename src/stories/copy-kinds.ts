/**
 * A copy's headline event kinds in its story's profile (round 13, stories13b; docs/stories.md
 * "Round 13 (stories13b)"). Kept apart from story-profile.ts, which holds the profile itself.
 */
import type { ArticleFeatures } from './features.js';
import type { StoryUndo } from './story-profile.js';
import { trimKeys } from './trim-keys.js';

/**
 * Round 13 (stories13b): a copy's headline event kinds (`e:` keys) that the story's keys lack are
 * counted once, as an original's would be. A reprint under a new headline names the same occasion
 * in another word, when the story already names a kind (held11: the Zvartnots checkpoint's handover reprinted as "guards stay ... as
 * they leave Yerevan airport", a withdrawal); the later reports in languages that call it a
 * withdrawal then share a kind with the story instead of being scored × `KIND_FACTOR` as another
 * occasion. Only kinds the profile does not hold are added (a copy never raises the count of a
 * kind its original already gave), and the other keys of a copy still do not shape the profile.
 * In place; with `undo`, records how to restore the map in its order.
 */
export function addCopyKinds(keys: Map<string, number>, f: ArticleFeatures, maxKeys: number, undo?: StoryUndo): void {
  let added: string[] | null = null;
  for (const k of f.keys.keys()) if (k.startsWith('e:') && !keys.has(k)) (added ??= []).push(k);
  if (!added) return;
  // only another word for a kind the story already has: a copy never gives a story without
  // kinds its first one (that would make every later headline of another kind differ; held10's
  // Security Council story took "publication" from a reprint and lost Baku's report)
  let hasKind = false;
  for (const k of keys.keys()) if (k.startsWith('e:')) {
    hasKind = true;
    break;
  }
  if (!hasKind) return;
  const trims = keys.size + added.length > maxKeys;
  if (undo) {
    if (trims) {
      const saved = [...keys];
      undo.push(() => {
        keys.clear();
        for (const [k, n] of saved) keys.set(k, n);
      });
    } else {
      const fresh = added;
      undo.push(() => {
        for (const k of fresh) keys.delete(k);
      });
    }
  }
  for (const k of added) keys.set(k, 1);
  if (trims) trimKeys(keys, maxKeys);
}
