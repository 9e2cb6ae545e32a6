/**
 * Pages that show non-subscribers the first paragraphs and a prompt to
 * subscribe. The prompt is not the article (before, «Nội dung dành cho hội
 * viên… Đăng ký ngay» ended it as its last paragraphs); its removal is
 * reported, so that the feed can tell the reader the rest is at the source.
 */
/** Class or id words of a paywall's prompt. */
const PROMPT_WORD = /(?:^|[\s_-])(paywall|paywalled|metered|premium-?(?:box|wall|prompt|gate)|subscri(?:be|ption)-?(?:box|wall|prompt|gate)|members?-?only|hoi-?vien|dang-?ky-?goi)(?:$|[\s_-])/i;
/** What such a prompt says, in the words Vietnamese papers use. */
const PROMPT_TEXT =
  /(đăng ký|đăng nhập|mua gói|trở thành (hội|thành) viên|nâng cấp).{0,80}(để )?(đọc|xem) (tiếp|toàn bộ|hết|đầy đủ|trọn vẹn)|(chỉ )?dành (riêng )?cho (hội viên|thành viên|bạn đọc (đã )?đăng ký|tài khoản (trả phí|premium))/i;
/** A prompt is a short block; a long one holding such words is the article itself. */
const MAX_PROMPT = 400;

function squash(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** Removes paywall prompts from the page; true when there was one (the article is cut short). */
export function removePaywallPrompts(doc: Document): boolean {
  let found = false;
  for (const el of Array.from(doc.querySelectorAll('[class],[id]'))) {
    if (!el.isConnected || !PROMPT_WORD.test(`${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`)) continue;
    if (squash(el.textContent).length > MAX_PROMPT) continue;
    el.remove();
    found = true;
  }
  for (const el of Array.from(doc.querySelectorAll('p,div,h2,h3,h4,section'))) {
    if (!el.isConnected || el.querySelector('p,div,h2,h3,h4,section')) continue;
    const text = squash(el.textContent);
    if (text.length === 0 || text.length > MAX_PROMPT || !PROMPT_TEXT.test(text)) continue;
    // The block the prompt belongs to: up while the parent holds nothing much more.
    let box: Element = el;
    while (box.parentElement && box.parentElement.tagName !== 'BODY' && squash(box.parentElement.textContent).length <= MAX_PROMPT) box = box.parentElement;
    box.remove();
    found = true;
  }
  return found;
}
