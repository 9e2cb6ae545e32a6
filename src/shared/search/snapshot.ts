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
 * A snapshot whose positions are apart may also be saved over without
 * rewriting them (version 7): it then keeps its documents' numbers, lists the
 * removed ones, and holds a second, small segment of the articles added since
 * the pages were written, its positions inside.
 *
 * Layout: "BAOS", version, document count, term count, whether the positions
 * are apart (1) or inside (0), then length-prefixed
 * runs: ids (their lengths, then UTF-8), terms, toned variants (UTF-8, newline-
 * and space-separated), publication times (float64), lengths (uint32), and the
 * segment's arrays (see SegmentArrays), little-endian as typed arrays are on
 * every platform browsers run on; since version 7, then the removed
 * documents (uint32), whether a second segment follows (1) or not (0), and its
 * arrays. Version 6 (no removed documents, no second segment) is still read.
 */
import { ByteReader, ByteWriter } from './codec';
import { PagedPositions, type PageLoader } from './position-pages';
import { Segment, type SegmentArrays } from './postings';
import { Vocabulary } from './vocabulary';

const MAGIC = [0x42, 0x41, 0x4f, 0x53]; // BAOS
const VERSION = 7;
/** The oldest version still read: the same but for what version 7 adds at the end. */
const OLDEST = 6;

/** What a snapshot holds: the documents, numbered densely, and one segment, or two (see the top of this file). */
export interface IndexParts {
  ids: string[];
  published: number[];
  /** Syllables indexed per document. */
  lengths: Uint32Array;
  vocabulary: Vocabulary;
  main: Segment;
  /** Documents removed, whose postings the segments still hold (only beside a second segment). */
  removed?: Uint32Array;
  /** Documents added after `main`'s positions were stored apart, positions inside. */
  tail?: Segment;
}

const asBytes = (a: Uint32Array | Float64Array | Uint8Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** The snapshot's bytes; with `apart`, without the main segment's positions (stored as pages by the caller). */
export function encodeSnapshot(parts: IndexParts, apart = false): Uint8Array {
  const utf8 = new TextEncoder();
  const a = parts.main.arrays;
  const tail = parts.tail ? segmentRuns(parts.tail.arrays, false) : [];
  const runs = [
    // Ids may hold any character: their lengths say where each ends.
    asBytes(Uint32Array.from(parts.ids, (id) => id.length)),
    utf8.encode(parts.ids.join('')),
    utf8.encode(parts.vocabulary.terms.join('\n')),
    utf8.encode(parts.vocabulary.variants.map((v) => v.join(' ')).join('\n')),
    asBytes(Float64Array.from(parts.published)),
    asBytes(parts.lengths),
    ...segmentRuns(a, apart),
    asBytes(parts.removed ?? new Uint32Array(0)),
  ];
  // Sized once: a doubling buffer and a trimmed copy of it would hold the postings three times over at once.
  const w = new ByteWriter([...runs, ...tail].reduce((n, run) => n + run.length + 5, 8 * 6));
  for (const b of MAGIC) w.uint(b);
  w.uint(VERSION);
  w.uint(parts.ids.length);
  w.uint(parts.vocabulary.size);
  w.uint(apart ? 1 : 0);
  for (const run of runs) w.run(run);
  w.uint(parts.tail ? 1 : 0);
  for (const run of tail) w.run(run);
  return w.bytes.subarray(0, w.length);
}

function segmentRuns(a: SegmentArrays, apart: boolean): Uint8Array[] {
  return [a.docStart, a.posStart, a.df, a.occurrences, a.skipStart, a.skipDoc, a.skipByte, a.skipPos, a.docs, apart ? new Uint8Array(0) : a.positions].map(asBytes);
}

/**
 * A segment's arrays as `segmentRuns` wrote them, checked against each other;
 * `copy` copies the byte runs too (typed arrays are always copies: runs
 * inside the snapshot are not aligned).
 */
function readSegment(r: ByteReader, termCount: number, apart: boolean, copy: boolean): SegmentArrays {
  const u32 = (): Uint32Array => new Uint32Array(r.run().slice().buffer);
  const [docStart, posStart, df, occurrences, skipStart, skipDoc, skipByte, skipPos] = Array.from({ length: 8 }, u32) as [
    Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array,
  ];
  const docs = copy ? r.run().slice() : r.run();
  const positions = copy ? r.run().slice() : r.run();
  const terms = df.length;
  // A segment stored beside a later one may know fewer terms than the vocabulary (those came after it).
  const counts = terms <= termCount && docStart.length === terms + 1 && posStart.length === terms + 1 && occurrences.length === terms && skipStart.length === terms + 1;
  if (!counts || skipStart[terms] !== skipDoc.length || skipByte.length !== skipDoc.length || skipPos.length !== skipDoc.length) throw new Error('Corrupt search index snapshot');
  if (docStart[terms] !== docs.length || (apart ? positions.length !== 0 : posStart[terms] !== positions.length)) throw new Error('Corrupt search index snapshot');
  return { docStart, posStart, df, occurrences, docs, positions: apart ? new Uint8Array(0) : positions, skipStart, skipDoc, skipByte, skipPos };
}

/** Restores a snapshot; one whose positions are apart reads them through `pages`. */
export function decodeSnapshot(bytes: unknown, pages?: PageLoader): IndexParts {
  const r = bytes instanceof Uint8Array ? new ByteReader(bytes) : undefined;
  const version = r && MAGIC.every((b) => r.uint() === b) ? r.uint() : -1;
  if (!r || version < OLDEST || version > VERSION) throw new Error('Not a search index snapshot (or an unsupported version)');
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
  const published = Array.from(new Float64Array(r.run().slice().buffer));
  const lengths = new Uint32Array(r.run().slice().buffer);
  // Copied out of a snapshot without positions, so that the rest of it is let go.
  const arrays = readSegment(r, termCount, apart, apart);
  const sizes = [ids.length, published.length, lengths.length];
  if (sizes.some((n) => n !== docs) || terms.length !== termCount) throw new Error('Corrupt search index snapshot');
  const positionBytes = arrays.posStart[arrays.df.length] as number;
  const main = apart && pages ? Segment.paged(arrays, new PagedPositions(positionBytes, pages)) : new Segment(arrays);
  const parts: IndexParts = { ids, published, lengths, vocabulary: Vocabulary.from(terms, variants), main };
  if (version < 7) return parts;
  parts.removed = new Uint32Array(r.run().slice().buffer);
  if (parts.removed.some((d) => d >= docs)) throw new Error('Corrupt search index snapshot');
  if (r.uint() === 1) parts.tail = new Segment(readSegment(r, termCount, false, true));
  return parts;
}
