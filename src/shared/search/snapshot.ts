/**
 * The index as a snapshot to save and restore, as bytes (IndexedDB stores
 * them as they are): live documents renumbered densely, the vocabulary, and
 * the postings as delta varints. Restoring decodes straight into the final
 * typed arrays.
 *
 * Layout: "BAOS", version, document count, per document its publication
 * time (float64) and id (UTF-8 run); terms and their toned variants (UTF-8
 * runs, newline- and space-separated); posting count; then per term its
 * posting count and (doc delta, position or position delta, variant·2 +
 * punctuation flag) varints.
 */
import { ByteReader, ByteWriter } from './codec';
import { Segment } from './postings';
import { AFTER_PUNCTUATION } from './rank';
import { MAX_VARIANT, Vocabulary } from './vocabulary';

const MAGIC = [0x42, 0x41, 0x4f, 0x53]; // BAOS
const VERSION = 2;

/** What a snapshot holds: the documents in ordinal order and one merged segment. */
export interface IndexParts {
  ids: string[];
  published: number[];
  vocabulary: Vocabulary;
  main: Segment;
}

/** Encodes `parts`, keeping only documents `alive` says are live. */
export function encodeSnapshot(parts: IndexParts, alive: Uint8Array): Uint8Array {
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
  const utf8 = new TextEncoder();
  for (const b of MAGIC) w.uint(b);
  w.uint(VERSION);
  w.uint(ids.length);
  ids.forEach((id, i) => {
    w.float64(published[i] as number);
    w.run(utf8.encode(id));
  });
  const { main, vocabulary } = parts;
  w.run(utf8.encode(vocabulary.terms.join('\n')));
  w.run(utf8.encode(vocabulary.variants.map((v) => v.join(' ')).join('\n')));
  w.uint(main.length);
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
  return w.result();
}

export function decodeSnapshot(bytes: unknown): IndexParts {
  const r = bytes instanceof Uint8Array ? new ByteReader(bytes) : undefined;
  if (!r || MAGIC.some((b) => r.uint() !== b) || r.uint() !== VERSION) {
    throw new Error('Not a search index snapshot (or an unsupported version)');
  }
  const utf8 = new TextDecoder();
  const docs = r.uint();
  const ids: string[] = [];
  const published: number[] = [];
  for (let i = 0; i < docs; i++) {
    published.push(r.float64());
    ids.push(utf8.decode(r.run()));
  }
  const terms = utf8.decode(r.run());
  const variants = utf8.decode(r.run());
  const count = r.uint();
  const termList = terms === '' ? [] : terms.split('\n');
  const variantLists = variants === '' ? [] : variants.split('\n').map((line) => line.split(' '));
  const vocabulary = Vocabulary.from(termList, variantLists);
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
  return { ids, published, vocabulary, main: new Segment(start, doc, pos, variant) };
}
