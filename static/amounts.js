// Money inputs (data-amount): digits grouped with dots as they are typed, 125000 → 125.000.
(function () {
  "use strict";
  function group(value) {
    var digits = value.replace(/\D/g, "").replace(/^0+(?=\d)/, "");
    return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("input[data-amount]"), function (input) {
      input.value = group(input.value);
      input.addEventListener("input", function () { input.value = group(input.value); });
    });
  });
}());
