import { describe, expect, it } from 'vitest';
import { parseFeed, parseFeedValue } from '../../../src/shared/feed/parse';
import { FeedError, type ParsedFeed } from '../../../src/shared/feed/types';
import { badFeeds, feedJson, FIXTURE_FEED_URL, item } from '../../fixtures/bad-feeds';

const NOW = Date.parse('2024-06-01T00:00:00Z');
const V1 = 'https://jsonfeed.org/version/1';

function parse(body: string, feedUrl = FIXTURE_FEED_URL): ParsedFeed {
  return parseFeed(body, feedUrl, { now: NOW });
}

function fixture(name: string): ParsedFeed {
  const testCase = badFeeds.find((c) => c.name === name);
  if (testCase === undefined) throw new Error(`no fixture ${name}`);
  return parse(testCase.body());
}

function byId(feed: ParsedFeed, id: string) {
  const found = feed.items.find((a) => a.id === id);
  if (found === undefined) throw new Error(`no item ${id}`);
  return found;
}

describe('parseFeed: valid feeds', () => {
  it('parses a JSON Feed 1.1', () => {
    const feed = parse(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: '  Báo  Mới ',
        home_page_url: 'https://tin.example.vn/',
        next_url: 'trang-2.json',
        items: [
          {
            id: 'bai-1',
            url: 'https://tin.example.vn/bai-1',
            title: 'Hà Nội mưa lớn',
            summary: 'Tóm tắt',
            content_html: '<p>Nội dung</p>',
            content_text: 'Nội dung',
            image: 'https://tin.example.vn/a.jpg',
            banner_image: 'https://tin.example.vn/b.jpg',
            date_published: '2024-05-01T08:00:00+07:00',
            date_modified: '2024-05-01T09:30:00.5Z',
            authors: [{ name: 'Lan', url: 'https://tin.example.vn/lan', avatar: 'x' }, { name: 'Minh' }],
            tags: ['Thời sự', ' Thời sự ', 'Hà Nội'],
          },
        ],
      }),
    );
    expect(feed).toEqual({
      version: '1.1',
      title: 'Báo Mới',
      homePageUrl: 'https://tin.example.vn/',
      nextUrl: 'https://tin.example.vn/feeds/trang-2.json',
      dropped: [],
      items: [
        {
          id: 'bai-1',
          url: 'https://tin.example.vn/bai-1',
          title: 'Hà Nội mưa lớn',
          summary: 'Tóm tắt',
          contentHtml: '<p>Nội dung</p>',
          contentText: 'Nội dung',
          image: 'https://tin.example.vn/a.jpg',
          bannerImage: 'https://tin.example.vn/b.jpg',
          published: Date.parse('2024-05-01T01:00:00Z'),
          modified: Date.parse('2024-05-01T09:30:00.500Z'),
          authors: [{ name: 'Lan', url: 'https://tin.example.vn/lan' }, { name: 'Minh' }],
          tags: ['Thời sự', 'Hà Nội'],
          baseUrl: FIXTURE_FEED_URL,
        },
      ],
    });
  });

  it('parses a JSON Feed 1.0 with the author object', () => {
    const feed = parse(JSON.stringify({ version: V1, title: 'Tin', items: [item('a', { author: { name: 'Phóng viên', url: '/pv' } })] }));
    expect(feed.version).toBe('1');
    expect(feed.items[0]?.authors).toEqual([{ name: 'Phóng viên', url: 'https://tin.example.vn/pv' }]);
  });

  it('prefers 1.1 authors over the deprecated author', () => {
    const feed = parse(feedJson([item('a', { author: { name: 'Cũ' }, authors: [{ name: 'Mới' }] })]));
    expect(feed.items[0]?.authors).toEqual([{ name: 'Mới' }]);
  });

  it('accepts version URLs with http and a trailing slash', () => {
    for (const version of ['http://jsonfeed.org/version/1', 'https://jsonfeed.org/version/1/', 'http://jsonfeed.org/version/1.1/']) {
      expect(parse(JSON.stringify({ version, items: [] })).items).toEqual([]);
    }
  });

  it('parses an already-parsed value', () => {
    const feed = parseFeedValue({ version: V1, items: [{ id: 7, content_text: 'x' }] }, FIXTURE_FEED_URL, { now: NOW });
    expect(feed.items[0]).toMatchObject({ id: '7', published: NOW, title: 'x' });
  });

  it('ignores fields inherited from a polluted prototype', () => {
    const proto = { version: V1, items: [{ id: 'x', content_text: 'x' }] };
    expect(() => parseFeedValue(Object.create(proto), FIXTURE_FEED_URL)).toThrow(FeedError);
  });
});

describe('parseFeed: URLs', () => {
  it('resolves relative URLs against the feed URL and keeps only http(s)', () => {
    const feed = fixture('non-http URLs');
    expect(feed.homePageUrl).toBeUndefined();
    expect(feed.nextUrl).toBeUndefined();
    for (const id of ['js', 'data', 'vbs', 'tab']) {
      const article = byId(feed, id);
      expect([article.url, article.image, article.bannerImage]).toEqual([undefined, undefined, undefined]);
    }
    const relative = byId(feed, 'relative');
    expect(relative.url).toBe('https://tin.example.vn/bai/relative');
    expect(relative.image).toBe('https://tin.example.vn/anh/1.jpg');
    expect(relative.bannerImage).toBe('https://cdn.example.vn/b.jpg');
    expect(relative.authors).toEqual([{ name: 'A' }, { url: 'https://tin.example.vn/feeds/tac-gia/b' }]);
  });

  it('drops relative URLs when the feed URL itself is unusable', () => {
    const feed = parse(feedJson([item('a', { url: '/bai/a', image: 'https://cdn.example.vn/a.jpg' })]), 'not a url');
    expect(feed.items[0]?.url).toBeUndefined();
    expect(feed.items[0]?.image).toBe('https://cdn.example.vn/a.jpg');
  });

  it('ignores a next_url pointing back at the feed itself', () => {
    expect(parse(feedJson([], { next_url: FIXTURE_FEED_URL })).nextUrl).toBeUndefined();
    expect(parse(feedJson([], { next_url: 'moi-nhat.json' })).nextUrl).toBeUndefined();
    expect(parse(feedJson([], { next_url: 'moi-nhat.json?page=2' })).nextUrl).toBe(`${FIXTURE_FEED_URL}?page=2`);
  });
});

describe('parseFeed: item normalisation', () => {
  it('caps huge fields instead of dropping the item', () => {
    const title = fixture('title of 1 MB (capped)').items[0];
    expect(title?.title.length).toBeLessThanOrEqual(500);
    const content = fixture('content of 5 MB (capped)').items[0];
    expect(content?.contentHtml?.length).toBe(1_000_000);
    expect(content?.contentText?.length).toBeLessThanOrEqual(1_000_000);
  });

  it('caps summary at 2,000 characters and never splits a surrogate pair', () => {
    const feed = parse(feedJson([item('a', { summary: `${'a'.repeat(1_999)}😀😀` })]));
    const summary = feed.items[0]?.summary ?? '';
    expect(summary).toBe('a'.repeat(1_999));
  });

  it('records why items were dropped, with their index', () => {
    const feed = parse(feedJson([null, item('a'), item('', {}), item('b', { content_html: '' }), item('a')]));
    expect(feed.dropped).toEqual([
      { index: 0, reason: 'not-object' },
      { index: 2, reason: 'no-id' },
      { index: 3, reason: 'no-content' },
      { index: 4, reason: 'duplicate-id' },
    ]);
  });

  it('lets a later item use an id whose first item was dropped for no content', () => {
    const feed = parse(feedJson([item('a', { content_html: '' }), item('a')]));
    expect(feed.items.map((a) => a.id)).toEqual(['a']);
    expect(feed.dropped).toEqual([{ index: 0, reason: 'no-content' }]);
  });

  it('keeps string ids exactly, apart from trimming', () => {
    const nfd = 'bài-1'.normalize('NFD');
    const feed = parse(feedJson([item(` ${nfd} `), item('bài-1'), item('a  b')]));
    expect(feed.items.map((a) => a.id)).toEqual([nfd, 'bài-1', 'a  b']);
  });

  it('converts numeric ids to strings', () => {
    expect(fixture('numeric ids').items.map((a) => a.id)).toEqual(['1', '2.5']);
  });

  it('derives a missing title from summary, then text, then HTML', () => {
    const long = 'Một câu rất dài '.repeat(20);
    const feed = parse(
      feedJson([
        item('s', { title: undefined, summary: 'Tóm tắt ngắn' }),
        item('t', { title: '  ', content_html: undefined, content_text: 'Dòng một\nDòng hai' }),
        item('h', { title: 42, content_html: `<script>x()</script><p>${long}</p>` }),
      ]),
    );
    expect(byId(feed, 's').title).toBe('Tóm tắt ngắn');
    expect(byId(feed, 't').title).toBe('Dòng một Dòng hai');
    const derived = byId(feed, 'h').title;
    expect(derived.length).toBeLessThanOrEqual(120);
    expect(derived).toMatch(/^Một câu rất dài (\S+ )*\S+…$/);
    expect(long.startsWith(derived.slice(0, -1))).toBe(true);
  });

  it('derives a missing title from the first paragraph, and from its first sentence when there is one', () => {
    const feed = parse(
      feedJson([
        item('text', { title: undefined, content_html: undefined, content_text: 'Bài chỉ có văn bản, không tiêu đề.\n\nĐoạn thứ hai nói về mùa mận Mộc Châu.' }),
        item('html', { title: '', content_html: '<p>TP. Hồ Chí Minh mưa to suốt đêm qua! Nhiều tuyến đường ngập sâu.</p><p>Đoạn hai.</p>' }),
        item('no-stop', { title: undefined, content_html: '<p>Ảnh: mùa lúa chín trên ruộng bậc thang</p><figure><figcaption>Chú thích</figcaption></figure>' }),
      ]),
    );
    expect(byId(feed, 'text').title).toBe('Bài chỉ có văn bản, không tiêu đề.');
    expect(byId(feed, 'html').title).toBe('TP. Hồ Chí Minh mưa to suốt đêm qua!');
    expect(byId(feed, 'no-stop').title).toBe('Ảnh: mùa lúa chín trên ruộng bậc thang');
  });

  it('cleans titles: NFC, no controls, no bidi overrides, no lone surrogates', () => {
    const feed = fixture('Unicode oddities');
    expect(byId(feed, 'nfd').title).toBe('Tin tức Việt Nam'.normalize('NFC'));
    expect(byId(feed, 'rtl-override').title).toBe('Giải thưởng gnp.exe');
    expect(byId(feed, 'lone-surrogates').title).toBe('Hỏng \ufffd và \ufffd ở đây');
    expect(byId(feed, 'lone-surrogates').contentText).toBe('x\ufffd');
    expect(byId(feed, 'emoji').title).toBe('🇻🇳 Việt Nam vô địch 🏆👨‍👩‍👧');
    expect(byId(feed, 'controls').title).toBe('Dòngmột hai ba');
    expect(byId(feed, 'controls').summary).toBe('tómtắt');
    expect(byId(feed, 'zero-width').title).toBe('Tin\u200b tức\u200d\u2060 mới');
  });

  // WordPress's JSON Feed plugin (jsonfeed-wp #75) and others write titles as
  // HTML text; the reader saw «Giá vàng &#8211; tăng &amp; giảm» on every card.
  it('reads character references in plain-text fields as the characters they stand for', () => {
    const feed = parse(
      feedJson([
        item('wp', {
          title: '&#8220;Giá vàng&#8221; tăng &#8211; Hà Nội &amp; TP.HCM&hellip;',
          summary: 'Nông dân &quot;được mùa&quot;',
          tags: ['Kinh t&#7871;'],
          authors: [{ name: 'Ph&oacute;ng vi&ecirc;n' }],
        }),
        item('tag', { title: '&lt;b&gt;Đậm&lt;/b&gt; &#x202E;gnp.exe' }),
      ]),
    ).items;
    expect(feed[0]).toMatchObject({
      title: '“Giá vàng” tăng – Hà Nội & TP.HCM…',
      summary: 'Nông dân "được mùa"',
      tags: ['Kinh tế'],
      authors: [{ name: 'Phóng viên' }],
    });
    // Read as text, never as markup, and still without a bidi override.
    expect(feed[1]?.title).toBe('<b>Đậm</b> gnp.exe');
  });

  it('reads plain-text fields written as HTML as their text', () => {
    const [article] = parse(
      feedJson([
        item('html', {
          title: 'Phim <em>Mai</em> đạt <b>doanh thu</b> kỷ lục &amp; hơn thế',
          summary: '<p>Tóm tắt <a href="https://x.example">có liên kết</a>.</p><p>Đoạn hai.</p>',
          tags: ['<span>Văn hóa</span>'],
        }),
      ]),
    ).items;
    expect(article).toMatchObject({ title: 'Phim Mai đạt doanh thu kỷ lục & hơn thế', summary: 'Tóm tắt có liên kết. Đoạn hai.', tags: ['Văn hóa'] });
    // No tag in it: a «<» is text.
    expect(parse(feedJson([item('lt', { title: 'Giá <5 triệu, lãi a<b' })])).items[0]?.title).toBe('Giá <5 triệu, lãi a<b');
  });

  it('links an item\'s attachments after its body, as they cannot be kept', () => {
    const [article] = parse(
      feedJson([
        item('radio', {
          content_html: '<p>Bản tin sáng.</p>',
          attachments: [
            { url: '/am-thanh/ban-tin.mp3', mime_type: 'audio/mpeg', title: 'Bản tin <sáng> 6/2', size_in_bytes: 5_000_000 },
            { url: 'https://x.example/nghi-dinh.pdf', mime_type: 'application/pdf' },
            { url: 'javascript:alert(1)', mime_type: 'audio/mpeg' },
            'not an attachment',
          ],
        }),
      ]),
    ).items;
    expect(article?.contentHtml).toBe(
      '<p>Bản tin sáng.</p>' +
        `<p><a href="${new URL('/am-thanh/ban-tin.mp3', FIXTURE_FEED_URL).href}">Nghe bản ghi âm thanh: Bản tin &lt;sáng&gt; 6/2</a></p>` +
        '<p><a href="https://x.example/nghi-dinh.pdf">Mở tệp đính kèm</a></p>',
    );
  });

  it('keeps newlines and tabs in content_text and normalises CRLF', () => {
    const feed = parse(feedJson([item('a', { content_text: ' Dòng 1\r\n\tDòng 2\rDòng 3\u0000 ' })]));
    expect(feed.items[0]?.contentText).toBe('Dòng 1\n\tDòng 2\nDòng 3');
  });

  it('only accepts strings for text fields', () => {
    const article = fixture('wrong field types').items[0];
    expect(article).toMatchObject({ title: 'Nội dung bài a', tags: [], authors: [] });
    expect(article?.summary).toBeUndefined();
    expect(article?.url).toBeUndefined();
    expect(article?.image).toBeUndefined();
  });

  it('limits tags (strings, trimmed, unique, ≤ 20, ≤ 100 chars) and authors (≤ 10)', () => {
    const article = fixture('too many tags and authors').items[0];
    expect(article?.tags).toHaveLength(20);
    expect(article?.tags[0]).toBe('tag 0');
    expect(new Set(article?.tags).size).toBe(20);
    expect(article?.authors).toHaveLength(10);
    const long = parse(feedJson([item('a', { tags: ['x'.repeat(500), 'x'.repeat(100)] })])).items[0];
    expect(long?.tags).toEqual(['x'.repeat(100)]);
  });

  it('does not let pollution keys reach prototypes or results', () => {
    const feed = fixture('prototype pollution keys in feed and items');
    const first = byId(feed, 'a');
    expect(Object.getPrototypeOf(first)).toBe(Object.prototype);
    expect(first.title).toBe('x');
    expect(first.tags).toEqual(['__proto__', 'constructor']);
    expect(Object.keys(first.authors[0] ?? {})).toEqual(['name']);
    expect(byId(feed, '__proto__').contentText).toBe('id named __proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('parseFeed: dates', () => {
  const published = (fields: Record<string, unknown>) => parse(feedJson([item('a', fields)])).items[0]?.published;

  it('parses RFC 3339 with offsets and fractions', () => {
    expect(published({ date_published: '2024-05-01T08:00:00+07:00' })).toBe(Date.parse('2024-05-01T01:00:00Z'));
    expect(published({ date_published: '2024-05-01t01:00:00.123456z' })).toBe(Date.parse('2024-05-01T01:00:00.123Z'));
    expect(published({ date_published: '2016-12-31T23:59:60Z' })).toBe(Date.parse('2016-12-31T23:59:59Z'));
    expect(published({ date_published: '2024-02-29' })).toBe(Date.parse('2024-02-29T00:00:00Z'));
  });

  it('falls back to date_modified, then to now', () => {
    const feed = fixture('bad dates');
    for (const id of ['garbage', 'year-99999', 'empty', 'feb-30', 'hour-25', 'number', 'far-future']) {
      expect(byId(feed, id).published, id).toBe(NOW);
      expect(byId(feed, id).modified, id).toBeUndefined();
    }
    expect(byId(feed, 'fallback-modified').published).toBe(Date.parse('2024-04-01T00:00:00Z'));
    expect(byId(feed, 'fallback-modified').modified).toBe(Date.parse('2024-04-01T00:00:00Z'));
  });

  it('reads the dates generators write instead of RFC 3339: no colon in the offset, no seconds, no zone (Vietnam time), RSS dates', () => {
    const seven = Date.parse('2024-05-01T01:00:00Z');
    for (const date of [
      '2024-05-01T08:00:00+0700',
      '2024-05-01T08:00+07:00',
      '2024-05-01 08:00:00',
      '2024-05-01T08:00:00',
      'Wed, 01 May 2024 08:00:00 +0700',
      'Wed, 01 May 2024 01:00:00 GMT',
      '1 May 2024 08:00 GMT+7',
      'Tue, 30 Apr 2024 21:00:00 EDT',
      'Wed, 01 May 24 08:00:00',
    ]) {
      expect(published({ date_published: date }), date).toBe(seven);
    }
  });

  it('rejects dates that cannot be', () => {
    for (const date of ['2024-13-01T00:00:00Z', '2023-02-29', '2024-05-01T08:00:00+24:00', 'Wed, 31 Apr 2024 08:00:00 GMT', '01 Foo 2024 08:00 GMT', 'Thứ Hai, 6/2/2023', '06/02/2023 07:00']) {
      expect(published({ date_published: date }), date).toBe(NOW);
    }
  });

  it('takes the «no date» placeholders of servers and databases for no date, not for the year 1 or 1970', () => {
    for (const date of ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00', '1970-01-01T00:00:00Z', '1970-01-01T07:00:00+07:00', '1900-01-01T00:00:00', 'Thu, 01 Jan 1970 00:00:00 GMT']) {
      const [article] = parse(feedJson([item('a', { date_published: date })])).items;
      expect(article?.published, date).toBe(NOW);
      expect(article?.undated, date).toBe(true);
    }
    // The placeholder in date_published does not hide a real date_modified.
    expect(published({ date_published: '0001-01-01T00:00:00Z', date_modified: '2024-04-01T00:00:00Z' })).toBe(Date.parse('2024-04-01T00:00:00Z'));
    // Real old dates stay.
    expect(published({ date_published: '1975-04-30T11:30:00+07:00' })).toBe(Date.parse('1975-04-30T04:30:00Z'));
    expect(published({ date_published: '1970-01-01T08:00:00+07:00' })).toBe(Date.parse('1970-01-01T01:00:00Z'));
  });
});

describe('parseFeed: refusals', () => {
  const kindOf = (body: string, maxBytes?: number): string | undefined => {
    try {
      parseFeed(body, FIXTURE_FEED_URL, maxBytes === undefined ? {} : { maxBytes });
    } catch (error) {
      return error instanceof FeedError ? error.kind : 'other';
    }
    return undefined;
  };

  it('counts maxBytes in UTF-8', () => {
    const body = feedJson([item('ế')]);
    const bytes = new TextEncoder().encode(body).length;
    expect(kindOf(body, bytes)).toBeUndefined();
    expect(kindOf(body, bytes - 1)).toBe('too-large');
  });

  it('treats every cut of a valid feed as truncated', () => {
    const body = feedJson([item('a', { title: 'Tin "đặc biệt" \\ \u00e9', tags: ['x'], expired: false, n: -1.5e3 })]);
    for (let length = 1; length < body.length; length++) {
      expect(kindOf(body.slice(0, length)), body.slice(0, length)).toBe('truncated');
    }
  });

  it('classifies markup by its root element', () => {
    expect(kindOf('<!-- a --> <!-- b --><rss version="2.0"></rss>')).toBe('xml');
    expect(kindOf('<?xml version="1.0"?><rdf:RDF></rdf:RDF>')).toBe('xml');
    expect(kindOf('<?xml version="1.0"?><html><body>x</body></html>')).toBe('html');
    expect(kindOf('  <BODY>Access denied</BODY>')).toBe('html');
  });

  it('gives English messages for logs', () => {
    expect(() => parse('[]')).toThrow(/not an object/);
  });
});
