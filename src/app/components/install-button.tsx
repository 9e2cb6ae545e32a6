import { useState } from 'preact/hooks';
import { install, installed, installPrompt, iosCanAddToHome } from '../state/install';
import './install-button.css';

/**
 * «Cài ứng dụng»: shown only while the browser offers installing (or, on
 * iPhone Safari, how to add it by hand); gone once installed. It floats at the
 * bottom so its arrival never shifts what the reader is looking at.
 */
export function InstallButton() {
  const [dismissed, setDismissed] = useState(false);
  if (installed.value || dismissed) return null;
  const canPrompt = installPrompt.value !== undefined;
  if (!canPrompt && !iosCanAddToHome) return null;
  return (
    <aside class="install-bar" aria-label="Cài ứng dụng">
      {canPrompt ? (
        <>
          <span>Cài Báo Offline lên màn hình chính, mở được cả khi không có mạng.</span>
          <button type="button" class="button-small install-now" onClick={() => void install()}>
            Cài ứng dụng
          </button>
        </>
      ) : (
        <span>Trên iPhone: bấm Chia sẻ rồi chọn «Thêm vào MH chính».</span>
      )}
      <button type="button" class="button-small button-secondary" onClick={() => setDismissed(true)}>
        Để sau
      </button>
    </aside>
  );
}
