import { useRef, useState } from 'preact/hooks';
import { defaultFeedUrl } from '../../../shared/config';
import { feedAddress } from '../../format/feed-address';
import { changeFeedUrl, currentFeedUrl } from '../../actions/settings';
import { requestRefresh } from '../../bridges/sync-bridge';
import { useAsync } from '../../state/use-async';
import { lastOutcome, syncing } from '../../state/sync-status';
import { newFeedMessage } from '../../format/sync-messages';
import type { SyncOutcome } from '../../../shared/sync/events';

function FeedUrlForm({ current }: { current: string }) {
  const [value, setValue] = useState(current);
  /** Set once the new address is saved: the refresh outcome seen before, so the next one is told apart. */
  const [asked, setAsked] = useState<{ before: SyncOutcome | undefined }>();
  const [invalid, setInvalid] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    const url = feedAddress(value);
    setInvalid(url === undefined);
    if (url === undefined) {
      setAsked(undefined);
      // Back in the field, whose description now starts with what is wrong: a screen reader reads it.
      field.current?.focus();
      return;
    }
    // The field shows what was kept: `baosonla.vn/rss` becomes https://baosonla.vn/rss.
    setValue(url);
    await changeFeedUrl(url);
    setAsked({ before: lastOutcome.value });
    await requestRefresh();
  };
  // Follows the refresh to its end: before, «Đang tải» stayed for good, beside a failure in the status bar.
  const outcome = lastOutcome.value;
  const message =
    asked === undefined
      ? ''
      : syncing.value || outcome === undefined || outcome === asked.before
        ? 'Đã lưu. Đang tải tin từ nguồn mới…'
        : newFeedMessage(outcome);
  return (
    <form onSubmit={(e) => void submit(e)} class="settings-form">
      <label for="feed-url">Địa chỉ nguồn tin</label>
      {/* Plain text with a web-address keyboard: type="url" would refuse a bare `baosonla.vn/rss` in the browser's own words. */}
      <input
        ref={field}
        id="feed-url"
        type="text"
        inputMode="url"
        autoComplete="url"
        autoCapitalize="none"
        spellcheck={false}
        value={value}
        onInput={(e) => setValue((e.currentTarget as HTMLInputElement).value)}
        aria-invalid={invalid}
        aria-describedby={invalid ? 'feed-url-error feed-url-help' : 'feed-url-help'}
      />
      {invalid && (
        <p id="feed-url-error" class="field-error">
          Địa chỉ này chưa đúng. Hãy dán đủ địa chỉ tòa soạn gửi, ví dụ baosonla.vn/rss
        </p>
      )}
      <p id="feed-url-help" class="help">
        Dán địa chỉ mà tòa soạn hoặc thư viện gửi cho bạn. Các bài đã tải từ nguồn cũ vẫn được giữ lại.
      </p>
      <div class="form-actions">
        <button type="submit" class="button">
          Lưu nguồn tin
        </button>
        <button type="button" class="button button-secondary" onClick={() => setValue(defaultFeedUrl())}>
          Dùng nguồn mặc định
        </button>
      </div>
      <p role="status">{message}</p>
    </form>
  );
}

export function FeedSection() {
  const feed = useAsync(currentFeedUrl, []);
  return (
    <section aria-labelledby="feed-settings-title">
      <h2 id="feed-settings-title">Nguồn tin</h2>
      {/* Drawn at once and filled when the stored address is read, so the settings below never move. */}
      <FeedUrlForm key={feed.status} current={feed.status === 'ready' ? feed.value : ''} />
    </section>
  );
}
