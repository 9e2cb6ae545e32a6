/** «1.200»: Vietnamese groups thousands with a dot, as the papers print them. */
export function formatCount(n: number): string {
  return n.toLocaleString('vi-VN');
}
