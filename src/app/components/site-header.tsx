import { useLocation } from 'preact-iso';
import { Icon } from './icons';
import { useHideOnScroll } from '../state/use-hide-on-scroll';
import './site-header.css';

const LINKS = [
  { href: '/', label: 'Tin mới', icon: 'news' },
  { href: '/da-luu', label: 'Đã lưu', icon: 'saved' },
  { href: '/cai-dat', label: 'Cài đặt', icon: 'settings' },
] as const;

/**
 * One compact row: the name, the search field and the three places. It slides
 * away while the reader reads down and returns on the first move up, so the
 * screen is the article's, not the app's.
 */
export function SiteHeader() {
  const { path, query, route } = useLocation();
  const { shown, ref } = useHideOnScroll();
  const onSearchPage = path === '/tim-kiem';
  // Each keystroke updates ?q= (replacing, not stacking history), so the query
  // survives a reload and can be shared.
  const onInput = (event: Event) => {
    const q = (event.currentTarget as HTMLInputElement).value;
    route(`/tim-kiem?q=${encodeURIComponent(q)}`, onSearchPage);
  };
  return (
    <header ref={ref} class={shown ? 'site-header' : 'site-header site-header-away'}>
      <div class={onSearchPage ? 'header-row header-searching' : 'header-row'}>
        <a href="/" class="brand">
          <span class="brand-name">Báo Offline</span>
        </a>
        <form role="search" class="search-form" action="/tim-kiem" onSubmit={(e) => e.preventDefault()}>
          <label for="search-input" class="search-label">
            <Icon name="search" />
            <span class="visually-hidden">Tìm bài viết</span>
          </label>
          <input
            id="search-input"
            type="search"
            name="q"
            role="searchbox"
            placeholder="Tìm bài"
            autocomplete="off"
            enterKeyHint="search"
            value={onSearchPage ? (query.q ?? '') : ''}
            onInput={onInput}
          />
        </form>
        <nav aria-label="Mục chính">
          <ul class="nav-links">
            {LINKS.map((link) => (
              <li key={link.href}>
                <a href={link.href} aria-current={path === link.href ? 'page' : undefined}>
                  <Icon name={link.icon} />
                  <span class="nav-label">{link.label}</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </header>
  );
}
