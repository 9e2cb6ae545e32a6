import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFeedDocs, readKnownItems, readScale, readTopical } from '../../../scripts/bench-input';
import { scaled } from '../../../scripts/corpus';
import { SearchIndex } from '../../../src/shared/search/search-index';

const dir = mkdtempSync(join(tmpdir(), 'bench-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const feed = (items: unknown[]) => ({ version: 'https://jsonfeed.org/version/1.1', title: 'Another paper', items });

/** A feed unlike the shared corpus: English, text only, numeric and repeated ids, no titles, no dates, heavy markup. */
const odd = file(
  'odd.json',
  feed([
    { id: 1, content_text: 'The harbour bridge reopened after the storm. Traffic was light on Monday.' },
    { id: 'b', title: 'Council budget', content_html: '<div><script>var x = "harbour";</script><p><span><b>Spending on</b> libraries rose.</span></p></div>' },
    { id: 1, title: 'A second item with the same id', content_text: 'Nothing about the harbour here.' },
    { id: 'c', title: 'Short' , content_text: 'Ok.' },
  ]),
);

describe('the search bench reads any feed as the app would', () => {
  it('keeps the first of repeated ids, reads numeric ids as text, and the index round-trips through its snapshot', async () => {
    const { docs, dropped } = readFeedDocs(odd);
    expect(docs.map((d) => d.id)).toEqual(['1', 'b', 'c']);
    expect(dropped).toEqual({ 'duplicate-id': 1 });
    // Markup is read as the app reads it: the script is not text.
    expect(docs[1]?.text).toBe('Spending on libraries rose.');
    const restored = SearchIndex.fromBytes(SearchIndex.build(docs).toBytes());
    expect((await restored.searchAsync('harbour bridge')).hits.map((h) => h.id)).toEqual(['1']);
    expect((await restored.searchAsync('libraries')).hits.map((h) => h.id)).toEqual(['b']);
  });

  it('says in one line what is wrong with a file that is missing, not JSON, or not a JSON Feed', () => {
    expect(() => readFeedDocs(join(dir, 'none.json'))).toThrow(/^Feed: no file at .*none\.json$/);
    expect(() => readFeedDocs(file('rss.xml', '<?xml version="1.0"?><rss></rss>'))).toThrow(/is not a JSON Feed \(xml\)/);
    expect(() => readFeedDocs(file('obj.json', { items: [] }))).toThrow(/is not a JSON Feed \(wrong-version\)/);
    expect(() => readFeedDocs(file('empty.json', feed([{ id: 'x' }])))).toThrow(/has no usable items \(1 dropped\)/);
  });

  it('takes the queries whose target is in the feed, and refuses a query file that matches none of it', () => {
    const ids = new Set(['1', 'b']);
    const some = readKnownItems(file('q.json', [{ target: 'b', exact: 'Council budget' }, { target: 'zz', folded: 'x' }]), ids);
    expect(some).toEqual({ queries: [{ target: 'b', exact: 'Council budget' }], skipped: 1 });
    expect(() => readKnownItems(file('q2.json', [{ target: 'zz', exact: 'x' }]), ids)).toThrow(/none of the 1 targets is an article of the feed \(first: "zz"\)/);
    expect(() => readKnownItems(file('q3.json', { queries: [] }), ids)).toThrow(/expected an array/);
    expect(() => readKnownItems(file('q4.json', [{ id: 'b', text: 'x' }]), ids)).toThrow(/no query has a string "target"/);
    expect(() => readKnownItems(file('q5.json', '[{"target": '), ids)).toThrow(/is not valid JSON/);
  });

  it('leaves out topical queries judged on other articles (the default set is the shared corpus’s)', () => {
    const topical = readTopical(file('t.json', [{ query: 'giá vàng', relevant: { 'baomoi-1': 2 } }, { query: 'budget', relevant: { b: 2 } }]), new Set(['b']));
    expect(topical).toEqual({ queries: [{ query: 'budget', relevant: { b: 2 } }], skipped: 1 });
  });

  it('takes a whole number for --scale only', () => {
    expect(readScale(undefined)).toBeUndefined();
    expect(readScale('20000')).toBe(20_000);
    expect(() => readScale('20k')).toThrow(/whole number/);
    expect(() => readScale('0')).toThrow(/whole number/);
  });
});

describe('--scale', () => {
  const docs = readFeedDocs(odd).docs;

  it('keeps the queries’ targets when asked for fewer articles than the feed holds', () => {
    expect(scaled(docs, 1, new Set(['c'])).map((d) => d.id)).toEqual(['c']);
    expect(scaled(docs, 2, new Set(['c'])).map((d) => d.id)).toEqual(['1', 'c']);
  });

  it('grows a feed whose every article is a target, and one without sentences', () => {
    const grown = scaled(docs, 50, new Set(docs.map((d) => d.id)));
    expect(grown).toHaveLength(50);
    expect(new Set(grown.map((d) => d.id)).size).toBe(50);
    expect(scaled([{ ...docs[2]!, text: '' }], 5, new Set())).toHaveLength(5);
  });
});
