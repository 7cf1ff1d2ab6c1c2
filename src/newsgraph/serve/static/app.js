// newsgraph serve: a little progressive enhancement; every page works without it.
(function () {
  "use strict";
  function ready(fn) { if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn); }
  ready(function () {
    var article = document.querySelector(".article");
    if (!article) return;
    // legend: switch a kind of highlight off and on
    document.querySelectorAll("#legend input[data-layer]").forEach(function (box) {
      box.addEventListener("change", function () { article.classList.toggle("hide-" + box.dataset.layer, !box.checked); });
    });
    // open or close every removed stretch (chrome, captions, credits) at once
    var toggle = document.getElementById("toggle-removed");
    if (toggle) toggle.addEventListener("click", function () {
      var all = article.querySelectorAll("details.removed");
      var open = !Array.prototype.every.call(all, function (d) { return d.open; });
      all.forEach(function (d) { d.open = open; });
      toggle.textContent = open ? "hide removed text" : "show removed text";
    });
    // a link to #qN: open the removed stretch around it if any, mark it and bring it into view
    function target() {
      var id = decodeURIComponent(location.hash.slice(1));
      var el = id && document.getElementById(id);
      if (!el) return;
      for (var p = el.parentElement; p; p = p.parentElement) if (p.tagName === "DETAILS") p.open = true;
      document.querySelectorAll(".quote.target").forEach(function (q) { q.classList.remove("target"); });
      el.classList.add("target");
      el.scrollIntoView({ block: "center" });
    }
    window.addEventListener("hashchange", target);
    target();
  });
})();
