import { ErrorBoundary, LocationProvider, Route, Router, lazy, useLocation } from 'preact-iso';
import { SiteHeader } from './components/site-header';
import { StatusBar } from './components/status-bar';
import { UpdateBanner } from './components/update-banner';
import { Home } from './routes/home';
import { NotFound } from './routes/not-found';
import { decodedPath } from './format/paths';
import { focusMainAfterRouteChange } from './state/route-focus';

// Only the list is in the first bundle; everything else loads when first opened
// (and is precached by the service worker, so it opens offline too).
const ArticlePage = lazy(() => import('./routes/article'));
const SavedPage = lazy(() => import('./routes/saved'));
const SettingsPage = lazy(() => import('./routes/settings/index'));
const SearchPage = lazy(() => import('./routes/search'));

/**
 * Lists (the news, a section) keep their «Làm mới» line; other screens show it only when it has news.
 * A section link cut inside a letter shows «Không tìm thấy trang này», not a list.
 */
function isListPath(path: string): boolean {
  return path === '/' || (path.startsWith('/chuyen-muc/') && decodedPath(path) !== undefined);
}

function Chrome() {
  const { path } = useLocation();
  return (
    <>
      <SiteHeader />
      <StatusBar onList={isListPath(path)} />
      <UpdateBanner />
    </>
  );
}

function Routes() {
  const { path } = useLocation();
  // Otherwise the router throws on it and leaves the screen blank.
  if (decodedPath(path) === undefined) return <NotFound />;
  return (
    <Router onRouteChange={focusMainAfterRouteChange}>
      <Route path="/" component={Home} />
      <Route path="/chuyen-muc/:tag" component={Home} />
      <Route path="/bai/:id" component={ArticlePage} />
      <Route path="/da-luu" component={SavedPage} />
      <Route path="/cai-dat" component={SettingsPage} />
      <Route path="/tim-kiem" component={SearchPage} />
      <Route default component={NotFound} />
    </Router>
  );
}

export function App() {
  return (
    <LocationProvider>
      <a class="skip-link" href="#main">
        Bỏ qua, đến nội dung chính
      </a>
      <Chrome />
      <main id="main" tabIndex={-1}>
        <ErrorBoundary>
          <Routes />
        </ErrorBoundary>
      </main>
    </LocationProvider>
  );
}
