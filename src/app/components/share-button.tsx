import { useRef, useState } from 'preact/hooks';
import type { Article } from '../../shared/feed/types';
import type { StoredArticle } from '../../shared/store/schema';
import { articleUrl } from '../format/paths';
import { shareTargets } from '../format/share-targets';
import { online } from '../state/sync-status';
import { summaryOf } from '../format/summary';
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

/** «Chia sẻ»: the phone's own share sheet where it has one, else ours. */
export function ShareButton({ article }: { article: StoredArticle }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | undefined>(undefined);
  const url = shareUrlOf(article);

  const share = async () => {
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share({ title: article.title, text: summaryOf(article, 120), url });
        return;
      } catch (error) {
        // The reader closed the phone's sheet: nothing to do. Any other refusal: offer ours.
        if ((error as Error | undefined)?.name === 'AbortError') return;
      }
    }
    setCopied(undefined);
    dialog.current?.showModal();
  };

  const copy = async () => setCopied((await copyText(url)) ? 'yes' : 'failed');

  return (
    <>
      <button type="button" class="button" onClick={() => void share()} aria-haspopup="dialog">
        Chia sẻ
      </button>
      <dialog ref={dialog} class="share-sheet" aria-labelledby="share-title">
        <h2 id="share-title">Gửi cho bạn bè</h2>
        <p class="share-url">{url}</p>
        {!online.value && (
          <p class="share-offline">
            Đang ngoại tuyến: vẫn sao chép đường dẫn và gửi tin nhắn SMS được; Zalo, Facebook và Messenger cần có mạng.
          </p>
        )}
        <button type="button" class="button-wide" onClick={() => void copy()}>
          Sao chép đường dẫn
        </button>
        <p role="status" class="share-status">
          {copied === 'yes' && 'Đã sao chép đường dẫn.'}
          {copied === 'failed' && 'Không sao chép được. Hãy chọn và sao chép đường dẫn ở trên.'}
        </p>
        <ul class="share-targets">
          {shareTargets(url, article.title).map((target) => (
            <li key={target.id}>
              <a href={target.href} target="_blank" rel="noopener noreferrer" data-target={target.id}>
                {target.label}
              </a>
              {target.needsNetwork && !online.value && <span class="share-note"> (cần có mạng)</span>}
            </li>
          ))}
        </ul>
        <form method="dialog">
          <button type="submit" class="button-wide button-secondary">
            Đóng
          </button>
        </form>
      </dialog>
    </>
  );
}
