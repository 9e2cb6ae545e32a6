/**
 * The index as a snapshot to save and restore: live documents renumbered
 * densely, the vocabulary, and the postings as delta varints. Restoring
 * decodes straight into the final typed arrays.
 */
import { ByteReader, ByteWriter, fromBase64, toBase64 } from './codec';
import { Segment } from './postings';
import { AFTER_PUNCTUATION } from './rank';
import { MAX_VARIANT, Vocabulary } from './vocabulary';

interface SnapshotV1 {
  format: 'bao-offline-search';
  version: 1;
  ids: string[];
  published: number[];
  /** Terms, newline-separated, in term-id order. */
  terms: string;
  /** Toned variants per term: space-separated, terms newline-separated. */
  variants: string;
  /** Per term: count, then (doc delta, position or position delta, variant·2 + punctuation flag) varints; base64. */
  postings: string;
  /** Number of postings. */
  count: number;
}

export type Snapshot = SnapshotV1;

/** What a snapshot holds: the documents in ordinal order and one merged segment. */
export interface IndexParts {
  ids: string[];
  published: number[];
  vocabulary: Vocabulary;
  main: Segment;
}

/** Encodes `parts`, keeping only documents `alive` says are live. */
export function encodeSnapshot(parts: IndexParts, alive: Uint8Array): Snapshot {
  const ids: string[] = [];
  const published: number[] = [];
  const renumber = new Int32Array(parts.ids.length).fill(-1);
  parts.ids.forEach((id, ord) => {
    if (!alive[ord]) return;
    renumber[ord] = ids.length;
    ids.push(id);
    published.push(parts.published[ord] as number);
  });
  const w = new ByteWriter();
  const { main, vocabulary } = parts;
  const { doc, pos, variant } = main;
  for (let t = 0; t < vocabulary.size; t++) {
    const [lo, hi] = main.range(t);
    w.uint(hi - lo);
    let lastDoc = 0;
    let lastPos = 0;
    for (let i = lo; i < hi; i++) {
      const d = renumber[doc[i] as number] as number;
      const p = pos[i] as number;
      w.uint(d - lastDoc);
      // Within a document positions ascend: store the gap.
      w.uint(d === lastDoc && i > lo ? p - lastPos : p);
      // Low bit: the punctuation flag, so common variants stay one byte.
      const v = variant[i] as number;
      w.uint(((v & MAX_VARIANT) << 1) | (v & AFTER_PUNCTUATION ? 1 : 0));
      lastDoc = d;
      lastPos = p;
    }
  }
  return {
    format: 'bao-offline-search',
    version: 1,
    ids,
    published,
    terms: vocabulary.terms.join('\n'),
    variants: vocabulary.variants.map((v) => v.join(' ')).join('\n'),
    postings: toBase64(w.result()),
    count: main.length,
  };
}

export function decodeSnapshot(data: unknown): IndexParts {
  const snap = data as Partial<SnapshotV1> | null;
  if (!snap || snap.format !== 'bao-offline-search' || snap.version !== 1) {
    throw new Error('Not a search index snapshot (or an unsupported version)');
  }
  const { ids = [], published = [], terms = '', variants = '', postings = '', count = 0 } = snap;
  const termList = terms === '' ? [] : terms.split('\n');
  const variantLists = variants === '' ? [] : variants.split('\n').map((line) => line.split(' '));
  const vocabulary = Vocabulary.from(termList, variantLists);
  const r = new ByteReader(fromBase64(postings));
  const termCount = termList.length;
  const start = new Uint32Array(termCount + 1);
  const doc = new Uint32Array(count);
  const pos = new Uint16Array(count);
  const variant = new Uint16Array(count);
  let at = 0;
  for (let t = 0; t < termCount; t++) {
    const end = at + r.uint();
    if (end > count) throw new Error('Corrupt search index snapshot');
    let lastDoc = 0;
    let lastPos = 0;
    for (let first = at; at < end; at++) {
      const d = lastDoc + r.uint();
      const gap = r.uint();
      const p = d === lastDoc && at > first ? lastPos + gap : gap;
      doc[at] = d;
      pos[at] = p;
      const v = r.uint();
      variant[at] = (v >>> 1) | (v & 1 ? AFTER_PUNCTUATION : 0);
      lastDoc = d;
      lastPos = p;
    }
    start[t + 1] = at;
  }
  return { ids: ids.slice(), published: published.slice(), vocabulary, main: new Segment(start, doc, pos, variant) };
}
