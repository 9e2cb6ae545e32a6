import { applyPreferences, readPreferences } from './preferences';

// Imported first by main.tsx: text size and theme are on <html> before anything renders.
applyPreferences(readPreferences());
