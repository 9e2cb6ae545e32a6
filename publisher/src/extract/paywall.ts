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

/** A prompt asks for something: a link or button to subscribe, register or log in. */
const CALL_TO_ACTION = /đăng ký|đăng nhập|mua gói|nâng cấp|dang-?ky|dang-?nhap|login|log-in|sign-?in|register|subscri|premium|goi-?cuoc/i;

function asksToSubscribe(box: Element): boolean {
  return Array.from(box.querySelectorAll('a,button')).some((el) => CALL_TO_ACTION.test(`${el.textContent ?? ''} ${el.getAttribute('href') ?? ''}`));
}

/**
 * A short block, outside menus, that both says what a prompt says and asks to
 * subscribe: an article sentence about a TV package («phải đăng ký gói VIP
 * để xem trọn vẹn…») has no such link, a menu's «Hội viên» no such words.
 */
function isPrompt(box: Element): boolean {
  const text = squash(box.textContent);
  if (text.length > MAX_PROMPT || box.closest('nav,header,footer,[role=navigation]')) return false;
  return PROMPT_TEXT.test(text) && asksToSubscribe(box);
}

/** Removes paywall prompts from the page; true when there was one (the article is cut short). */
export function removePaywallPrompts(doc: Document): boolean {
  let found = false;
  for (const el of Array.from(doc.querySelectorAll('[class],[id]'))) {
    if (!el.isConnected || !PROMPT_WORD.test(`${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`) || !isPrompt(el)) continue;
    el.remove();
    found = true;
  }
  for (const el of Array.from(doc.querySelectorAll('p,div,h2,h3,h4,section'))) {
    if (!el.isConnected || el.querySelector('p,div,h2,h3,h4,section') || !PROMPT_TEXT.test(squash(el.textContent))) continue;
    // The block the prompt belongs to: up while the parent holds nothing much more.
    let box: Element = el;
    while (box.parentElement && box.parentElement.tagName !== 'BODY' && squash(box.parentElement.textContent).length <= MAX_PROMPT) box = box.parentElement;
    if (!isPrompt(box)) continue;
    box.remove();
    found = true;
  }
  return found;
}
