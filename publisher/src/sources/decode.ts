/** Bytes to text by the charset the response or the XML declaration names (UTF-8 when neither does). */
export function decodeBody(body: Buffer, contentType: string): string {
  const fromHeader = /charset=["']?([\w-]+)/i.exec(contentType)?.[1];
  const head = body.subarray(0, 200).toString('latin1');
  const fromDeclaration = /^\s*<\?xml[^>]*encoding=["']([\w-]+)["']/i.exec(head)?.[1];
  const fromMeta = /<meta[^>]+charset=["']?([\w-]+)/i.exec(body.subarray(0, 2048).toString('latin1'))?.[1];
  const label = fromHeader ?? fromDeclaration ?? fromMeta ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  const text = decoder.decode(body);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
