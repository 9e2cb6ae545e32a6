/**
 * Whether a refusal (403, 429, 503) is a bot shield's challenge page: a page
 * that runs a script and lets a browser through, never a publisher that runs
 * none. Told apart from a server's own error so that the operator knows what
 * to ask the site for, and so that it is not taken for «busy» and asked again.
 */
const SHIELDS: [name: string, marks: RegExp][] = [
  ['Cloudflare', /_cf_chl_opt|\/cdn-cgi\/challenge-platform\/|cf-browser-verification|<title>just a moment\.\.\.<\/title>|attention required! \| cloudflare/i],
  ['Imperva Incapsula', /_incapsula_resource|incapsula incident id/i],
  ['Sucuri', /sucuri website firewall/i],
  ['DDoS-Guard', /ddos-guard/i],
  ['a captcha', /g-recaptcha|hcaptcha\.com|cf-turnstile|checking your browser before accessing|vui lòng xác minh bạn không phải (?:là )?robot/i],
];

/** How much of the page is read to tell: challenge pages put their marks in the first few KB. */
export const SHIELD_PAGE_BYTES = 32 * 1024;

/** The shield's name, or undefined for a refusal that is the server's own. */
export function botShield(headers: Headers, pageStart: string): string | undefined {
  if (headers.get('cf-mitigated')?.toLowerCase() === 'challenge') return 'Cloudflare';
  return SHIELDS.find(([, marks]) => marks.test(pageStart))?.[0];
}
