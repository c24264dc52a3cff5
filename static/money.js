// "Tiền đã về": show and say each credit once per device, in order, catching up after a drop.
(function () {
  "use strict";
  var root = document.getElementById("money");
  if (!root) { return; }
  var key = "cho40.heard." + root.dataset.merchant;
  var queue = [], busy = false, enabled = false, pending = [], catchingUp = true;
  // One tab per phone speaks: the holder of this lock (the others only show). Without Web Locks, each does.
  var speaker = !navigator.locks;
  var $ = function (id) { return document.getElementById(id); };

  function load() {
    try { return JSON.parse(localStorage.getItem(key)); } catch (e) { return null; }
  }
  function save(heard) { localStorage.setItem(key, JSON.stringify(heard)); }
  function isHeard(heard, id) { return !!heard && (id <= heard.floor || heard.ids.indexOf(id) >= 0); }
  function markHeard(id) {
    var heard = load() || { floor: 0, ids: [] };
    heard.ids.push(id);
    heard.ids.sort(function (a, b) { return a - b; });
    while (heard.ids.length > 300) { heard.floor = Math.max(heard.floor, heard.ids.shift()); }
    save(heard);
  }
  function after(heard) { return heard ? Math.max.apply(null, [heard.floor].concat(heard.ids)) : null; }

  function money(amount) { return String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, ".") + " ₫"; }
  function clock(iso) {
    return new Date(iso).toLocaleTimeString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit", minute: "2-digit" });
  }
  function status(text) { $("money-status").textContent = text; }

  function viVoice() {
    var voices = window.speechSynthesis ? window.speechSynthesis.getVoices() : [];
    for (var i = 0; i < voices.length; i++) { if (/^vi/i.test(voices[i].lang)) { return voices[i]; } }
    return null;
  }
  function playClips(names, done) {
    if (!names.length) { done(); return; }
    var audio = new Audio(root.dataset.voice + names.shift() + ".wav");
    var next = function () { playClips(names, done); };
    audio.onended = next;
    audio.onerror = next;
    var playing = audio.play();
    if (playing && playing.catch) { playing.catch(next); }
  }
  function pump() {
    if (busy || !enabled || !queue.length) { return; }
    var item = queue.shift(), voice = viVoice();
    var done = function () { busy = false; pump(); };
    busy = true;
    if (voice) {
      var utterance = new window.SpeechSynthesisUtterance(item.text);
      utterance.voice = voice;
      utterance.lang = voice.lang;
      utterance.onend = done;
      utterance.onerror = done;
      window.speechSynthesis.speak(utterance);
    } else {
      playClips(item.clips.slice(), done);
    }
  }
  function say(text, clips) { queue.push({ text: text, clips: clips || [] }); pump(); }

  function row(item) {
    if ($("credit-" + item.transaction_id)) { return; }
    var li = document.createElement("li");
    li.id = "credit-" + item.transaction_id;
    li.textContent = clock(item.occurred_at) + " · " + money(item.amount) + (item.content ? " · " + item.content : "");
    $("money-list").insertBefore(li, $("money-list").firstChild);
  }
  function showToday(today) {
    $("money-total").textContent = money(today.total);
    $("money-count").textContent = today.count;
    today.items.slice().reverse().forEach(row);
  }
  function show(credit) {
    $("money-amount").textContent = money(credit.amount);
    $("money-when").textContent = clock(credit.occurred_at);
    $("money-memo").textContent = credit.content;
    $("money-short").hidden = !credit.short_by;
    $("money-short").textContent = credit.short_by ? "Khách chuyển thiếu " + money(credit.short_by) : "";
    root.classList.toggle("money-alarm", !!credit.short_by);
    if (credit.today_total !== null && credit.today_total !== undefined) {
      $("money-total").textContent = money(credit.today_total);
    }
    if (!$("credit-" + credit.transaction_id)) { $("money-count").textContent = Number($("money-count").textContent) + 1; }
    row(credit);
  }
  function receive(credit) {
    show(credit);
    if (!speaker || isHeard(load(), credit.transaction_id)) { return; }
    markHeard(credit.transaction_id);  // before speaking: another tab of this phone then stays silent
    say(credit.say, credit.clips);
  }

  function connect() {
    var heard = load(), url = root.dataset.stream;
    if (heard) { url += "?after=" + after(heard); }
    var source = new EventSource(url);
    source.addEventListener("today", function (event) {
      var today = JSON.parse(event.data);
      if (!load()) { save({ floor: today.last_id, ids: [] }); }
      catchingUp = true;
      pending = [];
      showToday(today);
    });
    source.onmessage = function (event) {
      var credit = JSON.parse(event.data);
      if (catchingUp && credit.replay) { pending.push(credit); } else { receive(credit); }
    };
    source.addEventListener("ready", function (event) {
      var ready = JSON.parse(event.data), heardNow = load();
      var fresh = pending.filter(function (credit) { return !isHeard(heardNow, credit.transaction_id); });
      pending = [];
      catchingUp = false;
      if (speaker && fresh.length > 1 && fresh.length === ready.replayed) { say(ready.say, ready.clips); }
      fresh.forEach(receive);
      status("Đã kết nối · tiền về sẽ được đọc ngay");
    });
    source.onerror = function () { status("Mất mạng — khi có mạng lại sẽ đọc các khoản bị lỡ"); };
  }

  $("money-start").addEventListener("click", function () {
    enabled = true;
    $("money-start").hidden = true;
    pump();
  });
  function speak() {
    speaker = true;
    return new Promise(function () {});  // the lock is held while this tab is open
  }
  if (navigator.locks) {
    navigator.locks.request(key, { ifAvailable: true }, function (lock) {
      connect();
      if (lock) { return speak(); }
      navigator.locks.request(key, speak);  // takes over when the speaking tab closes
    });
  } else {
    connect();
  }
}());
