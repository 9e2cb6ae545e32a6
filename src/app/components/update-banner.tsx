import { applyUpdate, updateWaiting } from '../bridges/sw-bridge';
import { upgradeBlocked } from '../state/database';

/** Offered, never forced: a reload in the middle of an article would lose the reader's place. */
export function UpdateBanner() {
  if (upgradeBlocked.value) {
    return (
      <div class="update-banner" role="alert">
        <span>Hãy đóng các thẻ Báo Offline khác đang mở để hoàn tất cập nhật.</span>
      </div>
    );
  }
  if (!updateWaiting.value) return null;
  return (
    <div class="update-banner" role="alert">
      <span>Có phiên bản mới</span>
      <button type="button" class="button-small" onClick={applyUpdate}>
        Cập nhật
      </button>
    </div>
  );
}
