interface Props {
  text: string;
  ranges: ReadonlyArray<readonly [number, number]>;
}

/** Text with the matched words in <mark>, in the article's own accented spelling. */
export function Highlighted({ text, ranges }: Props) {
  const parts = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at) continue;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
