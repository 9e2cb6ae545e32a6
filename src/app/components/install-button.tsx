import { useState } from 'preact/hooks';
import { install, installed, installPrompt, iosCanAddToHome } from '../state/install';
import { installOfferDue, rememberInstallLater } from '../state/install-later';
import './install-button.css';

/**
 * «Cài ứng dụng»: offered only while the browser can install (or, on iPhone
 * Safari, how to add it by hand), and not for weeks after «Để sau». It sits in
 * the list among the articles, below the first screen, so it covers nothing
 * and its arrival moves nothing the reader is looking at.
 */
export function InstallOffer() {
  const [due, setDue] = useState(() => installOfferDue(localStorage, Date.now()));
  if (installed.value || !due) return null;
  const canPrompt = installPrompt.value !== undefined;
  if (!canPrompt && !iosCanAddToHome) return null;
  const later = () => {
    rememberInstallLater(localStorage, Date.now());
    setDue(false);
  };
  return (
    <aside class="install-offer" aria-label="Cài ứng dụng">
      {canPrompt ? (
        <p>Cài Báo Offline lên màn hình chính, mở được cả khi không có mạng.</p>
      ) : (
        <p>Trên iPhone: bấm Chia sẻ rồi chọn «Thêm vào MH chính».</p>
      )}
      <div class="install-actions">
        {canPrompt && (
          <button type="button" class="button-small install-now" onClick={() => void install()}>
            Cài ứng dụng
          </button>
        )}
        <button type="button" class="button-small button-secondary" onClick={later}>
          Để sau
        </button>
      </div>
    </aside>
  );
}
