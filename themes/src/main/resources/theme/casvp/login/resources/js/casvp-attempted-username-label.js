/*
 * CASVP: keycloak.v2's template shows the identifier already typed in a read-only field,
 * #kc-attempted-username, whose label points at "username" (for="username"), so the field
 * has no accessible name (axe "label", critical; RGAA 11.1). Until Keycloak fixes its
 * template, the label is tied to the field here, without copying template.ftl. Plain ES5.
 */
(function () {
  "use strict";
  try {
    var field = document.getElementById("kc-attempted-username");
    var label = document.querySelector("label[for='username']");
    if (field && label && !document.getElementById("username")) {
      label.setAttribute("for", "kc-attempted-username");
    }
  } catch (e) {
    // Never break the sign-in page.
  }
})();
