<#--
  The CASVP password rules, shown before the agent types a new password (update
  password, and later the reset and registration pages). They describe the casvp
  realm's policies (casvp-entropy, casvp-sequence, casvp-personal, casvp-blocklist,
  casvp-breached); the minimum length is the theme property casvpPasswordMinLength,
  to keep equal to the realm's casvp-entropy min.
-->
<#macro rules>
<section id="casvp-password-rules" class="pf-v5-c-alert pf-m-info pf-m-inline casvp-panel" aria-labelledby="casvp-password-rules-title">
    <div class="pf-v5-c-alert__icon">
        <i class="fas fa-fw fa-info-circle" aria-hidden="true"></i>
    </div>
    <h2 id="casvp-password-rules-title" class="pf-v5-c-alert__title">${msg("casvp.passwordRules.title")}</h2>
    <div class="pf-v5-c-alert__description">
        <ul class="pf-v5-c-list casvp-tips">
            <li>${msg("casvp.passwordRules.length", (properties.casvpPasswordMinLength!"12"))}</li>
            <li>${msg("casvp.passwordRules.passphrase")}</li>
            <li>${msg("casvp.passwordRules.noPersonal")}</li>
            <li>${msg("casvp.passwordRules.noCommon")}</li>
            <li>${msg("casvp.passwordRules.noBreached")}</li>
            <li>${msg("casvp.passwordRules.unique")}</li>
        </ul>
    </div>
</section>
</#macro>

<#--
  A checklist under the new-password field, updated while the agent types (js/casvp-password-checklist.js,
  in the page only: the password never leaves it before submit). It checks what a page can check
  (length, runs of keys, letters or digits, the identifier's parts); common and stolen passwords are
  checked by the server on submit, which stays the judge and lists every rule refused at once.
  Hidden without JavaScript; a polite live region says how many rules are met.
-->
<#macro checklist>
<#local minLength = (properties.casvpPasswordMinLength!"12")?trim>
<div id="casvp-password-checklist" class="casvp-checklist" hidden
     data-min-length="${minLength}" data-identifier="${(auth.attemptedUsername)!""}"
     data-met="${msg("casvp.checklist.met")}" data-not-met="${msg("casvp.checklist.notMet")}"
     data-status="${msg("casvp.checklist.status")}">
    <p id="casvp-password-checklist-title" class="casvp-checklist-title">${msg("casvp.checklist.title")}</p>
    <ul class="pf-v5-c-list pf-m-plain casvp-checklist-rules" aria-labelledby="casvp-password-checklist-title">
        <li data-rule="length"><span class="casvp-check-state" aria-hidden="true"></span>
            <span>${msg("casvp.checklist.length", minLength)}</span> <span class="casvp-check-said casvp-sr-only"></span></li>
        <li data-rule="sequence"><span class="casvp-check-state" aria-hidden="true"></span>
            <span>${msg("casvp.checklist.sequence")}</span> <span class="casvp-check-said casvp-sr-only"></span></li>
        <li data-rule="personal"><span class="casvp-check-state" aria-hidden="true"></span>
            <span>${msg("casvp.checklist.personal")}</span> <span class="casvp-check-said casvp-sr-only"></span></li>
    </ul>
    <p class="casvp-checklist-note">${msg("casvp.checklist.onSubmit")}</p>
    <p id="casvp-password-checklist-status" class="casvp-sr-only" aria-live="polite"></p>
</div>
<script src="${url.resourcesPath}/js/casvp-password-checklist.js" defer></script>
</#macro>
