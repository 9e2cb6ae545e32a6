import { updatePreferences } from '../../actions/settings';
import { preferences, TEXT_SIZES, type Theme } from '../../state/preferences';
import './reading-section.css';

const THEMES: { value: Theme; label: string }[] = [
  { value: 'system', label: 'Theo máy' },
  { value: 'light', label: 'Sáng' },
  { value: 'dark', label: 'Tối' },
];

/** «Đọc báo»: text size, theme and data saver; each applies at once and is remembered. */
export function ReadingSection() {
  const prefs = preferences.value;
  return (
    <section aria-labelledby="reading-settings-title" class="reading-settings">
      <h2 id="reading-settings-title">Đọc báo</h2>

      <fieldset class="choice-group">
        <legend>Cỡ chữ</legend>
        <div class="choices">
          {TEXT_SIZES.map((size, i) => (
            <label key={size.label} class="choice">
              <input
                type="radio"
                name="text-size"
                value={i}
                checked={prefs.textSize === i}
                onChange={() => updatePreferences({ textSize: i })}
              />
              <span>{size.label}</span>
            </label>
          ))}
        </div>
        <p class="text-preview">Chữ trong bài sẽ to như dòng này.</p>
      </fieldset>

      <fieldset class="choice-group">
        <legend>Giao diện</legend>
        <div class="choices">
          {THEMES.map((theme) => (
            <label key={theme.value} class="choice">
              <input
                type="radio"
                name="theme"
                value={theme.value}
                checked={prefs.theme === theme.value}
                onChange={() => updatePreferences({ theme: theme.value })}
              />
              <span>{theme.label}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <div class="toggle">
        <input
          id="data-saver"
          type="checkbox"
          checked={prefs.dataSaver}
          onChange={(e) => updatePreferences({ dataSaver: (e.currentTarget as HTMLInputElement).checked })}
          aria-describedby="data-saver-help"
        />
        <label for="data-saver">Tiết kiệm dữ liệu</label>
      </div>
      <p id="data-saver-help" class="help">
        Không tải ảnh: chỉ tải chữ của bài. Bấm vào chỗ ảnh để xem từng ảnh. Tự bật khi máy báo đang tiết kiệm dữ
        liệu hoặc mạng 2G.
      </p>
    </section>
  );
}
