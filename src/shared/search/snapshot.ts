/**
 * The index as a snapshot to save and restore, as bytes (IndexedDB stores
 * them as they are). The postings are already compressed byte streams
 * (postings.ts), so a snapshot is mostly those streams as they are: restoring
 * copies the small arrays, views the big ones in place and splits the
 * documents' ids and the vocabulary.
 *
 * The positions (the biggest run) may be left out and stored apart as pages
 * (position-pages.ts): restoring then reads the rest only, and queries read
 * the pages they need.
 *
 * Layout: "BAOS", version, document count, term count, whether the positions
 * are apart (1) or inside (0), then length-prefixed
 * runs: ids (their lengths, then UTF-8), terms, toned variants (UTF-8, newline-
 * and space-separated), publication times (float64), lengths (uint32), and the
 * segment's arrays (see SegmentArrays), little-endian as typed arrays are on
 * every platform browsers run on.
 */
import { ByteReader, ByteWriter } from './codec';
import { PagedPositions, type PageLoader } from './position-pages';
import { Segment } from './postings';
import { Vocabulary } from './vocabulary';

const MAGIC = [0x42, 0x41, 0x4f, 0x53]; // BAOS
const VERSION = 6;

/** What a snapshot holds: the live documents, numbered densely, and one segment. */
export interface IndexParts {
  ids: string[];
  published: number[];
  /** Syllables indexed per document. */
  lengths: Uint32Array;
  vocabulary: Vocabulary;
  main: Segment;
}

const asBytes = (a: Uint32Array | Float64Array | Uint8Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** The snapshot's bytes; with `apart`, without the main segment's positions (stored as pages by the caller). */
export function encodeSnapshot(parts: IndexParts, apart = false): Uint8Array {
  const utf8 = new TextEncoder();
  const a = parts.main.arrays;
  const runs = [
    // Ids may hold any character: their lengths say where each ends.
    asBytes(Uint32Array.from(parts.ids, (id) => id.length)),
    utf8.encode(parts.ids.join('')),
    utf8.encode(parts.vocabulary.terms.join('\n')),
    utf8.encode(parts.vocabulary.variants.map((v) => v.join(' ')).join('\n')),
    asBytes(Float64Array.from(parts.published)),
    asBytes(parts.lengths),
    ...[a.docStart, a.posStart, a.df, a.occurrences, a.skipStart, a.skipDoc, a.skipByte, a.skipPos, a.docs, apart ? new Uint8Array(0) : a.positions].map(asBytes),
  ];
  // Sized once: a doubling buffer and a trimmed copy of it would hold the postings three times over at once.
  const w = new ByteWriter(runs.reduce((n, run) => n + run.length + 5, 8 * 5));
  for (const b of MAGIC) w.uint(b);
  w.uint(VERSION);
  w.uint(parts.ids.length);
  w.uint(parts.vocabulary.size);
  w.uint(apart ? 1 : 0);
  for (const run of runs) w.run(run);
  return w.bytes.subarray(0, w.length);
}

/** Restores a snapshot; one whose positions are apart reads them through `pages`. */
export function decodeSnapshot(bytes: unknown, pages?: PageLoader): IndexParts {
  const r = bytes instanceof Uint8Array ? new ByteReader(bytes) : undefined;
  if (!r || MAGIC.some((b) => r.uint() !== b) || r.uint() !== VERSION) {
    throw new Error('Not a search index snapshot (or an unsupported version)');
  }
  const utf8 = new TextDecoder();
  const docs = r.uint();
  const termCount = r.uint();
  const apart = r.uint() === 1;
  if (apart && !pages) throw new Error('This search index snapshot needs its position pages');
  const split = (text: string): string[] => (text === '' ? [] : text.split('\n'));
  const idLengths = new Uint32Array(r.run().slice().buffer);
  const idText = utf8.decode(r.run());
  const ids: string[] = [];
  let at = 0;
  for (const n of idLengths) ids.push(idText.slice(at, (at += n)));
  if (at !== idText.length) throw new Error('Corrupt search index snapshot');
  const terms = split(utf8.decode(r.run()));
  const variants = split(utf8.decode(r.run())).map((line) => line.split(' '));
  // Copies: typed arrays need aligned offsets, which runs inside the snapshot are not.
  const u32 = (): Uint32Array => new Uint32Array(r.run().slice().buffer);
  const published = Array.from(new Float64Array(r.run().slice().buffer));
  const lengths = u32();
  const docStart = u32();
  const posStart = u32();
  const df = u32();
  const occurrences = u32();
  const skipStart = u32();
  const skipDoc = u32();
  const skipByte = u32();
  const skipPos = u32();
  // Copied out of a snapshot without positions, so that the rest of it (copied above) is let go.
  const docBytes = apart ? r.run().slice() : r.run();
  const positions = r.run();
  const sizes = [ids.length, published.length, lengths.length];
  if (sizes.some((n) => n !== docs) || terms.length !== termCount || docStart.length !== termCount + 1 || posStart.length !== termCount + 1) {
    throw new Error('Corrupt search index snapshot');
  }
  if (df.length !== termCount || occurrences.length !== termCount || skipStart.length !== termCount + 1) throw new Error('Corrupt search index snapshot');
  if (skipStart[termCount] !== skipDoc.length || skipByte.length !== skipDoc.length || skipPos.length !== skipDoc.length) throw new Error('Corrupt search index snapshot');
  const positionBytes = posStart[termCount] as number;
  if (docStart[termCount] !== docBytes.length || (apart ? positions.length !== 0 : positionBytes !== positions.length)) throw new Error('Corrupt search index snapshot');
  const arrays = { docStart, posStart, df, occurrences, docs: docBytes, positions: apart ? new Uint8Array(0) : positions, skipStart, skipDoc, skipByte, skipPos };
  const main = apart && pages ? Segment.paged(arrays, new PagedPositions(positionBytes, pages)) : new Segment(arrays);
  return { ids, published, lengths, vocabulary: Vocabulary.from(terms, variants), main };
}
