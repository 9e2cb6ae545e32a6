/**
 * Telex and VNI keystrokes → Vietnamese, for readers whose phone keyboard has
 * Vietnamese input switched off (`vaanj` / `va65n` → `vận`). A word is decoded
 * only when it is not already a possible Vietnamese syllable and its decoding is
 * one, so plain folded queries (`tieng viet`) and ordinary words stay as typed.
 */
import { applyTone, type Tone } from './fold';
import { isFoldedSyllable, isVietnameseSyllable } from './syllable';

type Mark = '' | 'circ' | 'breve' | 'horn' | 'stroke';
interface Letter { ch: string; mark: Mark }

const MARKED: Record<string, string> = {
  'a circ': 'â', 'a breve': 'ă', 'e circ': 'ê', 'o circ': 'ô', 'o horn': 'ơ', 'u horn': 'ư', 'd stroke': 'đ',
};
const VOWEL = /[aeiouy]/;

/** Keystroke state shared by both input methods. */
class Composer {
  letters: Letter[] = [];
  tone: Tone = 0;
  modified = false;

  /** Indices of the last run of vowels typed so far. */
  vowelGroup(): number[] {
    let end = this.letters.length - 1;
    while (end >= 0 && !VOWEL.test((this.letters[end] as Letter).ch)) end--;
    const group: number[] = [];
    for (let i = end; i >= 0 && VOWEL.test((this.letters[i] as Letter).ch); i--) group.unshift(i);
    return group;
  }

  hasVowel(): boolean {
    return this.letters.some((l) => VOWEL.test(l.ch));
  }

  setTone(tone: Tone): boolean {
    // A second tone key is a correction or not Telex/VNI at all (U23), and
    // clearing a tone that is not there is no keystroke either: refuse both.
    if (!this.hasVowel() || (tone !== 0 && this.tone !== 0) || (tone === 0 && this.tone === 0)) return false;
    this.tone = tone;
    this.modified = true;
    return true;
  }

  /** Marks the rightmost unmarked vowel of the last group that is one of `targets`. */
  mark(targets: string, mark: Mark): boolean {
    const group = this.vowelGroup();
    for (let k = group.length - 1; k >= 0; k--) {
      const l = this.letters[group[k] as number] as Letter;
      if (targets.includes(l.ch) && l.mark === '') {
        l.mark = mark;
        this.modified = true;
        return true;
      }
    }
    return false;
  }

  /** Horn: `uo` takes it on both vowels (ươ); otherwise the last o or u. */
  horn(): boolean {
    const group = this.vowelGroup();
    for (let k = 0; k + 1 < group.length; k++) {
      const u = this.letters[group[k] as number] as Letter;
      const o = this.letters[group[k + 1] as number] as Letter;
      if (u.ch === 'u' && o.ch === 'o' && o.mark !== 'circ' && (u.mark === '' || o.mark === '')) {
        u.mark = 'horn';
        o.mark = 'horn';
        this.modified = true;
        return true;
      }
    }
    return this.mark('ou', 'horn');
  }

  strokeD(): boolean {
    const first = this.letters[0];
    if (!first || first.ch !== 'd' || first.mark !== '') return false;
    first.mark = 'stroke';
    this.modified = true;
    return true;
  }

  result(): string | null {
    if (!this.modified) return null;
    let base = '';
    for (const l of this.letters) {
      const ch = l.mark ? MARKED[`${l.ch} ${l.mark}`] : l.ch;
      if (ch === undefined) return null;
      base += ch;
    }
    // Like Vietnamese IMEs: ưo/uơ before a final is ươ (dduwong → đương); ươ
    // ending the word is uơ (thuowr → thuở).
    const fixed = base.replace(/(ưo|uơ)(?=[a-zđ])/g, 'ươ').replace(/ươ$/, 'uơ');
    const word = applyTone(fixed, this.tone);
    return isVietnameseSyllable(word) ? word : null;
  }
}

const TELEX_TONES: Record<string, Tone> = { s: 1, f: 2, r: 3, x: 4, j: 5, z: 0 };

/** Decodes one Telex-typed syllable (`ddoongf` → `đồng`); null when it spells no Vietnamese syllable. */
export function telexToVietnamese(word: string): string | null {
  const w = word.toLowerCase();
  if (!/^[a-z]+$/.test(w)) return null;
  const c = new Composer();
  for (const ch of w) {
    const last = c.letters[c.letters.length - 1];
    let ok = true;
    if (ch === 'd' && c.letters.length === 1 && last?.ch === 'd') ok = c.strokeD();
    else if ('aeo'.includes(ch) && last && last.ch === ch && last.mark === '') {
      last.mark = 'circ';
      c.modified = true;
    } else if (ch === 'w') {
      if (!c.horn() && !c.mark('a', 'breve')) {
        // A bare w types ư (nhw → như).
        c.letters.push({ ch: 'u', mark: 'horn' });
        c.modified = true;
      }
    } else if (ch in TELEX_TONES && c.hasVowel()) ok = c.setTone(TELEX_TONES[ch] as Tone);
    else c.letters.push({ ch, mark: '' });
    if (!ok) return null;
  }
  return c.result();
}

/** Decodes one VNI-typed syllable (`va65n` → `vận`, `d9i` → `đi`); null when it spells no Vietnamese syllable. */
export function vniToVietnamese(word: string): string | null {
  const w = word.toLowerCase();
  if (!/^[a-z][a-z0-9]*$/.test(w) || !/[0-9]/.test(w)) return null;
  const c = new Composer();
  for (const ch of w) {
    let ok = true;
    if (ch >= '0' && ch <= '5') ok = c.setTone(Number(ch) as Tone);
    else if (ch === '6') ok = c.mark('aeo', 'circ');
    else if (ch === '7') ok = c.horn();
    else if (ch === '8') ok = c.mark('a', 'breve');
    else if (ch === '9') ok = c.strokeD();
    else c.letters.push({ ch, mark: '' });
    if (!ok) return null;
  }
  return c.result();
}

/**
 * Rhymes only loanwords have (xoong, boong, soóc): typed without accents, such
 * a word is far more often Telex for ông/ôc (khoong → không, coong → công).
 */
const LOANWORD_RHYME = /oo(ng|c)$/i;

/**
 * The Vietnamese a typed word stands for when it only makes sense as Telex or
 * VNI keystrokes, or has a loanword's rhyme; null for words that are fine as
 * they are. (A word with both readings is searched as either: query.ts.)
 */
export function decodeInputMethod(word: string): string | null {
  if (isFoldedSyllable(word) && !LOANWORD_RHYME.test(word)) return null;
  return telexToVietnamese(word) ?? vniToVietnamese(word);
}
