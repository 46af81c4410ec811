// TrustAgain's service worker: the guide readable with no connection, and nothing personal ever kept.
//
// The server puts two constants above this text: `version`, which changes whenever the guide, the assets or the
// app change (so the browser installs this worker again and the old copy is deleted), and `precache`, the public
// addresses to keep. Nothing outside that list is ever stored: signed-in pages go to the network, and when there
// is none the calm offline page is shown instead of an old copy.
"use strict";

const cacheName = `guide-${version}`;
const kept = new Set(precache);
const offlinePage = "/offline";

self.addEventListener("install", event => {
    event.waitUntil((async () => {
        const cache = await caches.open(cacheName);
        await Promise.all(precache.map(async path => {
            // Without credentials the server renders what a visitor sees, never a signed-in person's page, even
            // when this worker is installed from a signed-in page.
            const response = await fetch(path, { credentials: "omit", cache: "no-cache" });
            const cacheControl = response.headers.get("Cache-Control") ?? "";
            if (!response.ok || response.redirected || cacheControl.includes("no-store")) {
                throw new Error(`${path} cannot be kept for offline reading (${response.status}).`);
            }
            await cache.put(path, response);
        }));
        await self.skipWaiting();
    })());
});

self.addEventListener("activate", event => {
    event.waitUntil((async () => {
        const names = await caches.keys();
        await Promise.all(names.filter(name => name !== cacheName).map(name => caches.delete(name)));
        await self.clients.claim();
    })());
});

// Only reads are answered here; a form that is sent goes to the server untouched, so sign-in, antiforgery and the
// Clear-Site-Data that sign-out sends work exactly as without this worker.
self.addEventListener("fetch", event => {
    const request = event.request;
    const url = new URL(request.url);
    if (request.method !== "GET" || url.origin !== self.location.origin) return;
    const keptCopy = kept.has(url.pathname) && url.search === "";
    if (request.mode === "navigate") {
        event.respondWith(keptCopy ? networkThenKeptCopy(request, url.pathname) : networkOrOfflinePage(request));
    } else if (keptCopy) {
        event.respondWith(keptCopyThenNetwork(request, url.pathname));
    }
});

// A guide page comes fresh from the network when there is one (a signed-in person sees their own header), and from
// the copy kept at install when there is not. The fresh page is never stored: it may have been rendered for them.
async function networkThenKeptCopy(request, path) {
    try {
        return await fetch(request);
    } catch {
        const cache = await caches.open(cacheName);
        return (await cache.match(path)) ?? (await cache.match(offlinePage)) ?? Response.error();
    }
}

async function networkOrOfflinePage(request) {
    try {
        return await fetch(request);
    } catch {
        const cache = await caches.open(cacheName);
        return (await cache.match(offlinePage)) ?? Response.error();
    }
}

// Styles, scripts and icons kept at install are the same for everyone, and fingerprinted ones never change.
async function keptCopyThenNetwork(request, path) {
    const cache = await caches.open(cacheName);
    return (await cache.match(path)) ?? fetch(request);
}
