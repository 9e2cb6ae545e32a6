/**
 * Per-site extraction rules kept as data (like miniflux's scraper rules): a
 * CSS selector for the article body and selectors of blocks to drop. Sites
 * without a rule go through the generic clean-up and Readability.
 */
import { readFileSync } from 'node:fs';

export interface SiteRule {
  /** A host name; it also matches its subdomains. */
  host: string;
  content?: string;
  remove?: string[];
}

export const BUILT_IN_RULES: readonly SiteRule[] = JSON.parse(
  readFileSync(new URL('./site-rules.json', import.meta.url), 'utf8'),
) as SiteRule[];

export function ruleFor(pageUrl: string, rules: readonly SiteRule[]): SiteRule | undefined {
  const host = new URL(pageUrl).hostname.toLowerCase();
  return rules.find((rule) => host === rule.host || host.endsWith(`.${rule.host}`));
}
