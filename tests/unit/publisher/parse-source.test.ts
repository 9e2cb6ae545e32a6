import { describe, expect, it } from 'vitest';
import { parseSource } from '../../../publisher/src/sources/parse-source';
import { decodeBody } from '../../../publisher/src/sources/decode';

describe('reading sources', () => {
  it('reads RSS 2.0 with content:encoded, enclosure, categories and an RFC 822 date', () => {
    const items = parseSource(`<?xml version="1.0" encoding="UTF-8"?>
      <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Báo</title>
      <item><title><![CDATA[Mưa lớn &amp; lũ quét]]></title><link>https://bao.example/a.html</link><guid isPermaLink="false">a-1</guid>
      <description>&lt;p&gt;Tóm tắt&lt;/p&gt;</description><content:encoded><![CDATA[<p>Toàn bài</p>]]></content:encoded>
      <pubDate>Mon, 03 Mar 2025 08:00:00 +0700</pubDate><dc:creator>Lò Văn A</dc:creator><category>Thời sự</category><category>Miền núi</category>
      <enclosure url="https://bao.example/a.jpg" type="image/jpeg" length="1"/></item></channel></rss>`);
    expect(items).toEqual([
      {
        guid: 'a-1',
        url: 'https://bao.example/a.html',
        title: 'Mưa lớn &amp; lũ quét',
        contentHtml: '<p>Toàn bài</p>',
        summary: '<p>Tóm tắt</p>',
        published: Date.UTC(2025, 2, 3, 1),
        authors: ['Lò Văn A'],
        categories: ['Thời sự', 'Miền núi'],
        image: 'https://bao.example/a.jpg',
      },
    ]);
  });

  it('reads Atom entries: alternate link, html summary, published, author, enclosure picture', () => {
    const [item] = parseSource(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
      <entry><id>tag:bao.example,2025:1</id><title type="html">Lễ hội &lt;b&gt;Xên&lt;/b&gt;</title>
      <link rel="alternate" type="text/html" href="https://bao.example/le-hoi"/><link rel="enclosure" type="image/png" href="https://bao.example/x.png"/>
      <published>2025-03-03T01:00:00Z</published><updated>2025-03-04T01:00:00Z</updated><author><name>Cầm Thị B</name></author>
      <summary type="html">&lt;p&gt;Ngắn&lt;/p&gt;</summary></entry></feed>`);
    expect(item).toMatchObject({
      guid: 'tag:bao.example,2025:1',
      url: 'https://bao.example/le-hoi',
      title: 'Lễ hội <b>Xên</b>',
      contentHtml: '<p>Ngắn</p>',
      published: Date.UTC(2025, 2, 3, 1),
      modified: Date.UTC(2025, 2, 4, 1),
      authors: ['Cầm Thị B'],
      image: 'https://bao.example/x.png',
    });
  });

  it('reads Atom xhtml content as its markup, text content as text, and links against xml:base', () => {
    const items = parseSource(`<?xml version="1.0" encoding="utf-8"?>
      <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://bao.example/tin/"><title>T</title>
      <entry><id>urn:1</id><link href="xhtml.html"/><published>2025-03-03T01:00:00Z</published>
        <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Lễ hội <b>Xên</b> &amp; múa</div></title>
        <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Đoạn <strong>một</strong> rồi &lt;hai&gt;.</p><ul><li>Mục</li></ul></div></content></entry>
      <entry xml:base="https://khac.example/"><id>urn:2</id><link href="bai/2"/>
        <summary type="xhtml"><x:div xmlns:x="http://www.w3.org/1999/xhtml"><x:p>Chỉ <x:i>tóm tắt</x:i></x:p></x:div></summary></entry>
      <entry><id>urn:3</id><link href="https://bao.example/3"/>
        <content type="text">Một &lt;b&gt; hai &amp; ba

Đoạn sau</content></entry></feed>`);
    expect(items).toMatchObject([
      { url: 'https://bao.example/tin/xhtml.html', title: 'Lễ hội <b>Xên</b> &amp; múa', contentHtml: '<p>Đoạn <strong>một</strong> rồi &lt;hai&gt;.</p><ul><li>Mục</li></ul>' },
      { url: 'https://khac.example/bai/2', contentHtml: '<p>Chỉ <i>tóm tắt</i></p>' },
      { url: 'https://bao.example/3', contentHtml: '<p>Một &lt;b&gt; hai &amp; ba</p><p>Đoạn sau</p>' },
    ]);
  });

  it('reads Atom content typed with a media type: an XML one as its markup, text/plain as text, text/html as HTML', () => {
    const items = parseSource(`<?xml version="1.0" encoding="utf-8"?>
      <feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
      <entry><id>urn:1</id><link href="https://bao.example/1"/>
        <content type="application/xhtml+xml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Bà con <b>Mường Lói</b> làm đường.</p></div></content></entry>
      <entry><id>urn:2</id><link href="https://bao.example/2"/>
        <content type="text/plain">Giá lúa &lt;b&gt; tăng &amp; ổn định</content></entry>
      <entry><id>urn:3</id><link href="https://bao.example/3"/>
        <content type="text/html">&lt;p&gt;Mùa &lt;i&gt;gặt&lt;/i&gt;&lt;/p&gt;</content></entry></feed>`);
    // Before: the first came out empty (its markup was taken apart as feed XML), the second as HTML with a <b> in it.
    expect(items.map((item) => item.contentHtml)).toEqual([
      '<p>Bà con <b>Mường Lói</b> làm đường.</p>',
      '<p>Giá lúa &lt;b&gt; tăng &amp; ổn định</p>',
      '<p>Mùa <i>gặt</i></p>',
    ]);
  });

  it('reads a JSON Feed, turning content_text into paragraphs', () => {
    const [item] = parseSource(
      JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'T', items: [{ id: 7, content_text: 'Một < hai\n\nBa', date_published: '2025-03-03T00:00:00Z' }] }),
    );
    expect(item).toMatchObject({ guid: '7', contentHtml: '<p>Một &lt; hai</p><p>Ba</p>', published: Date.UTC(2025, 2, 3) });
  });

  /** The time an RSS item with this pubDate is published at. */
  const dated = (date: string) =>
    parseSource(`<rss version="2.0"><channel><item><link>https://x.example/1</link><pubDate>${date}</pubDate></item></channel></rss>`)[0]?.published;

  it('reads a time written without a zone as Vietnam time, and Vietnamese day-first dates, on a server in any zone', () => {
    const sevenInHanoi = Date.UTC(2023, 1, 6, 0);
    expect(dated('2023-02-06 07:00:00')).toBe(sevenInHanoi);
    expect(dated('2023-02-06T07:00')).toBe(sevenInHanoi);
    expect(dated('Mon, 06 Feb 2023 07:00:00')).toBe(sevenInHanoi);
    expect(dated('Thứ Hai, 06/02/2023 - 07:00')).toBe(sevenInHanoi);
    expect(dated('6/2/2023 07:00')).toBe(sevenInHanoi);
    expect(dated('Chủ nhật, 5/2/2023')).toBe(Date.UTC(2023, 1, 4, 17));
    // Zones that are written are kept.
    expect(dated('2023-02-06T07:00:00Z')).toBe(Date.UTC(2023, 1, 6, 7));
    expect(dated('Mon, 06 Feb 2023 07:00:00 GMT')).toBe(Date.UTC(2023, 1, 6, 7));
    // An impossible day is no date (the item then takes the run's time), not the 3rd of March.
    expect(dated('31/02/2023 07:00')).toBeUndefined();
  });

  it('reads the numeric dates of Vietnamese CMSs in Vietnam time, day first unless written the en-US .NET way, and the ICT zone', () => {
    const eightInHanoi = Date.UTC(2025, 2, 13, 1);
    // Before, Date.parse read each of these in the server's zone (7 hours off), month first, or not at all.
    expect(dated('3/13/2025 8:00:00 AM')).toBe(eightInHanoi); // ASP.NET, en-US culture
    expect(dated('13/03/2025 8:00:00 SA')).toBe(eightInHanoi); // ASP.NET, vi-VN culture
    expect(dated('13/03/2025 8:00:00 CH')).toBe(eightInHanoi + 12 * 3600_000);
    expect(dated('Thứ năm, 13/3/2025, 08:00 (GMT+7)')).toBe(eightInHanoi);
    expect(dated('08:00 | 13/03/2025')).toBe(eightInHanoi);
    expect(dated('08:00 ngày 13/03/2025')).toBe(eightInHanoi);
    expect(dated('T5, 13/03/2025 08:00')).toBe(eightInHanoi);
    expect(dated('13-03-2025 08:00')).toBe(eightInHanoi);
    expect(dated('13.03.2025 08:00')).toBe(eightInHanoi);
    expect(dated('2025/03/13 08:00')).toBe(eightInHanoi);
    expect(dated('Thu, 13 Mar 2025 08:00:00 ICT')).toBe(eightInHanoi);
    // Ambiguous day and month: day first, as Vietnamese write it.
    expect(dated('03/02/2025 08:00')).toBe(Date.UTC(2025, 1, 3, 1));
    expect(dated('13/03/2025 08:00 +0000')).toBe(Date.UTC(2025, 2, 13, 8));
  });

  it('reads a Vietnamese date after words of its own, with a two-digit year, and by its weekday where AM/PM leave the order open', () => {
    const quarterPastEight = Date.UTC(2023, 1, 6, 1, 15);
    // Before, Date.parse read these month first in the server's zone: 2 June, 08:15 UTC.
    expect(dated('Cập nhật: 06/02/2023 08:15')).toBe(quarterPastEight);
    expect(dated('CẬP NHẬT 06/02/2023 08:15')).toBe(quarterPastEight);
    expect(dated('CN, 05/02/2023 08:15')).toBe(quarterPastEight - 24 * 3600_000);
    expect(dated('Đăng lúc 08:15, 06/02/23')).toBe(quarterPastEight);
    // 6 February 2023 was a Monday (before, read as 2 June, a Friday); 2 June is read when the weekday says Friday.
    expect(dated('Thứ hai, 06/02/2023 08:15 AM')).toBe(quarterPastEight);
    expect(dated('Thứ sáu, 06/02/2023 08:15 AM')).toBe(Date.UTC(2023, 5, 2, 1, 15));
    // A zone in letters is still Date.parse's to read.
    expect(dated('02/06/2023 08:15 EST')).toBe(Date.UTC(2023, 1, 6, 13, 15));
  });

  it('reads an AM/PM date day first unless it has the en-US .NET shape, and a time in words', () => {
    const quarterPastEight = Date.UTC(2023, 1, 6, 1, 15);
    // Before, both were read month first, 2 June: AM/PM alone made the order en-US.
    expect(dated('06/02/2023 - 08:15 AM')).toBe(quarterPastEight);
    expect(dated('06/02/2023 08:15 PM')).toBe(quarterPastEight + 12 * 3600_000);
    // ASP.NET's en-US «G» format (no leading zeros, seconds) stays month first.
    expect(dated('2/6/2023 8:15:00 AM')).toBe(quarterPastEight);
    // Before, no date: the item took the run's time.
    expect(dated('8 giờ 15 phút, ngày 6 tháng 2 năm 2023')).toBe(quarterPastEight);
    expect(dated('Thứ Hai, 6/2/2023, 08:15 (GMT+7)')).toBe(quarterPastEight);
  });

  it('reads the "GMT+7" dates some Vietnamese CMSs write', () => {
    const [item] = parseSource(`<rss version="2.0"><channel><item><link>https://x.example/1</link><pubDate>Mon, 03 Mar 2025 08:00:00 GMT+7</pubDate></item></channel></rss>`);
    expect(item?.published).toBe(Date.UTC(2025, 2, 3, 1));
  });

  it('says what went wrong with an HTML page, broken XML, another XML root or JSON that is no feed', () => {
    expect(() => parseSource('<!DOCTYPE html><html><body>Lỗi</body></html>')).toThrow(/HTML page/);
    expect(() => parseSource('<?xml version="1.0"?><rss><channel><item><title>x</channel>')).toThrow(/broken XML/);
    expect(() => parseSource('<?xml version="1.0"?><urlset></urlset>')).toThrow(/<urlset>/);
    expect(() => parseSource('{"items": []}')).toThrow(/not a JSON Feed/);
    expect(() => parseSource('  ')).toThrow(/empty/);
  });

  it('neither reads external entities nor multiplies internal ones', () => {
    const entities = (extra: string) =>
      `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">${extra}]><rss version="2.0"><channel><item><title>&e;</title><link>https://x.example/1</link></item></channel></rss>`;
    expect(() => parseSource(entities('<!ENTITY x SYSTEM "file:///etc/passwd">'))).toThrow(/unreadable XML/);
    expect(parseSource(entities(''))[0]!.title.length).toBeLessThan(100);
  });

  it('decodes by the declared charset', () => {
    const latin = Buffer.from('<?xml version="1.0" encoding="windows-1252"?><a>caf\xe9</a>', 'latin1');
    expect(decodeBody(latin, 'application/xml')).toContain('café');
    expect(decodeBody(Buffer.from('\ufeffXin chào', 'utf8'), 'text/plain; charset=utf-8')).toBe('Xin chào');
  });

  it('reads a feed whose charset is declared wrongly: a BOM or valid UTF-8 wins over the label, a legacy label over a wrong "utf-8"', () => {
    const rss = (encoding: string) => `<?xml version="1.0" encoding="${encoding}"?><rss version="2.0"><channel><item><title>Hà Nội mưa lớn</title><link>https://x.example/1</link></item></channel></rss>`;
    const title = (body: Buffer, contentType: string) => parseSource(decodeBody(body, contentType))[0]?.title;
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    // Before: a UTF-8 BOM read as ISO-8859-1 became «ï»¿» before «<?xml», and the whole source was refused.
    expect(title(Buffer.concat([bom, Buffer.from(rss('UTF-8'))]), 'text/xml; charset=iso-8859-1')).toBe('Hà Nội mưa lớn');
    // Before: «HÃ  Ná»\x99i mÆ°a lá»\x9Bn».
    expect(title(Buffer.from(rss('UTF-8')), 'application/rss+xml; charset=windows-1252')).toBe('Hà Nội mưa lớn');
    expect(title(Buffer.from(rss('windows-1258')), 'text/xml')).toBe('Hà Nội mưa lớn');
    // «Hà Nội mưa lớn» in windows-1258: ô with a combining dot below (0xF2), ơ as 0xF5.
    const legacy = Buffer.concat([Buffer.from(rss('windows-1258').split('Hà Nội mưa lớn')[0]!, 'latin1'), Buffer.from([0x48, 0xe0, 0x20, 0x4e, 0xf4, 0xf2, 0x69, 0x20, 0x6d, 0xfd, 0x61, 0x20, 0x6c, 0xf5, 0xec, 0x6e]), Buffer.from(rss('windows-1258').split('Hà Nội mưa lớn')[1]!, 'latin1')]);
    // Tone marks come out composed (NFC), as the app's search and titles expect.
    expect(title(legacy, 'text/xml; charset=utf-8')).toBe('Hà Nội mưa lớn');
    expect(title(legacy, 'text/xml')).toBe('Hà Nội mưa lớn');
    expect(title(Buffer.from(rss('UTF-8').normalize('NFD')), 'text/xml')).toBe('Hà Nội mưa lớn');
  });
});
