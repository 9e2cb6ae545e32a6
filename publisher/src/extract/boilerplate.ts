/**
 * Generic removal of what surrounds an article on Vietnamese news pages:
 * navigation, ads, share bars, comments, «Tin liên quan» boxes, tag lists.
 * Runs before Readability, which then has less to mistake for content.
 */
const ALWAYS = [
  'script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'form', 'button', 'input', 'select',
  'textarea', 'nav', 'header', 'footer', 'aside', 'svg', 'canvas', 'video', 'audio', 'ins',
  '[role=navigation]', '[role=banner]', '[role=contentinfo]', '[role=complementary]', '[aria-hidden=true]', '[hidden]',
].join(',');

/**
 * Class or id words that name boilerplate. Matched as whole words between
 * separators, so "ads" does not hit "heads" and "share" does not hit "shareholder".
 * The last ones are WordPress plugins' share, like and related-post blocks
 * (Jetpack, AddToAny, YARPP, ShareThis…), which feeds carry in content:encoded.
 */
const BOILERPLATE_WORD =
  /(?:^|[\s_-])(ads?|adv|advert\w*|quang-?cao|qc|banner|sponsor\w*|share|sharing|social|socials|mxh|comments?|binh-?luan|y-?kien|related|relate|relates|lien-?quan|tinlienquan|tin-?khac|cung-?chuyen-?muc|most-?read|doc-?nhieu|xem-?nhieu|breadcrumbs?|tags?|keywords?|tu-?khoa|newsletter|subscribe|popup|modal|sidebar|widget|toolbar|print|rating|vote|author-?box|pagination|paging|menu|navbar|footer|header|adsbygoogle|adsense|code-block-\d+|sharedaddy|addtoany|a2a|relatedposts|yarpp\w*|sharethis|shareaholic|heateor\w*|essb\w*|likes?)(?:$|[\s_-])/i;

/** Short headings that open a block of links to other stories, or of readers' comments. */
const BOX_TITLE =
  /^(tin|bài|bài viết)\s+(liên quan|cùng chuyên mục|cùng chủ đề|khác|mới|mới nhất|đọc nhiều|xem nhiều|nổi bật)|^(xem|đọc) (thêm|nhiều)|^bình luận|^ý kiến( bạn đọc)?|^có thể bạn (quan tâm|chưa đọc)|^chia sẻ|^từ khóa|^tags?\s*:?$|^chủ đề\s*:?$|^có liên quan\s*$|^thích điều này|^(share|like) this\s*:?$|^related( posts| articles)?\s*:?$|^you (may|might) also like/i;

function textLength(el: Element): number {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim().length;
}

function linkDensity(el: Element): number {
  const total = textLength(el);
  if (total === 0) return 0;
  let links = 0;
  for (const a of Array.from(el.querySelectorAll('a'))) links += textLength(a);
  return links / total;
}

/** Elements too big to be boilerplate: the article's own container must survive a careless class name. */
function holdsTheArticle(el: Element, bodyLength: number): boolean {
  if (['HTML', 'BODY', 'MAIN', 'ARTICLE'].includes(el.tagName)) return true;
  return textLength(el) > bodyLength * 0.4 && el.querySelectorAll('p').length >= 3 && linkDensity(el) < 0.3;
}

function classAndId(el: Element): string {
  return `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
}

export function removeSelectors(root: Document | Element, selectors: readonly string[]): void {
  for (const selector of selectors) {
    let found: Element[];
    try {
      found = Array.from(root.querySelectorAll(selector));
    } catch {
      continue; // A bad selector in a rule must not stop the run.
    }
    for (const el of found) el.remove();
  }
}

function removeTitledBoxes(doc: Document): void {
  const candidates = Array.from(doc.querySelectorAll('h2,h3,h4,h5,h6,strong,b,span,div,p,li'));
  for (const heading of candidates) {
    if (!heading.isConnected || heading.children.length > 2) continue;
    const label = (heading.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (label.length === 0 || label.length > 40 || !BOX_TITLE.test(label)) continue;
    // Climb to the box the heading titles: the first ancestor holding more than the heading.
    let box: Element = heading;
    while (box.parentElement && textLength(box.parentElement) <= label.length + 2 && box.parentElement.tagName !== 'BODY') {
      box = box.parentElement;
    }
    const parent = box.parentElement;
    if (parent && parent.tagName !== 'BODY' && parent.tagName !== 'ARTICLE' && parent.firstElementChild === box && linkDensity(parent) > 0.5) {
      parent.remove();
      continue;
    }
    // A heading followed by its list of links, inside the article body.
    let next = box.nextElementSibling;
    box.remove();
    while (next && (next.tagName === 'UL' || next.tagName === 'OL' || linkDensity(next) > 0.5)) {
      const after = next.nextElementSibling;
      next.remove();
      next = after;
    }
  }
}

/** «Theo dõi Báo X trên Google News», «Mời bạn đọc theo dõi fanpage…»: a paper's own promotion, with or without a link. */
const FOLLOW_US = /^(mời (bạn|quý vị)( đọc)? |bạn đọc (có thể )?)?(theo dõi|follow|tham gia|quan tâm|đăng ký kênh|tải ứng dụng)\b.{0,80}(google news|fanpage|facebook|zalo|youtube|tiktok|telegram|app store|google play)/i;
/** …and it speaks of the paper itself (a resident following the storm on Zalo is news). */
const THE_PAPER = /google news|(?<!\p{L})(báo|chúng tôi|tòa soạn)(?!\p{L})/iu;

/** Yoast SEO's line under every post of a WordPress feed, in Vietnamese or English. */
const YOAST_LINE = /^(bài viết|the post) .{1,300} (xuất hiện đầu tiên (tại|trên)|appeared first on) .{1,120}$/i;

/** «Xem thêm: <a>…</a>», «Đọc tiếp» paragraphs inside the article text, Yoast's line, and the paper's «follow us» lines. */
function removeInlineLinkLines(doc: Document): void {
  for (const p of Array.from(doc.querySelectorAll('p'))) {
    const text = (p.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (/^(>>|»|xem thêm|đọc thêm|đọc tiếp|xem tiếp|continue reading|mời (bạn|quý vị) (đọc|xem))/i.test(text) && linkDensity(p) > 0.5) p.remove();
    else if (YOAST_LINE.test(text) && p.querySelector('a')) p.remove();
    else if (text.length <= 150 && FOLLOW_US.test(text) && THE_PAPER.test(text)) p.remove();
  }
}

export function removeBoilerplate(doc: Document): void {
  removeSelectors(doc, [ALWAYS]);
  const bodyLength = doc.body ? textLength(doc.body) : 0;
  for (const el of Array.from(doc.querySelectorAll('[class],[id]'))) {
    if (!el.isConnected || !BOILERPLATE_WORD.test(classAndId(el))) continue;
    if (el.tagName === 'IMG' || el.tagName === 'FIGURE' || holdsTheArticle(el, bodyLength)) continue;
    el.remove();
  }
  removeTitledBoxes(doc);
  removeInlineLinkLines(doc);
}
