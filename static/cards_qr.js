// "Tạo mã QR có số tiền": show the sale QR full-screen on the merchant's phone.
(function () {
  "use strict";
  document.querySelectorAll(".js-fullscreen").forEach(function (button) {
    var target = document.getElementById(button.dataset.target);
    if (!target || !target.requestFullscreen) { return; }
    button.hidden = false;
    button.addEventListener("click", function () { target.requestFullscreen(); });
  });
  var figure = document.getElementById("sale-qr");
  if (figure) { figure.scrollIntoView({ block: "start" }); }
})();
