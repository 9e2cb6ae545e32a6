import { useLocation } from 'preact-iso';

const LINKS = [
  { href: '/', label: 'Tin mới' },
  { href: '/da-luu', label: 'Đã lưu' },
  { href: '/cai-dat', label: 'Cài đặt' },
] as const;

/** Brand and the main sections. */
export function SiteHeader() {
  const { path } = useLocation();
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
    </header>
  );
}
