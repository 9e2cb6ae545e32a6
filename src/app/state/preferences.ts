import { signal } from '@preact/signals';

/**
 * The reader's page-only preferences: text size, theme and data saver. They
 * live in localStorage because it is synchronous, so they apply before the
 * first paint and the page never flashes the wrong theme or size.
 */
export type Theme = 'system' | 'light' | 'dark';

export interface Preferences {
  /** Index into TEXT_SIZES. */
  textSize: number;
  theme: Theme;
  dataSaver: boolean;
}

export const TEXT_SIZES = [
  { scale: 0.9, label: 'Nhỏ' },
  { scale: 1, label: 'Vừa' },
  { scale: 1.15, label: 'Lớn' },
  { scale: 1.3, label: 'Rất lớn' },
  { scale: 1.5, label: 'Cực lớn' },
] as const;

export const DEFAULT_TEXT_SIZE = 1;
const KEY = 'bao-preferences';
const THEMES: readonly Theme[] = ['system', 'light', 'dark'];

interface NetworkInformationLike {
  saveData?: boolean;
  effectiveType?: string;
}

/** Data saver starts on where the browser says data is dear: Save-Data or a 2G link. */
function networkAsksToSaveData(nav: Navigator = navigator): boolean {
  const connection = (nav as Navigator & { connection?: NetworkInformationLike }).connection;
  if (!connection) return false;
  return connection.saveData === true || connection.effectiveType === '2g' || connection.effectiveType === 'slow-2g';
}

function readStored(storage: Storage): Partial<Preferences> {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(KEY) ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Partial<Preferences>) : {};
  } catch {
    return {};
  }
}

/** Stored choices, each checked, with defaults for whatever the reader never chose. */
export function readPreferences(storage: Storage = localStorage, nav: Navigator = navigator): Preferences {
  const stored = readStored(storage);
  const textSize =
    Number.isInteger(stored.textSize) && stored.textSize! >= 0 && stored.textSize! < TEXT_SIZES.length
      ? stored.textSize!
      : DEFAULT_TEXT_SIZE;
  const theme = THEMES.includes(stored.theme as Theme) ? (stored.theme as Theme) : 'system';
  const dataSaver = typeof stored.dataSaver === 'boolean' ? stored.dataSaver : networkAsksToSaveData(nav);
  return { textSize, theme, dataSaver };
}

export function writePreferences(prefs: Preferences, storage: Storage = localStorage): void {
  try {
    storage.setItem(KEY, JSON.stringify(prefs));
  } catch {
    // Private mode or a full disk: the choice still applies until the page closes.
  }
}

/** The phone's status bar colour for each theme, as in index.html. */
const THEME_COLORS = { light: '#0b5d3b', dark: '#121413' } as const;

/** Puts the preferences on <html>, where styles.css reads them. */
export function applyPreferences(prefs: Preferences, root: HTMLElement = document.documentElement): void {
  root.style.setProperty('--text-scale', String(TEXT_SIZES[prefs.textSize]?.scale ?? 1));
  if (prefs.theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = prefs.theme;
  // index.html has one colour per system scheme; a chosen theme overrides both.
  for (const meta of document.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]')) {
    const own = meta.media.includes('dark') ? 'dark' : 'light';
    meta.content = THEME_COLORS[prefs.theme === 'system' ? own : prefs.theme];
  }
}

/** The reader's current choices; components re-render when they change. */
export const preferences = signal<Preferences>(readPreferences());
