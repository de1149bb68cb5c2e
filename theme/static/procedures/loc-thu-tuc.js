/* Instant filtering of the procedure index (plugins/procedures), an addition only:
   without JavaScript the pre-built pages thu-tuc/cap-xa/, thu-tuc/toan-trinh/ … do the filtering.
   Typing works with or without accents ("dat dai" finds "Đất đai"). */
(function () {
  "use strict";
  var form = document.querySelector(".tt-instant");
  if (!form || !("normalize" in String.prototype)) { return; }

  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }

  var search = form.querySelector("[name=tim]");
  var level = form.querySelector("[name=cap]");
  var online = form.querySelector("[name=truc-tuyen]");
  var status = form.querySelector(".tt-instant__status");
  var groups = Array.prototype.slice.call(document.querySelectorAll(".tt-field"));
  var fieldLinks = document.querySelectorAll(".tt-fields li");

  function matches(item, words, wantedLevel, wantedOnline) {
    var haystack = item.getAttribute("data-tim");
    for (var i = 0; i < words.length; i += 1) {
      if (haystack.indexOf(words[i]) === -1) { return false; }
    }
    if (wantedLevel && (" " + item.getAttribute("data-cap") + " ").indexOf(" " + wantedLevel + " ") === -1) { return false; }
    return !wantedOnline || item.getAttribute("data-truc-tuyen") === wantedOnline;
  }

  function apply() {
    var words = fold(search.value).split(" ").filter(Boolean);
    var wantedLevel = level ? level.value : "";
    var wantedOnline = online ? online.value : "";
    var shown = 0;
    groups.forEach(function (group, index) {
      var inGroup = 0;
      group.querySelectorAll(".tt-list__item").forEach(function (item) {
        var keep = matches(item, words, wantedLevel, wantedOnline);
        item.hidden = !keep;
        if (keep) { inGroup += 1; }
      });
      group.hidden = inGroup === 0;
      if (fieldLinks[index]) { fieldLinks[index].hidden = inGroup === 0; }
      shown += inGroup;
    });
    status.textContent = shown === 0 ? "Không có thủ tục nào phù hợp." : "Có " + shown + " thủ tục phù hợp.";
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
})();
