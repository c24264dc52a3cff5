// Chợ 4.0 service worker: the sale keypad, the daily tally and the money screen open without a network.
// Pages: network first (fresh totals and form tokens), the last good copy when offline. Assets: cache first.
"use strict";
var CACHE = "cho40-v1";
var PAGES = ["/ban-hang/", "/ban-hang/tong-ngay", "/tien-ve/"];
var ASSETS = ["/static/app.css", "/static/sale.js", "/static/offline.js", "/static/money.js",
              "/static/manifest.webmanifest", "/static/icons/icon-192.png", "/static/favicon.svg"];

function keep(cache, url) {
  return fetch(url, { credentials: "same-origin" }).then(function (response) {
    if (response.ok && !response.redirected) { return cache.put(url, response); }
  }).catch(function () {});
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return Promise.all(ASSETS.concat(PAGES).map(function (url) { return keep(cache, url); }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name !== CACHE; }).map(function (name) {
      return caches.delete(name);
    }));
  }).then(function () { return self.clients.claim(); }));
});

function page(request) {
  return fetch(request).then(function (response) {
    if (response.ok && !response.redirected) {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { cache.put(request.url, copy); });
    }
    return response;
  }).catch(function () {
    return caches.match(request.url, { ignoreSearch: true }).then(function (cached) {
      return cached || new Response("Mất mạng: trang này chưa được lưu trên điện thoại.",
                                    { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    });
  });
}

function asset(request) {
  return caches.match(request).then(function (cached) {
    return cached || fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
      }
      return response;
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request, url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) { return; }
  if (request.mode === "navigate" && PAGES.indexOf(url.pathname) >= 0) { event.respondWith(page(request)); return; }
  if (url.pathname.indexOf("/static/") === 0) { event.respondWith(asset(request)); }
});
