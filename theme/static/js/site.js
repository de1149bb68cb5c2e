/* Progressive enhancement: the print and share buttons exist only when this script runs. */
(function () {
  "use strict";

  function pageAddress() {
    var canonical = document.querySelector('link[rel="canonical"]');
    return canonical ? canonical.href : window.location.href;
  }

  function shareOrCopy(status) {
    var data = { title: document.title, url: pageAddress() };
    if (navigator.share) {
      navigator.share(data).catch(function () {});
      return;
    }
    navigator.clipboard.writeText(data.url).then(
      function () { status.textContent = "Đã sao chép địa chỉ trang."; },
      function () { status.textContent = "Không sao chép được; hãy chép địa chỉ ở cuối trang."; }
    );
  }

  function enable(block) {
    var status = block.querySelector('[role="status"]');
    var share = block.querySelector('[data-action="share"]');
    block.querySelector('[data-action="print"]').addEventListener("click", function () { window.print(); });
    if (navigator.share || (navigator.clipboard && window.isSecureContext)) {
      share.addEventListener("click", function () { shareOrCopy(status); });
    } else {
      share.hidden = true;
    }
    block.hidden = false;
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-page-actions]"), enable);
})();
