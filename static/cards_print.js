// Print page: download a street/market sheet with a progress bar, from the streamed PDF's size.
(function () {
  "use strict";
  var BYTES_PER_CARD = 12000; // rough size of one card in the sheet, only for the progress estimate

  function download(link) {
    var row = link.parentElement;
    var bar = row.querySelector(".sheet-progress");
    var status = row.querySelector(".sheet-status");
    var cards = parseInt(link.dataset.cards, 10) || 1;
    var expected = cards * BYTES_PER_CARD;
    bar.hidden = false;
    status.textContent = "Đang tạo " + cards + " thẻ…";
    fetch(link.href, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok || !response.body) { throw new Error("HTTP " + response.status); }
      var reader = response.body.getReader();
      var parts = [], received = 0;
      function pump() {
        return reader.read().then(function (step) {
          if (step.done) { return new Blob(parts, { type: "application/pdf" }); }
          parts.push(step.value);
          received += step.value.length;
          bar.value = Math.min(cards, Math.round(cards * received / expected));
          status.textContent = Math.round(received / 1024) + " KB";
          return pump();
        });
      }
      return pump();
    }).then(function (blob) {
      bar.value = cards;
      status.textContent = "Xong: " + cards + " thẻ.";
      var url = URL.createObjectURL(blob);
      var save = document.createElement("a");
      save.href = url;
      save.download = "the-qr.pdf";
      document.body.appendChild(save);
      save.click();
      save.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    }).catch(function (error) {
      status.textContent = "Lỗi khi tải: " + error.message + ". Bấm lại để thử.";
    });
  }

  document.querySelectorAll(".js-sheet").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (!window.fetch || !window.ReadableStream) { return; } // old browsers just follow the link
      event.preventDefault();
      download(link);
    });
  });
})();
