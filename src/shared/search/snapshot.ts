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
 * the pages were written, its positions inside. Since version 8 it holds any
 * number of segments, each with its positions inside or apart from a given
 * page on: a build saves each part's positions once, after the earlier
 * parts' pages (index-store.ts).
 *
 * Layout: "BAOS", version, document count, term count, whether the positions
 * are apart (1) or inside (0), then length-prefixed
 * runs: ids (their lengths, then UTF-8), terms, toned variants (UTF-8, newline-
 * and space-separated), publication times (float64), lengths (uint32), and the
 * segment's arrays (see SegmentArrays), little-endian as typed arrays are on
 * every platform browsers run on; since version 7, then the removed
 * documents (uint32), whether a second segment follows (1) or not (0), and its
 * arrays. Version 6 (no removed documents, no second segment) is still read.
 * Version 8: the same up to the lengths (the flag after the term count is 0),
 * then the removed documents, the segment count, and for each segment its
 * first page plus one (0: positions inside) and its arrays.
 */
import { ByteReader, ByteWriter } from './codec';
import { CACHE_BYTES, PagedPositions, PageSlots, type PageLoader } from './position-pages';
import { Segment, type SegmentArrays } from './postings';
import { Vocabulary } from './vocabulary';

const MAGIC = [0x42, 0x41, 0x4f, 0x53]; // BAOS
const VERSION = 8;
/** The oldest version still read: the same but for what version 7 adds at the end. */
const OLDEST = 6;

/** A segment of a snapshot, its positions inside, or apart in the save's pages from page `apartFrom` on. */
export interface SnapshotSegment {
  segment: Segment;
  apartFrom?: number;
}

/** What a snapshot holds: the documents and the segments, in document order (see the top of this file). */
export interface IndexParts {
  ids: string[];
  published: number[];
  /** Syllables indexed per document. */
  lengths: Uint32Array;
  vocabulary: Vocabulary;
  segments: SnapshotSegment[];
  /** Documents removed, whose postings the segments still hold. */
  removed?: Uint32Array;
}

const asBytes = (a: Uint32Array | Float64Array | Uint8Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** The snapshot's bytes, without the positions of segments apart (stored as pages by the caller). */
export function encodeSnapshot(parts: IndexParts): Uint8Array {
  const utf8 = new TextEncoder();
  const segments = parts.segments.map(({ segment, apartFrom }) => segmentRuns(segment.arrays, apartFrom !== undefined));
  const runs = [
    // Ids may hold any character: their lengths say where each ends.
    asBytes(Uint32Array.from(parts.ids, (id) => id.length)),
    utf8.encode(parts.ids.join('')),
    utf8.encode(parts.vocabulary.terms.join('\n')),
    utf8.encode(parts.vocabulary.variants.map((v) => v.join(' ')).join('\n')),
    asBytes(Float64Array.from(parts.published)),
    asBytes(parts.lengths),
    asBytes(parts.removed ?? new Uint32Array(0)),
  ];
  // Sized once: a doubling buffer and a trimmed copy of it would hold the postings three times over at once.
  const w = new ByteWriter([...runs, ...segments.flat()].reduce((n, run) => n + run.length + 5, 8 * (7 + segments.length)));
  for (const b of MAGIC) w.uint(b);
  w.uint(VERSION);
  w.uint(parts.ids.length);
  w.uint(parts.vocabulary.size);
  w.uint(0);
  for (const run of runs) w.run(run);
  w.uint(segments.length);
  segments.forEach((seg, i) => {
    const from = parts.segments[i]?.apartFrom;
    w.uint(from === undefined ? 0 : from + 1);
    for (const run of seg) w.run(run);
  });
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

/**
 * Restores a snapshot; segments whose positions are apart read them through
 * `pages`, sharing one cache, each its share of the budget by its size.
 */
export function decodeSnapshot(bytes: unknown, pages?: PageLoader, budget = CACHE_BYTES): IndexParts {
  const r = bytes instanceof Uint8Array ? new ByteReader(bytes) : undefined;
  const version = r && MAGIC.every((b) => r.uint() === b) ? r.uint() : -1;
  if (!r || version < OLDEST || version > VERSION) throw new Error('Not a search index snapshot (or an unsupported version)');
  const utf8 = new TextDecoder();
  const docs = r.uint();
  const termCount = r.uint();
  const apart = r.uint() === 1;
  const needPages = (): PageLoader => {
    if (!pages) throw new Error('This search index snapshot needs its position pages');
    return pages;
  };
  if (apart) needPages();
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
  const sizes = [ids.length, published.length, lengths.length];
  if (sizes.some((n) => n !== docs) || terms.length !== termCount) throw new Error('Corrupt search index snapshot');
  const parts: IndexParts = { ids, published, lengths, vocabulary: Vocabulary.from(terms, variants), segments: [] };
  const read: Array<{ arrays: SegmentArrays; apartFrom?: number }> = [];
  if (version < 8) {
    // Copied out of a snapshot without positions, so that the rest of it is let go.
    read.push({ arrays: readSegment(r, termCount, apart, apart), apartFrom: apart ? 0 : undefined });
    if (version >= 7) parts.removed = new Uint32Array(r.run().slice().buffer);
    if (version >= 7 && r.uint() === 1) read.push({ arrays: readSegment(r, termCount, false, true) });
  } else {
    parts.removed = new Uint32Array(r.run().slice().buffer);
    for (let k = r.uint(); k > 0; k--) {
      const from = r.uint();
      // Each copied: a snapshot with several segments is let go once restored.
      read.push({ arrays: readSegment(r, termCount, from > 0, true), apartFrom: from > 0 ? from - 1 : undefined });
    }
  }
  if (parts.removed?.some((d) => d >= docs)) throw new Error('Corrupt search index snapshot');
  const bytesOf = (a: SegmentArrays): number => a.posStart[a.df.length] as number;
  const apartBytes = read.reduce((n, s) => n + (s.apartFrom === undefined ? 0 : bytesOf(s.arrays)), 0);
  const slots = new PageSlots(budget);
  parts.segments = read.map(({ arrays, apartFrom }) =>
    apartFrom === undefined
      ? { segment: new Segment(arrays) }
      : { segment: Segment.paged(arrays, new PagedPositions(bytesOf(arrays), needPages(), (budget * bytesOf(arrays)) / apartBytes, apartFrom, slots)), apartFrom },
  );
  return parts;
}
