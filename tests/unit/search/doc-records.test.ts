import { describe, expect, it } from 'vitest';
import { ALT, ATOM, DOC, MASK, NEXT, POS_AT, POS_END, records, SEG, STRIDE } from '../../../src/shared/search/doc-records';

/** Document d's records as its chain gives them (newest first), each with its fields. */
function chainOf(d: number): number[][] {
  const out: number[][] = [];
  const f = records.fields;
  for (let e = records.head[d] as number; e >= 0; e = f[e * STRIDE + NEXT] as number) {
    const at = e * STRIDE;
    out.push([f[at + DOC], f[at + ALT], f[at + ATOM], f[at + SEG], f[at + POS_AT], f[at + POS_END], f[at + MASK]] as number[]);
  }
  return out;
}

describe('doc records chained per document', () => {
  it('gives each document its own records with their fields, newest first, also past the first storage', () => {
    records.forDocs(3);
    // Records pushed term by term, as ranking's first pass does: documents interleave, 10,000 records in all.
    const expected: number[][][] = [[], [], []];
    for (let i = 0; i < 10_000; i++) {
      const d = i % 3;
      const rec = [d, i % 7, i % 5, i % 2, 10 * i, 10 * i + 3, 1 << i % 4];
      records.push(d, rec[1] as number, rec[2] as number, rec[3] as number, rec[4] as number, rec[5] as number, rec[6] as number);
      (expected[d] as number[][]).unshift(rec);
    }
    for (let d = 0; d < 3; d++) expect(chainOf(d)).toEqual(expected[d]);
    expect(records.length).toBe(10_000);
    // The next query starts afresh once the documents' heads are cleared (rank.ts clears those it touched).
    records.head.fill(-1);
    records.forDocs(3);
    records.push(1, 2, 0, 0, 5, 6, 1);
    expect(chainOf(0)).toEqual([]);
    expect(chainOf(1)).toEqual([[1, 2, 0, 0, 5, 6, 1]]);
  });

  it('makes room for the records a query will read at once, keeping those already pushed', () => {
    records.head.fill(-1);
    records.forDocs(2);
    records.push(0, 1, 0, 0, 7, 9, 2);
    records.reserve(200_000);
    const storage = records.fields;
    for (let i = 0; i < 200_000; i++) records.push(1, 0, 1, 0, 3 * i, 3 * i + 2, 1);
    // Not grown again while the reserved records were pushed (growing copies every record so far).
    expect(records.fields).toBe(storage);
    expect(chainOf(0)).toEqual([[0, 1, 0, 0, 7, 9, 2]]);
    expect(chainOf(1)[0]).toEqual([1, 0, 1, 0, 3 * 199_999, 3 * 199_999 + 2, 1]);
    expect(chainOf(1)).toHaveLength(200_000);
    records.head.fill(-1);
  });

  it('reuses one storage for the records of query after query, a small one between them or not', () => {
    const query = (count: number): Int32Array => {
      records.head.fill(-1);
      records.forDocs(2);
      records.reserve(count);
      for (let i = 0; i < count; i++) records.push(i % 2, 0, i % 2, 0, 2 * i, 2 * i + 1, 1);
      return records.fields;
    };
    const storage = query(100_000);
    query(10);
    // Fresh storage of that size (3.2 MB) is paid for page by page as it is first written.
    // Compared as a boolean: a failing toBe would print both arrays (a million numbers each).
    expect(query(120_000) === storage).toBe(true);
    expect(chainOf(1)).toHaveLength(60_000);
    expect(chainOf(1)[0]).toEqual([1, 0, 1, 0, 2 * 119_999, 2 * 119_999 + 1, 1]);
    // A query far bigger has storage of its own, let go when the next query starts.
    expect(query(1_000_000) === storage).toBe(false);
    expect(query(50_000) === storage).toBe(true);
    records.head.fill(-1);
  });
});
