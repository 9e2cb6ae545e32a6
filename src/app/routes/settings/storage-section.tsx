import { useState } from 'preact/hooks';
import { articleCount } from '../../actions/articles';
import {
  changeKeepMonths,
  clearPictureCache,
  KEEP_MONTHS_CHOICES,
  keepMonths,
  requestPersistentStorage,
  storageUse,
} from '../../actions/storage';
import { formatBytes } from '../../format/bytes';
import { formatCount } from '../../format/count';
import { useAsync } from '../../state/use-async';
import './storage-section.css';

const keepLabel = (months: number) => (months === 0 ? 'Giữ mãi' : `${months} tháng`);

function Usage({ version, onPersist }: { version: number; onPersist: () => void }) {
  const use = useAsync(async () => ({ space: await storageUse(), articles: await articleCount() }), [version]);
  if (use.status !== 'ready') return <p class="help">Đang tính dung lượng…</p>;
  const { space, articles } = use.value;
  return (
    <div class="storage-usage">
      <p>
        <strong>{formatCount(articles)}</strong> bài trên máy.
      </p>
      {space ? (
        <>
          <p>
            Đã dùng <strong>{formatBytes(space.usage)}</strong> · Còn trống{' '}
            <strong>{formatBytes(Math.max(0, space.quota - space.usage))}</strong>
          </p>
          <meter min={0} max={space.quota} value={space.usage} aria-label="Dung lượng đã dùng" />
          {space.persisted ? (
            <p class="help">Trình duyệt sẽ không tự xoá dữ liệu của Báo Offline.</p>
          ) : (
            <>
              <p class="help">Khi máy đầy, trình duyệt có thể xoá dữ liệu của trang.</p>
              <button type="button" class="button-small" onClick={onPersist}>
                Giữ dữ liệu lâu dài
              </button>
            </>
          )}
        </>
      ) : (
        <p class="help">Trình duyệt này không cho biết dung lượng.</p>
      )}
    </div>
  );
}

function KeepMonths({ onChanged }: { onChanged: () => void }) {
  const current = useAsync(keepMonths, []);
  const [chosen, setChosen] = useState<number | undefined>(undefined);
  const [message, setMessage] = useState('');
  if (current.status !== 'ready') return null;
  const change = async (months: number) => {
    setChosen(months);
    const removed = await changeKeepMonths(months);
    setMessage(removed > 0 ? `Đã xoá ${formatCount(removed)} bài cũ.` : 'Đã lưu.');
    onChanged();
  };
  return (
    <div class="storage-row">
      <label for="keep-months">Giữ bài chưa lưu trong</label>
      <select
        id="keep-months"
        value={String(chosen ?? current.value)}
        onChange={(e) => void change(Number((e.currentTarget as HTMLSelectElement).value))}
      >
        {KEEP_MONTHS_CHOICES.map((months) => (
          <option key={months} value={String(months)}>
            {keepLabel(months)}
          </option>
        ))}
      </select>
      <p class="help">Bài cũ hơn sẽ được xoá khi cập nhật tin. Bài đã lưu luôn được giữ.</p>
      <p role="status">{message}</p>
    </div>
  );
}

function ClearImages({ onCleared }: { onCleared: () => void }) {
  const [step, setStep] = useState<'idle' | 'confirm' | 'working'>('idle');
  const [message, setMessage] = useState('');
  const clear = async () => {
    setStep('working');
    const { count, bytes } = await clearPictureCache();
    setMessage(count === 0 ? 'Không có ảnh nào để xoá.' : `Đã xoá ${formatCount(count)} ảnh, giải phóng ${formatBytes(bytes)}.`);
    setStep('idle');
    onCleared();
  };
  return (
    <div class="storage-row">
      {step === 'confirm' ? (
        <div class="storage-confirm" role="group" aria-label="Xác nhận xoá ảnh">
          <p>Xoá mọi ảnh đã lưu tạm? Bài viết và bài đã lưu vẫn còn; ảnh sẽ tải lại khi có mạng.</p>
          <div class="form-actions">
            <button type="button" class="button" onClick={() => void clear()}>
              Xoá ảnh
            </button>
            <button type="button" class="button button-secondary" onClick={() => setStep('idle')}>
              Huỷ
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          class="button button-secondary"
          disabled={step === 'working'}
          onClick={() => {
            setMessage('');
            setStep('confirm');
          }}
        >
          Xoá ảnh đã lưu tạm
        </button>
      )}
      <p role="status">{message}</p>
    </div>
  );
}

/** Space used and left, how long articles are kept, and freeing the picture cache. */
export function StorageSection() {
  const [version, setVersion] = useState(0);
  const refresh = () => setVersion((v) => v + 1);
  return (
    <section aria-labelledby="storage-settings-title" class="storage-section">
      <h2 id="storage-settings-title">Bộ nhớ</h2>
      <Usage version={version} onPersist={() => void requestPersistentStorage().then(refresh)} />
      <KeepMonths onChanged={refresh} />
      <ClearImages onCleared={refresh} />
    </section>
  );
}
