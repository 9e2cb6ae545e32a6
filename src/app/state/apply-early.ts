import { applyPreferences, preferences } from './preferences';

// Imported first by main.tsx: text size and theme are on <html> before anything renders.
applyPreferences(preferences.value);
