import { useRef, useState } from 'preact/hooks';
import type { Article } from '../../shared/feed/types';
import type { StoredArticle } from '../../shared/store/schema';
import { articleUrl } from '../format/paths';
import { shareTargets } from '../format/share-targets';
import { firstSentences, shareMessage } from '../format/share-text';
import { summaryOf } from '../format/summary';
import { EXCERPT_MAX_CHARS } from '../../shared/feed/derive';
import { online } from '../state/sync-status';
import './share-button.css';

/** The link friends get: the publisher's page when the feed names one, else our own deep link. */
function shareUrlOf(article: Article): string {
  return article.url ?? articleUrl(article.id);
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

type Copied = 'copied' | 'copied-for-app' | 'failed' | undefined;

const COPIED_TEXT: Record<NonNullable<Copied>, string> = {
  copied: 'Đã sao chép bài: tiêu đề, vài câu đầu và đường dẫn.',
  'copied-for-app': 'Đã sao chép bài: dán vào tin nhắn để bạn đọc được cả khi không có mạng.',
  failed: 'Không sao chép được. Hãy chọn và sao chép nội dung ở trên.',
};

/**
 * «Chia sẻ»: the phone's own share sheet where it has one, else ours. Either
 * way the friend gets the title and the opening sentences with the link, so
 * the news reaches someone with no data left.
 */
export function ShareButton({ article }: { article: StoredArticle }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [copied, setCopied] = useState<Copied>(undefined);
  const url = shareUrlOf(article);
  // Less the title, which an untitled item took from this opening.
  const opening = summaryOf(article, EXCERPT_MAX_CHARS);
  const message = shareMessage(article.title, opening, url);

  const share = async () => {
    if (typeof navigator.share === 'function') {
      try {
        // The apps join text and link; the title alone is dropped by most.
        await navigator.share({ title: article.title, text: `${article.title}\n\n${firstSentences(opening)}`, url });
        return;
      } catch (error) {
        // The reader closed the phone's sheet: nothing to do. Any other refusal: offer ours.
        if ((error as Error | undefined)?.name === 'AbortError') return;
      }
    }
    setCopied(undefined);
    dialog.current?.showModal();
  };

  const copy = async (forApp: boolean) => {
    const ok = await copyText(message);
    setCopied(ok ? (forApp ? 'copied-for-app' : 'copied') : 'failed');
  };

  return (
    <>
      <button type="button" class="button" onClick={() => void share()} aria-haspopup="dialog">
        Chia sẻ
      </button>
      <dialog ref={dialog} class="share-sheet" aria-labelledby="share-title">
        <div class="share-body">
          <h2 id="share-title">Gửi cho bạn bè</h2>
          <div class="share-message" aria-label="Nội dung sẽ gửi" role="group">
            <p class="share-message-title">{article.title}</p>
            <p class="share-message-opening">{firstSentences(opening)}</p>
            <p class="share-message-url">{url}</p>
          </div>
          {!online.value && (
            <p class="share-offline">Không có mạng: vẫn sao chép và gửi SMS được. Zalo, Facebook và Messenger cần có mạng.</p>
          )}
          <button type="button" class="button-wide share-copy" onClick={() => void copy(false)}>
            Sao chép bài
          </button>
          <p role="status" class="share-status">
            {copied && COPIED_TEXT[copied]}
          </p>
          <ul class="share-targets">
            {shareTargets(url, message).map((target) => (
              <li key={target.id}>
                <a
                  href={target.href}
                  target="_blank"
                  rel="noopener noreferrer"
                  data-target={target.id}
                  // These apps take only a link: the message goes to the clipboard for pasting.
                  onClick={target.id === 'sms' ? undefined : () => void copy(true)}
                >
                  {target.label}
                  {target.needsNetwork && !online.value && <span class="share-note"> (cần có mạng)</span>}
                </a>
              </li>
            ))}
          </ul>
        </div>
        <form method="dialog" class="share-close">
          <button type="submit" class="button-wide button-secondary">
            Đóng
          </button>
        </form>
      </dialog>
    </>
  );
}
