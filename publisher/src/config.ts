/** The publisher's configuration file: what to read, and how politely. */
import type { SiteRule } from './extract/site-rules';

export type FullTextMode = 'auto' | 'always' | 'never';

export interface SourceConfig {
  name: string;
  url: string;
  section?: string;
  /** Fetch each article's page: when the item is only a teaser (auto), always, or never. */
  fullText: FullTextMode;
}

export interface PublisherConfig {
  title: string;
  description?: string;
  homePageUrl?: string;
  language: string;
  sources: SourceConfig[];
  /** Items per archive page; the head page holds between one and two pages' worth. */
  pageSize: number;
  retention: { maxItems: number; maxAgeDays: number };
  /** New articles taken from one source in one run, newest first. */
  maxNewPerSource: number;
  userAgent: string;
  hostIntervalMs: number;
  timeoutMs: number;
  maxRedirects: number;
  maxFeedBytes: number;
  maxPageBytes: number;
  maxPictureBytes: number;
  siteRules: SiteRule[];
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function text(obj: Obj, key: string, where: string, required: true): string;
function text(obj: Obj, key: string, where: string, required?: false): string | undefined;
function text(obj: Obj, key: string, where: string, required = false): string | undefined {
  const value = obj[key];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new ConfigError(`${where}.${key} must be a non-empty string`);
  return value.trim();
}

function count(obj: Obj, key: string, fallback: number, where: string, min = 0): number {
  const value = obj[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) throw new ConfigError(`${where}.${key} must be an integer ≥ ${min}`);
  return value;
}

function httpUrl(value: string, where: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch {
    // reported below
  }
  throw new ConfigError(`${where} must be an http(s) URL`);
}

function source(raw: unknown, index: number): SourceConfig {
  const where = `sources[${index}]`;
  if (!isObj(raw)) throw new ConfigError(`${where} must be an object`);
  const mode = raw.fullText ?? 'auto';
  if (mode !== 'auto' && mode !== 'always' && mode !== 'never') throw new ConfigError(`${where}.fullText must be auto, always or never`);
  const result: SourceConfig = {
    name: text(raw, 'name', where, true),
    url: httpUrl(text(raw, 'url', where, true), `${where}.url`),
    fullText: mode,
  };
  const section = text(raw, 'section', where);
  if (section) result.section = section;
  return result;
}

function siteRule(raw: unknown, index: number): SiteRule {
  const where = `siteRules[${index}]`;
  if (!isObj(raw)) throw new ConfigError(`${where} must be an object`);
  const rule: SiteRule = { host: text(raw, 'host', where, true).toLowerCase() };
  const content = text(raw, 'content', where);
  if (content) rule.content = content;
  if (raw.remove !== undefined) {
    if (!Array.isArray(raw.remove) || !raw.remove.every((s) => typeof s === 'string')) throw new ConfigError(`${where}.remove must be a list of selectors`);
    rule.remove = raw.remove as string[];
  }
  return rule;
}

export const DEFAULT_USER_AGENT = 'BaoOfflinePublisher/0.1 (+https://github.com/bao-offline; static JSON Feed for an offline reader)';

export function parseConfig(raw: unknown): PublisherConfig {
  if (!isObj(raw)) throw new ConfigError('the config must be a JSON object');
  if (!Array.isArray(raw.sources) || raw.sources.length === 0) throw new ConfigError('sources must be a non-empty list');
  const retention = isObj(raw.retention) ? raw.retention : {};
  const config: PublisherConfig = {
    title: text(raw, 'title', 'config', true),
    language: text(raw, 'language', 'config') ?? 'vi',
    sources: raw.sources.map(source),
    pageSize: count(raw, 'pageSize', 20, 'config', 1),
    retention: {
      maxItems: count(retention, 'maxItems', 1000, 'retention', 1),
      maxAgeDays: count(retention, 'maxAgeDays', 90, 'retention', 1),
    },
    maxNewPerSource: count(raw, 'maxNewPerSource', 30, 'config', 1),
    userAgent: text(raw, 'userAgent', 'config') ?? DEFAULT_USER_AGENT,
    hostIntervalMs: count(raw, 'hostIntervalMs', 1000, 'config'),
    timeoutMs: count(raw, 'timeoutMs', 20_000, 'config', 1),
    maxRedirects: count(raw, 'maxRedirects', 5, 'config'),
    maxFeedBytes: count(raw, 'maxFeedBytes', 5 * 1024 * 1024, 'config', 1),
    maxPageBytes: count(raw, 'maxPageBytes', 3 * 1024 * 1024, 'config', 1),
    maxPictureBytes: count(raw, 'maxPictureBytes', 10 * 1024 * 1024, 'config', 1),
    siteRules: Array.isArray(raw.siteRules) ? raw.siteRules.map(siteRule) : [],
  };
  const description = text(raw, 'description', 'config');
  if (description) config.description = description;
  const home = text(raw, 'homePageUrl', 'config');
  if (home) config.homePageUrl = httpUrl(home, 'config.homePageUrl');
  return config;
}
