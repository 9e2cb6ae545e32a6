import { describe, expect, it } from 'vitest';
import { httpErrorKind, networkErrorKind } from '../../../src/shared/sync/network-error';

describe('networkErrorKind', () => {
  it('believes the browser when it says there is no network, whatever else is known', () => {
    expect(networkErrorKind({ online: false, sameOrigin: true })).toBe('offline');
    expect(networkErrorKind({ online: false, sameOrigin: false, answered: true })).toBe('offline');
  });

  it('calls another origin that answers without CORS a refusal, and one that does not answer unreachable', () => {
    expect(networkErrorKind({ online: true, sameOrigin: false, answered: true })).toBe('refused');
    expect(networkErrorKind({ online: true, sameOrigin: false, answered: false })).toBe('unreachable');
  });

  it('never blames CORS on the app own origin', () => {
    expect(networkErrorKind({ online: true, sameOrigin: true, answered: true })).toBe('unreachable');
  });
});

describe('httpErrorKind', () => {
  it('tells a refusal, a network login and a server busy with too many readers from a failing server', () => {
    expect([401, 403, 407, 511, 429, 404, 500].map(httpErrorKind)).toEqual(['refused', 'refused', 'captive-portal', 'captive-portal', 'busy', 'http', 'http']);
  });
});
