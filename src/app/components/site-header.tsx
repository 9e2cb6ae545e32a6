import { useLocation } from 'preact-iso';

const LINKS = [
  { href: '/', label: 'Tin mới' },
  { href: '/da-luu', label: 'Đã lưu' },
  { href: '/cai-dat', label: 'Cài đặt' },
] as const;

/** Brand, the main sections, and the search field every screen has. */
export function SiteHeader() {
  const { path, query, route } = useLocation();
  const onSearchPage = path === '/tim-kiem';
  // Each keystroke updates ?q= (replacing, not stacking history), so the query
  // survives a reload and can be shared.
  const onInput = (event: Event) => {
    const q = (event.currentTarget as HTMLInputElement).value;
    route(`/tim-kiem?q=${encodeURIComponent(q)}`, onSearchPage);
  };
  return (
    <header class="site-header">
      <div class="brand-row">
        <a href="/" class="brand">
          Báo Offline
        </a>
        <nav aria-label="Mục chính">
          <ul class="nav-links">
            {LINKS.map((link) => (
              <li key={link.href}>
                <a href={link.href} aria-current={path === link.href ? 'page' : undefined}>
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      <form role="search" class="search-form" action="/tim-kiem" onSubmit={(e) => e.preventDefault()}>
        <label for="search-input" class="visually-hidden">
          Tìm bài viết
        </label>
        <input
          id="search-input"
          type="search"
          name="q"
          role="searchbox"
          placeholder="Tìm bài, ví dụ: dan van kheo"
          autocomplete="off"
          enterKeyHint="search"
          value={onSearchPage ? (query.q ?? '') : ''}
          onInput={onInput}
        />
      </form>
    </header>
  );
}
