/*
 * CASVP: show #casvp-hostname-warning when this sign-in page is served from a host name
 * that is not in its data-trusted-hostnames list (space- or comma-separated, case-insensitive).
 * Loaded with "defer" from footer.ftl. Plain ES5, no dependencies, fails closed to "hidden"
 * (no list configured, or any error = no banner).
 */
(function () {
  "use strict";

  function normalize(name) {
    return String(name || "").trim().toLowerCase().replace(/^\[|\]$/g, "").replace(/\.$/, "");
  }

  try {
    var banner = document.getElementById("casvp-hostname-warning");
    if (!banner) {
      return;
    }
    var trusted = (banner.getAttribute("data-trusted-hostnames") || "")
      .split(/[\s,]+/)
      .map(normalize)
      .filter(function (name) { return name.length > 0; });
    if (trusted.length === 0) {
      return;
    }
    if (trusted.indexOf(normalize(window.location.hostname)) === -1) {
      banner.removeAttribute("hidden");
    }
  } catch (e) {
    // Never break the sign-in page.
  }
})();
