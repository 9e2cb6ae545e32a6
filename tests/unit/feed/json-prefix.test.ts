import { describe, expect, it } from 'vitest';
import { classifyJsonPrefix } from '../../../src/shared/feed/json-prefix';

describe('classifyJsonPrefix', () => {
  it('recognises unfinished JSON', () => {
    for (const text of ['{', '[', '{"a"', '{"a":', '{"a":1', '{"a":[1,', '"abc', '"a\\', '"\\u00', 'tr', '-', '1.', '2e+', '[{"a":null},{']) {
      expect(classifyJsonPrefix(text), text).toBe('prefix');
    }
  });

  it('recognises garbage', () => {
    for (const text of ['{a:1}', '{"a":1}}', '[1,]', '{"a":1,}', '[-.5]', 'nulx', '{"a":01}', '{"a":1 2', '"\\x"', '"\\u00zz"', '"a\u0001"', '[1}', '{]']) {
      expect(classifyJsonPrefix(text), text).toBe('invalid');
    }
  });

  it('recognises complete JSON', () => {
    expect(classifyJsonPrefix(' {"a": [1, -2.5e3, "x", true, false, null]} ')).toBe('complete');
  });

  it('does not overflow on deep nesting', () => {
    expect(classifyJsonPrefix('['.repeat(1_000_000))).toBe('prefix');
  });
});
