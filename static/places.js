// Cascading province → commune → village picker over the JSON API (/api/v1/communes, /api/v1/villages).
(function () {
  "use strict";

  function fill(select, items, blank, valueOf, labelOf) {
    select.innerHTML = "";
    var first = document.createElement("option");
    first.value = "";
    first.textContent = blank;
    select.appendChild(first);
    items.forEach(function (item) {
      var option = document.createElement("option");
      option.value = valueOf(item);
      option.textContent = labelOf(item);
      select.appendChild(option);
    });
  }

  function load(url, params) {
    var query = new URLSearchParams(params).toString();
    return fetch(url + "?" + query, { headers: { Accept: "application/json" } }).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    });
  }

  function wire(form) {
    var province = form.querySelector("[data-level=province]");
    var commune = form.querySelector("[data-level=commune]");
    var village = form.querySelector("[data-level=village]");
    province.addEventListener("change", function () {
      fill(commune, [], "— Đang tải… —", null, null);
      fill(village, [], "— Tất cả các thôn —", null, null);
      if (!province.value) { fill(commune, [], "— Chọn xã —"); return; }
      load(form.dataset.communesUrl, { province: province.value }).then(function (items) {
        fill(commune, items, "— Chọn xã —", function (c) { return c.code; }, function (c) { return c.full_name; });
      }).catch(function () { fill(commune, [], "— Không tải được, bấm Xem —"); });
    });
    commune.addEventListener("change", function () {
      if (!commune.value) { fill(village, [], "— Tất cả các thôn —"); return; }
      load(form.dataset.villagesUrl, { commune: commune.value }).then(function (items) {
        fill(village, items, "— Tất cả các thôn —", function (v) { return v.id; }, function (v) { return v.name; });
      }).catch(function () { fill(village, [], "— Không tải được, bấm Xem —"); });
    });
  }

  document.querySelectorAll("[data-places-picker]").forEach(wire);
})();
