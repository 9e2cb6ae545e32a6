/** Each article's own address, used for links, sharing and deep links. */
export function articlePath(id: string): string {
  return `/bai/${encodeURIComponent(id)}`;
}

export function articleUrl(id: string): string {
  return new URL(articlePath(id), location.origin).href;
}
