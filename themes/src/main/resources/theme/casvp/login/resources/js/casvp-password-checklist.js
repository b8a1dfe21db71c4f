/*
 * CASVP: the checklist under the new-password field (password-rules.ftl), updated while the
 * agent types. Everything happens in this page: the password is read from the field and never
 * sent, stored or logged before the form is submitted. The rules mirror what casvp-entropy
 * (length), casvp-sequence(4) and casvp-personal check; the server stays the judge and, on
 * submit, lists every rule it refuses. Plain ES5, no dependencies; any error leaves the
 * checklist hidden and the form as Keycloak made it.
 */
(function () {
  "use strict";

  var RUN = 4;
  var KEYBOARD_ROWS = ["azertyuiop", "qsdfghjklm", "wxcvbn", "qwertyuiop", "asdfghjkl", "zxcvbnm",
    "1234567890", "&é\"'(-è_çà"];

  function plain(text) {
    var lower = String(text || "").toLowerCase();
    return lower.normalize ? lower.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : lower;
  }

  function codePoints(text) {
    var count = 0;
    for (var i = 0; i < text.length; i++) {
      var code = text.charCodeAt(i);
      if (code < 0xDC00 || code > 0xDFFF) {
        count++;
      }
    }
    return count;
  }

  function hasRun(text) {
    if (/(.)\1{3}/.test(text)) {
      return true;
    }
    for (var i = 0; i + RUN <= text.length; i++) {
      var up = true;
      var down = true;
      for (var j = 1; j < RUN; j++) {
        var step = text.charCodeAt(i + j) - text.charCodeAt(i + j - 1);
        var sameKind = /[a-z0-9]/.test(text.charAt(i + j)) && /[a-z0-9]/.test(text.charAt(i + j - 1));
        up = up && sameKind && step === 1;
        down = down && sameKind && step === -1;
      }
      if (up || down) {
        return true;
      }
    }
    for (var r = 0; r < KEYBOARD_ROWS.length; r++) {
      var row = plain(KEYBOARD_ROWS[r]); // compared as the typed text is: without accents
      var reversed = row.split("").reverse().join("");
      for (var k = 0; k + RUN <= row.length; k++) {
        if (text.indexOf(row.substr(k, RUN)) !== -1 || text.indexOf(reversed.substr(k, RUN)) !== -1) {
          return true;
        }
      }
    }
    return false;
  }

  function hasPersonal(text, identifier) {
    var parts = plain(identifier).split(/[^a-z0-9]+/);
    for (var i = 0; i < parts.length; i++) {
      if (parts[i].length >= RUN && text.indexOf(parts[i]) !== -1) {
        return true;
      }
    }
    return false;
  }

  try {
    var checklist = document.getElementById("casvp-password-checklist");
    var field = document.getElementById("password-new");
    var status = document.getElementById("casvp-password-checklist-status");
    if (!checklist || !field || !status) {
      return;
    }
    var minLength = parseInt(checklist.getAttribute("data-min-length"), 10) || 12;
    var identifier = checklist.getAttribute("data-identifier") || "";
    var items = checklist.querySelectorAll("li[data-rule]");
    var said = "";
    var timer = null;

    var update = function (event) {
      var typed = field.value || "";
      var text = plain(typed);
      var met = {
        length: codePoints(typed) >= minLength,
        sequence: typed.length > 0 && !hasRun(text),
        personal: typed.length > 0 && !hasPersonal(text, identifier)
      };
      var count = 0;
      for (var i = 0; i < items.length; i++) {
        var ok = met[items[i].getAttribute("data-rule")] === true;
        count += ok ? 1 : 0;
        items[i].className = ok ? "casvp-check-met" : "casvp-check-not-met";
        items[i].querySelector(".casvp-check-said").textContent =
          checklist.getAttribute(ok ? "data-met" : "data-not-met");
      }
      var summary = checklist.getAttribute("data-status")
        .replace("{0}", String(count)).replace("{1}", String(items.length));
      if (!event) {
        said = summary; // the page just opened: nothing to announce yet
        return;
      }
      // said politely, once the agent pauses: a screen reader is not interrupted at each key
      if (timer) {
        clearTimeout(timer);
      }
      timer = setTimeout(function () {
        if (summary !== said) {
          said = summary;
          status.textContent = summary;
        }
      }, 700);
    };

    field.addEventListener("input", update);
    checklist.removeAttribute("hidden");
    update();
  } catch (e) {
    // Never break the page: the server checks the password anyway.
  }
})();
