import { describe, expect, it } from 'vitest';
import { AFTER_PUNCTUATION } from '../../../src/shared/search/fields';
import { decodePositions, PostingLog, Segment } from '../../../src/shared/search/postings';

/** Every record of every term, as a reader sees it: document, weight, mask and decoded positions. */
function contents(seg: Segment, terms: number): string[] {
  const out: string[] = [];
  const decoded = new Int32Array(4096);
  for (let t = 0; t < terms; t++) {
    const c = seg.cursor(t);
    while (c.next()) {
      const n = decodePositions(seg.positions, c.posAt, c.posEnd, decoded);
      out.push(`${t}:${c.doc}:${c.weight}:${c.mask}:${Array.from(decoded.subarray(0, n)).join(',')}`);
    }
  }
  return out;
}

/** Documents [from, to): each holds a few of `terms` terms, some often, at varied positions and spellings. */
function logOf(from: number, to: number, terms: number): PostingLog {
  const log = new PostingLog();
  for (let d = from; d < to; d++) {
    let pos = (d * 7) % 50;
    for (let t = 0; t < terms; t++) {
      if ((d + t) % (t + 2) !== 0) continue;
      for (let k = 0; k <= (d % 4) * (t % 3); k++) log.push(t, d, (pos += 1 + ((d + k) % 300)), (d + k) % 3);
    }
  }
  return log;
}

describe('positions', () => {
  it('decode as written, from the first syllable of the title to the last a body can hold', () => {
    const positions = [0, 1, 107, 108, 1023, 1024, 1500, 2048, 2049, 2300, 10_000, 16_383, 16_384, 16_600, 25_000, 40_000, 65_534, 65_535];
    const log = new PostingLog();
    positions.forEach((p, i) => log.push(0, 0, p, i % 3 === 0 ? AFTER_PUNCTUATION : 0));
    // One far occurrence alone: the largest first position.
    log.push(0, 1, 65_535, AFTER_PUNCTUATION);
    const seg = Segment.fromLog(1, log);
    const c = seg.cursor(0);
    const out = new Int32Array(64);
    expect(c.next()).toBe(true);
    const n = decodePositions(seg.positions, c.posAt, c.posEnd, out);
    expect(Array.from(out.subarray(0, n))).toEqual(positions.map((p, i) => p * 2 + (i % 3 === 0 ? 1 : 0)));
    expect(c.next()).toBe(true);
    expect(Array.from(out.subarray(0, decodePositions(seg.positions, c.posAt, c.posEnd, out)))).toEqual([65_535 * 2 + 1]);
    expect(seg.occurrences(0)).toBe(positions.length + 1);
  });
});

describe('Segment.concat', () => {
  const terms = 12;
  const cuts = [0, 1, 90, 91, 400, 1500, 1530, 5000];
  const parts = cuts.slice(1).map((to, i) => Segment.fromLog(terms, logOf(cuts[i] as number, to, terms)));

  it('holds what the parts hold, as one segment built at once does', () => {
    const whole = Segment.fromLog(terms, logOf(0, 5000, terms));
    // Joined pairwise, as segments of similar size are while an archive is built.
    let joined = parts.slice(0, 4).reduce((a, b) => Segment.concat(terms, [a, b]));
    joined = Segment.concat(terms, [joined, Segment.concat(terms, parts.slice(4))]);
    expect(contents(joined, terms)).toEqual(contents(whole, terms));
    for (let t = 0; t < terms; t++) {
      expect(joined.df(t)).toBe(whole.df(t));
      expect(joined.occurrences(t)).toBe(whole.occurrences(t));
    }
  });

  it('joins segments restored from their arrays alone (as from a snapshot) the same way', () => {
    const restored = parts.map((p) => new Segment(p.arrays));
    const joined = Segment.concat(terms, [Segment.concat(terms, restored.slice(0, 5)), ...restored.slice(5)]);
    expect(contents(joined, terms)).toEqual(contents(Segment.concat(terms, parts), terms));
  });

  it('seeks to any document as the whole segment does', () => {
    const whole = Segment.fromLog(terms, logOf(0, 5000, terms));
    const joined = Segment.concat(terms, parts);
    for (let t = 0; t < terms; t++) {
      const a = joined.cursor(t);
      const b = whole.cursor(t);
      for (let d = 0; d < 5100; d += 1 + (d % 37)) {
        expect(a.seek(d)).toBe(b.seek(d));
        expect([a.doc, a.weight, a.posAt - joined.posStart[t]!, a.posEnd - joined.posStart[t]!]).toEqual([
          b.doc,
          b.weight,
          b.posAt - whole.posStart[t]!,
          b.posEnd - whole.posStart[t]!,
        ]);
      }
    }
  });
});
