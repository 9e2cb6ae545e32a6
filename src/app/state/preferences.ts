import { signal } from '@preact/signals';
import { applyPreferences, readPreferences, writePreferences, type Preferences } from '../prefs/preferences';
import { shareDataSaver } from '../bridges/data-saver-bridge';

export const preferences = signal<Preferences>(readPreferences());

/** Changes, remembers and applies the reader's preferences at once. */
export function updatePreferences(change: Partial<Preferences>): void {
  const next = { ...preferences.value, ...change };
  preferences.value = next;
  writePreferences(next);
  applyPreferences(next);
  if (change.dataSaver !== undefined) void shareDataSaver(next.dataSaver);
}
