/**
 * In the page (an init script): every «… mới chỉ tìm trong N trên …» the
 * search screen shows while the index is built, N in order, in
 * `window.progressSeen`.
 */
export function recordProgress(): void {
  const seen: number[] = [];
  (window as unknown as { progressSeen: number[] }).progressSeen = seen;
  new MutationObserver(() => {
    const text = [...document.querySelectorAll('.notice')].map((e) => e.textContent ?? '').find((t) => t.includes('Đang chuẩn bị tìm kiếm'));
    const n = /tìm trong ([\d.]+) trên/.exec(text ?? '')?.[1];
    const value = n === undefined ? undefined : Number(n.replaceAll('.', ''));
    if (value !== undefined && value !== seen[seen.length - 1]) seen.push(value);
  }).observe(document, { subtree: true, childList: true, characterData: true });
}
