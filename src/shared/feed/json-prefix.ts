/**
 * Tells a cut-off JSON document from garbage without relying on engine error
 * messages, which differ between V8, SpiderMonkey and JavaScriptCore.
 * Only called after JSON.parse has already failed, so speed matters little,
 * but it is linear and iterative so deeply nested input cannot overflow.
 */

const enum Expect {
  Value,
  ValueOrClose,
  Key,
  KeyOrClose,
  Colon,
  CommaOrClose,
  End,
}

/**
 * 'prefix' when `text` is a proper prefix of some valid JSON text, 'complete'
 * when it is a whole JSON text, else 'invalid'.
 */
export function classifyJsonPrefix(text: string): 'prefix' | 'invalid' | 'complete' {
  const stack: number[] = [];
  let expect: Expect = Expect.Value as Expect;
  let i = 0;
  const n = text.length;

  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
      i++;
      continue;
    }
    switch (expect) {
      case Expect.End:
        return 'invalid';
      case Expect.Colon:
        if (c !== 0x3a) return 'invalid';
        expect = Expect.Value;
        i++;
        continue;
      case Expect.CommaOrClose: {
        const top = stack[stack.length - 1];
        if (c === 0x2c) {
          expect = top === 0x7b ? Expect.Key : Expect.Value;
        } else if ((c === 0x7d && top === 0x7b) || (c === 0x5d && top === 0x5b)) {
          stack.pop();
          expect = stack.length === 0 ? Expect.End : Expect.CommaOrClose;
        } else {
          return 'invalid';
        }
        i++;
        continue;
      }
      case Expect.Key:
      case Expect.KeyOrClose:
        if (c === 0x7d && expect === Expect.KeyOrClose) {
          stack.pop();
          expect = stack.length === 0 ? Expect.End : Expect.CommaOrClose;
          i++;
          continue;
        }
        if (c !== 0x22) return 'invalid';
        i = scanString(text, i);
        if (i < 0) return i === END ? 'prefix' : 'invalid';
        expect = Expect.Colon;
        continue;
      case Expect.Value:
      case Expect.ValueOrClose:
        if (c === 0x5d && expect === Expect.ValueOrClose) {
          stack.pop();
          expect = stack.length === 0 ? Expect.End : Expect.CommaOrClose;
          i++;
          continue;
        }
        if (c === 0x7b || c === 0x5b) {
          stack.push(c);
          expect = c === 0x7b ? Expect.KeyOrClose : Expect.ValueOrClose;
          i++;
          continue;
        }
        i = c === 0x22 ? scanString(text, i) : c === 0x2d || (c >= 0x30 && c <= 0x39) ? scanNumber(text, i) : scanLiteral(text, i);
        if (i < 0) return i === END ? 'prefix' : 'invalid';
        expect = stack.length === 0 ? Expect.End : Expect.CommaOrClose;
        continue;
    }
  }
  return expect === Expect.End ? 'complete' : 'prefix';
}

/** Scanner results below zero: the input ended, or it cannot be JSON. */
const END = -1;
const BAD = -2;

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

function scanString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return BAD;
    if (c === 0x5c) {
      const e = text.charCodeAt(i + 1);
      if (Number.isNaN(e)) return END;
      if (e === 0x75) {
        for (let k = 2; k < 6; k++) {
          if (i + k >= text.length) return END;
          if (!isHex(text.charCodeAt(i + k))) return BAD;
        }
        i += 6;
        continue;
      }
      if ('"\\/bfnrt'.indexOf(String.fromCharCode(e)) === -1) return BAD;
      i += 2;
      continue;
    }
    i++;
  }
  return END;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// Unfinished numbers such as "-", "1." or "2e+" that valid JSON could continue.
const NUMBER_PREFIX = /-?(?:(?:0|[1-9]\d*)(?:\.\d*)?(?:[eE][+-]?\d*)?)?/y;

function scanNumber(text: string, start: number): number {
  NUMBER_PREFIX.lastIndex = start;
  if (NUMBER_PREFIX.exec(text) !== null && NUMBER_PREFIX.lastIndex === text.length) return END;
  NUMBER.lastIndex = start;
  return NUMBER.exec(text) === null ? BAD : NUMBER.lastIndex;
}

function scanLiteral(text: string, start: number): number {
  for (const literal of ['true', 'false', 'null']) {
    if (text.charCodeAt(start) !== literal.charCodeAt(0)) continue;
    const available = text.slice(start, start + literal.length);
    if (available === literal) return start + literal.length;
    return literal.startsWith(available) && start + available.length === text.length ? END : BAD;
  }
  return BAD;
}
