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
 * Version 9: after the version, the pages holding segments' arrays (count,
 * then each page); each segment's first page plus one is followed by the
 * page of its arrays plus one (0: they follow inline). A build writes each
 * part's arrays once, as one more page after its positions' (encodePart), so
 * that a save writes, and holds while it writes, only what it adds.
 */
import { ByteReader, ByteWriter } from './codec';
import { CACHE_BYTES, PagedPositions, PageSlots, type PageLoader } from './position-pages';
import { Segment, type SegmentArrays } from './postings';
import { Vocabulary } from './vocabulary';

const MAGIC = [0x42, 0x41, 0x4f, 0x53]; // BAOS
/** A segment's arrays stored on their own (encodePart): never read as a position page, nor the reverse. */
const PART_MAGIC = [0x42, 0x41, 0x4f, 0x50]; // BAOP
const VERSION = 9;
/** The oldest version still read: the same but for what version 7 adds at the end. */
const OLDEST = 6;

/**
 * A segment of a snapshot, its positions inside, or apart in the save's pages
 * from page `apartFrom` on; its other arrays inside, or in page `arraysAt`.
 */
export interface SnapshotSegment {
  segment: Segment;
  apartFrom?: number;
  arraysAt?: number;
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
  const segments = parts.segments.map(({ segment, apartFrom, arraysAt }) => (arraysAt === undefined ? segmentRuns(segment.arrays, apartFrom !== undefined) : []));
  const records = parts.segments.flatMap(({ arraysAt }) => (arraysAt === undefined ? [] : [arraysAt]));
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
  const w = new ByteWriter([...runs, ...segments.flat()].reduce((n, run) => n + run.length + 5, 8 * (8 + 2 * segments.length)));
  for (const b of MAGIC) w.uint(b);
  w.uint(VERSION);
  w.uint(records.length);
  for (const page of records) w.uint(page);
  w.uint(parts.ids.length);
  w.uint(parts.vocabulary.size);
  w.uint(0);
  for (const run of runs) w.run(run);
  w.uint(segments.length);
  segments.forEach((seg, i) => {
    const { apartFrom, arraysAt } = parts.segments[i] as SnapshotSegment;
    w.uint(apartFrom === undefined ? 0 : apartFrom + 1);
    w.uint(arraysAt === undefined ? 0 : arraysAt + 1);
    for (const run of seg) w.run(run);
  });
  return w.bytes.subarray(0, w.length);
}

/** A segment's arrays on their own, its positions apart: the page a snapshot refers to as `arraysAt`. */
export function encodePart(segment: Segment): Uint8Array {
  const runs = segmentRuns(segment.arrays, true);
  const w = new ByteWriter(runs.reduce((n, run) => n + run.length + 5, 8));
  for (const b of PART_MAGIC) w.uint(b);
  for (const run of runs) w.run(run);
  return w.bytes.subarray(0, w.length);
}

/** The pages holding segments' arrays that the snapshot refers to, to read before decodeSnapshot. */
export function snapshotParts(bytes: unknown): number[] {
  const r = bytes instanceof Uint8Array ? new ByteReader(bytes) : undefined;
  if (!r || !MAGIC.every((b) => r.uint() === b) || r.uint() < 9) return [];
  return Array.from({ length: r.uint() }, () => r.uint());
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
 * `parts`: the pages snapshotParts names, as read, in that order.
 */
export function decodeSnapshot(bytes: unknown, pages?: PageLoader, budget = CACHE_BYTES, parts: ReadonlyArray<Uint8Array | undefined> = []): IndexParts {
  const r = bytes instanceof Uint8Array ? new ByteReader(bytes) : undefined;
  const version = r && MAGIC.every((b) => r.uint() === b) ? r.uint() : -1;
  if (!r || version < OLDEST || version > VERSION) throw new Error('Not a search index snapshot (or an unsupported version)');
  const partPages = version >= 9 ? Array.from({ length: r.uint() }, () => r.uint()) : [];
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
  const out: IndexParts = { ids, published, lengths, vocabulary: Vocabulary.from(terms, variants), segments: [] };
  const read: Array<{ arrays: SegmentArrays; apartFrom?: number; arraysAt?: number }> = [];
  // A part's arrays, from its own page: copied out of it (they are not aligned there).
  const partAt = (page: number): SegmentArrays => {
    const bytes = parts[partPages.indexOf(page)];
    const p = bytes && new ByteReader(bytes);
    if (!p || !PART_MAGIC.every((b) => p.uint() === b)) throw new Error('Corrupt search index snapshot');
    return readSegment(p, termCount, true, true);
  };
  if (version < 8) {
    // Copied out of a snapshot without positions, so that the rest of it is let go.
    read.push({ arrays: readSegment(r, termCount, apart, apart), apartFrom: apart ? 0 : undefined });
    if (version >= 7) out.removed = new Uint32Array(r.run().slice().buffer);
    if (version >= 7 && r.uint() === 1) read.push({ arrays: readSegment(r, termCount, false, true) });
  } else {
    out.removed = new Uint32Array(r.run().slice().buffer);
    for (let k = r.uint(); k > 0; k--) {
      const from = r.uint();
      const at = version >= 9 ? r.uint() : 0;
      if (at > 0 && from === 0) throw new Error('Corrupt search index snapshot');
      // Each copied: a snapshot with several segments is let go once restored.
      const arrays = at > 0 ? partAt(at - 1) : readSegment(r, termCount, from > 0, true);
      read.push({ arrays, apartFrom: from > 0 ? from - 1 : undefined, arraysAt: at > 0 ? at - 1 : undefined });
    }
  }
  if (out.removed?.some((d) => d >= docs)) throw new Error('Corrupt search index snapshot');
  const bytesOf = (a: SegmentArrays): number => a.posStart[a.df.length] as number;
  const apartBytes = read.reduce((n, s) => n + (s.apartFrom === undefined ? 0 : bytesOf(s.arrays)), 0);
  const slots = new PageSlots(budget);
  out.segments = read.map(({ arrays, apartFrom, arraysAt }) =>
    apartFrom === undefined
      ? { segment: new Segment(arrays) }
      : {
          segment: Segment.paged(arrays, new PagedPositions(bytesOf(arrays), needPages(), (budget * bytesOf(arrays)) / apartBytes, apartFrom, slots, arraysAt)),
          apartFrom,
          arraysAt,
        },
  );
  return out;
}
