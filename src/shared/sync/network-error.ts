/**
 * Why a request never got an answer the page may read. A fetch() that rejects
 * with a TypeError looks the same whether the phone has no network, the host
 * is down, or the host answered without CORS headers; these facts tell them apart.
 */
export interface Reachability {
  /** What the browser says (navigator.onLine): false is reliable, true is only a hope. */
  online: boolean;
  /** The feed is on the app's own origin, where CORS cannot be the reason. */
  sameOrigin: boolean;
  /** A no-cors probe of the same URL got an (opaque) answer: the host is up and replying. */
  answered?: boolean;
}

export type NetworkErrorKind = 'offline' | 'unreachable' | 'refused';

export function networkErrorKind({ online, sameOrigin, answered }: Reachability): NetworkErrorKind {
  if (!online) return 'offline';
  // The host answers a no-cors request but the CORS one failed: it does not let this app read it.
  if (!sameOrigin && answered) return 'refused';
  return 'unreachable';
}

/** HTTP statuses that say who is in the way, rather than that the server failed. */
export function httpErrorKind(status: number): 'refused' | 'captive-portal' | 'busy' | 'http' {
  if (status === 401 || status === 403) return 'refused';
  if (status === 429) return 'busy';
  // 407: a proxy wants a login; 511: the network itself wants one (RFC 6585).
  if (status === 407 || status === 511) return 'captive-portal';
  return 'http';
}
