// The worker page's service worker (scope /w/): the page, its scripts and
// today's data come from the network when there is one and from this cache
// when there is none, so the field log works offline. Entries are not sent
// from here: the page keeps them in IndexedDB and sends them itself.
'use strict';
const CACHE = 'outreach-w-1';
const SHELL = ['/static/app.css', '/static/i18n.js', '/static/links.js', '/static/field.js',
  '/static/icon.svg', '/vendor/leaflet/leaflet.js', '/vendor/leaflet/leaflet.css'];

self.addEventListener('install', (ev) => {
  ev.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (ev) => {
  ev.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE)
    .map((k) => caches.delete(k)))).then(() => self.clients.claim()));
});

// Network first (the answer is kept), the cache when offline.
async function networkFirst(req) {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(req);
    if (res.ok) cache.put(req, res.clone());
    return res;
  } catch (e) {
    const hit = await cache.match(req);
    if (hit) return hit;
    throw e;
  }
}

self.addEventListener('fetch', (ev) => {
  const u = new URL(ev.request.url);
  if (ev.request.method !== 'GET' || u.origin !== location.origin) return;
  if (/^\/(w|static|vendor|api\/link)\//.test(u.pathname)) ev.respondWith(networkFirst(ev.request));
});
