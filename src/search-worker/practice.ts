/**
 * The worker's warm-up (see shared/search/warm-up.ts for why there is one)
 * runs on a small index made up here, not on the reader's: over 50,000
 * articles one warm-up query took up to 138 ms (222 under load), and a query
 * the reader typed meanwhile waited for it. Over a few hundred articles each
 * piece is a few milliseconds, whatever the archive's size, and goes through
 * the same code: the index is restored from a snapshot, as a saved index is,
 * and asked the same kinds of queries. Its positions stay in memory: a query
 * over paged positions waits for its pages part-way through, and ranking
 * state is shared by every index (search-index.ts), so a query to an index
 * in memory must not run while one is suspended there.
 */
import { SearchIndex, type SearchDoc } from '../shared/search/search-index';
import { WARM_UP_TITLES } from '../shared/search/warm-up';

/** Syllables the practice articles are made of, the commonest repeated as in news text. */
const WORDS = (
  'người dân tỉnh huyện xã cán bộ nông dân trồng lúa cà phê hồ tiêu thu hoạch mùa vụ giá cả thị trường ' +
  'học sinh giáo viên trường học năm học thi tốt nghiệp đại học học phí bệnh viện bác sĩ sức khỏe ' +
  'mưa lũ sạt lở đường giao thông cầu cống điện nước sạch chính quyền địa phương hỗ trợ kinh phí ' +
  'phát triển kinh tế du lịch văn hóa lễ hội truyền thống dân tộc thiểu số vùng cao biên giới ' +
  'của và các những được cho với trong này đã sẽ đang có không là một người dân của và các được'
).split(' ');

/**
 * Rarer syllables, made up from onsets and rhymes: each practice article's
 * title holds one, every other article's two, each shared by articles far
 * apart (RARE_SPAN), so their records' gaps take two bytes, as most of a
 * real index's do, and the queries made from titles (warm-up.ts) hold them,
 * as the reader's mostly do. With common words only, those paths were first
 * met by the reader's own queries, and V8 threw away the ranking code it had
 * optimised (half the titles with one was not enough: `firstPass` still was).
 */
const ONSETS = ['b', 'ch', 'đ', 'gh', 'kh', 'l', 'ngh', 'ph', 'qu', 'th', 'tr', 'x'];
const RHYMES = ['oan', 'uyên', 'ương', 'iêng', 'oắt', 'uân', 'ênh', 'ưởi', 'oong', 'ăm', 'ớp', 'uỵch', 'iếu'];
const RARE_SPAN = 150;

const ARTICLES = 240;
/** 1 Dec 2026. */
const PUBLISHED_FROM = 1_796_083_200_000;
/** Articles indexed per turn. */
const SLICE = 40;
/** How many times the warm-up queries (warm-up.ts) are asked. */
const ROUNDS = 3;

/** A fixed pseudo-random sequence (xorshift): the same articles every time. */
function sequence(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4_294_967_296;
  };
}

export function practiceArticles(count = ARTICLES): SearchDoc[] {
  const next = sequence(2_463_534_242);
  const words = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(next() * WORDS.length)] as string).join(' ');
  const rare = (k: number) => `${ONSETS[k % ONSETS.length]}${RHYMES[Math.floor(k / ONSETS.length) % RHYMES.length]}`;
  return Array.from({ length: count }, (_, i) => ({
    id: `practice-${i}`,
    title: `${words(3)} ${rare(i % RARE_SPAN)} ${words(3)}${i % 2 === 0 ? ` ${rare(RARE_SPAN - 1 - (i % RARE_SPAN))}` : ''}`,
    summary: words(20),
    text: `${words(50)}. ${words(50)}`,
    tags: [],
    // Dates as stored, in milliseconds: not small integers, which V8 keeps in arrays of another kind.
    published: PUBLISHED_FROM + i * 3_600_000,
  }));
}

/** The warm-up, one short piece at a time: indexing a slice, restoring, or one query. */
export class Practice {
  private readonly articles = practiceArticles();
  private readonly building = SearchIndex.build([]);
  private added = 0;
  private index: SearchIndex | undefined;
  private queries: string[] = [];
  private asked = 0;

  /** Does the next piece; false once there is none left. */
  async next(): Promise<boolean> {
    if (this.added < this.articles.length) {
      this.building.addMany(this.articles.slice(this.added, (this.added += SLICE)));
      return true;
    }
    if (!this.index) {
      this.index = SearchIndex.fromBytes(this.building.toBytes());
      this.queries = this.index.warmUpQueries(this.articles.slice(-WARM_UP_TITLES).map((a) => a.title));
      return true;
    }
    if (this.asked >= this.queries.length * ROUNDS) return false;
    await this.index.searchAsync(this.queries[this.asked++ % this.queries.length] as string, { limit: 30 });
    return true;
  }

  /** The queries asked so far. */
  get asks(): number {
    return this.asked;
  }
}
