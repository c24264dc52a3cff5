// Sales and tallies typed without a network wait on the phone (IndexedDB) with their idempotency keys and are
// sent once the network is back: chờ gửi → đã ghi, or lỗi with the server's reason. Also installs the app.
(function () {
  "use strict";
  if ("serviceWorker" in navigator) { navigator.serviceWorker.register("/sw.js", { scope: "/" }); }
  var form = document.querySelector("form[data-offline]");
  if (!form || !window.indexedDB) { return; }
  var LABELS = { waiting: "chờ gửi", sent: "đã ghi", failed: "lỗi" };
  var list = document.createElement("ul");
  list.className = "outbox";
  list.id = "outbox";
  form.parentNode.insertBefore(list, form.nextSibling);

  function store(mode, work) {
    return new Promise(function (resolve, reject) {
      var opening = indexedDB.open("cho40", 1);
      opening.onupgradeneeded = function () { opening.result.createObjectStore("outbox", { keyPath: "key" }); };
      opening.onerror = function () { reject(opening.error); };
      opening.onsuccess = function () {
        var db = opening.result, tx = db.transaction("outbox", mode), result = work(tx.objectStore("outbox"));
        tx.oncomplete = function () { db.close(); resolve(result && result.result); };
        tx.onerror = function () { db.close(); reject(tx.error); };
      };
    });
  }
  function all() { return store("readonly", function (items) { return items.getAll(); }); }
  function put(item) { return store("readwrite", function (items) { items.put(item); }); }

  function digits(name) { return Number((form.elements[name].value || "").replace(/\D/g, "")); }
  function body() {
    var merchant = Number(form.dataset.merchant);
    if (form.dataset.offline === "sale") {
      var method = form.querySelector("input[name=method]:checked");
      return { merchant_id: merchant, amount: digits("amount"), method: method ? method.value : "vietqr",
               occurred_at: new Date().toISOString() };
    }
    var tally = { merchant_id: merchant, day: form.elements.day.value };
    ["cash_count", "cash_value", "cashless_count", "cashless_value"].forEach(function (name) { tally[name] = digits(name); });
    return tally;
  }
  function newKey() {
    return window.crypto && crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random();
  }

  function show() {
    return all().then(function (items) {
      list.textContent = "";
      items.sort(function (a, b) { return a.created - b.created; }).forEach(function (item) {
        var li = document.createElement("li");
        li.className = "outbox-" + item.state;
        var what = item.kind === "sale" ? String(item.body.amount).replace(/\B(?=(\d{3})+(?!\d))/g, ".") + " ₫"
          : "Tổng ngày " + item.body.day;
        li.textContent = what + " · " + LABELS[item.state] + (item.reason ? " — " + item.reason : "");
        list.appendChild(li);
      });
    });
  }

  function freshToken() {
    return fetch(form.action, { credentials: "same-origin", cache: "no-store" }).then(function (response) {
      return response.text();
    }).then(function (html) {
      var found = /name="csrf_token" (?:type="hidden" )?value="([^"]+)"/.exec(html);
      return found ? found[1] : "";
    });
  }
  function send(item, token) {
    return fetch(item.url, {
      method: "POST", credentials: "same-origin", body: JSON.stringify(item.body),
      headers: { "Content-Type": "application/json", "Idempotency-Key": item.key, "X-CSRFToken": token }
    }).then(function (response) {
      if (response.ok) { item.state = "sent"; item.reason = ""; return put(item); }
      if (response.status === 401) {  // signed out meanwhile: keep it until the merchant signs in again
        item.reason = "đăng nhập lại để gửi";
        return put(item);
      }
      return response.json().then(function (answer) {
        item.state = "failed";
        item.reason = (answer.error && answer.error.message) || ("HTTP " + response.status);
        return put(item);
      });
    });
  }
  var flushing = false;
  function flush() {
    if (flushing || !navigator.onLine) { return Promise.resolve(); }
    flushing = true;
    return all().then(function (items) {
      var waiting = items.filter(function (item) { return item.state === "waiting"; });
      if (!waiting.length) { return null; }
      return freshToken().then(function (token) {
        return waiting.reduce(function (chain, item) {
          return chain.then(function () { return send(item, token); });
        }, Promise.resolve());
      });
    }).catch(function () {}).then(function () { flushing = false; return show(); });
  }

  form.addEventListener("submit", function (event) {
    if (navigator.onLine) { return; }  // online: the ordinary form post
    event.preventDefault();
    var key = form.elements.idempotency_key ? form.elements.idempotency_key.value : newKey();
    put({ key: key, kind: form.dataset.offline, url: form.dataset.api, body: body(), state: "waiting",
          reason: "", created: Date.now() }).then(function () {
      if (form.elements.idempotency_key) { form.elements.idempotency_key.value = newKey(); }
      form.reset();
      return show();
    });
  });
  window.addEventListener("online", flush);
  show().then(flush);
}());
