/** Small line icons for the header; decorative, so the text beside them names the place. */
const PATHS = {
  news: 'M4 5h13v14H6a2 2 0 0 1-2-2V5Zm13 4h3v8a2 2 0 0 1-2 2h-1M7 9h7M7 13h7M7 16h4',
  saved: 'M7 4h10v16l-5-4-5 4V4Z',
  settings:
    'M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6Zm8 3-2.1-.8a6 6 0 0 0-.6-1.5l.9-2-1.9-1.9-2 .9a6 6 0 0 0-1.5-.6L12 3h-.1l-.8 2.1a6 6 0 0 0-1.5.6l-2-.9-1.9 1.9.9 2a6 6 0 0 0-.6 1.5L4 12l2.1.8a6 6 0 0 0 .6 1.5l-.9 2 1.9 1.9 2-.9a6 6 0 0 0 1.5.6L12 21l.8-2.1a6 6 0 0 0 1.5-.6l2 .9 1.9-1.9-.9-2a6 6 0 0 0 .6-1.5L20 12Z',
  search: 'M10.5 4a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13ZM15.5 15.5 20 20',
} as const;

export function Icon({ name }: { name: keyof typeof PATHS }) {
  return (
    <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}
