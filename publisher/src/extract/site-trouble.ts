/**
 * A page a site answers with 200 while it is in trouble: its maintenance
 * notice, «quá tải», a database that refused the connection. Such a page is a
 * «not now», as a 503 is: the story's page is asked for again on the next
 * runs (before, the teaser was published for good after one bad minute).
 */
import { parseHTML } from 'linkedom';
import { fragmentDocument } from '../text/html-text';

const TROUBLE = new RegExp(
  [
    'bảo trì',
    'đang (?:được )?nâng cấp',
    'tạm (?:thời )?(?:ngừng|gián đoạn)',
    'quá tải',
    'hệ thống (?:đang )?bận',
    '(?:vui lòng|xin) (?:quay lại|truy cập lại|thử lại) sau',
    'lỗi kết nối cơ sở dữ liệu',
    'service (?:temporarily )?unavailable',
    'under maintenance',
    'too many connections',
    'error establishing a database connection',
    'database (?:connection )?error',
    'mysqli?_(?:connect|pconnect)\\(',
  ].join('|'),
  'iu',
);

/** Text beyond this is a page with an article or a site around it: its words may speak of maintenance. */
const NOTICE_CHARS = 600;

/** The notice's own words, when the page is a site's trouble notice and nothing more. */
export function siteTrouble(html: string): string | undefined {
  if (!TROUBLE.test(html)) return undefined;
  const doc = parseHTML(html).document as unknown as Document;
  for (const el of Array.from(doc.querySelectorAll('script,style,noscript,template'))) el.remove();
  // PHP's warning comes bare, with no document around it: linkedom reads it as a fragment then.
  const text = (doc.body?.textContent?.trim() || fragmentDocument(html).body.textContent || '').replace(/\s+/g, ' ').trim();
  const title = doc.querySelector('title')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  if (text.length > NOTICE_CHARS || !TROUBLE.test(`${title} ${text}`)) return undefined;
  return (TROUBLE.test(title) ? title : text).slice(0, 80);
}
