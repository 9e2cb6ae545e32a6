/** What the browser says about the connection (navigator.connection, where it exists). */
export interface ConnectionHints {
  type?: string;
  effectiveType?: string;
  saveData?: boolean;
}

/** How much one refresh may spend on feed pages beyond the first. */
export interface RefreshBudget {
  bytes: number;
  ms: number;
  /** Whether older archive pages are fetched at all once the new articles are in. */
  followArchive: boolean;
}

const MB = 1024 * 1024;

/** Where the browser says the line is paid for by the byte, or too slow to spend on old news. */
export function isMetered(connection: ConnectionHints | undefined): boolean {
  if (!connection) return false;
  return connection.saveData === true || connection.type === 'cellular' || /(^|-)2g$/.test(connection.effectiveType ?? '');
}

function isUnmetered(connection: ConnectionHints | undefined): boolean {
  return connection?.type === 'wifi' || connection?.type === 'ethernet';
}

/**
 * Bytes and time, not a page count, bound a refresh: pages differ a hundredfold
 * in size. The archive is followed freely on Wi-Fi, moderately where the
 * browser does not say, and on a metered line only when the reader asks.
 */
export function refreshBudget(connection: ConnectionHints | undefined, readerAskedForArchive: boolean): RefreshBudget {
  if (isUnmetered(connection)) return { bytes: 16 * MB, ms: 120_000, followArchive: true };
  if (isMetered(connection)) return { bytes: readerAskedForArchive ? 2 * MB : 1 * MB, ms: 60_000, followArchive: readerAskedForArchive };
  return { bytes: readerAskedForArchive ? 8 * MB : 4 * MB, ms: 60_000, followArchive: true };
}
