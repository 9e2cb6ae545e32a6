import { useState } from 'preact/hooks';
import { defaultFeedUrl } from '../../../shared/config';
import { safeUrl } from '../../../shared/feed/clean';
import { changeFeedUrl, currentFeedUrl } from '../../actions/settings';
import { requestRefresh } from '../../bridges/sync-bridge';
import { useAsync } from '../../state/use-async';

function FeedUrlForm({ current }: { current: string }) {
  const [value, setValue] = useState(current);
  const [message, setMessage] = useState('');
  const submit = async (event: Event) => {
    event.preventDefault();
    const url = value.trim();
    if (safeUrl(url, undefined) === undefined) {
      setMessage('Địa chỉ này chưa đúng. Hãy dán đủ cả địa chỉ, bắt đầu bằng https://');
      return;
    }
    await changeFeedUrl(url);
    setMessage('Đã lưu. Đang tải tin từ nguồn mới…');
    await requestRefresh();
  };
  return (
    <form onSubmit={(e) => void submit(e)} class="settings-form">
      <label for="feed-url">Địa chỉ nguồn tin</label>
      <input
        id="feed-url"
        type="url"
        inputMode="url"
        value={value}
        onInput={(e) => setValue((e.currentTarget as HTMLInputElement).value)}
        aria-describedby="feed-url-help"
      />
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
      {feed.status === 'ready' && <FeedUrlForm current={feed.value} />}
    </section>
  );
}
