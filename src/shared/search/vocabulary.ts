/**
 * The index's vocabulary: folded syllables (terms) and, per term, the toned
 * spellings seen (variants), each numbered in order of first appearance.
 * Also answers the look-ups query expansion needs: completions of a prefix
 * and fuse.js neighbours.
 */
import { foldKey, tonedKey } from './fold';
import { VocabularyFuse } from './fuzzy';

/** Variant ids share 16 bits with the punctuation flag (rank.ts). */
export const MAX_VARIANT = 0x7fff;

export class Vocabulary {
  readonly terms: string[] = [];
  readonly variants: string[][] = [];
  private readonly termIds = new Map<string, number>();
  /** Toned form → its variant id within the term it folds to. */
  private readonly variantIds = new Map<string, number>();
  readonly fuse = new VocabularyFuse(() => this.terms);
  /** Vocabulary in code-unit order for prefix completion, built on first use. */
  private sorted: string[] | null = null;

  static from(terms: string[], variants: string[][]): Vocabulary {
    const v = new Vocabulary();
    terms.forEach((t, id) => {
      v.terms.push(t);
      v.termIds.set(t, id);
      const forms = variants[id] ?? [];
      v.variants.push(forms);
      forms.forEach((form, i) => v.variantIds.set(form, i));
    });
    return v;
  }

  /**
   * Drops the spare room the spelling lists grew while indexing (a list that
   * grew by one element holds room for 17): a third of the vocabulary's memory.
   */
  trim(): void {
    for (let t = 0; t < this.variants.length; t++) this.variants[t] = (this.variants[t] as string[]).slice();
  }

  get size(): number {
    return this.terms.length;
  }

  term(folded: string): number | undefined {
    return this.termIds.get(folded);
  }

  /** Variant id of a toned spelling, or -1 when no indexed word is spelled so. */
  variant(toned: string | null): number {
    return toned === null ? -1 : (this.variantIds.get(toned) ?? -1);
  }

  /** Term and variant ids of a word as written (term·65536 + variant), creating them when new. */
  intern(raw: string): number {
    const folded = foldKey(raw);
    let term = this.termIds.get(folded);
    if (term === undefined) {
      term = this.terms.length;
      this.terms.push(folded);
      this.termIds.set(folded, term);
      this.variants.push([]);
      this.fuse.reset();
      this.sorted = null;
    }
    const toned = tonedKey(raw);
    let variant = this.variantIds.get(toned);
    if (variant === undefined) {
      const forms = this.variants[term] as string[];
      variant = Math.min(forms.length, MAX_VARIANT);
      if (forms.length < MAX_VARIANT) forms.push(toned);
      this.variantIds.set(toned, variant);
    }
    return term * 65536 + variant;
  }

  /** Vocabulary words that start with `prefix` (itself excluded), at most `limit`. */
  completions(prefix: string, limit: number): string[] {
    const sorted = (this.sorted ??= [...this.terms].sort());
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] as string) < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < sorted.length && out.length < limit; i++) {
      const word = sorted[i] as string;
      if (!word.startsWith(prefix)) break;
      if (word !== prefix) out.push(word);
    }
    return out;
  }
}
