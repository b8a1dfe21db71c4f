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
