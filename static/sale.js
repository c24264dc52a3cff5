// "Ghi bán hàng": an on-screen keypad for the amount. Without JavaScript the page is a plain form.
(function () {
  "use strict";
  function group(digits) {
    return digits.replace(/^0+(?=\d)/, "").replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }
  function press(input, key) {
    var digits = input.value.replace(/\D/g, "");
    if (key === "⌫") {
      digits = digits.slice(0, -1);
    } else if (digits.length < 11) {
      digits = digits + key;
    }
    input.value = digits ? group(digits) : "";
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.documentElement.classList.add("js");
    var pad = document.querySelector(".sale-keypad");
    if (!pad) { return; }
    var input = document.getElementById(pad.getAttribute("data-target"));
    pad.addEventListener("click", function (event) {
      var key = event.target.getAttribute("data-key");
      if (key) { press(input, key); }
    });
    input.addEventListener("input", function () {
      var digits = input.value.replace(/\D/g, "");
      input.value = digits ? group(digits) : "";
    });
  });
}());
