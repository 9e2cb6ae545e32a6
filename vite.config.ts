import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  plugins: [
    preact(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      // The page registers the worker itself through workbox-window (src/app/bridges/sw-bridge.ts).
      injectRegister: false,
      registerType: 'prompt',
      // The install icons are fetched by the browser when it installs, not by every visitor:
      // precaching them cost a first visit 50 KB of the 215 KB it used to download.
      includeManifestIcons: false,
      injectManifest: {
        // One classic script, as registered; the 'es' format makes the plugin pass the
        // deprecated `inlineDynamicImports` to the bundler, which warns on every build.
        rollupFormat: 'iife',
        // Only the shell (the plugin adds the web manifest): what opening, reading and
        // searching offline need, and the tab icon, the one icon shown offline.
        // Articles and their pictures are data, stored at run time.
        globPatterns: ['**/*.{js,css,html}', 'icons/icon-192.png'],
        globIgnores: ['sample/**'],
      },
      manifest: {
        id: '/',
        name: 'Báo Offline — đọc tin không cần mạng',
        short_name: 'Báo Offline',
        description: 'Đọc tin tức mọi lúc, kể cả khi không có mạng.',
        lang: 'vi',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: '#0b5d3b',
        background_color: '#ffffff',
        categories: ['news'],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
        shortcuts: [
          { name: 'Tin mới', url: '/', icons: [{ src: '/icons/icon-192.png', sizes: '192x192' }] },
          { name: 'Đã lưu', url: '/da-luu', icons: [{ src: '/icons/icon-192.png', sizes: '192x192' }] },
        ],
      },
    }),
  ],
  build: {
    target: 'es2020',
    sourcemap: false,
  },
  worker: {
    format: 'es',
  },
});
