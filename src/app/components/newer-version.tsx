import './newer-version.css';

interface Props {
  /** The reader is looking at the newer version rather than the one they saved. */
  showingNewer: boolean;
  onShow: (newer: boolean) => void;
  onKeep: () => void;
}

/**
 * A saved article that a refresh has changed: the saved version stays what the
 * reader sees until they open the newer one and choose to keep it.
 */
export function NewerVersion({ showingNewer, onShow, onKeep }: Props) {
  return (
    <div class="newer-version" role="status">
      {showingNewer ? (
        <>
          <p>Đây là bản mới của bài. Bản bạn đã lưu vẫn còn cho tới khi bạn chọn giữ bản mới.</p>
          <div class="form-actions">
            <button type="button" class="button-small" onClick={onKeep}>
              Giữ bản mới
            </button>
            <button type="button" class="button-small button-secondary" onClick={() => onShow(false)}>
              Xem bản đã lưu
            </button>
          </div>
        </>
      ) : (
        <>
          <p>
            <strong>Bài đã được cập nhật.</strong> Bạn đang đọc bản đã lưu.
          </p>
          <div class="form-actions">
            <button type="button" class="button-small" onClick={() => onShow(true)}>
              Xem bản mới
            </button>
          </div>
        </>
      )}
    </div>
  );
}
