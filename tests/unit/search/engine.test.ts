import { describe, expect, it, vi } from 'vitest';
import { ByteReader } from '../../../src/shared/search/codec';
import { makeSnippet, SearchIndex, type SearchDoc } from '../../../src/shared/search';
import { RecordCursor, Segment } from '../../../src/shared/search/postings';
import { work } from '../../../src/shared/search/work';

const day = 86_400_000;
const doc = (id: string, fields: Partial<SearchDoc>, age = 0): SearchDoc => ({
  id,
  title: '',
  summary: '',
  text: '',
  tags: [],
  published: 1_500_000_000_000 - age * day,
  ...fields,
});

const fixture: SearchDoc[] = [
  doc('dan-van', { title: 'Công tác dân vận khéo ở cơ sở', text: 'Phong trào dân vận khéo lan rộng khắp tỉnh.' }, 5),
  doc('van-dan', { title: 'Vận động người dân', text: 'Người dân được vận động tham gia, công tác khéo léo.' }, 1),
  doc('body-phrase', { title: 'Tin địa phương', text: 'Bài học về dân vận khéo từ thôn bản.' }, 0),
  doc('summary-phrase', { title: 'Tin tỉnh', summary: 'Mô hình dân vận khéo được nhân rộng.' }, 3),
  doc('ma-sac', { title: 'Mẹ và má', text: 'Má tôi hay kể chuyện.' }, 9),
  doc('ma-huyen', { title: 'Chuyện mà ai cũng biết', text: 'Điều mà ai cũng biết.' }, 0),
  doc('hoa-old', { title: 'Thanh Hóa khởi công cầu mới', text: 'Tỉnh Thanh Hóa khởi công.' }, 2),
  doc('thuy', { title: 'Ca sĩ Thúy Hằng ra mắt album', text: 'Thúy Hằng hát.' }, 4),
  doc('code', { title: 'Thực hiện Chỉ thị 11-CT/TU', text: 'Quán triệt chỉ thị số 11-CT/TU của Tỉnh ủy.' }, 6),
  doc('luong', { title: 'Tăng lương tối thiểu vùng', text: 'Mức lương mới áp dụng từ tháng 7.' }, 7),
];

const ids = (index: SearchIndex, q: string): string[] => index.search(q).hits.map((h) => h.id);

describe('SearchIndex ranking', () => {
  const index = SearchIndex.build(fixture);

  it('finds the phrase in the title first, however it is typed', () => {
    for (const q of ['dân vận khéo', 'dan van kheo', 'DÂN VẬN KHÉO', 'dân vận khéo'.normalize('NFD'), 'daan vaanj kheos', 'da6n va65n khe1o']) {
      expect(ids(index, q)[0], q).toBe('dan-van');
    }
  });

  it('completes the last word while it is being typed', () => {
    expect(ids(index, 'dân vận kh')[0]).toBe('dan-van');
    expect(ids(index, 'tang luo')[0]).toBe('luong');
  });

  it('reads Telex words next to accented ones', () => {
    expect(ids(index, 'dân vaanj khéo')[0]).toBe('dan-van');
  });

  it('ranks phrases above scattered words, and title above summary above body', () => {
    const order = ids(index, 'dân vận khéo');
    expect(order.slice(0, 3)).toEqual(['dan-van', 'summary-phrase', 'body-phrase']);
    expect(order.indexOf('van-dan')).toBe(3);
  });

  it('ranks more matched syllables above fewer', () => {
    expect(ids(index, 'tăng lương tháng')[0]).toBe('luong');
    expect(ids(index, 'khởi công cầu')[0]).toBe('hoa-old');
  });

  it('ranks the exact diacritic form first when the query has accents (má is not mà)', () => {
    expect(ids(index, 'má')[0]).toBe('ma-sac');
    expect(ids(index, 'mà')[0]).toBe('ma-huyen');
    // Without accents both match.
    expect(ids(index, 'ma').slice(0, 2).sort()).toEqual(['ma-huyen', 'ma-sac']);
  });

  it('matches old and new tone placement both ways', () => {
    expect(ids(index, 'Thanh Hoá')[0]).toBe('hoa-old');
    expect(ids(index, 'thuý hằng')[0]).toBe('thuy');
    expect(ids(index, 'thúy hằng')[0]).toBe('thuy');
  });

  it('tolerates a typo and says which terms matched', () => {
    const res = index.search('thanh hoa khoi cogn');
    expect(res.hits[0]?.id).toBe('hoa-old');
    expect(res.hits[0]?.terms).toEqual(expect.arrayContaining(['thanh', 'hoa', 'khoi', 'cong']));
    expect(ids(index, 'luogn toi thieu')[0]).toBe('luong');
    expect(ids(index, 'chir thij 11 tc tu')[0]).toBe('code');
  });

  it('ranks the article about the topic above one that only mentions its words', () => {
    const topical = SearchIndex.build([
      doc('tuition', { title: 'Các trường đại học tăng học phí', text: 'Mức học phí năm nay tăng mạnh ở nhiều trường đại học, sinh viên lo học phí.' }, 5),
      doc('honda', { title: 'Giá xe Honda SH giảm', text: 'Chi phí nuôi xe không nhỏ với sinh viên đại học. Nhiều người học lái xe tay ga.' }, 0),
    ]);
    expect(ids(topical, 'học phí đại học')).toEqual(['tuition', 'honda']);
  });

  it('lifts an article with two query words side by side above many with the words scattered', () => {
    const scattered = Array.from({ length: 30 }, (_, i) =>
      doc(`scattered-${i}`, { title: 'Đội bóng', text: `Tiền vệ số ${i} ghi bàn. Đạo diễn xem đội đá.` }, 0),
    );
    const pair = doc('pair', { text: 'Tiền đạo của câu lạc bộ ghi hai bàn trong trận đấu kéo dài đến phút cuối, cả đội mừng.' }, 9);
    const index = SearchIndex.build([...scattered, pair]);
    expect(ids(index, 'tiền đạo đội')[0]).toBe('pair');
    expect(index.search('tiền đạo đội', { limit: 3 }).hits[0]?.id).toBe('pair');
  });

  it('gives the same answer whatever was searched before', () => {
    const fresh = SearchIndex.build(fixture).search('người dân');
    for (const q of ['dân vận khéo', 'thanh hoa', 'má', 'khởi công cầu mới']) index.search(q);
    expect(index.search('người dân')).toEqual(fresh);
  });

  it('prefers a phrase inside a sentence to one across punctuation', () => {
    const punct = SearchIndex.build([
      doc('across', { text: 'Đội tuyển New Zealand. Hơn nữa, trời mưa.' }, 0),
      doc('inside', { text: 'New Zealand hơn hẳn đối thủ.' }, 9),
    ]);
    expect(ids(punct, 'zealand hon')).toEqual(['inside', 'across']);
  });

  it('falls back to fuse.js for words two edits away', () => {
    expect(ids(index, 'tang luomh toi thieu')[0]).toBe('luong');
  });

  it('counts only articles holding every word; one missing word of a longer query is a loose match', () => {
    // «lwomg» is too far from «lương» for any reading.
    const res = index.search('tang lwomg toi thieu');
    expect(res.total).toBe(0);
    expect(res.loose.map((h) => h.id)).toEqual(['luong']);
    expect(res.looseTotal).toBe(1);
  });

  it('lists nothing for a short query one of whose words matches nothing', () => {
    const res = index.search('xyzzy dân');
    expect(res.total + res.looseTotal).toBe(0);
  });

  it('counts words typed with accents only in that toned form; other diacritics are loose', () => {
    const res = index.search('má');
    expect(res.hits.map((h) => h.id)).toEqual(['ma-sac']);
    expect(res.loose.map((h) => h.id)).toContain('ma-huyen');
    expect(index.search('ma').total).toBe(2);
  });

  it('finds codes', () => {
    expect(ids(index, '11-CT/TU')[0]).toBe('code');
  });

  it('returns nothing for words it does not know, and suggests a correction', () => {
    expect(index.search('qwzxv').total).toBe(0);
    expect(index.suggest('dan vaanj kheo')).toBe('dân vận khéo');
    expect(index.suggest('dân vận khéo')).toBeNull();
    expect(index.suggest('luogn toi thieu')).toBe('lương tối thiểu');
  });
});

describe('SearchIndex updates and snapshots', () => {
  it('adds, replaces and removes by id', () => {
    const index = SearchIndex.build(fixture);
    expect(index.size).toBe(fixture.length);
    index.add(doc('new', { title: 'Bão số 2 đổ bộ miền Trung' }));
    expect(index.size).toBe(fixture.length + 1);
    expect(ids(index, 'bão số 2')[0]).toBe('new');
    index.add(doc('new', { title: 'Lũ quét ở Yên Bái' }));
    expect(index.size).toBe(fixture.length + 1);
    expect(ids(index, 'bão số 2')).not.toContain('new');
    expect(ids(index, 'lu quet yen bai')[0]).toBe('new');
    index.remove('new');
    expect(index.size).toBe(fixture.length);
    expect(index.search('lũ quét').total).toBe(0);
  });

  it('stays correct when updates are merged into the main segment', () => {
    const words = ['sông', 'núi', 'biển', 'rừng', 'đồng', 'phố', 'làng', 'chợ'];
    const many = Array.from({ length: 1200 }, (_, i) =>
      doc(`d${i}`, { title: `Tin ${i} về ${words[i % 8]} và ${words[(i * 3) % 8]}`, text: `Số ${i}.` }, i % 50),
    );
    const index = SearchIndex.build(many.slice(0, 800));
    for (const d of many.slice(800)) index.add(d);
    for (let i = 0; i < 400; i++) index.remove(`d${i}`); // enough removals to trigger a merge
    expect(index.size).toBe(800);
    expect(ids(index, 'tin 5')).not.toContain('d5');
    expect(ids(index, 'tin 1005')[0]).toBe('d1005');
    expect(ids(index, 'tin 405 ve')[0]).toBe('d405');
    index.add(doc('d5', { title: 'Tin 5 trở lại' }));
    expect(ids(index, 'tin 5 tro lai')[0]).toBe('d5');
    const restored = SearchIndex.fromBytes(index.toBytes());
    expect(restored.search('làng và phố')).toEqual(index.search('làng và phố'));
  });

  it('round-trips through its snapshot bytes', () => {
    const index = SearchIndex.build(fixture);
    index.add(doc('extra', { title: 'Giá xăng giảm' }));
    index.remove('luong');
    const restored = SearchIndex.fromBytes(structuredClone(index.toBytes()));
    expect(restored.size).toBe(index.size);
    for (const q of ['dân vận khéo', 'gia xang', 'má', 'thuý', 'luong']) {
      expect(restored.search(q)).toEqual(index.search(q));
    }
    restored.add(doc('after', { title: 'Sau khi khôi phục' }));
    expect(ids(restored, 'khoi phuc')[0]).toBe('after');
  });

  it('reads a snapshot saved before removed articles and a second segment could be stored (version 6): no rebuild after an update', () => {
    const index = SearchIndex.build(fixture);
    const current = index.toBytes();
    // Version 6 is version 9 without the parts' pages after the version (none: a 0) and the four fields after the lengths: no removed articles (an empty run), one segment, its positions and arrays inside.
    const r = new ByteReader(current);
    for (let k = 0; k < 9; k++) r.uint();
    for (let k = 0; k < 6; k++) r.run();
    expect(current[5]).toBe(0);
    expect([...current.subarray(r.offset, r.offset + 4)]).toEqual([0, 1, 0, 0]);
    const v6 = new Uint8Array([...current.subarray(0, 5), ...current.subarray(6, r.offset), ...current.subarray(r.offset + 4)]);
    v6[4] = 6;
    const restored = SearchIndex.fromBytes(v6);
    for (const q of ['dân vận khéo', 'má', 'thanh hoa']) expect(restored.search(q)).toEqual(index.search(q));
  });

  it('rejects what is not a snapshot', () => {
    expect(() => SearchIndex.fromBytes({})).toThrow();
    expect(() => SearchIndex.fromBytes(new Uint8Array([1, 2, 3]))).toThrow();
    expect(() => SearchIndex.fromBytes(SearchIndex.build(fixture).toBytes().slice(0, 100))).toThrow();
  });
});

describe('makeSnippet', () => {
  it('picks the densest window and highlights the accented words', () => {
    const text = `${'Mở đầu bài viết dài dòng. '.repeat(20)}Phong trào Dân vận khéo lan rộng. ${'Kết thúc. '.repeat(20)}`;
    const s = makeSnippet(text, ['dan', 'van', 'kheo'], 80);
    expect(s.text.length).toBeLessThanOrEqual(82);
    expect(s.highlights).toHaveLength(1);
    const [from, to] = s.highlights[0] as [number, number];
    expect(s.text.slice(from, to)).toBe('Dân vận khéo');
    expect(s.text.startsWith('…')).toBe(true);
  });

  it('highlights decomposed text at the right offsets', () => {
    const text = 'Công tác dân vận khéo ở cơ sở'.normalize('NFD');
    const s = makeSnippet(text, ['van']);
    const [from, to] = s.highlights[0] as [number, number];
    expect(s.text.slice(from, to)).toBe('vận'.normalize('NFD'));
  });

  // The reader's words typed without tones: «năm» (year) folds like «Nam», and came first.
  it('shows and marks the words where they stand as the phrase, not the first place each occurs', () => {
    const text = 'Trong không khí kỷ niệm 92 năm Ngày truyền thống Mặt trận Tổ quốc Việt Nam, bà con bản Nà Hẹo tổ chức ngày hội.';
    const s = makeSnippet(text, ['viet', 'nam'], 200);
    expect(s.highlights.map(([from, to]) => s.text.slice(from, to))).toContain('Việt Nam');
  });

  it('returns the start of the text when nothing matches', () => {
    expect(makeSnippet('Một hai ba', ['bon'])).toEqual({ text: 'Một hai ba', highlights: [] });
  });
});

describe('highlight terms', () => {
  it('name one reading of a mistyped word, not every look-alike in the text', () => {
    const index = SearchIndex.build([
      { id: 'a', title: 'Dân vận khéo', summary: '', text: 'Cô bán kẹo bên đường.', tags: [], published: 1 },
    ]);
    const [hit] = index.search('dan van keho').hits;
    expect(hit?.terms.filter((t) => t !== 'dan' && t !== 'van')).toHaveLength(1);
  });
});

describe('Telex of a word with a loanword rhyme', () => {
  const index = SearchIndex.build([
    doc('typo', { title: 'Tôi khoong biết', text: 'Một bài gõ nhầm.' }, 1),
    doc('khong', { title: 'Không có gì quý hơn độc lập' }, 2),
    doc('xoong', { title: 'Nồi xoong inox giá rẻ' }, 3),
    doc('xong', { title: 'Xông hơi giải cảm' }, 4),
  ]);

  it('finds «không» for «khoong», even when one article has that misspelling', () => {
    expect(ids(index, 'khoong')).toEqual(expect.arrayContaining(['khong', 'typo']));
    expect(ids(index, 'khoong cos gif')[0]).toBe('khong');
  });

  it('still finds the loanword as written', () => {
    expect(ids(index, 'noi xoong')[0]).toBe('xoong');
    expect(ids(index, 'xoong')).toEqual(expect.arrayContaining(['xoong', 'xong']));
  });
});

describe('warm-up queries', () => {
  it('are the rarest phrase of each title, as typed and folded, one title whole, one cut short, and each finds its article', () => {
    const index = SearchIndex.build(fixture);
    const queries = index.warmUpQueries(['Công tác dân vận khéo ở cơ sở', 'Vận động người dân']);
    expect(queries).toEqual([
      'ở cơ sở',
      'o co so',
      'Công tác dân vận khéo ở cơ sở',
      'cong tac dan van kheo o co so',
      'động người',
      'dong nguoi',
      'dong ngu',
    ]);
    for (const q of queries.slice(0, 4)) expect(ids(index, q)[0], q).toBe('dan-van');
    for (const q of queries.slice(4)) expect(ids(index, q)[0], q).toBe('van-dan');
  });

  it('are made from one-word titles too', () => {
    expect(SearchIndex.build(fixture).warmUpQueries(['Mưa.', 'Ok'])).toEqual(['Mưa', 'mua', 'Ok', 'ok']);
  });
});

describe('ranking state kept from query to query', () => {
  // Titles, summaries and bodies of common words, side by side or apart, at random.
  let seed = 29;
  const pick = <T,>(xs: T[]): T => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return xs[seed % xs.length] as T;
  };
  const bits = ['giao thông', 'thông giao', 'an toàn', 'giao', 'thông tin', 'đường phố', 'đầu năm', 'đang', 'đổi', 'cầu', 'mới'];
  const docs = Array.from({ length: 800 }, (_, i) =>
    doc(`d${i}`, { title: `${pick(bits)} ${pick(bits)}`, summary: pick(bits), text: Array.from({ length: 40 }, () => pick(bits)).join(' ') }, i % 70),
  );
  const queries = ['giao thông', 'an toan giao thong', 'dau dang doi', 'xyzzy', 'giao', 'thong tin duong pho', 'cau moi', 'dang doi giao thong an'];

  it('answers each query as an index alone would, whatever was asked before', async () => {
    const index = SearchIndex.build(docs);
    // Every query twice, after a different one each time.
    const asked = [...queries, ...queries.slice().reverse()].map((q) => ({ q, result: index.search(q, { limit: 10 }) }));
    const alone = new Map<string, unknown>();
    for (const q of queries) {
      vi.resetModules();
      const fresh = await import('../../../src/shared/search/search-index');
      alone.set(q, fresh.SearchIndex.build(docs).search(q, { limit: 10 }));
    }
    for (const { q, result } of asked) expect(result, q).toEqual(alone.get(q));
  });

  it('finds a phrase a typo neighbour completes in an article the pass without neighbours found without it', () => {
    // Articles holding «đầu đang» and «đang đổi», not the phrase; one, longer and older, holds «cầu đang đổi», the phrase with one slip.
    const apart = Array.from({ length: 40 }, (_, i) => doc(`w${i}`, { title: `Đầu tuần ${i}`, text: 'Đầu đang sáng. Xe đang đổi lịch.' }, i));
    apart.push(doc('slip', { title: 'Tin ngắn', text: `${'Mưa to. '.repeat(30)}Đầu giờ chiều. Cầu đang đổi màu.` }, 500));
    const index = SearchIndex.build(apart);
    expect(index.search('dau dang doi', { limit: 10 }).hits[0]?.id).toBe('slip');
  });
});

describe('work per query', () => {
  it('reads the positions of each candidate once when many hold every word of a 3-word query', () => {
    const docs = Array.from({ length: 100 }, (_, i) =>
      doc(`d${i}`, { title: `Tin số ${i}`, text: `Đầu năm nay, đảng viên gặp đối tác lần ${i}.` }, i),
    );
    docs.push(doc('phrase', { title: 'Đầu đảng đối lập', text: 'Bài có cụm từ.' }, 200));
    const index = SearchIndex.build(docs);
    const decode = vi.spyOn(Segment.prototype, 'decode');
    try {
      const result = index.search('dau dang doi', { limit: 10 });
      expect(result.total).toBe(101);
      expect(result.hits[0]?.id).toBe('phrase');
      // Three syllables, one record each, per candidate (it was checked for the phrase, then read again for its pairs).
      expect(decode.mock.calls.length).toBeLessThanOrEqual(3 * 101);
    } finally {
      decode.mockRestore();
    }
  });

  it('does not read the positions of articles that cannot be among the best once enough hold the phrase higher up', () => {
    // 12 articles hold «giao thông» in the title; 300 hold both words many times in the body, 100 of them side by side.
    const body = (i: number): string => `${'Giao lưu và thông tin. '.repeat(40)}${i % 3 === 0 ? 'Giao thông' : 'Thông báo giao'} lần ${i}.`;
    const docs = Array.from({ length: 12 }, (_, i) => doc(`t${i}`, { title: `Giao thông tỉnh ${i}`, text: 'Tin ngắn.' }, i));
    for (let i = 0; i < 300; i++) docs.push(doc(`b${i}`, { title: `Tin ${i}`, text: body(i) }, 20 + i));
    const index = SearchIndex.build(docs);
    const decode = vi.spyOn(Segment.prototype, 'decode');
    try {
      const top = index.search('giao thong', { limit: 10 });
      expect(top.total).toBe(312);
      expect(top.hits.map((h) => h.id)).toEqual(Array.from({ length: 10 }, (_, i) => `t${i}`));
      const bytes = decode.mock.calls.reduce((n, [from, to]) => n + to - from, 0);
      // Reading every candidate's positions decoded 32,848 bytes; a bound reads the first position of each record only.
      expect(bytes).toBeLessThan(5_000);
    } finally {
      decode.mockRestore();
    }
  });

  it('reads the best candidates first, so that the phrases in titles pass over the articles with one in the body', () => {
    // 300 articles hold «giao» and «thông» in the body, side by side in 100; the 12 added last hold «giao thông» in the title.
    const body = (i: number): string => `${'Tin tức trong ngày. '.repeat(20)}Giao lưu. ${i % 3 === 0 ? 'Giao thông' : 'Thông báo giao'} lần ${i}.`;
    const docs = Array.from({ length: 300 }, (_, i) => doc(`b${i}`, { title: `Tin ${i}`, text: body(i) }, 20 + i));
    for (let i = 0; i < 12; i++) docs.push(doc(`t${i}`, { title: `Giao thông tỉnh ${i}`, text: 'Giao thông thông suốt.' }, i));
    const index = SearchIndex.build(docs);
    const before = work.positionBytes;
    const top = index.search('giao thong', { limit: 10 });
    expect(top.total).toBe(312);
    expect(top.hits.map((h) => h.id)).toEqual(Array.from({ length: 10 }, (_, i) => `t${i}`));
    // In the order added, the body phrases found first bounded nothing: 2,216 bytes of positions decoded.
    expect(work.positionBytes - before).toBeLessThan(1_000);
  });

  /** 400 articles hold «đầu», «đang» and «đổi» apart, and look-alikes of them (cầu, sâu, hỏi, …); one holds «cầu đang đổi». */
  const slipAmongWordsApart = (): SearchIndex => {
    const text = (i: number): string => `Đầu năm nay, trời nắng. Xe đang chạy. Đổi lịch lần ${i}. Cầu sâu màu hầu lâu. Hỏi mới nói tới lời. Đang sáng, đầu giờ.`;
    const docs = Array.from({ length: 400 }, (_, i) => doc(`n${i}`, { title: `Tin ${i}`, text: text(i) }, i));
    docs.push(doc('slip', { title: 'Tin ngắn', text: 'Cầu đang đổi màu sơn.' }, 1000));
    return SearchIndex.build(docs);
  };

  it('does not look again for a place for a typo in articles read whole whose other words stand apart', () => {
    const index = slipAmongWordsApart();
    const before = work.positionBytes;
    const result = index.search('dau dang doi', { limit: 10 });
    expect(result.hits[0]?.id).toBe('slip');
    expect(result.total).toBe(401);
    // The phrase pass read every article whole and found no pair side by side; looking for the holes decoded them again: 6,010 bytes.
    expect(work.positionBytes - before).toBeLessThan(4_500);
  });

  it('ranks the same best articles whether it may pass over candidates or must read them all', () => {
    // Titles, summaries and bodies holding the words side by side, apart or with punctuation between, at random.
    let seed = 11;
    const pick = <T,>(xs: T[]): T => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return xs[seed % xs.length] as T;
    };
    const bits = ['giao thông', 'thông giao', 'giao, thông', 'an toàn', 'giao', 'thông tin', 'đường phố', 'Giao Thông'];
    const docs = Array.from({ length: 600 }, (_, i) =>
      doc(`d${i}`, { title: `${pick(bits)} ${pick(bits)}`, summary: pick(bits), text: Array.from({ length: 30 }, () => pick(bits)).join(' ') }, i % 50),
    );
    const index = SearchIndex.build(docs);
    for (const q of ['giao thông', 'giao thong', 'thông giao', 'an toàn giao thông', 'giao thông đường phố', 'giao']) {
      const all = index.search(q, { limit: 1000 });
      const best = index.search(q, { limit: 10 });
      expect(best.hits, q).toEqual(all.hits.slice(0, 10));
      expect(best.total, q).toBe(all.total);
    }
  });

  it('looks for a typo that spells another common word only where the other words of the query are', () => {
    // Many articles of look-alikes of the query's words (cầu, sâu, hỏi, mới, bằng, …), none with the phrase.
    const lookalikes = 'Cầu sâu màu hầu lâu tàu bầu rau. Hỏi mới nói tới lời coi gói. Bằng hằng mang làng sang nặng.';
    const docs = Array.from({ length: 1000 }, (_, i) => doc(`n${i}`, { title: `Tin ${i}`, text: lookalikes }, i));
    // A few hold the query's words apart; one holds them with a slip: «cầu» typed as «dau».
    for (let i = 0; i < 20; i++) docs.push(doc(`w${i}`, { title: 'Đầu tuần', text: `Xe đang chạy. Đổi lịch lần ${i}.` }, i));
    docs.push(doc('slip', { title: 'Cầu đang đổi màu', text: 'Cây cầu được sơn lại.' }, 2000));
    const index = SearchIndex.build(docs);
    const next = vi.spyOn(RecordCursor.prototype, 'next');
    try {
      expect(index.search('dau dang doi', { limit: 10 }).hits[0]?.id).toBe('slip');
      // The look-alikes' 21,000 records are skipped over (reading them all took 22,077 reads), not read.
      expect(next.mock.calls.length).toBeLessThan(2500);
    } finally {
      next.mockRestore();
    }
  });

  it('looks for a typo in a 3-word query only where the other words stand with a place for it, even where its look-alikes are few', () => {
    const index = slipAmongWordsApart();
    const before = work.records;
    expect(index.search('dau dang doi', { limit: 10 }).hits[0]?.id).toBe('slip');
    // The three words' 1,203 records, and the look-alikes where «đang đổi» has a place before it; reading them in every article took 6,383.
    expect(work.records - before).toBeLessThan(2_500);
  });

  describe('a typo that spells another very common word', () => {
    // 15,000 articles hold «làm», «kho» and «long», and 17 common look-alikes of «long» (lương, sông, lòng, dòng, …):
    // reading every look-alike where «làm» and «kho» are took 300,224 record reads, and missed the article meant.
    const lookalikes = 'Long lanh. Lương tháng. Sông dài. Lòng người. Dòng chảy. Lông gà. Lọng vàng. Lang thang. Lớn lên. Hồng hoa. Cong queo. Bóng đá. Nóng bức. Tổng kết. Vòng quay. Xong việc. Rồng bay. Mong đợi. Ông bà. Loang lổ. Lung linh.';
    const archive = (opening: string): SearchDoc[] => {
      const docs = Array.from({ length: 15_000 }, (_, i) => doc(`n${i}`, { title: `Tin ${i}`, text: `${opening} ${lookalikes}` }, i));
      docs.push(doc('slip', { title: 'Làm kho lương thực', text: 'Nông dân góp lúa.' }, 20_000));
      return docs;
    };
    const reads = (index: SearchIndex, q: string): { result: ReturnType<SearchIndex['search']>; records: number } => {
      const next = vi.spyOn(RecordCursor.prototype, 'next');
      try {
        const result = index.search(q, { limit: 10 });
        return { result, records: next.mock.calls.length };
      } finally {
        next.mockRestore();
      }
    };

    it('is looked for only where the other words stand with a place for it, and the article meant comes first', () => {
      const { result, records } = reads(SearchIndex.build(archive('Làm việc cả ngày. Kho hàng mới.')), 'lam kho long');
      expect(result.hits[0]?.id).toBe('slip');
      // The three words' own 45,000 records, and the look-alikes in the one article with «làm kho» side by side.
      expect(records).toBeLessThan(60_000);
    });

    it('reads a bounded number of records even where every article has a place for it', () => {
      const { result, records } = reads(SearchIndex.build(archive('Làm kho hàng mới.')), 'lam kho long');
      // A full page of articles holding the three words, as before.
      expect(result.hits).toHaveLength(10);
      expect(result.total).toBeGreaterThanOrEqual(15_000);
      // The look-alikes are sought in the articles best by BM25, within a budget of records (not of time).
      expect(records).toBeLessThan(120_000);
    });
  });

  it('takes a word the index does not know for the one typo, and looks for no second in the known words', () => {
    // Articles holding the query's words apart, among look-alikes of them (cầu, sâu, hỏi, mới, …).
    const text = 'Đầu năm, xe đang chạy qua cầu. Đổi lịch, sâu màu hầu lâu tàu bầu rau. Hỏi mới nói tới lời coi gói.';
    const docs = Array.from({ length: 300 }, (_, i) => doc(`n${i}`, { title: `Tin ${i}`, text }, i));
    // «dng» read as «đang», and «dau» as «cầu»: two typos.
    docs.push(doc('two-typos', { title: 'Cầu đang đổi màu', text: 'Cây cầu được sơn lại.' }, 1000));
    const index = SearchIndex.build(docs);
    const next = vi.spyOn(RecordCursor.prototype, 'next');
    try {
      const result = index.search('dau dng doi', { limit: 10 });
      expect(result.total).toBe(300);
      expect(result.hits[0]?.id).not.toBe('two-typos');
      expect(result.hits.flatMap((h) => h.terms)).not.toContain('cau');
      // The look-alikes' 4,500 records are not read.
      expect(next.mock.calls.length).toBeLessThan(2000);
    } finally {
      next.mockRestore();
    }
  });
});

describe('SearchIndex words typed joined', () => {
  const index = SearchIndex.build([
    doc('vn', { title: 'Việt Nam đón khách quốc tế', text: 'Du lịch Việt Nam tăng trưởng mạnh.' }, 1),
    doc('hn', { title: 'Hà Nội mở rộng đường vành đai', text: 'Thủ đô Hà Nội khởi công dự án mới.' }, 2),
    doc('apart', { title: 'Nam Định có nhiều lễ hội', text: 'Người dân ở Hà Tĩnh và Việt Trì cũng đến dự, nơi ấy rất vui.' }, 0),
    doc('han', { title: 'Hàn Quốc và những ô tô', text: 'Trời ơi, xe ô tô Hàn Quốc bán chạy ở nội thành.' }, 3),
    doc('ho-an', { title: 'Hoàn thành hồ an toàn', text: 'Hồ an toàn cho trẻ em.' }, 4),
    doc('hoan', { title: 'Hoàn cảnh khó khăn', text: 'Gia đình có hoàn cảnh khó khăn.' }, 5),
    doc('khoan', { title: 'Máy khoan bê tông', text: 'Khoan nhanh, thợ khá ổn định.' }, 7),
  ]);

  it('finds «Việt Nam» and «Hà Nội» typed without the space, in any case', () => {
    for (const [q, id] of [['vietnam', 'vn'], ['VietNam', 'vn'], ['hanoi', 'hn'], ['du lich vietnam', 'vn'], ['thu do hanoi', 'hn']] as const) {
      expect(ids(index, q)[0], q).toBe(id);
    }
  });

  it('reads a joined word the index holds as the syllables only when they are far commoner side by side', () => {
    const news = [1, 2, 3, 4, 5].map((n) => doc(`hn${n}`, { title: `Hà Nội tin số ${n}` }, n));
    const named = SearchIndex.build([
      ...news,
      doc('link', { title: 'Liên hệ', text: 'Xem thêm ở hanoi.gov.vn' }, 6),
      doc('helen', { title: 'Ca sĩ Helen hát', text: 'Helen ra mắt.' }, 7),
      doc('he-len', { title: 'Mùa hè lên núi' }, 8),
    ]);
    expect(ids(named, 'hanoi')).toHaveLength(5);
    expect(ids(named, 'hanoi')).not.toContain('link');
    expect(ids(named, 'helen')).toEqual(['helen']);
  });

  it('ranks the joined word as the phrase: side by side above the syllables apart', () => {
    expect(ids(index, 'vietnam')).toEqual(['vn', 'apart']);
    expect(index.search('vietnam').hits[0]?.terms.sort()).toEqual(['nam', 'viet']);
  });

  it('highlights «Việt Nam» as one mark', () => {
    const hit = index.search('vietnam').hits[0];
    const title = 'Việt Nam đón khách quốc tế';
    const marks = makeSnippet(title, hit?.terms ?? [], title.length + 1).highlights;
    expect(marks.map(([s, e]) => title.slice(s, e))).toEqual(['Việt Nam']);
  });

  it('does not cut a known word, nor one only held apart', () => {
    // «hoan» is known: read as typed, though «hồ an» stand side by side.
    const hoan = index.search('hoan');
    expect(hoan.hits.map((h) => h.id).sort()).toEqual(['ho-an', 'hoan']);
    expect(hoan.hits.map((h) => h.terms)).toEqual([['hoan'], ['hoan']]);
    // «namviet»: «nam» and «viet» are never side by side in that order, so not read as a phrase.
    expect(index.search('namviet').hits).toEqual([]);
    // One edit from a syllable it is a typo: «khaon» is «khoan», not «khá ổn».
    const khaon = index.search('khaon').hits;
    expect(khaon[0]?.id).toBe('khoan');
    expect(khaon.flatMap((h) => h.terms)).not.toContain('on');
    // Telex keeps its reading: «vieejt» is «việt».
    expect(ids(index, 'vieejt nam')[0]).toBe('vn');
  });
});
