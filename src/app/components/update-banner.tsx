import { applyUpdate, updateWaiting } from '../bridges/sw-bridge';

/** Offered, never forced: a reload in the middle of an article would lose the reader's place. */
export function UpdateBanner() {
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
