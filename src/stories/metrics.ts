/**
 * Clustering quality: pairwise precision/recall and B-cubed (Bagga & Baldwin 1998) of a
 * predicted grouping against gold labels. Used by `npm run eval:stories` and its tests.
 */

/** Precision, recall and F1 of one measure. */
export interface PRF {
  precision: number;
  recall: number;
  f1: number;
}

function prf(p: number, r: number): PRF {
  return { precision: p, recall: r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

/**
 * Pairwise: a pair of items is positive when both are in one group. Precision = predicted
 * pairs that are gold pairs; recall = gold pairs predicted. With no predicted (gold) pairs the
 * precision (recall) is 1.
 * @param gold item → gold label; @param pred item → predicted label (same keys)
 */
export function pairwise(gold: Map<string, string>, pred: Map<string, string>): PRF & { goldPairs: number; predPairs: number; both: number } {
  const ids = [...gold.keys()];
  let g = 0, p = 0, both = 0;
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const gs = gold.get(ids[i]) === gold.get(ids[j]);
      const ps = pred.get(ids[i]) === pred.get(ids[j]);
      if (gs) g++;
      if (ps) p++;
      if (gs && ps) both++;
    }
  }
  return { ...prf(p ? both / p : 1, g ? both / g : 1), goldPairs: g, predPairs: p, both };
}

/** B-cubed precision/recall: per item, the share of its predicted (gold) cluster that is right, averaged. */
export function bcubed(gold: Map<string, string>, pred: Map<string, string>): PRF {
  const ids = [...gold.keys()];
  let P = 0, R = 0;
  for (const a of ids) {
    let inPred = 0, inGold = 0, inBoth = 0;
    for (const b of ids) {
      const gs = gold.get(a) === gold.get(b);
      const ps = pred.get(a) === pred.get(b);
      if (ps) inPred++;
      if (gs) inGold++;
      if (gs && ps) inBoth++;
    }
    P += inBoth / inPred;
    R += inBoth / inGold;
  }
  return prf(P / ids.length, R / ids.length);
}
